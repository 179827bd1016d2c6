/**
 * Keeps the progress store in step with a live conversation: the conversation in progress is saved after
 * every choice (so a reload can offer to continue), and a finished attempt is recorded once, at the debrief.
 * Storage problems never interrupt play: the store degrades to memory and says so itself.
 */
import type { Mode } from '../engine/runtime';
import type { ScoreReport } from '../engine/runtime/scoring';
import type { Session } from '../engine/runtime/session';
import { inProgressOf, type ProgressStore, summariseAttempt } from '../progress';

export class AttemptTracker {
  private readonly unsubscribe: () => void;
  private recorded = false;

  constructor(
    private readonly store: ProgressStore,
    readonly session: Session,
    readonly mode: Mode,
    readonly startedAt: Date,
    /** When each earlier choice was made (ISO), for replays that start part-way through. */
    readonly turnTimes: string[],
  ) {
    this.unsubscribe = session.subscribe((view) => {
      while (this.turnTimes.length < view.turn) this.turnTimes.push(new Date().toISOString());
      if (view.status === 'active') void this.save();
    });
    void this.save();
  }

  private save(): Promise<void> {
    return this.store.saveInProgress(
      inProgressOf(this.session, { mode: this.mode, startedAt: this.startedAt, turnTimes: this.turnTimes }),
    );
  }

  /** Records the finished attempt (once) and forgets the conversation in progress. */
  async finish(report: ScoreReport): Promise<void> {
    if (this.recorded) return;
    this.recorded = true;
    this.unsubscribe();
    await this.store.addAttempt(
      summariseAttempt(this.session, report, this.mode, this.startedAt, new Date(), this.turnTimes),
    );
    await this.store.clearInProgress();
  }

  /** The trainee left on purpose: nothing to resume. */
  async abandon(): Promise<void> {
    this.unsubscribe();
    await this.store.clearInProgress();
  }

  /** Another screen took over (rewind, replay): stop listening, keep the save for the successor. */
  detach(): void {
    this.unsubscribe();
  }
}
