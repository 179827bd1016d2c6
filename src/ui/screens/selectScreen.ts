import type { CatalogEntry } from '../../content/source';
import type { ScenarioSummary } from '../../engine/runtime';
import { DIFFICULTY_LABELS, h, SETTING_LABELS } from '../dom';
import type { PlaySettings } from '../types';

export interface SelectDeps {
  scenarios: CatalogEntry[];
  play: PlaySettings;
  /** A message to show at the top (e.g. why a replay code could not be opened). */
  notice: string | undefined;
  onPlayChange: (play: PlaySettings) => void;
  onHighlight: (summary: ScenarioSummary) => void;
  onPick: (id: string) => void;
  /** Opens a code; resolves with the reason when it cannot, to show beside the field. */
  onReplayCode: (code: string) => Promise<string | undefined>;
  onBack: () => void;
}

function card(entry: CatalogEntry, deps: SelectDeps): HTMLElement {
  const s = entry.summary;
  if (!s) {
    return h(
      'li',
      {},
      h(
        'div',
        {
          class: 'scenario-card scenario-card--broken',
          role: 'group',
          'aria-label': `${entry.id} (unavailable)`,
        },
        h('span', { class: 'scenario-card__title' }, `${entry.id}: unavailable`),
        h('span', { class: 'scenario-card__meta' }, `This scenario has authoring errors in ${entry.file}:`),
        h('pre', {}, entry.errors.join('\n')),
      ),
    );
  }
  const highlight = (): void => deps.onHighlight(s);
  return h(
    'li',
    {},
    h(
      'button',
      {
        class: 'scenario-card',
        type: 'button',
        'data-scenario-id': s.id,
        onclick: () => deps.onPick(s.id),
        onfocus: highlight,
        onmouseenter: highlight,
      },
      h('span', { class: 'scenario-card__title' }, s.title),
      h(
        'span',
        { class: 'scenario-card__meta' },
        `${SETTING_LABELS[s.setting] ?? s.setting} · ${DIFFICULTY_LABELS[s.difficulty] ?? ''} · about ${s.estimatedMinutes} min · with ${s.personaName}`,
      ),
      h('span', {}, s.summary),
      h('ul', { 'aria-label': 'Learning objectives' }, ...s.objectives.map((o) => h('li', {}, o))),
    ),
  );
}

function modePicker(deps: SelectDeps): HTMLElement {
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
    check('hints', 'Hints: what the patient is feeling, on request'),
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
    deps.onPlayChange(play);
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

export function renderSelect(root: HTMLElement, deps: SelectDeps): () => void {
  const list = h('ul', { class: 'scenario-list' }, ...deps.scenarios.map((entry) => card(entry, deps)));
  const notice = deps.notice ? h('p', { class: 'notice', role: 'alert' }, deps.notice) : null;
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'select-heading', 'data-screen': 'select' },
      h(
        'div',
        { class: 'convo-header' },
        h('h1', { id: 'select-heading' }, 'Choose a conversation'),
        h(
          'button',
          { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onBack() },
          'Back to title',
        ),
      ),
      notice,
      modePicker(deps),
      h('p', { class: 'muted' }, `${deps.scenarios.filter((s) => s.summary).length} scenarios available.`),
      list,
      replayCodeForm(deps),
    ),
  );
  list.querySelector<HTMLButtonElement>('button.scenario-card')?.focus();
  return () => undefined;
}
