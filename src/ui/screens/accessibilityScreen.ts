/**
 * The accessibility statement: what is supported, how to use it, and the known limits. Each claim here has a
 * browser test behind it (tests/browser/accessibility.test.ts, contrast.test.ts, reflow.test.ts).
 */
import { h } from '../dom';

export function renderAccessibility(root: HTMLElement, deps: { onDone: () => void }): () => void {
  const heading = h('h1', { id: 'a11y-heading', tabindex: -1 }, 'Accessibility');
  const list = (...items: string[]): HTMLElement =>
    h('ul', { class: 'items' }, ...items.map((i) => h('li', {}, i)));
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'a11y-heading', 'data-screen': 'accessibility' },
      h(
        'div',
        { class: 'convo-header' },
        heading,
        h('button', { class: 'btn', type: 'button', onclick: () => deps.onDone() }, 'Back to title'),
      ),
      h(
        'p',
        {},
        'Good Terms is built to meet WCAG 2.2 level AA. Every screen is checked with axe-core in both themes at every text size, and browser tests play whole conversations with the keyboard alone, record what the live region announces, measure the contrast of the focus ring and field borders against the colours behind them, and check that every screen reflows at 320 CSS pixels wide and at 400% zoom.',
      ),
      h('h2', {}, 'What is supported'),
      list(
        'Keyboard only: Tab and Shift+Tab move between controls, Enter or Space activates, and the arrow keys move between replies. While a reply has focus, the number keys 1 to 9 pick a reply directly; nowhere else do they do anything, and Settings can turn them off. Escape shows the whole line at once.',
        'Leaving a conversation asks first, so a stray key or click does not end an attempt.',
        'Screen readers: all text and controls are real HTML, and every screen has its own page title. The patient’s words, how they look, every change in stress and trust (for example “Trust rose to 62 (trusting). Linda looks relieved.”), the coach’s note, taking back a choice and the end of the conversation are announced politely. Words a patient says in another language (Spanish in one scenario) are marked with their language. The debrief chart has a table with the same numbers, and each marker on it names its turn and what you said.',
        'Text size from 100% to 200% (Settings). Above 100%, stress and trust are also shown as text in the conversation panel, because the drawn meters do not grow with the text. The layout reflows at 320 CSS pixels wide and at 400% zoom: it scrolls vertically, never sideways.',
        'Reduced motion follows your system by default and can be switched on or off in Settings; either way it applies on every screen: no typing effect, no shaking, no animated meters, and the patients do not breathe or blink.',
        'A high-contrast theme. Text contrast is at least 4.5:1. The focus ring is dark with a white edge, so it stands out at least 3:1 on light and dark backgrounds alike; text fields and selects have borders of at least 3:1.',
        'Meters are never shown by colour alone: each has a number, a word (“tense”, “guarded”), its own icon and fill pattern, and can also be shown as text next to the conversation.',
        'No time limits anywhere. Sound is off unless you turn it on, and everything a sound tells is also on screen.',
      ),
      h('h2', {}, 'Known limits'),
      list(
        'The drawn scene (the setting, the patient and the meters on it) is decorative and hidden from screen readers; everything it shows is also given in text: the meters in the panel and the live region, the patient’s expression after each line.',
        'The drawn meters’ labels keep their size when the text size changes; use the text meters instead (shown automatically above 100%).',
        'The chart’s markers are small targets; the table under the chart holds the same information.',
        'Only English is available for the interface and the scenarios; words in another language are marked only where an author listed them.',
        'The game needs JavaScript and a browser with WebGL or canvas support.',
      ),
      h('h2', {}, 'Tell us'),
      h('p', {}, 'If something gets in your way, tell your training coordinator so it can be fixed.'),
    ),
  );
  heading.focus();
  return () => undefined;
}
