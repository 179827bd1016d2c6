/**
 * My progress: the trainee's name (optional), completion of the onboarding path, per-scenario results,
 * and export or import of attempts. Data in, intents out: the records controller does the storage.
 */
import type { CurriculumLoad } from '../../content/source';
import {
  completion,
  describeSetAside,
  isComplete,
  moduleStatus,
  type Profile,
  type SetAsideRecord,
} from '../../progress';
import type { CheckedAttempt } from '../../progress/verify';
import { h, statusAfterInsertion } from '../dom';

export type ExportKind = 'attempts' | 'decisions' | 'json';

export interface ProgressDeps {
  /** Every stored attempt, checked by replay: only verified ones count toward the path. */
  attempts: CheckedAttempt[];
  profile: Profile;
  setAside: SetAsideRecord[];
  /** The store's notice when progress is not being saved normally. */
  storageNotice: string | undefined;
  curriculum: CurriculumLoad;
  titles: Record<string, string>;
  /** The outcome of the last action (saved name, import result), announced on arrival. */
  message: string | undefined;
  onSaveName: (name: string) => Promise<void>;
  onExport: (kind: ExportKind) => Promise<void>;
  /** Resolves with an error to show beside the file field, or undefined when the import went in. */
  onImport: (file: File) => Promise<string | undefined>;
  onCertificate: () => void;
  onDone: () => void;
}

const dateOf = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleDateString() : '\u2014');

function profileForm(deps: ProgressDeps): HTMLElement {
  const input = h('input', {
    id: 'display-name',
    type: 'text',
    autocomplete: 'name',
    maxlength: 80,
    value: deps.profile.displayName ?? '',
  });
  const form = h(
    'form',
    { class: 'replay-form' },
    h('label', { for: 'display-name' }, 'Your name for the certificate (optional)'),
    input,
    h('button', { class: 'btn btn--ghost btn--small', type: 'submit' }, 'Save name'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void deps.onSaveName(input.value);
  });
  return form;
}

function transfer(deps: ProgressDeps): HTMLElement {
  const file = h('input', { id: 'import-file', type: 'file', accept: 'application/json,.json' });
  const status = h('p', { role: 'status', class: 'muted' });
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    if (!picked) return;
    void deps.onImport(picked).then((error) => {
      if (!error) return;
      status.textContent = error;
      status.className = 'notice';
    });
  });
  return h(
    'section',
    { 'aria-labelledby': 'transfer-heading' },
    h('h2', { id: 'transfer-heading' }, 'Export and import'),
    h(
      'p',
      { class: 'muted' },
      'Exports hold your attempts only (no patient data: every patient is fictional). JSON moves them to another computer or to a facilitator.',
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'btn btn--ghost btn--small',
          type: 'button',
          onclick: () => deps.onExport('attempts'),
        },
        'Attempts (CSV)',
      ),
      h(
        'button',
        {
          class: 'btn btn--ghost btn--small',
          type: 'button',
          onclick: () => deps.onExport('decisions'),
        },
        'Every decision (CSV)',
      ),
      h(
        'button',
        {
          class: 'btn btn--ghost btn--small',
          type: 'button',
          onclick: () => deps.onExport('json'),
        },
        'Everything (JSON)',
      ),
    ),
    h(
      'div',
      { class: 'file-field' },
      h('label', { for: 'import-file' }, 'Import a JSON export'),
      file,
      status,
    ),
  );
}

const COLUMNS = ['Attempts', 'Best', 'Best assessed', 'Passed', 'Last played'] as const;

/**
 * Results by scenario. On narrow screens each row is stacked as a small card with its labels (styles.css), so
 * no word is squeezed apart (WCAG 1.4.10); the roles are explicit because a table shown as blocks loses its
 * implicit ones in some browsers.
 */
function resultsTable(scenarios: ReturnType<typeof moduleStatus>[number]['scenarios']): HTMLElement {
  return h(
    'table',
    { class: 'compare stacked-table', role: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Results by scenario'),
    h(
      'thead',
      { role: 'rowgroup' },
      h(
        'tr',
        { role: 'row' },
        ...['Scenario', ...COLUMNS].map((c) => h('th', { scope: 'col', role: 'columnheader' }, c)),
      ),
    ),
    h(
      'tbody',
      { role: 'rowgroup' },
      ...scenarios.map((s) => {
        const values = [
          s.attempts,
          s.bestScore ?? '\u2014',
          s.bestAssessed ?? '\u2014',
          s.passed ? 'Yes' : 'Not yet',
          dateOf(s.lastPlayed),
        ];
        return h(
          'tr',
          { 'data-scenario-id': s.scenarioId, role: 'row' },
          h('th', { scope: 'row', role: 'rowheader' }, s.title),
          ...values.map((v, i) => h('td', { role: 'cell', 'data-label': COLUMNS[i] }, v)),
        );
      }),
    ),
  );
}

/** Attempts that did not replay: kept as history, never counted, each with the reason. */
function unverifiedSection(attempts: readonly CheckedAttempt[]): HTMLElement | null {
  const unverified = attempts.flatMap((a) => (a.verified ? [] : [a]));
  if (unverified.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'unverified-heading', 'data-testid': 'unverified' },
    h('h2', { id: 'unverified-heading' }, 'Not verified'),
    h(
      'p',
      { class: 'muted' },
      'These attempts could not be replayed against the scenarios as they are now, so they do not count toward the onboarding path or the certificate.',
    ),
    h(
      'ul',
      { class: 'items' },
      ...unverified.map((a) =>
        h(
          'li',
          { 'data-attempt-id': a.id },
          `\u201c${a.scenarioTitle}\u201d, ${a.mode}, recorded ${dateOf(a.finishedAt)} with a score of ${a.total}: not verified, because ${a.problem}.`,
        ),
      ),
    ),
  );
}

export function renderProgress(root: HTMLElement, deps: ProgressDeps): () => void {
  const { titles, curriculum } = deps;
  const statuses = curriculum.ok ? moduleStatus(curriculum.curriculum, deps.attempts, { titles }) : [];
  const done = completion(statuses);
  const scenarios = statuses.flatMap((m) => m.scenarios);
  const setAside = describeSetAside(deps.setAside);
  const heading = h('h1', { id: 'progress-heading', tabindex: -1 }, 'My progress');
  const notices = [deps.message, deps.storageNotice, setAside].flatMap((text) =>
    text ? [statusAfterInsertion('notice', text)] : [],
  );
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'progress-heading', 'data-screen': 'progress' },
      h(
        'div',
        { class: 'convo-header' },
        heading,
        h('button', { class: 'btn', type: 'button', onclick: () => deps.onDone() }, 'Back to title'),
      ),
      ...notices,
      profileForm(deps),
      h(
        'p',
        { 'data-testid': 'completion' },
        `Onboarding path: ${done.modulesMastered} of ${done.modules} modules mastered, ${done.scenariosPassed} of ${done.scenarios} scenarios passed (${done.percent}%). ${deps.attempts.length} attempts in all.`,
      ),
      curriculum.ok && isComplete(curriculum.curriculum, deps.attempts)
        ? h(
            'button',
            { class: 'btn', type: 'button', onclick: () => deps.onCertificate() },
            'View your certificate',
          )
        : null,
      resultsTable(scenarios),
      unverifiedSection(deps.attempts),
      transfer(deps),
    ),
  );
  heading.focus();
  return () => undefined;
}
