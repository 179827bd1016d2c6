/**
 * The conversation port: everything a scene or a panel needs from a conversation, and nothing about where
 * it runs. Self-paced play implements it over a local Session (LocalConversation); a classroom room
 * implements it over the network, where `choose` becomes a vote or a facilitator's command. Scenes and
 * screens depend on this interface only, so neither changes between the two.
 */
import type { PatientCue } from '../engine/runtime/compiler';
import type { Session } from '../engine/runtime/session';
import type { ConversationView, ScenarioBundle, TurnRecord } from '../engine/runtime/types';

export interface ConversationPort {
  /** The scenario's content: persona, account facts, titles, reply texts for the transcript. */
  readonly bundle: ScenarioBundle;
  /** The attempt's seed (the patient variant and the shown order of replies come from it). */
  readonly seed: number;
  /** The persona variant the seed picked (coaching can depend on the facts it starts with). */
  readonly variant: string | undefined;
  view(): ConversationView;
  /** Every decision so far, with the meters before and after. */
  log(): readonly TurnRecord[];
  /** The trainee's intent to give this reply. Local play applies it at once; a room may only record a vote. */
  choose(choiceId: string): void;
  /** Called after every change, with the new view. Returns an unsubscribe function. */
  subscribe(listener: (view: ConversationView) => void): () => void;
  /** One-shot cues (a reaction to animate, the end). Returns an unsubscribe function. */
  onCue(listener: (cue: PatientCue) => void): () => void;
}

/** Self-paced play: the port over a Session in this page. */
export class LocalConversation implements ConversationPort {
  constructor(readonly session: Session) {}

  get bundle(): ScenarioBundle {
    return this.session.bundle;
  }

  get seed(): number {
    return this.session.seed;
  }

  get variant(): string | undefined {
    return this.session.context().variant;
  }

  view(): ConversationView {
    return this.session.view();
  }

  log(): readonly TurnRecord[] {
    return this.session.log();
  }

  choose(choiceId: string): void {
    this.session.choose(choiceId);
  }

  subscribe(listener: (view: ConversationView) => void): () => void {
    return this.session.subscribe(listener);
  }

  onCue(listener: (cue: PatientCue) => void): () => void {
    return this.session.onCue(listener);
  }
}
