/**
 * Types a line into an element character by character, skippable at any moment. Under reduced motion,
 * or at speed 0, the whole line appears at once. Timing uses requestAnimationFrame, not timers, so it
 * pauses with the tab and costs nothing when idle.
 */
export interface Typing {
  /** Shows the whole line now. */
  finish(): void;
  readonly done: Promise<void>;
  cancel(): void;
}

export function typeInto(el: HTMLElement, text: string, charsPerSecond: number): Typing {
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  let frame = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    cancelAnimationFrame(frame);
    el.textContent = text;
    resolveDone();
  };
  if (charsPerSecond <= 0 || text.length === 0) {
    finish();
    return { finish, done, cancel: finish };
  }
  const start = performance.now();
  el.textContent = '';
  const tick = (now: number): void => {
    const shown = Math.floor(((now - start) / 1000) * charsPerSecond);
    if (shown >= text.length) {
      finish();
      return;
    }
    el.textContent = text.slice(0, shown);
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return { finish, done, cancel: finish };
}
