/**
 * My progress: the trainee's name (optional), completion of the onboarding path, per-scenario results,
 * and export or import of attempts. Everything is read from the progress store.
 */
import { listScenarios, loadCurriculum } from '../../content/catalog';
import {
  type AttemptSummary,
  completion,
  describeSetAside,
  exportFileName,
  importInto,
  isComplete,
  moduleStatus,
  type Profile,
  type ProgressStore,
  parseJsonImport,
  type SetAsideRecord,
  toCsvAttempts,
  toCsvDecisions,
  toJsonExport,
} from '../../progress';
import { h } from '../dom';

export interface ProgressDeps {
  store: ProgressStore;
  attempts: AttemptSummary[];
  profile: Profile;
  setAside: SetAsideRecord[];
  /** The outcome of the last action (saved name, import result), announced on arrival. */
  message: string | undefined;
  onCertificate: () => void;
  onChanged: (message: string) => void;
  onDone: () => void;
}

export function scenarioTitles(): Record<string, string> {
  return Object.fromEntries(
    listScenarios().flatMap((e) => (e.summary ? [[e.summary.id, e.summary.title]] : [])),
  );
}

function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
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
    void deps.store.setProfile({ displayName: input.value }).then(() => deps.onChanged('Name saved.'));
  });
  return form;
}

function transfer(deps: ProgressDeps): HTMLElement {
  const { attempts, profile } = deps;
  const file = h('input', { id: 'import-file', type: 'file', accept: 'application/json,.json' });
  const status = h('p', { role: 'status', class: 'muted' });
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    if (!picked) return;
    void picked.text().then(async (text) => {
      const parsed = parseJsonImport(text);
      const outcome = await importInto(deps.store, parsed);
      if (!outcome.ok) {
        status.textContent = outcome.error;
        status.className = 'notice';
        return;
      }
      deps.onChanged(`Imported ${outcome.added} attempt(s); ${outcome.skipped} already here were skipped.`);
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
          onclick: () =>
            download(exportFileName('attempts'), 'text/csv;charset=utf-8', toCsvAttempts(attempts, profile)),
        },
        'Attempts (CSV)',
      ),
      h(
        'button',
        {
          class: 'btn btn--ghost btn--small',
          type: 'button',
          onclick: () =>
            download(
              exportFileName('decisions'),
              'text/csv;charset=utf-8',
              toCsvDecisions(attempts, profile),
            ),
        },
        'Every decision (CSV)',
      ),
      h(
        'button',
        {
          class: 'btn btn--ghost btn--small',
          type: 'button',
          onclick: () =>
            download(exportFileName('json'), 'application/json', toJsonExport(profile, attempts)),
        },
        'Everything (JSON)',
      ),
    ),
    h('label', { for: 'import-file' }, 'Import a JSON export: '),
    file,
    status,
  );
}

export function renderProgress(root: HTMLElement, deps: ProgressDeps): () => void {
  const titles = scenarioTitles();
  const curriculum = loadCurriculum();
  const statuses = curriculum.ok ? moduleStatus(curriculum.curriculum, deps.attempts, { titles }) : [];
  const done = completion(statuses);
  const scenarios = statuses.flatMap((m) => m.scenarios);
  const setAside = describeSetAside(deps.setAside);
  const heading = h('h1', { id: 'progress-heading', tabindex: -1 }, 'My progress');
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
      deps.message ? h('p', { class: 'notice', role: 'status' }, deps.message) : null,
      deps.store.notice ? h('p', { class: 'notice', role: 'status' }, deps.store.notice) : null,
      setAside ? h('p', { class: 'notice', role: 'status' }, setAside) : null,
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
      h(
        'table',
        { class: 'compare progress-table' },
        h('caption', { class: 'visually-hidden' }, 'Results by scenario'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Scenario', 'Attempts', 'Best', 'Best assessed', 'Passed', 'Last played'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...scenarios.map((s) =>
            h(
              'tr',
              { 'data-scenario-id': s.scenarioId },
              h('th', { scope: 'row' }, s.title),
              h('td', {}, s.attempts),
              h('td', {}, s.bestScore ?? '\u2014'),
              h('td', {}, s.bestAssessed ?? '\u2014'),
              h('td', {}, s.passed ? 'Yes' : 'Not yet'),
              h('td', {}, dateOf(s.lastPlayed)),
            ),
          ),
        ),
      ),
      transfer(deps),
    ),
  );
  heading.focus();
  return () => undefined;
}
