import type { CatalogEntry } from '../../content/catalog';
import type { ScenarioSummary } from '../../engine';
import { DIFFICULTY_LABELS, h, SETTING_LABELS } from '../dom';

export interface SelectDeps {
  scenarios: CatalogEntry[];
  onHighlight: (summary: ScenarioSummary) => void;
  onPick: (id: string) => void;
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

export function renderSelect(root: HTMLElement, deps: SelectDeps): () => void {
  const list = h('ul', { class: 'scenario-list' }, ...deps.scenarios.map((entry) => card(entry, deps)));
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'select-heading' },
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
      h('p', { class: 'muted' }, `${deps.scenarios.filter((s) => s.summary).length} scenarios available.`),
      list,
    ),
  );
  list.querySelector<HTMLButtonElement>('button.scenario-card')?.focus();
  return () => undefined;
}
