import type { InProgress } from '../../progress';
import { h } from '../dom';

export interface TitleDeps {
  /** Conversations saved before the page was closed or reloaded, this tab's own first. */
  unfinished: InProgress[];
  /** The conversation this tab was playing, if it is among them. */
  ownAttemptId: string | undefined;
  /** Things the trainee must know (storage unavailable, a resume that failed). */
  notices: string[];
  onStart: () => void;
  onResume: (entry: InProgress) => void;
  onDiscard: (entry: InProgress) => void;
  onPath: () => void;
  onProgress: () => void;
  onSettings: () => void;
  onAccessibility: () => void;
}

function resumeItem(entry: InProgress, deps: TitleDeps): HTMLElement {
  const turns = entry.save.choices.length;
  const when = new Date(entry.savedAt).toLocaleString();
  const own = entry.attemptId === deps.ownAttemptId;
  return h(
    'li',
    { class: 'resume__item', 'data-attempt-id': entry.attemptId },
    h(
      'p',
      {},
      h('strong', {}, `\u201c${entry.scenarioTitle}\u201d`),
      `, ${entry.mode}, after ${turns} ${turns === 1 ? 'choice' : 'choices'} (saved ${when})${own ? ', in this tab' : ''}.`,
    ),
    h(
      'div',
      { class: 'title-card__actions' },
      h(
        'button',
        { class: 'btn', type: 'button', onclick: () => deps.onResume(entry) },
        'Continue',
        h('span', { class: 'visually-hidden' }, ` \u201c${entry.scenarioTitle}\u201d`),
      ),
      h(
        'button',
        { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onDiscard(entry) },
        'Discard',
        h('span', { class: 'visually-hidden' }, ` \u201c${entry.scenarioTitle}\u201d`),
      ),
    ),
  );
}

function resumeCard(deps: TitleDeps): HTMLElement {
  return h(
    'section',
    { class: 'resume', 'aria-labelledby': 'resume-heading' },
    h(
      'h2',
      { id: 'resume-heading' },
      deps.unfinished.length === 1 ? 'Continue where you left off?' : 'Unfinished conversations',
    ),
    h('ul', { class: 'resume__list' }, ...deps.unfinished.map((entry) => resumeItem(entry, deps))),
  );
}

export function renderTitle(root: HTMLElement, deps: TitleDeps): () => void {
  const start = h(
    'button',
    { class: 'btn', type: 'button', onclick: () => deps.onStart() },
    'Start practising',
  );
  const card = h(
    'section',
    { class: 'title-card', 'aria-labelledby': 'title-heading', 'data-screen': 'title' },
    h('h1', { id: 'title-heading' }, 'Good Terms'),
    h('p', { class: 'muted' }, 'Money conversations with patients, practised safely.'),
    // Announced through the page's live region (App.showTitle): a region that arrives with its text is often not.
    ...deps.notices.map((n) => h('p', { class: 'notice' }, n)),
    deps.unfinished.length > 0 ? resumeCard(deps) : null,
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
        { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onPath() },
        'Onboarding path',
      ),
      h(
        'button',
        { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onProgress() },
        'My progress',
      ),
      h('button', { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onSettings() }, 'Settings'),
      h(
        'button',
        { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onAccessibility() },
        'Accessibility',
      ),
    ),
  );
  root.append(card);
  ((card.querySelector('.resume .btn') as HTMLButtonElement | null) ?? start).focus();
  return () => undefined;
}
