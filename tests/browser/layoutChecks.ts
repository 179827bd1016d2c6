/**
 * What every screen must hold at every size (issue 17, WCAG 1.4.10 Reflow and 2.5.8 Target Size), checked
 * in the page and reported as readable problems:
 *   - nothing scrolls sideways: the page does not, no element reaches past the window's edges, and no
 *     box hides content sideways;
 *   - no text is clipped: a box that hides overflow has nothing hidden in it;
 *   - every control can be reached: scrolled into view, it is the element under its own centre (not
 *     covered, not off-screen);
 *   - on touch layouts every control is at least 44 x 44 CSS px.
 * The canvas is decorative and screen-reader-only text is clipped to 1 px by design: both are left out.
 */
import type { Page } from 'playwright-core';

export interface LayoutOptions {
  /** Check 44 x 44 px targets. */
  touch: boolean;
  /** Check that no word is broken across lines (reflow: "conversatio / n" is text that did not reflow). */
  words?: boolean;
}

export function layoutProblems(page: Page, options: LayoutOptions): Promise<string[]> {
  return page.evaluate(({ touch, words }) => {
    const problems: string[] = [];
    const name = (el: Element): string => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const cls = el.getAttribute('class')?.split(' ')[0];
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${text ? ` "${text}"` : ''}`;
    };
    // While a modal dialog is open, the page behind it is inert: only the dialog has to be reachable.
    const modal = document.querySelector('dialog:modal');
    const skipped = (el: Element): boolean =>
      Boolean(el.closest('#game, .visually-hidden, [hidden], #announcer, noscript')) ||
      (modal !== null && !modal.contains(el));
    /** Inside a closed <details> (not its summary): not shown until opened. */
    const folded = (el: Element): boolean => {
      const details = el.parentElement?.closest('details:not([open])');
      if (!details) return false;
      const summary = details.querySelector(':scope > summary');
      return !(summary && (summary === el || summary.contains(el))) || folded(details);
    };
    const shown = (el: Element): boolean => {
      if (skipped(el) || folded(el)) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const width = document.documentElement.clientWidth;
    const scroller = document.scrollingElement;
    if (scroller && scroller.scrollWidth > width + 1) {
      problems.push(`the page scrolls sideways (${scroller.scrollWidth} px in ${width} px)`);
    }
    const all = [...document.body.querySelectorAll('*')].filter(shown);
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) {
        problems.push(
          `${name(el)} reaches past the window (${Math.round(r.left)}..${Math.round(r.right)} of ${width})`,
        );
        continue;
      }
      const style = getComputedStyle(el);
      const hidesX = style.overflowX !== 'visible';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      if (hidesX && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth} px sideways`);
      }
      if (hidesY && el.scrollHeight > el.clientHeight + 1) {
        problems.push(`${name(el)} clips ${el.scrollHeight - el.clientHeight} px of its content`);
      }
    }

    const controls = all.filter((el) =>
      el.matches(
        'button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
      ),
    );
    for (const el of controls) {
      // A radio or checkbox is hit through its label: measure the label.
      const input = el as HTMLInputElement;
      const target =
        (input.type === 'radio' || input.type === 'checkbox') && el.closest('label')
          ? (el.closest('label') ?? el)
          : el;
      target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = target.getBoundingClientRect();
      // A link that wraps has one box per line: aim at its first.
      const aim = target.getClientRects()[0] ?? r;
      const x = Math.min(Math.max(aim.left + aim.width / 2, 0), width - 1);
      const y = Math.min(Math.max(aim.top + aim.height / 2, 0), window.innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(target.contains(hit) || hit.contains(target) || el.contains(hit))) {
        problems.push(`${name(el)} cannot be reached: ${hit ? name(hit) : 'nothing'} is on top of it`);
      }
      if (!touch) continue;
      // Links inside a sentence are exempt (2.5.8 Inline); the chart's markers have an equivalent in its
      // table (2.5.8 Equivalent).
      if (el.matches('a') && getComputedStyle(el).display === 'inline') continue;
      if (el.closest('.chart')) continue;
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
        problems.push(
          `${name(target)} is ${Math.round(r.width)} x ${Math.round(r.height)} px (under 44 x 44)`,
        );
      }
    }
    if (words) {
      // A word in two line boxes was broken inside (a hyphen or slash is a place to break, so it splits
      // words here too); replay codes are meant to break anywhere.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !shown(parent) || parent.closest('.replay-code, svg')) continue;
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s\-\u2010-\u2015/]+/g)) {
          if (match[0].length < 2) continue;
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(
            [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
          );
          if (lines.size > 1) problems.push(`${name(parent)}: the word "${match[0]}" is broken across lines`);
        }
      }
    }
    return problems;
  }, options);
}
