/**
 * The library: every scenario in the onboarding path's order, grouped by its modules, filterable by
 * setting, level and area and searchable by text; each entry says what the trainee has done with it.
 * Picking one opens its details (the objectives) with the button that starts it. The mode picker comes
 * first, so it is chosen before a scenario. Data in, intents out: the app reads the store.
 */

import type { LibraryGroup } from '../../content/order';
import type { CatalogEntry } from '../../content/source';
import type { ScenarioSummary } from '../../engine/runtime';
import { NOT_TRIED, type ScenarioStatus } from '../../progress/library';
import { DIFFICULTY_LABELS, DOMAIN_LABELS, h, SETTING_LABELS } from '../dom';
import type { PlaySettings } from '../types';

/** What the library shows: the filters and the open scenario; the app keeps it between visits. */
export interface LibraryView {
  query: string;
  setting: string;
  difficulty: string;
  domain: string;
  /** The scenario whose details are open, if any. */
  open: string | undefined;
}

export const EMPTY_LIBRARY_VIEW: LibraryView = {
  query: '',
  setting: '',
  difficulty: '',
  domain: '',
  open: undefined,
};

export interface SelectDeps {
  groups: LibraryGroup[];
  statuses: ReadonlyMap<string, ScenarioStatus>;
  play: PlaySettings;
  view: LibraryView;
  /** A message to show at the top (e.g. why a replay code could not be opened). */
  notice: string | undefined;
  onPlayChange: (play: PlaySettings) => void;
  onViewChange: (view: LibraryView) => void;
  onHighlight: (summary: ScenarioSummary) => void;
  onStart: (id: string) => void;
  /** Opens a code; resolves with the reason when it cannot, to show beside the field. */
  onReplayCode: (code: string) => Promise<string | undefined>;
  onBack: () => void;
}

/** The status as one short phrase: what a trainee scanning the list needs. */
export function statusText(status: ScenarioStatus): string {
  const parts: string[] = [];
  if (status.passedAssessment) parts.push('Passed in assessment');
  if (status.inProgress) parts.push('In progress');
  if (status.bestScore !== undefined) parts.push(`best score ${status.bestScore}`);
  if (parts.length === 0) return 'Not tried';
  const text = parts.join(' \u00b7 ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function statusKind(status: ScenarioStatus): string {
  if (status.passedAssessment) return 'passed';
  if (status.inProgress) return 'in-progress';
  return status.attempts > 0 ? 'tried' : 'new';
}

function metaText(s: ScenarioSummary): string {
  return `${SETTING_LABELS[s.setting] ?? s.setting} \u00b7 ${DIFFICULTY_LABELS[s.difficulty] ?? ''} \u00b7 about ${s.estimatedMinutes} min`;
}

/** Every word of the query appears in the scenario's title, summary, patient, objectives or labels. */
function matches(s: ScenarioSummary, view: LibraryView): boolean {
  if (view.setting && s.setting !== view.setting) return false;
  if (view.difficulty && String(s.difficulty) !== view.difficulty) return false;
  if (view.domain && s.domain !== view.domain) return false;
  const words = view.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    s.title,
    s.summary,
    s.personaName,
    ...s.objectives,
    SETTING_LABELS[s.setting] ?? s.setting,
    DOMAIN_LABELS[s.domain] ?? s.domain,
    DIFFICULTY_LABELS[s.difficulty] ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function brokenCard(entry: CatalogEntry): HTMLElement {
  return h(
    'li',
    { class: 'library-item' },
    h(
      'div',
      {
        class: 'scenario-card scenario-card--broken',
        role: 'group',
        'aria-labelledby': `broken-${entry.id}`,
      },
      h('span', { class: 'scenario-card__title', id: `broken-${entry.id}` }, `${entry.id}: unavailable`),
      h('span', { class: 'scenario-card__meta' }, `This scenario has authoring errors in ${entry.file}:`),
      h('pre', {}, entry.errors.join('\n')),
    ),
  );
}

/**
 * A card's button holds only the title, so its accessible name is the title (and matches what it shows);
 * the setting, level, length and status beside it are its description. The button's hit area covers
 * the whole card (styles.css).
 */
function card(s: ScenarioSummary, status: ScenarioStatus, onOpen: () => void, onHighlight: () => void) {
  const id = `card-${s.id}`;
  return h(
    'div',
    { class: 'scenario-card', onmouseenter: onHighlight },
    h(
      'button',
      {
        class: 'scenario-card__open',
        type: 'button',
        'data-scenario-id': s.id,
        'aria-describedby': `${id}-meta ${id}-status`,
        onclick: onOpen,
        onfocus: onHighlight,
      },
      s.title,
    ),
    h('span', { class: 'scenario-card__meta', id: `${id}-meta` }, metaText(s)),
    h(
      'span',
      { class: `scenario-card__status status--${statusKind(status)}`, id: `${id}-status` },
      statusText(status),
    ),
  );
}

function modePicker(deps: SelectDeps, onChange: (play: PlaySettings) => void): HTMLElement {
  let play = { ...deps.play };
  const radio = (mode: PlaySettings['mode'], label: string, hint: string): HTMLElement =>
    h(
      'label',
      { class: 'mode-option' },
      h('input', { type: 'radio', name: 'mode', value: mode, checked: play.mode === mode }),
      h('span', {}, h('strong', {}, label), h('span', { class: 'muted' }, ` ${hint}`)),
    );
  const check = (key: 'hints' | 'coachFeedback', label: string): HTMLElement =>
    h(
      'label',
      { class: 'mode-check' },
      h('input', { type: 'checkbox', name: key, checked: play[key] }),
      ` ${label}`,
    );
  const practiceOptions = h(
    'div',
    { class: 'mode-practice' },
    check('hints', 'Hints: how the patient feels'),
    check('coachFeedback', 'Coach notes after each choice'),
  );
  const fieldset = h(
    'fieldset',
    { class: 'mode-picker' },
    h('legend', {}, 'Mode'),
    radio('practice', 'Practice', 'hints, coach notes, take back a choice'),
    radio('assessment', 'Assessment', 'no help; scored against the pass mark; a compliance failure fails'),
    practiceOptions,
  );
  const sync = (): void => {
    practiceOptions.hidden = play.mode !== 'practice';
  };
  fieldset.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name === 'mode') play = { ...play, mode: input.value as PlaySettings['mode'] };
    else if (input.name === 'hints' || input.name === 'coachFeedback')
      play = { ...play, [input.name]: input.checked };
    sync();
    onChange(play);
  });
  sync();
  return fieldset;
}

function replayCodeForm(deps: SelectDeps): HTMLElement {
  const input = h('input', {
    id: 'replay-code',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'GT1.…',
    'aria-describedby': 'replay-code-error',
  });
  // Empty until there is something to say, so screen readers announce the message when it appears.
  const error = h('p', { id: 'replay-code-error', class: 'field-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'replay-form' },
    h('label', { for: 'replay-code' }, 'Open a replay code'),
    input,
    h('button', { class: 'btn btn--ghost btn--small', type: 'submit' }, 'Open'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = input.value.trim();
    if (!code) return;
    void deps.onReplayCode(code).then((reason) => {
      if (!reason) return;
      // The text stays for the trainee to correct; focus stays with it and the message.
      input.setAttribute('aria-invalid', 'true');
      error.textContent = reason;
      input.focus();
    });
  });
  input.addEventListener('input', () => {
    input.removeAttribute('aria-invalid');
    error.textContent = '';
  });
  return form;
}

/** One choice per value that occurs in the library, in the vocabulary's order. */
function filterSelect(
  id: string,
  label: string,
  all: string,
  options: [value: string, label: string][],
  value: string,
): { field: HTMLElement; select: HTMLSelectElement } {
  const select = h(
    'select',
    { id, name: id },
    h('option', { value: '' }, all),
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  return { field: h('div', { class: 'library-filter' }, h('label', { for: id }, label), select), select };
}

export function renderSelect(root: HTMLElement, deps: SelectDeps): () => void {
  let view = { ...deps.view };
  let play = { ...deps.play };
  const summaries = deps.groups.flatMap((g) => g.entries.flatMap((e) => (e.summary ? [e.summary] : [])));
  const statusOf = (id: string): ScenarioStatus => deps.statuses.get(id) ?? NOT_TRIED;
  const present = <T extends string | number>(values: readonly T[], order: readonly T[]): T[] =>
    order.filter((v) => values.includes(v));

  const search = h('input', {
    id: 'library-search',
    type: 'search',
    autocomplete: 'off',
    value: view.query,
    'aria-describedby': 'library-count',
  });
  const setting = filterSelect(
    'library-setting',
    'Setting',
    'All settings',
    present(
      summaries.map((s) => s.setting),
      Object.keys(SETTING_LABELS) as ScenarioSummary['setting'][],
    ).map((v) => [v, SETTING_LABELS[v] ?? v]),
    view.setting,
  );
  const difficulty = filterSelect(
    'library-difficulty',
    'Level',
    'All levels',
    present(
      summaries.map((s) => s.difficulty),
      [1, 2, 3],
    ).map((v) => [String(v), DIFFICULTY_LABELS[v] ?? String(v)]),
    view.difficulty,
  );
  const domain = filterSelect(
    'library-domain',
    'Area',
    'All areas',
    present(
      summaries.map((s) => s.domain),
      Object.keys(DOMAIN_LABELS) as ScenarioSummary['domain'][],
    ).map((v) => [v, DOMAIN_LABELS[v] ?? v]),
    view.domain,
  );
  const count = h('p', { class: 'library-count muted', id: 'library-count', role: 'status' });
  const clear = h(
    'button',
    { class: 'btn btn--ghost btn--small', type: 'button', 'data-testid': 'clear-filters' },
    'Clear filters',
  );
  const filters = h(
    'div',
    { class: 'library-filters', role: 'search', 'aria-label': 'Find a scenario' },
    h(
      'div',
      { class: 'library-filter library-filter--search' },
      h('label', { for: 'library-search' }, 'Search'),
      search,
    ),
    setting.field,
    difficulty.field,
    domain.field,
    h('div', { class: 'library-filters__foot' }, count, clear),
  );

  const items: { summary: ScenarioSummary; item: HTMLElement }[] = [];
  const sections = deps.groups.map((group, gi) => {
    const headingId = `library-group-${gi}`;
    const list = h(
      'ul',
      { class: 'scenario-list' },
      ...group.entries.map((entry) => {
        const s = entry.summary;
        if (!s) return brokenCard(entry);
        const item = h(
          'li',
          { class: 'library-item' },
          card(
            s,
            statusOf(s.id),
            () => openDetail(s.id),
            () => deps.onHighlight(s),
          ),
        );
        items.push({ summary: s, item });
        return item;
      }),
    );
    return h(
      'section',
      { class: 'library-group', 'aria-labelledby': headingId },
      h('h2', { id: headingId, class: 'library-group__title' }, group.title),
      list,
    );
  });
  const empty = h(
    'p',
    { class: 'library-empty', hidden: true },
    'No scenario matches. Try other words, or clear the filters.',
  );
  const library = h('div', { class: 'library' }, filters, empty, ...sections);
  const detail = h('section', {
    class: 'scenario-detail',
    'aria-labelledby': 'detail-heading',
    hidden: true,
  });

  const applyFilters = (): void => {
    let shown = 0;
    for (const { summary, item } of items) {
      const visible = matches(summary, view);
      item.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const section of sections) {
      section.hidden = !section.querySelector('.library-item:not([hidden])');
    }
    empty.hidden = shown > 0;
    const filtered = view.query !== '' || view.setting !== '' || view.difficulty !== '' || view.domain !== '';
    clear.hidden = !filtered;
    count.textContent = filtered
      ? `Showing ${shown} of ${items.length} scenarios.`
      : `${items.length} scenarios, in the order of the onboarding path.`;
  };
  const update = (next: Partial<LibraryView>): void => {
    view = { ...view, ...next };
    deps.onViewChange(view);
  };
  search.addEventListener('input', () => {
    update({ query: search.value });
    applyFilters();
  });
  for (const [key, select] of [
    ['setting', setting.select],
    ['difficulty', difficulty.select],
    ['domain', domain.select],
  ] as const) {
    select.addEventListener('change', () => {
      update({ [key]: select.value });
      applyFilters();
    });
  }
  clear.addEventListener('click', () => {
    update({ query: '', setting: '', difficulty: '', domain: '' });
    search.value = '';
    setting.select.value = '';
    difficulty.select.value = '';
    domain.select.value = '';
    applyFilters();
    search.focus();
  });

  const startLabel = (): string => (play.mode === 'practice' ? 'Start practice' : 'Start assessment');
  let startButton: HTMLButtonElement | undefined;

  function openDetail(id: string): void {
    const s = summaries.find((x) => x.id === id);
    if (!s) return;
    update({ open: id });
    deps.onHighlight(s);
    const status = statusOf(id);
    startButton = h(
      'button',
      { class: 'btn', type: 'button', 'data-start-scenario': id, onclick: () => deps.onStart(id) },
      startLabel(),
    );
    const heading = h('h2', { id: 'detail-heading', tabindex: '-1' }, s.title);
    detail.replaceChildren(
      h(
        'button',
        {
          class: 'btn btn--ghost btn--small scenario-detail__back',
          type: 'button',
          onclick: () => closeDetail(id),
        },
        'All scenarios',
      ),
      heading,
      h('p', { class: 'scenario-card__meta' }, `${metaText(s)} \u00b7 with ${s.personaName}`),
      h('p', { class: `scenario-card__status status--${statusKind(status)}` }, statusText(status)),
      h('p', {}, s.summary),
      h('h3', {}, 'Learning objectives'),
      h('ul', { class: 'scenario-detail__objectives' }, ...s.objectives.map((o) => h('li', {}, o))),
      h('div', { class: 'actions' }, startButton),
    );
    library.hidden = true;
    detail.hidden = false;
    heading.focus();
  }

  function closeDetail(id: string): void {
    update({ open: undefined });
    detail.hidden = true;
    detail.replaceChildren();
    startButton = undefined;
    library.hidden = false;
    library.querySelector<HTMLButtonElement>(`[data-scenario-id="${id}"]`)?.focus();
  }

  const notice = deps.notice ? h('p', { class: 'notice', role: 'alert' }, deps.notice) : null;
  const heading = h('h1', { id: 'select-heading', tabindex: '-1' }, 'Choose a conversation');
  root.append(
    h(
      'section',
      { class: 'panel panel--select', 'aria-labelledby': 'select-heading', 'data-screen': 'select' },
      heading,
      notice,
      modePicker(deps, (next) => {
        play = next;
        if (startButton) startButton.textContent = startLabel();
        deps.onPlayChange(next);
      }),
      library,
      detail,
      h(
        'div',
        { class: 'select-foot' },
        replayCodeForm(deps),
        h(
          'button',
          { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onBack() },
          'Back to title',
        ),
      ),
    ),
  );
  applyFilters();
  if (view.open && summaries.some((s) => s.id === view.open)) openDetail(view.open);
  else heading.focus();
  return () => undefined;
}
