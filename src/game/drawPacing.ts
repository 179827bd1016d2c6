/**
 * Paces the redraws of animated art (renderOnDemand.ts's partial frames).
 *
 * Why: with a software compositor (a thin client, a GPU-less machine) every frame in which the canvas
 * changes at all costs the canvas's hand-over to the compositor, which reads the whole canvas back
 * however small the change. A meter that eases, a face that fades and a typed line in the same frames
 * did not fit one 16.7 ms frame there. Drawing animated art every other frame halves those hand-overs;
 * the overlay's typing and every DOM change still show at the display's rate. A hold (after an input)
 * keeps the canvas still for a moment the same way. Kept free of Phaser, so the unit tests hold it to
 * its promise.
 */

/** The least time (ms) between two partial frames: animated art is drawn every other 60 Hz frame. */
export const ANIMATION_FRAME_MS = 30;

/**
 * How long (ms) after a key or a pointer is pressed the canvas waits before its next partial frame. An
 * input's answer is in the overlay (the next line and replies), and with the compositor in software a
 * frame that also changes the canvas takes far longer to show: the patient's reaction (meters, face) is
 * drawn a beat after the answer instead of in the same frame (docs/performance.md, round 6).
 */
export const INPUT_HOLD_MS = 100;

/**
 * At most one draw every `gapMs`, and nothing that changed in between is lost: it waits for the next
 * draw allowed.
 */
export class DrawPacing<T> {
  private waitingNow = new Set<T>();
  private lastDrawAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly gapMs: number) {}

  /** How many changed things wait for the next draw allowed. */
  get waiting(): number {
    return this.waitingNow.size;
  }

  /**
   * `dirty` changed by `time`. Returns everything to draw now (what waited and `dirty`), or undefined
   * when nothing has changed or the last draw was under `gapMs` ago; then it all waits.
   */
  take(time: number, dirty: Iterable<T>): Set<T> | undefined {
    for (const item of dirty) this.waitingNow.add(item);
    if (this.waitingNow.size === 0 || time - this.lastDrawAt < this.gapMs) return undefined;
    const now = this.waitingNow;
    this.waitingNow = new Set();
    this.lastDrawAt = time;
    return now;
  }

  /** No draw before `until`; what changes until then waits for it. */
  holdUntil(until: number): void {
    this.lastDrawAt = Math.max(this.lastDrawAt, until - this.gapMs);
  }

  /** A whole frame was drawn at `time`: it drew everything that waited, and counts as a draw (a hold stays). */
  drewAll(time: number): void {
    this.waitingNow = new Set();
    this.lastDrawAt = Math.max(this.lastDrawAt, time);
  }
}
