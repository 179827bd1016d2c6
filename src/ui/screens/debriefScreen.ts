/**
 * The debrief: the score and where every point came from, the outcome in the patient's and the
 * organisation's terms, the meter chart, the annotated transcript with "replay from here", the
 * comparison with the previous attempt, and a replay code that reproduces this attempt anywhere.
 */
import {
  choiceOf,
  coachingOf,
  firstNameOf,
  lineTextOf,
  type Mode,
  type ScoreItem,
  type ScoreReport,
} from '../../engine/runtime';
import { type Component, monthlyInstalment, WEIGHTS } from '../../engine/runtime/scoring';
import type { AttemptRecord, ConversationView, ScenarioBundle, TurnRecord } from '../../engine/runtime/types';
import { type MessageContext, messageContext, modelNoteText, scoreItemText } from '../../i18n/catalogue';
import { messages } from '../../i18n/en';
import { h, said, signed } from '../dom';
import { meterChart } from '../meterChart';
import type { FinishedAttempt } from '../types';

type EndedView = Extract<ConversationView, { status: 'ended' }>;

export interface DebriefDeps {
  bundle: ScenarioBundle;
  view: EndedView;
  log: readonly TurnRecord[];
  /** The persona variant the seed picked (feedback can depend on it). */
  variant: string | undefined;
  attempt: AttemptRecord;
  report: ScoreReport;
  /** The code (and link) that reproduces this attempt exactly. */
  replayCode: string;
  replayLink: string;
  /** Puts text on the clipboard; resolves false where that is not possible. */
  copyText: (text: string) => Promise<boolean>;
  mode: Mode;
  /** The previous finished attempt at this scenario, for the side-by-side comparison. */
  previous: FinishedAttempt | undefined;
  onReplay: () => void;
  onReplayFrom: (turn: number) => void;
  onChooseAnother: () => void;
}

const COMPONENTS = ['resolution', 'experience', 'process'] as const;
const dollars = messages.money;

function itemLine(item: ScoreItem, words: MessageContext): HTMLElement {
  const points = item.points !== 0 ? ` (${signed(item.points)})` : '';
  return h(
    'li',
    { class: item.kind },
    `${scoreItemText(messages, item, words)}${points}`,
    item.turn ? h('a', { href: `#turn-${item.turn}`, class: 'turn-link' }, ` turn ${item.turn}`) : null,
  );
}

/** This attempt's arithmetic, from the scoring constants and the report's own numbers. */
function formulaLine(report: ScoreReport): string {
  const c = report.components;
  const terms = COMPONENTS.map((k) => `${WEIGHTS[k].toFixed(2)} \u00d7 ${c[k]} ${k}`).join(' + ');
  const pace = report.efficiency ? ` ${signed(report.efficiency)} for pace` : '';
  const warnings = report.compliance ? ` ${signed(report.compliance)} for broken rules` : '';
  const cap = report.items.find((i) => i.code === 'cap');
  const capped =
    cap?.code === 'cap'
      ? `, capped at ${cap.params.cap} (${messages.cap[cap.params.reason](cap.params.cap).toLowerCase()})`
      : '';
  return `${terms}${pace}${warnings}${capped} = ${report.total}.`;
}

function componentsSection(report: ScoreReport, words: MessageContext): HTMLElement {
  const group = (component: Component): ScoreItem[] => report.items.filter((i) => i.component === component);
  const efficiency = group('efficiency');
  const compliance = group('compliance');
  return h(
    'section',
    { 'aria-labelledby': 'components-heading' },
    h('h2', { id: 'components-heading' }, 'Where the score came from'),
    h('p', { class: 'muted', 'data-testid': 'score-formula' }, formulaLine(report)),
    h(
      'details',
      { class: 'component', 'data-component': 'formula' },
      h('summary', {}, h('span', {}, 'How every attempt is scored')),
      h('ul', { class: 'items' }, ...messages.formula.map((line) => h('li', {}, line))),
    ),
    h('ul', { class: 'items', 'data-component': 'compliance' }, ...compliance.map((i) => itemLine(i, words))),
    ...COMPONENTS.map((key) =>
      h(
        'details',
        { class: 'component', 'data-component': key },
        h(
          'summary',
          {},
          h('span', {}, messages.component[key].label),
          h('strong', { class: 'component__value' }, report.components[key]),
        ),
        h('p', { class: 'muted' }, messages.component[key].explain),
        h('ul', { class: 'items' }, ...group(key).map((i) => itemLine(i, words))),
      ),
    ),
    efficiency.length ? h('ul', { class: 'items' }, ...efficiency.map((i) => itemLine(i, words))) : null,
  );
}

function outcomeSection(view: EndedView, report: ScoreReport): HTMLElement {
  const { ledger } = view;
  const lines = [
    `Collected today: ${dollars(ledger.collected)}`,
    ledger.planAmount > 0
      ? `Committed on a plan: ${dollars(ledger.planAmount)} over ${ledger.planMonths} months (${dollars(monthlyInstalment(ledger))} a month)${ledger.autopay ? ', autopay' : ''}${ledger.writtenTerms ? ', terms in writing' : ''}`
      : 'No payment plan',
    ledger.routedToAssistance > 0
      ? `Routed to financial assistance: ${dollars(ledger.routedToAssistance)}`
      : '',
    ledger.routedToCoverage > 0
      ? `Routed to insurance or other coverage: ${dollars(ledger.routedToCoverage)}`
      : '',
    ledger.corrected > 0 ? `Billing corrections: ${dollars(ledger.corrected)}` : '',
    ledger.waived > 0 ? `Waived without a financial-need determination: ${dollars(ledger.waived)}` : '',
    ledger.disputes > 0 ? `Disputes or complaints opened: ${ledger.disputes}` : 'No disputes or complaints',
    ledger.careDeferred ? 'Care was held up over money' : '',
    `Likelihood to pay what was agreed: ${report.likelihoodToPay}%`,
    `Would come back and recommend you: ${report.wouldRecommend} out of 10`,
  ].filter(Boolean);
  return h(
    'section',
    { 'aria-labelledby': 'outcome-heading' },
    h('h2', { id: 'outcome-heading' }, 'Outcome'),
    h('ul', { class: 'items' }, ...lines.map((o) => h('li', {}, o))),
  );
}

function comparisonSection(previous: FinishedAttempt, deps: DebriefDeps): HTMLElement {
  const { report, mode } = deps;
  const now = deps.attempt.choices;
  const before = previous.attempt.choices;
  const diverged = now.findIndex((c, i) => before[i] !== c);
  const rows: [string, string | number, string | number][] = [
    ['Mode', previous.mode, mode],
    ['Score', previous.report.total, report.total],
    ['Ending', previous.endingTitle, deps.view.ending.title],
    ['Financial resolution', previous.report.components.resolution, report.components.resolution],
    ['Patient experience', previous.report.components.experience, report.components.experience],
    ['Process', previous.report.components.process, report.components.process],
    ['Turns', before.length, now.length],
    ['Rules broken', previous.report.breaches.length, report.breaches.length],
  ];
  return h(
    'section',
    { 'aria-labelledby': 'compare-heading', 'data-testid': 'comparison' },
    h('h2', { id: 'compare-heading' }, 'Compared with your previous attempt'),
    h(
      'p',
      {},
      diverged < 0 && now.length === before.length
        ? 'You made the same choices as last time.'
        : `Your choices differed from turn ${(diverged < 0 ? Math.min(now.length, before.length) : diverged) + 1}.`,
    ),
    h(
      'table',
      { class: 'compare' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, ''),
          h('th', { scope: 'col' }, 'Previous'),
          h('th', { scope: 'col' }, 'This attempt'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map(([label, a, b]) =>
          h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, a), h('td', {}, b)),
        ),
      ),
    ),
  );
}

function replayCodeSection(code: string, link: string, copyText: DebriefDeps['copyText']): HTMLElement {
  const status = h('span', { class: 'muted', 'aria-live': 'polite' });
  // Where the clipboard is unavailable (an insecure page, an old browser, a locked-down LMS frame) the link
  // is offered in a field, selected, ready for the keyboard shortcut.
  const field = h('input', {
    id: 'replay-link',
    type: 'text',
    readonly: true,
    value: link,
    class: 'replay-link',
    'aria-label': 'Replay link',
    hidden: true,
  });
  const copy = h('button', { class: 'btn btn--ghost btn--small', type: 'button' }, 'Copy link');
  copy.addEventListener('click', () => {
    void copyText(link).then((copied) => {
      if (copied) {
        status.textContent = ' Link copied.';
        return;
      }
      field.hidden = false;
      field.focus();
      field.select();
      status.textContent =
        ' Copying is not available here: the link is selected, press Ctrl+C (\u2318C on a Mac) to copy it.';
    });
  });
  return h(
    'section',
    { 'aria-labelledby': 'code-heading' },
    h('h2', { id: 'code-heading' }, 'Replay code'),
    h(
      'p',
      { class: 'muted' },
      'Anyone with this code sees exactly this attempt (same patient, same choices).',
    ),
    h('p', {}, h('code', { 'data-testid': 'replay-code', class: 'replay-code' }, code), ' ', copy, status),
    field,
  );
}

export function renderDebrief(root: HTMLElement, deps: DebriefDeps): () => void {
  const { bundle, view, report, log } = deps;
  const { scenario, persona, rules } = bundle;
  const { ending } = view;
  const firstName = firstNameOf(persona);
  const words = messageContext(bundle);

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

  const turns = log.map((turn) => ({
    turn,
    choice: choiceOf(bundle, turn.nodeId, turn.choiceId),
    line: lineTextOf(bundle, turn.nodeId, turn.lineId),
    coaching: coachingOf(bundle, { variant: deps.variant, log }, turn),
  }));
  const chartTurns = turns.map(({ turn, choice, coaching }) => ({
    turn,
    choiceText: choice?.text ?? turn.choiceId,
    feedback: coaching.feedback,
  }));

  const transcript = turns.map(({ turn, choice, line, coaching }) => {
    const broken = turn.rules.map((id) => rules[id]).filter((r) => r !== undefined);
    return h(
      'li',
      { class: 'turn', id: `turn-${turn.turn}`, 'data-turn': turn.turn, tabindex: -1 },
      h('p', {}, h('strong', {}, `Turn ${turn.turn}. ${firstName}: `), ...said(line ?? '', scenario.phrases)),
      h('p', {}, h('strong', {}, 'You: '), ...said(choice?.text ?? turn.choiceId, scenario.phrases)),
      h(
        'p',
        { class: 'turn__meters' },
        `Stress ${turn.before.stress} → ${turn.after.stress} (${signed(turn.after.stress - turn.before.stress)}), trust ${turn.before.trust} → ${turn.after.trust} (${signed(turn.after.trust - turn.before.trust)})`,
        turn.tags.length > 0 ? ` · techniques: ${turn.tags.join(', ')}` : '',
      ),
      h('p', {}, coaching.feedback),
      ...turn.modelNotes.map((note) => h('p', { class: 'muted' }, modelNoteText(messages, note, words))),
      ...broken.map((r) =>
        h(
          'p',
          { class: `flag ${r.severity === 'warning' ? 'flag--warning' : ''}` },
          `${r.severity === 'hard-fail' ? 'Broke (hard fail)' : 'Broke (warning)'}: ${r.statement} Source: ${r.source}`,
        ),
      ),
      coaching.better ? h('p', {}, h('strong', {}, 'Stronger: '), coaching.better) : null,
      h(
        'button',
        { class: 'btn btn--ghost btn--small', type: 'button', onclick: () => deps.onReplayFrom(turn.turn) },
        `Replay from turn ${turn.turn}`,
      ),
    );
  });

  const assessed =
    deps.mode === 'assessment'
      ? h(
          'p',
          { class: report.passed ? 'pass' : 'fail', 'data-testid': 'assessment-result' },
          report.passed
            ? `Assessment passed (pass mark ${report.passMark}).`
            : report.hardFail
              ? 'Assessment not passed: a compliance failure always fails, whatever the score.'
              : `Assessment not passed: ${report.total} is below the pass mark of ${report.passMark}.`,
        )
      : h('p', { class: 'muted' }, 'Practice attempt.');

  // The chart comes after the panel in the DOM (its h2 after the page's h1); the stylesheet places it.
  root.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'debrief-heading', 'data-screen': 'debrief' },
      h('h1', { id: 'debrief-heading', tabindex: -1 }, `Debrief: ${scenario.title}`),
      h(
        'div',
        { class: 'score-head' },
        h(
          'p',
          { class: `score-total ${report.hardFail ? 'score-total--fail' : ''}` },
          h('span', { class: 'visually-hidden' }, 'Score '),
          h('span', { 'data-testid': 'score-total' }, report.total),
          h('span', { class: 'visually-hidden' }, ' of 100'),
        ),
        h(
          'div',
          {},
          h('h2', {}, `${messages.band[report.band]} · ${ending.title}`),
          h('p', {}, messages.verdict(report.verdict)),
          assessed,
          h('p', { class: 'muted' }, ending.summary),
        ),
      ),
      deps.previous ? comparisonSection(deps.previous, deps) : null,
      componentsSection(report, words),
      h(
        'section',
        { 'aria-labelledby': 'rules-heading' },
        h('h2', { id: 'rules-heading' }, 'Rules'),
        ...(breaches.length ? breaches : [h('p', {}, 'No rule was broken.')]),
      ),
      outcomeSection(view, report),
      h(
        'section',
        { 'aria-labelledby': 'transcript-heading' },
        h('h2', { id: 'transcript-heading' }, 'Transcript with feedback'),
        h('ol', { class: 'turns' }, ...transcript),
      ),
      replayCodeSection(deps.replayCode, deps.replayLink, deps.copyText),
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => deps.onReplay() }, 'Replay this scenario'),
        h(
          'button',
          { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onChooseAnother() },
          'Choose another scenario',
        ),
      ),
      h('p', { class: 'muted' }, `Seed ${deps.attempt.seed} · content ${bundle.contentHash}`),
    ),
    meterChart(log[0]?.before ?? view.meters, chartTurns),
  );
  (root.querySelector('#debrief-heading') as HTMLElement | null)?.focus();
  return () => undefined;
}
