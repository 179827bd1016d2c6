import { h } from '../dom';

export interface TitleDeps {
  onStart: () => void;
  onSettings: () => void;
  onAccessibility: () => void;
}

export function renderTitle(root: HTMLElement, deps: TitleDeps): () => void {
  const start = h(
    'button',
    { class: 'btn', type: 'button', onclick: () => deps.onStart() },
    'Start practising',
  );
  root.append(
    h(
      'section',
      { class: 'title-card', 'aria-labelledby': 'title-heading', 'data-screen': 'title' },
      h('h1', { id: 'title-heading' }, 'Good Terms'),
      h('p', { class: 'muted' }, 'Money conversations with patients, practised safely.'),
      h(
        'p',
        {},
        'Talk with simulated patients at the front desk, on the phone and at discharge. Collect what is owed, ',
        'protect their rights, and keep their trust: the patient\u2019s stress and trust respond to every word you choose.',
      ),
      h('p', { class: 'muted' }, 'All patients and accounts are fictional.'),
      h(
        'div',
        { class: 'title-card__actions' },
        start,
        h(
          'button',
          { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onSettings() },
          'Settings',
        ),
        h(
          'button',
          { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onAccessibility() },
          'Accessibility',
        ),
      ),
    ),
  );
  start.focus();
  return () => undefined;
}
