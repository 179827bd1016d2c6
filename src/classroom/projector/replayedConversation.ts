/**
 * The projector's copy of the room's conversation: the engine replayed locally from the room's seed and
 * decisions (it is deterministic, so this is the same conversation the server holds). A new decision is
 * played onto the live session, so the scene animates it and the patient reacts; anything else (a rewind,
 * a page opened mid-session) starts a fresh replay. This is the one place the projector touches the
 * engine: when scenes take a conversation port instead of a Session (issue 13), this becomes the room's
 * implementation of that port.
 */
import { Session } from '../../engine/runtime';
import type { ScenarioBundle } from '../../engine/runtime/types';

export type SyncResult = 'unchanged' | 'advanced' | 'replaced';

export class ReplayedConversation {
  session: Session;

  constructor(
    readonly bundle: ScenarioBundle,
    readonly seed: number,
    choices: readonly string[],
  ) {
    this.session = Session.replay(bundle, seed, choices);
  }

  sync(choices: readonly string[]): SyncResult {
    const played = this.session.attempt().choices;
    const extends_ = played.length <= choices.length && played.every((id, i) => choices[i] === id);
    if (extends_ && played.length === choices.length) return 'unchanged';
    if (extends_) {
      for (const id of choices.slice(played.length)) this.session.choose(id);
      return 'advanced';
    }
    this.session.stop();
    this.session = Session.replay(this.bundle, this.seed, choices);
    return 'replaced';
  }

  stop(): void {
    this.session.stop();
  }
}
