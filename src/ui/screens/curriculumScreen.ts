/**
 * The onboarding path: modules in order, which are open, which are mastered, and what to do next.
 * Mastery needs an assessed attempt at or above the pass mark with no compliance failure; a facilitator
 * can open every module (remembered in this browser).
 */

import type { CurriculumLoad } from '../../content/source';
import type { Mode } from '../../engine/runtime';
import { type AttemptSummary, completion, type ModuleStatus, moduleStatus, nextStep } from '../../progress';
import { append, h } from '../dom';

export interface CurriculumDeps {
  curriculum: CurriculumLoad;
  attempts: AttemptSummary[];
  titles: Record<string, string>;
  /** The facilitator setting: every module open regardless of mastery. */
  unlockAll: boolean;
  onUnlockAll: (on: boolean) => void;
  onPlay: (scenarioId: string, mode: Mode) => void;
  onCertificate: () => void;
  onDone: () => void;
}

function moduleCard(module: ModuleStatus, index: number, deps: CurriculumDeps): HTMLElement {
  const state = module.mastered
    ? 'Mastered'
    : module.unlocked
      ? 'Open'
      : 'Locked: master the module before it first';
  return h(
    'li',
    { class: `module ${module.unlocked ? '' : 'module--locked'}`, 'data-module-id': module.id },
    h(
      'h2',
      {},
      `${index + 1}. ${module.title}`,
      h('span', { class: 'module__state', 'data-testid': `state-${module.id}` }, ` \u2014 ${state}`),
    ),
    h('p', { class: 'muted' }, module.description),
    h(
      'ul',
      { class: 'module__scenarios' },
      ...module.scenarios.map((s) =>
        h(
          'li',
          { 'data-scenario-id': s.scenarioId },
          h('span', {}, s.title),
          h(
            'span',
            { class: 'muted' },
            s.passed
              ? ` \u2014 passed (best assessed ${s.bestAssessed})`
              : s.bestAssessed !== undefined
                ? ` \u2014 not yet passed (best assessed ${s.bestAssessed})`
                : s.attempts > 0
                  ? ` \u2014 practised ${s.attempts} time(s), not yet assessed`
                  : ' \u2014 not started',
          ),
          h(
            'span',
            { class: 'module__actions' },
            h(
              'button',
              {
                class: 'btn btn--ghost btn--small',
                type: 'button',
                disabled: !module.unlocked,
                onclick: () => deps.onPlay(s.scenarioId, 'practice'),
              },
              h('span', { class: 'visually-hidden' }, `${s.title}: `),
              'Practise',
            ),
            h(
              'button',
              {
                class: 'btn btn--small',
                type: 'button',
                disabled: !module.unlocked,
                onclick: () => deps.onPlay(s.scenarioId, 'assessment'),
              },
              h('span', { class: 'visually-hidden' }, `${s.title}: `),
              'Assess',
            ),
          ),
        ),
      ),
    ),
  );
}

export function renderCurriculum(root: HTMLElement, deps: CurriculumDeps): () => void {
  const loaded = deps.curriculum;
  let unlockAll = deps.unlockAll;
  const heading = h('h1', { id: 'path-heading', tabindex: -1 }, 'Onboarding path');
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'path-heading', 'data-screen': 'curriculum' },
    h(
      'div',
      { class: 'convo-header' },
      heading,
      h('button', { class: 'btn', type: 'button', onclick: () => deps.onDone() }, 'Back to title'),
    ),
  );
  root.append(panel);
  if (!loaded.ok) {
    panel.append(
      h('p', { class: 'notice', role: 'alert' }, 'The onboarding path could not be loaded:'),
      h('pre', {}, loaded.errors.join('\n')),
    );
    heading.focus();
    return () => undefined;
  }
  const body = h('div', {});
  panel.append(body);
  const draw = (): void => {
    const options = { unlockAll, titles: deps.titles };
    const statuses = moduleStatus(loaded.curriculum, deps.attempts, options);
    const done = completion(statuses);
    const next = nextStep(loaded.curriculum, deps.attempts, options);
    const unlock = h('input', { type: 'checkbox', id: 'unlock-all', checked: unlockAll });
    unlock.addEventListener('change', () => {
      unlockAll = unlock.checked;
      deps.onUnlockAll(unlockAll);
      draw();
      document.getElementById('unlock-all')?.focus();
    });
    body.replaceChildren();
    append(
      body,
      h('p', { 'data-testid': 'next-step', class: 'next-step' }, next.text),
      next.scenarioId === undefined
        ? h(
            'button',
            { class: 'btn', type: 'button', onclick: () => deps.onCertificate() },
            'View your certificate',
          )
        : null,
      h(
        'p',
        { class: 'muted' },
        `${done.modulesMastered} of ${done.modules} modules mastered (${done.percent}% of scenarios passed).`,
      ),
      h('ol', { class: 'modules' }, ...statuses.map((m, i) => moduleCard(m, i, deps))),
      h('label', { class: 'mode-check' }, unlock, ' Facilitator: open every module'),
    );
  };
  draw();
  heading.focus();
  return () => undefined;
}
