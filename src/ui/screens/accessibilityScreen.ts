/** The accessibility statement: what is supported, how to use it, and the known limits. */
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
        'Good Terms aims to meet WCAG 2.2 level AA on every screen. Every screen is checked automatically with axe-core in both themes, and a keyboard-only test plays a full conversation.',
      ),
      h('h2', {}, 'What is supported'),
      list(
        'Keyboard only: Tab and Shift+Tab move between controls, Enter or Space activates, the arrow keys move between replies, and the number keys 1 to 9 pick a reply directly. Escape shows the whole line at once.',
        'Screen readers: all text and controls are real HTML. The patient\u2019s words, how they look and every change in stress and trust are announced politely (for example \u201cTrust rose to 62 (trusting). Linda looks relieved.\u201d). The debrief chart has a table with the same numbers.',
        'Text size from 100% to 200% (Settings); the layout reflows and scrolls vertically, never sideways.',
        'Reduced motion follows your system by default and can be switched on or off: no typing effect, no shaking, no animated meters.',
        'A high-contrast theme; text contrast is at least 4.5:1 and controls and meters at least 3:1 in both themes.',
        'Meters are never shown by colour alone: each has a number, a word (\u201ctense\u201d, \u201cguarded\u201d), its own icon and fill pattern, and can also be shown as text next to the conversation.',
        'No time limits anywhere, and no sound.',
      ),
      h('h2', {}, 'Known limits'),
      list(
        'The drawn scene (the setting and the patient\u2019s face) is decorative; everything it shows is also given in text.',
        'The game needs a browser with WebGL or canvas support and JavaScript.',
      ),
      h('h2', {}, 'Tell us'),
      h('p', {}, 'If something gets in your way, tell your training coordinator so it can be fixed.'),
    ),
  );
  heading.focus();
  return () => undefined;
}
