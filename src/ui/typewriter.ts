/**
 * Types a line into an element character by character, skippable at any moment. Under reduced motion,
 * or at speed 0, the whole line appears at once. Timing uses requestAnimationFrame, not timers, so it
 * pauses with the tab and costs nothing when idle. While it types, the element has `data-typing`.
 *
 * The whole line is in the element from the start and the part not yet typed is painted transparent
 * through a CSS Custom Highlight (`::highlight(untyped)` in styles.css). So the line takes its full
 * height at once and the replies below it never move (a trainee may already be reaching for one), a
 * screen reader reading the element gets the whole line, and each new character costs a repaint of
 * that text, never a layout. Browsers without the Highlight API type the text itself instead, with the
 * block's height reserved first.
 */
export interface Typing {
  /** Shows the whole line now. */
  finish(): void;
  readonly done: Promise<void>;
  cancel(): void;
}

/** The not-yet-typed part of every line being typed (one highlight, a range per line). */
const UNTYPED = 'untyped';

interface Reveal {
  /** Shows the first `shown` characters. */
  show(shown: number): void;
  end(): void;
}

/** The line's content: plain text, or text and elements (a phrase in another language is a `<span lang>`). */
export type LineContent = string | readonly (Node | string)[];

function fill(el: HTMLElement, content: LineContent): void {
  if (typeof content === 'string') el.textContent = content;
  else el.replaceChildren(...content);
}

/** The text node and offset where character `index` of the element's text is. */
function position(el: HTMLElement, index: number): [Node, number] {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let left = index;
  let last: Node = el;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (left <= length) return [node, left];
    left -= length;
    last = node;
  }
  return [last, last.textContent?.length ?? 0];
}

function highlightReveal(el: HTMLElement, content: LineContent, text: string): Reveal | undefined {
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
  if (!registry || typeof Highlight === 'undefined') return undefined;
  fill(el, content);
  if (!el.firstChild) return undefined;
  let highlight = registry.get(UNTYPED);
  if (!highlight) {
    highlight = new Highlight();
    registry.set(UNTYPED, highlight);
  }
  const untyped = new Range();
  untyped.setStart(...position(el, 0));
  untyped.setEnd(...position(el, text.length));
  highlight.add(untyped);
  const all = highlight;
  return {
    show: (shown) => untyped.setStart(...position(el, shown)),
    end: () => all.delete(untyped),
  };
}

/** Without the Highlight API: the block keeps the whole line's height, and the text grows. */
function textReveal(el: HTMLElement, content: LineContent, text: string, hold: HTMLElement): Reveal {
  fill(el, content);
  hold.style.minHeight = `${hold.getBoundingClientRect().height}px`;
  el.textContent = '';
  return {
    show: (shown) => {
      el.textContent = text.slice(0, shown);
    },
    end: () => {
      fill(el, content);
      hold.style.minHeight = '';
    },
  };
}

/** `hold`: the block whose height is kept while `el` types (el itself when it is a block). */
export function typeInto(
  el: HTMLElement,
  content: LineContent,
  charsPerSecond: number,
  hold: HTMLElement = el,
): Typing {
  const text =
    typeof content === 'string'
      ? content
      : content.map((part) => (typeof part === 'string' ? part : (part.textContent ?? ''))).join('');
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  if (charsPerSecond <= 0 || text.length === 0) {
    fill(el, content);
    delete el.dataset.typing;
    resolveDone();
    return { finish: () => undefined, done, cancel: () => undefined };
  }
  const reveal = highlightReveal(el, content, text) ?? textReveal(el, content, text, hold);
  el.dataset.typing = 'true';
  let frame = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    cancelAnimationFrame(frame);
    reveal.end();
    delete el.dataset.typing;
    resolveDone();
  };
  const start = performance.now();
  let shownBefore = 0;
  const tick = (now: number): void => {
    // A frame's timestamp is when the frame began, which can be just before `start`.
    const shown = Math.max(0, Math.floor(((now - start) / 1000) * charsPerSecond));
    // A screen that went away mid-line: stop, so the loop does not keep the old screen alive.
    if (shown >= text.length || !el.isConnected) {
      finish();
      return;
    }
    if (shown !== shownBefore) reveal.show(shown);
    shownBefore = shown;
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return { finish, done, cancel: finish };
}
