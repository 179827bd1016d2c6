/**
 * The debrief panel: the score and where it came from, the rules kept or broken with their sources,
 * and the transcript with feedback on every choice. The meter chart is drawn by the Debrief scene.
 */
import type { ScoreItem, ScoreReport } from '../../engine';
import { dollars } from '../../engine/scoring';
import type { Session } from '../../engine/session';
import { h } from '../dom';

export interface DebriefDeps {
  session: Session;
  report: ScoreReport;
  onReplay: () => void;
  onChooseAnother: () => void;
}

const BAND_LABELS: Record<ScoreReport['band'], string> = {
  exemplary: 'Exemplary',
  proficient: 'Proficient',
  developing: 'Developing',
  'needs-remediation': 'Needs remediation',
};

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0');

function itemLine(item: ScoreItem): HTMLElement {
  const where = item.turn ? ` (turn ${item.turn})` : '';
  return h('li', { class: item.kind }, `${item.text}${where}`);
}

export function renderDebrief(root: HTMLElement, deps: DebriefDeps): () => void {
  const { session, report } = deps;
  const { scenario, persona } = session.bundle;
  const view = session.view();
  const ledger = view.ledger;
  const firstName = persona.name.split(' ')[0] ?? persona.name;

  const components = (['resolution', 'experience', 'process'] as const).map((key) =>
    h(
      'div',
      {},
      h(
        'dt',
        {},
        {
          resolution: 'Financial resolution (35%)',
          experience: 'Patient experience (35%)',
          process: 'Process (30%)',
        }[key],
      ),
      h('dd', { 'data-component': key }, report.components[key]),
    ),
  );

  const breaches = report.breaches.map((b) =>
    h(
      'div',
      { class: `flag ${b.severity === 'warning' ? 'flag--warning' : ''}`, 'data-rule-id': b.ruleId },
      h('strong', {}, `${b.severity === 'hard-fail' ? 'Hard fail' : 'Warning'} at turn ${b.turn}: `),
      b.statement,
      h('br'),
      h('span', { class: 'muted' }, `You said: \u201c${b.choiceText}\u201d · Source: ${b.source}`),
    ),
  );

  const outcome = [
    `Collected today: ${dollars(ledger.collected)}`,
    ledger.planAmount > 0
      ? `Payment plan: ${dollars(ledger.planAmount)} over ${ledger.planMonths} months${ledger.autopay ? ' with autopay' : ''}`
      : 'No payment plan',
    ledger.routedToAssistance > 0
      ? `Routed to financial assistance: ${dollars(ledger.routedToAssistance)}`
      : '',
    ledger.routedToCoverage > 0
      ? `Routed to insurance or other coverage: ${dollars(ledger.routedToCoverage)}`
      : '',
    ledger.corrected > 0 ? `Billing corrections: ${dollars(ledger.corrected)}` : '',
    ledger.waived > 0 ? `Waived without a need determination: ${dollars(ledger.waived)}` : '',
    ledger.disputes > 0 ? `Disputes or complaints: ${ledger.disputes}` : '',
    ledger.careDeferred ? 'Care was held up over money' : '',
    `Likelihood to pay: ${report.likelihoodToPay}%; would recommend: ${report.wouldRecommend}/10`,
  ].filter(Boolean);

  const transcript = session.log().map((turn) => {
    const node = scenario.nodes[turn.nodeId];
    const choice = node?.choices.find((c) => c.id === turn.choiceId);
    const line =
      typeof node?.line === 'string' ? node.line : node?.line.find((v) => v.id === turn.lineId)?.text;
    return h(
      'li',
      { class: 'turn', 'data-turn': turn.turn },
      h('p', {}, h('strong', {}, `${firstName}: `), line ?? ''),
      h('p', {}, h('strong', {}, 'You: '), choice?.text ?? turn.choiceId),
      h(
        'p',
        { class: 'turn__meters' },
        `Stress ${turn.before.stress} → ${turn.after.stress} (${signed(turn.after.stress - turn.before.stress)}), trust ${turn.before.trust} → ${turn.after.trust} (${signed(turn.after.trust - turn.before.trust)})`,
        turn.tags.length > 0 ? ` · ${turn.tags.join(', ')}` : '',
      ),
      h('p', {}, choice?.feedback ?? ''),
      ...turn.modelNotes.map((note) => h('p', { class: 'muted' }, note)),
      choice?.better ? h('p', {}, h('strong', {}, 'Stronger: '), choice.better) : null,
    );
  });

  const replay = h(
    'button',
    { class: 'btn', type: 'button', onclick: () => deps.onReplay() },
    'Replay this scenario',
  );
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'debrief-heading', 'data-screen': 'debrief' },
      h('h1', { id: 'debrief-heading' }, `Debrief: ${scenario.title}`),
      h(
        'div',
        { class: 'score-head' },
        h(
          'div',
          {
            class: `score-total ${report.hardFail ? 'score-total--fail' : ''}`,
            'data-testid': 'score-total',
            'aria-label': `Score ${report.total} of 100`,
          },
          report.total,
        ),
        h(
          'div',
          {},
          h('h2', {}, `${BAND_LABELS[report.band]} · ${view.ending?.title ?? ''}`),
          h('p', {}, report.verdict),
          h('p', { class: 'muted' }, view.ending?.summary ?? ''),
        ),
      ),
      h('dl', { class: 'components' }, ...components),
      h(
        'section',
        { 'aria-labelledby': 'rules-heading' },
        h('h2', { id: 'rules-heading' }, 'Rules'),
        ...(breaches.length ? breaches : [h('p', {}, 'No rule was broken.')]),
      ),
      h(
        'section',
        { 'aria-labelledby': 'outcome-heading' },
        h('h2', { id: 'outcome-heading' }, 'Outcome'),
        h('ul', { class: 'items' }, ...outcome.map((o) => h('li', {}, o))),
      ),
      h(
        'section',
        { 'aria-labelledby': 'items-heading' },
        h('h2', { id: 'items-heading' }, 'What went well, what to fix'),
        h('ul', { class: 'items' }, ...report.items.map(itemLine)),
      ),
      h(
        'section',
        { 'aria-labelledby': 'transcript-heading' },
        h('h2', { id: 'transcript-heading' }, 'Transcript with feedback'),
        h('ol', { class: 'items', style: 'list-style:none;padding:0' }, ...transcript),
      ),
      h(
        'div',
        { class: 'actions' },
        replay,
        h(
          'button',
          { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onChooseAnother() },
          'Choose another scenario',
        ),
      ),
      h('p', { class: 'muted' }, `Seed ${session.seed} · content ${session.bundle.contentHash}`),
    ),
  );
  (root.querySelector('#debrief-heading') as HTMLElement | null)?.setAttribute('tabindex', '-1');
  (root.querySelector('#debrief-heading') as HTMLElement | null)?.focus();
  return () => undefined;
}
