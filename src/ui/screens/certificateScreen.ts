/** The certificate of completion: a printable page (print CSS fits A4 and Letter). */

import type { CurriculumLoad } from '../../content/source';
import { type AttemptSummary, certificateData, type Profile } from '../../progress';
import { h } from '../dom';

export interface CertificateDeps {
  curriculum: CurriculumLoad;
  attempts: AttemptSummary[];
  profile: Profile;
  titles: Record<string, string>;
  onPrint: () => void;
  onDone: () => void;
}

export function renderCertificate(root: HTMLElement, deps: CertificateDeps): () => void {
  const loaded = deps.curriculum;
  const data = loaded.ok
    ? certificateData(deps.profile, loaded.curriculum, deps.attempts, { titles: deps.titles })
    : undefined;
  const back = h(
    'button',
    { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onDone() },
    'Back to progress',
  );
  if (!data) {
    root.append(
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'cert-heading', 'data-screen': 'certificate' },
        h('h1', { id: 'cert-heading' }, 'Certificate'),
        h('p', {}, 'The certificate appears when every module of the onboarding path is mastered.'),
        back,
      ),
    );
    back.focus();
    return () => undefined;
  }
  const date = new Date(`${data.date}T12:00:00Z`).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  const heading = h('h1', { id: 'cert-heading', tabindex: -1 }, 'Certificate of completion');
  root.append(
    h(
      'article',
      { class: 'certificate', 'aria-labelledby': 'cert-heading', 'data-screen': 'certificate' },
      h('p', { class: 'certificate__brand' }, 'Good Terms'),
      heading,
      h('p', {}, 'This certifies that'),
      h('p', { class: 'certificate__name', 'data-testid': 'certificate-name' }, data.name),
      h('p', {}, `completed ${data.curriculumTitle} on ${date}, passing every scenario in assessment mode.`),
      h(
        'table',
        // Stacked as one card per row on narrow screens (styles.css); explicit roles keep it a table there.
        { class: 'compare certificate__table stacked-table', role: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Modules and assessed scores'),
        h(
          'thead',
          { role: 'rowgroup' },
          h(
            'tr',
            { role: 'row' },
            ...['Module', 'Scenario', 'Score', 'Date', 'Replay code'].map((c) =>
              h('th', { scope: 'col', role: 'columnheader' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          { role: 'rowgroup' },
          ...data.modules.flatMap((m) =>
            m.scenarios.map((s, i) =>
              h(
                'tr',
                { 'data-scenario-id': s.id, role: 'row' },
                i === 0
                  ? h('th', { scope: 'row', role: 'rowheader', rowspan: m.scenarios.length }, m.title)
                  : null,
                h('td', { role: 'cell', 'data-label': 'Scenario' }, s.title),
                h('td', { role: 'cell', 'data-label': 'Score', 'data-testid': `score-${s.id}` }, s.score),
                h(
                  'td',
                  { role: 'cell', 'data-label': 'Date' },
                  new Date(`${s.date}T12:00:00Z`).toLocaleDateString(),
                ),
                h(
                  'td',
                  { role: 'cell', 'data-label': 'Replay code' },
                  h('code', { class: 'replay-code', 'data-testid': `code-${s.id}` }, s.replayCode),
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        'p',
        { class: 'muted certificate__note' },
        'Scores are the best assessed attempt for each scenario, each re-derived by replaying it. Paste a replay code on the scenario list of Good Terms to watch that attempt. All patients in the training are fictional.',
      ),
      h(
        'div',
        { class: 'actions certificate__actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => deps.onPrint() }, 'Print'),
        back,
      ),
    ),
  );
  heading.focus();
  return () => undefined;
}
