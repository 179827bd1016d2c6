/**
 * A classroom room as a conversation port (src/conversation/port.ts), so the game's own scenes draw it
 * unchanged. The engine is replayed in this page from the room's seed and decisions (it is
 * deterministic: this is the conversation the server holds). A decision the server announces is played
 * onto the live session, so the scene animates it and the patient reacts; a rewind, or a page opened
 * mid-session, swaps in a fresh replay and the listeners follow it. Intents go to `intend`: the room
 * decides what a reply becomes (a vote, or nothing on a screen that only shows the room).
 */
import type { ConversationPort } from '../../conversation/port';
import { type ConversationView, type PatientCue, Session } from '../../engine/runtime';
import type { ScenarioBundle, TurnRecord } from '../../engine/runtime/types';

export class RoomConversation implements ConversationPort {
  private session: Session;
  private readonly viewListeners = new Set<(view: ConversationView) => void>();
  private readonly cueListeners = new Set<(cue: PatientCue) => void>();
  private detach: () => void = () => undefined;

  constructor(
    readonly bundle: ScenarioBundle,
    readonly seed: number,
    choices: readonly string[],
    private readonly intend: (choiceId: string) => void,
  ) {
    this.session = Session.replay(bundle, seed, choices);
    this.attach();
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
    this.intend(choiceId);
  }

  subscribe(listener: (view: ConversationView) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  onCue(listener: (cue: PatientCue) => void): () => void {
    this.cueListeners.add(listener);
    return () => this.cueListeners.delete(listener);
  }

  /** Brings the conversation to the room's decisions: played on when they extend it, replayed otherwise. */
  sync(choices: readonly string[]): 'unchanged' | 'advanced' | 'replaced' {
    const played = this.session.attempt().choices;
    const extendsPlayed = played.length <= choices.length && played.every((id, i) => choices[i] === id);
    if (extendsPlayed && played.length === choices.length) return 'unchanged';
    if (extendsPlayed) {
      for (const id of choices.slice(played.length)) this.session.choose(id);
      return 'advanced';
    }
    this.detach();
    this.session.stop();
    this.session = Session.replay(this.bundle, this.seed, choices);
    this.attach();
    const view = this.session.view();
    for (const listener of this.viewListeners) listener(view);
    return 'replaced';
  }

  private attach(): void {
    const offView = this.session.subscribe((view) => {
      for (const listener of this.viewListeners) listener(view);
    });
    const offCue = this.session.onCue((cue) => {
      for (const listener of this.cueListeners) listener(cue);
    });
    this.detach = () => {
      offView();
      offCue();
    };
  }

  stop(): void {
    this.detach();
    this.session.stop();
    this.viewListeners.clear();
    this.cueListeners.clear();
  }
}
