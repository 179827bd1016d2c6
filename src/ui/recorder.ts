/**
 * Keeps the progress store in step with a conversation being played: the conversation in progress is
 * saved under its attempt id after every choice (so a reload can offer to continue, and two tabs never
 * share a slot), and the finished attempt is recorded once, at the debrief. Storage problems never
 * interrupt play: the store degrades to memory and says so itself.
 */
import type { ScoreReport } from '../engine/runtime/scoring';
import type { Session } from '../engine/runtime/session';
import {
  type AttemptMeta,
  type InProgress,
  inProgressOf,
  type ProgressStore,
  summariseAttempt,
} from '../progress';

export class AttemptRecorder {
  private readonly unsubscribe: () => void;
  private recorded = false;

  constructor(
    private readonly store: ProgressStore,
    readonly session: Session,
    readonly meta: AttemptMeta & { turnTimes: string[] },
    /**
     * Told each save (and undefined once finished or abandoned), and whether the store's copy already
     * survives a reload: the tab keeps its own copy.
     */
    private readonly onSaved: (entry: InProgress | undefined, survivesReload: boolean) => void,
  ) {
    this.unsubscribe = session.subscribe((view) => {
      while (this.meta.turnTimes.length < view.turn) this.meta.turnTimes.push(new Date().toISOString());
      if (view.status === 'active') void this.save();
    });
    void this.save();
  }

  private save(): Promise<void> {
    const entry = inProgressOf(this.session, this.meta);
    // The store mirrors the entry before its first await, so it knows by now whether a reload finds it.
    const saved = this.store.saveInProgress(entry);
    this.onSaved(entry, this.store.lastSaveSurvivesReload);
    return saved;
  }

  /** Records the finished attempt (once) and forgets its conversation in progress. */
  async finish(report: ScoreReport): Promise<void> {
    if (this.recorded) return;
    this.recorded = true;
    this.unsubscribe();
    this.onSaved(undefined, false);
    await this.store.addAttempt(summariseAttempt(this.session, report, this.meta, new Date()));
    await this.store.clearInProgress(this.meta.attemptId);
  }

  /** The trainee left on purpose: nothing to resume. */
  async abandon(): Promise<void> {
    this.unsubscribe();
    this.onSaved(undefined, false);
    await this.store.clearInProgress(this.meta.attemptId);
  }

  /** Another conversation took over this attempt (rewind, replay from a turn): stop listening, keep the save. */
  detach(): void {
    this.unsubscribe();
  }
}
