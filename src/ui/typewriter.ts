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

/** `hold`: the block whose height is kept while `el` types (el itself when it is a block). */
export function typeInto(
  el: HTMLElement,
  text: string,
  charsPerSecond: number,
  hold: HTMLElement = el,
): Typing {
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
    hold.style.minHeight = '';
    resolveDone();
  };
  if (charsPerSecond <= 0 || text.length === 0) {
    finish();
    return { finish, done, cancel: finish };
  }
  // The block takes the whole line's height before typing starts, so the replies below it stay put
  // while it types (a trainee may already be reaching for one) and each new character repaints only
  // itself instead of moving everything that follows.
  el.textContent = text;
  hold.style.minHeight = `${hold.getBoundingClientRect().height}px`;
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
