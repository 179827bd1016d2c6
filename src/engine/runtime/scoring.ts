/**
 * Scoring v2 (domain.md §4.2, tightened so the score measures judgement). Rewards the *right*
 * resolution, not the most dollars, and makes every rule breach expensive:
 *
 *   resolution  35%  appropriate money paid or committed, plus money routed to assistance, coverage or
 *                    correction, over what was appropriate; collecting what is not owed, waiving,
 *                    disputes and deferred care subtract, and can take it below zero
 *   experience  35%  0.6 × end trust + 0.4 × (100 − end stress)
 *   process     30%  the scenario's checklist (order-sensitive steps count only in order), empathy within
 *                    one turn of each emotional cue, one clear ask before options; warnings and harmful
 *                    techniques subtract
 *   efficiency  ±5   turns against the scenario's target; no bonus when an emotional cue went unanswered
 *   compliance       each warning also costs points on the total; then the caps, lowest wins:
 *                    a hard fail caps at HARD_FAIL_CAP and always fails; any broken rule, or a `mixed`
 *                    ending, keeps the attempt out of the top band; two warnings, or a `bad` ending,
 *                    cannot pass
 *
 * The engine speaks codes and numbers: every item, cap and verdict is a code with parameters, each
 * tied to the turn and choice behind it. Words come from the message catalogue (src/i18n), and the
 * debrief states the formula from the constants exported here.
 */

import { choiceOf } from './lookup';
import type { Ledger, PatientContext, ScenarioBundle, TurnRecord } from './types';
import {
  ACCOUNT_TALK_TECHNIQUES,
  type ChecklistItem,
  EMPATHY_TECHNIQUES,
  FINANCING_TECHNIQUES,
  HARMFUL_TECHNIQUES,
  type Technique,
} from './vocabulary';

export const WEIGHTS = { resolution: 0.35, experience: 0.35, process: 0.3 } as const;
export const EXPERIENCE_WEIGHTS = { trust: 0.6, calm: 0.4 } as const;
/** Lower bounds of the bands; below the last is "needs remediation". */
export const BANDS = { exemplary: 85, proficient: 70, developing: 50 } as const;
export const HARD_FAIL_CAP = 49;
/** The highest total below the top band: where any broken rule or a `mixed` ending caps. */
export const BELOW_TOP_BAND = BANDS.exemplary - 1;
/** This many warnings cannot pass (capped one below the pass mark). */
export const WARNINGS_THAT_FAIL = 2;
export const PENALTY = {
  dispute: 15,
  careDeferred: 25,
  /** On the process component. */
  warning: 10,
  /** On the total, on top of the process penalty: a breach must cost more than a clumsy sentence. */
  warningOnTotal: 6,
  harmfulTechnique: 5,
} as const;
export const BONUS = { autopay: 5, writtenTerms: 5 } as const;
export const EFFICIENCY = { onTarget: 3, perExtraTurn: 1, maxPenalty: 5 } as const;

/**
 * Checklist steps that count only when they come first: the step must happen on or before the first
 * turn that uses any of these techniques (or moves money, for the account and financing steps).
 */
export const ORDERED_STEPS: Partial<
  Record<ChecklistItem, { before: readonly Technique[]; orMoney: 'any' | 'plan' | 'none' }>
> = {
  'verify-identity': { before: ACCOUNT_TALK_TECHNIQUES, orMoney: 'any' },
  'fap-screen': { before: FINANCING_TECHNIQUES, orMoney: 'plan' },
  'rights-statement': { before: ACCOUNT_TALK_TECHNIQUES, orMoney: 'any' },
};

export type Component = 'resolution' | 'experience' | 'process' | 'compliance' | 'efficiency';
export type WeightedComponent = keyof typeof WEIGHTS;
export type Band = 'exemplary' | 'proficient' | 'developing' | 'needs-remediation';
export type CapReason = 'hard-fail' | 'two-warnings' | 'bad-ending' | 'rule-broken' | 'mixed-ending';

/** Every score item's code and its parameters; src/i18n turns each into words. */
export interface ScoreParams {
  'nothing-owed': Record<string, never>;
  'paid-of-owed': { collected: number; planAmount: number; planMonths: number; owed: number };
  'none-paid': { owed: number };
  unresolved: { amount: number };
  routed: { amount: number };
  'not-routed': { amount: number };
  overcollected: { amount: number };
  waived: { amount: number };
  disputes: { count: number };
  'care-deferred': Record<string, never>;
  autopay: Record<string, never>;
  'written-terms': Record<string, never>;
  'best-turn': Record<string, never>;
  'worst-turn': Record<string, never>;
  /** `late`: done, but after `afterTurn`, when it no longer protected the patient. */
  checklist: { step: ChecklistItem; status: 'met' | 'missing' | 'late'; afterTurn?: number };
  'cue-answered': { cue: string };
  'cue-missed': { cue: string };
  'ask-before-options': { met: boolean };
  warning: { ruleId: string };
  harmful: { techniques: Technique[] };
  breach: { ruleId: string; severity: 'hard-fail' | 'warning' };
  'warning-on-total': { ruleId: string };
  'no-breach': Record<string, never>;
  cap: { reason: CapReason; cap: number; before: number };
  'over-target': { turns: number; target: number };
  'on-target': { turns: number; target: number };
}
export type ScoreCode = keyof ScoreParams;

interface ItemBase {
  component: Component;
  kind: 'well' | 'fix';
  /** Points on the component's own 0–100 scale (efficiency and compliance: points on the total). */
  points: number;
  turn: number | undefined;
  choiceId: string | undefined;
}
export type ScoreItem = {
  [C in ScoreCode]: ItemBase & { code: C; params: ScoreParams[C] };
}[ScoreCode];

export interface BreachView {
  ruleId: string;
  severity: 'hard-fail' | 'warning';
  /** The rule's statement and citation are content (rules.yaml), carried as written. */
  statement: string;
  source: string;
  turn: number;
  choiceId: string;
  choiceText: string;
}

/** What the debrief leads with: the band, the weakest component, and the rule behind a failure. */
export interface Verdict {
  band: Band;
  focus: WeightedComponent;
  /** The first hard-fail rule, when there is one. */
  hardFail: { ruleId: string; source: string } | undefined;
  /** The cap that decided the total, when one did. */
  cap: CapReason | undefined;
}

export interface ScoreReport {
  total: number;
  band: Band;
  verdict: Verdict;
  passMark: number;
  passed: boolean;
  hardFail: boolean;
  components: Record<WeightedComponent, number>;
  efficiency: number;
  /** Points taken off the total for warnings (negative or zero). */
  compliance: number;
  items: ScoreItem[];
  breaches: BreachView[];
  /** 0–100: how likely the patient is to pay what they committed to, from the meters and the ledger. */
  likelihoodToPay: number;
  /** 0–10: would the patient recommend this provider after this conversation. */
  wouldRecommend: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Monthly instalment of a plan, rounded up to the cent so the months cover the whole amount. */
export function monthlyInstalment(ledger: Pick<Ledger, 'planAmount' | 'planMonths'>): number {
  return Math.ceil((100 * ledger.planAmount) / Math.max(ledger.planMonths, 1)) / 100;
}

interface Turn {
  turn: number;
  choiceId: string;
  tags: readonly Technique[];
  ledger: Partial<Ledger> | undefined;
}

/**
 * Each log entry's turn, per bundle. Entries never change and every path through a turn shares its
 * entry, so the analyzer, scoring a million paths, looks each choice up once.
 */
const turnsByBundle = new WeakMap<ScenarioBundle, WeakMap<TurnRecord, Turn>>();

function turnsOf(bundle: ScenarioBundle, ctx: Pick<PatientContext, 'log'>): Turn[] {
  let known = turnsByBundle.get(bundle);
  if (!known) {
    known = new WeakMap();
    turnsByBundle.set(bundle, known);
  }
  const turns: Turn[] = [];
  for (const entry of ctx.log) {
    let turn = known.get(entry);
    if (!turn) {
      const choice = choiceOf(bundle, entry.nodeId, entry.choiceId);
      turn = { turn: entry.turn, choiceId: entry.choiceId, tags: entry.tags, ledger: choice?.ledger };
      known.set(entry, turn);
    }
    turns.push(turn);
  }
  return turns;
}

const item = <C extends ScoreCode>(
  component: Component,
  kind: ItemBase['kind'],
  code: C,
  params: ScoreParams[C],
  points: number,
  turn?: Turn | { turn: number; choiceId: string },
): ScoreItem =>
  ({
    component,
    kind,
    code,
    params,
    points: Math.round(points),
    turn: turn?.turn,
    choiceId: turn?.choiceId,
  }) as ScoreItem;

const NONE: Record<string, never> = {};

function scoreResolution(
  bundle: ScenarioBundle,
  ledger: Ledger,
  turns: Turn[],
  explain: boolean,
): { value: number; items: ScoreItem[] } {
  const { owed, routable } = bundle.scenario.account;
  const items: ScoreItem[] = [];
  const add = <C extends ScoreCode>(
    kind: ItemBase['kind'],
    code: C,
    params: ScoreParams[C],
    points: number,
    turn?: Turn,
  ): void => {
    if (explain) items.push(item('resolution', kind, code, params, points, turn));
  };
  const denominator = Math.max(owed + routable, 1);
  const paid = ledger.collected + ledger.planAmount;
  const routed = ledger.routedToAssistance + ledger.routedToCoverage + ledger.corrected;
  // The turns behind the items: looked up only when the items are wanted.
  const payTurn = explain
    ? turns.find((t) => Boolean(t.ledger?.collected || t.ledger?.planAmount))
    : undefined;
  const routeTurn = explain
    ? turns.find((t) =>
        Boolean(t.ledger?.routedToAssistance || t.ledger?.routedToCoverage || t.ledger?.corrected),
      )
    : undefined;

  let value = 0;
  if (owed + routable === 0) {
    value = 100;
    if (paid === 0) add('well', 'nothing-owed', NONE, 0);
  }
  const appropriatePaid = Math.min(paid, owed);
  if (appropriatePaid > 0) {
    const points = (100 * appropriatePaid) / denominator;
    value += points;
    add(
      'well',
      'paid-of-owed',
      {
        collected: Math.min(ledger.collected, owed),
        planAmount: ledger.planAmount,
        planMonths: ledger.planMonths,
        owed,
      },
      points,
      payTurn,
    );
  } else if (owed > 0) {
    add('fix', 'none-paid', { owed }, 0);
  }
  if (appropriatePaid > 0 && appropriatePaid < owed) {
    add(
      'fix',
      'unresolved',
      { amount: owed - appropriatePaid },
      -(100 * (owed - appropriatePaid)) / denominator,
    );
  }
  const appropriateRouted = Math.min(routed, routable);
  if (appropriateRouted > 0) {
    const points = (100 * appropriateRouted) / denominator;
    value += points;
    add('well', 'routed', { amount: appropriateRouted }, points, routeTurn);
  } else if (routable > 0) {
    add('fix', 'not-routed', { amount: routable }, 0);
  }
  const overcollected = Math.max(0, paid - owed);
  if (overcollected > 0) {
    const points = (100 * overcollected) / denominator;
    value -= points;
    add('fix', 'overcollected', { amount: overcollected }, -points, payTurn);
  }
  if (ledger.waived > 0) {
    const points = (100 * ledger.waived) / denominator;
    value -= points;
    add(
      'fix',
      'waived',
      { amount: ledger.waived },
      -points,
      turns.find((t) => Boolean(t.ledger?.waived)),
    );
  }
  if (ledger.disputes > 0) {
    value -= PENALTY.dispute * ledger.disputes;
    add(
      'fix',
      'disputes',
      { count: ledger.disputes },
      -PENALTY.dispute * ledger.disputes,
      turns.find((t) => Boolean(t.ledger?.disputes)),
    );
  }
  if (ledger.careDeferred) {
    value -= PENALTY.careDeferred;
    add(
      'fix',
      'care-deferred',
      NONE,
      -PENALTY.careDeferred,
      turns.find((t) => t.ledger?.careDeferred === true),
    );
  }
  if (ledger.planAmount > 0 && ledger.autopay) {
    value += BONUS.autopay;
    add(
      'well',
      'autopay',
      NONE,
      BONUS.autopay,
      turns.find((t) => t.ledger?.autopay === true),
    );
  }
  if (ledger.planAmount > 0 && ledger.writtenTerms) {
    value += BONUS.writtenTerms;
    add(
      'well',
      'written-terms',
      NONE,
      BONUS.writtenTerms,
      turns.find((t) => t.ledger?.writtenTerms === true),
    );
  }
  return { value: clamp(value, -100, 100), items };
}

/** The first turn a later step would have to precede, for an order-sensitive checklist step. */
function firstTurnRequiring(step: ChecklistItem, turns: Turn[]): Turn | undefined {
  const order = ORDERED_STEPS[step];
  if (!order) return undefined;
  return turns.find(
    (t) =>
      t.tags.some((tag) => order.before.includes(tag)) ||
      (order.orMoney === 'any' && Boolean(t.ledger?.collected || t.ledger?.planAmount)) ||
      (order.orMoney === 'plan' && Boolean(t.ledger?.planAmount)),
  );
}

function scoreProcess(
  bundle: ScenarioBundle,
  ctx: Pick<PatientContext, 'log' | 'breaches'>,
  turns: Turn[],
  explain: boolean,
): { value: number; items: ScoreItem[]; missedCues: number } {
  const { scenario } = bundle;
  const items: ScoreItem[] = [];
  let checks = 0;
  let met = 0;
  /** Counts a check; true when its item is wanted. */
  const check = (ok: boolean): boolean => {
    checks += 1;
    if (ok) met += 1;
    return explain;
  };

  for (const step of scenario.checklist) {
    const done = turns.find((t) => t.tags.includes(step as Technique));
    const required = firstTurnRequiring(step, turns);
    // A step done on the same turn as what it must precede still counts: one sentence can verify first.
    const late = done && required && required.turn < done.turn ? required : undefined;
    const status = !done ? 'missing' : late ? 'late' : 'met';
    if (check(status === 'met'))
      items.push(
        item(
          'process',
          status === 'met' ? 'well' : 'fix',
          'checklist',
          late ? { step, status, afterTurn: late.turn } : { step, status },
          0,
          late ?? done,
        ),
      );
  }

  let missedCues = 0;
  ctx.log.forEach((entry, i) => {
    const cue = scenario.nodes[entry.nodeId]?.cue;
    if (!cue) return;
    const answered = [turns[i], turns[i + 1]].find((t) =>
      t?.tags.some((tag) => EMPATHY_TECHNIQUES.includes(tag)),
    );
    if (!answered) missedCues += 1;
    if (check(Boolean(answered)))
      items.push(
        answered
          ? item('process', 'well', 'cue-answered', { cue }, 0, answered)
          : item('process', 'fix', 'cue-missed', { cue }, 0, turns[i]),
      );
  });

  if (scenario.checklist.includes('clear-ask') && scenario.checklist.includes('offer-options')) {
    const ask = turns.find((t) => t.tags.includes('clear-ask'));
    const options = turns.find((t) => t.tags.includes('offer-options'));
    const ok = Boolean(ask && (!options || ask.turn <= options.turn));
    if (check(ok))
      items.push(item('process', ok ? 'well' : 'fix', 'ask-before-options', { met: ok }, 0, ask ?? options));
  }

  let value = checks > 0 ? (100 * met) / checks : 100;
  for (const breach of ctx.breaches) {
    if (bundle.rules[breach.ruleId]?.severity !== 'warning') continue;
    value -= PENALTY.warning;
    if (explain)
      items.push(item('process', 'fix', 'warning', { ruleId: breach.ruleId }, -PENALTY.warning, breach));
  }
  for (const t of turns) {
    const harmful = t.tags.filter((tag) => HARMFUL_TECHNIQUES.includes(tag));
    if (harmful.length === 0) continue;
    value -= PENALTY.harmfulTechnique * harmful.length;
    if (explain)
      items.push(
        item(
          'process',
          'fix',
          'harmful',
          { techniques: harmful },
          -PENALTY.harmfulTechnique * harmful.length,
          t,
        ),
      );
  }
  return { value: clamp(value, 0, 100), items, missedCues };
}

function bandOf(total: number, hardFail: boolean): Band {
  if (hardFail || total < BANDS.developing) return 'needs-remediation';
  if (total >= BANDS.exemplary) return 'exemplary';
  if (total >= BANDS.proficient) return 'proficient';
  return 'developing';
}

/** The caps that apply, each with its ceiling; the lowest one decides. */
function capsFor(
  passMark: number,
  breaches: readonly BreachView[],
  outcome: 'good' | 'mixed' | 'bad' | undefined,
): { reason: CapReason; cap: number }[] {
  const warnings = breaches.filter((b) => b.severity === 'warning').length;
  const belowPass = Math.max(0, passMark - 1);
  const caps: { reason: CapReason; cap: number }[] = [];
  if (breaches.some((b) => b.severity === 'hard-fail'))
    caps.push({ reason: 'hard-fail', cap: HARD_FAIL_CAP });
  if (warnings >= WARNINGS_THAT_FAIL) caps.push({ reason: 'two-warnings', cap: belowPass });
  if (outcome === 'bad') caps.push({ reason: 'bad-ending', cap: belowPass });
  if (breaches.length > 0) caps.push({ reason: 'rule-broken', cap: BELOW_TOP_BAND });
  if (outcome === 'mixed') caps.push({ reason: 'mixed-ending', cap: BELOW_TOP_BAND });
  return caps;
}

/**
 * The figures of a score without its items and texts: what the analyzer reads of each of the million
 * paths it plays (src/engine/authoring/analysis.ts). A ScoreReport has every one of them.
 */
export type ScoreFigures = Pick<ScoreReport, 'total' | 'band' | 'passed' | 'hardFail' | 'passMark'> & {
  breaches: readonly Pick<BreachView, 'ruleId' | 'severity'>[];
};

/** The whole score of an attempt: the figures, and the items and texts the debrief explains them with. */
export function scoreAttempt(bundle: ScenarioBundle, ctx: ScoredContext): ScoreReport {
  return scoreWith(bundle, ctx, true);
}

/** The same score as scoreAttempt, without building its items and texts. */
export function scoreFigures(bundle: ScenarioBundle, ctx: ScoredContext): ScoreFigures {
  return scoreWith(bundle, ctx, false);
}

type ScoredContext = Pick<PatientContext, 'log' | 'breaches' | 'ledger' | 'meters' | 'nodeId'>;

/** Scores an attempt; without `explain`, the report's items are empty and its breaches carry no choice text. */
function scoreWith(bundle: ScenarioBundle, ctx: ScoredContext, explain: boolean): ScoreReport {
  const { scenario } = bundle;
  const turns = turnsOf(bundle, ctx);
  const resolution = scoreResolution(bundle, ctx.ledger, turns, explain);
  const process = scoreProcess(bundle, ctx, turns, explain);

  const { trust, stress } = ctx.meters;
  const experienceValue = EXPERIENCE_WEIGHTS.trust * trust + EXPERIENCE_WEIGHTS.calm * (100 - stress);
  const experienceItems: ScoreItem[] = [];
  if (explain) {
    const deltas = ctx.log.map((e) => ({
      e,
      net: e.after.trust - e.before.trust - (e.after.stress - e.before.stress),
    }));
    const best = [...deltas].sort((a, b) => b.net - a.net)[0];
    const worst = [...deltas].sort((a, b) => a.net - b.net)[0];
    if (best && best.net > 0)
      experienceItems.push(item('experience', 'well', 'best-turn', NONE, best.net, best.e));
    if (worst && worst.net < 0)
      experienceItems.push(item('experience', 'fix', 'worst-turn', NONE, worst.net, worst.e));
  }

  const turnCount = ctx.log.length;
  let efficiency = 0;
  const efficiencyItems: ScoreItem[] = [];
  const pace = { turns: turnCount, target: scenario.targetTurns };
  if (turnCount > scenario.targetTurns) {
    efficiency = -Math.min(
      EFFICIENCY.maxPenalty,
      (turnCount - scenario.targetTurns) * EFFICIENCY.perExtraTurn,
    );
    if (explain) efficiencyItems.push(item('efficiency', 'fix', 'over-target', pace, efficiency));
  } else if (process.missedCues === 0 && turnCount > 0) {
    efficiency = EFFICIENCY.onTarget;
    if (explain) efficiencyItems.push(item('efficiency', 'well', 'on-target', pace, efficiency));
  }

  const breaches: BreachView[] = ctx.breaches.flatMap((b) => {
    const rule = bundle.rules[b.ruleId];
    if (!rule) return [];
    const nodeId = explain ? (ctx.log.find((e) => e.turn === b.turn)?.nodeId ?? '') : '';
    const choiceText = explain ? (choiceOf(bundle, nodeId, b.choiceId)?.text ?? '') : '';
    return [
      {
        ruleId: b.ruleId,
        severity: rule.severity,
        statement: rule.statement,
        source: rule.source,
        turn: b.turn,
        choiceId: b.choiceId,
        choiceText,
      },
    ];
  });
  const hardFailBreach = breaches.find((b) => b.severity === 'hard-fail');
  const complianceItems: ScoreItem[] = explain
    ? breaches.map((b) =>
        item('compliance', 'fix', 'breach', { ruleId: b.ruleId, severity: b.severity }, 0, b),
      )
    : [];
  let compliance = 0;
  for (const b of breaches) {
    if (b.severity !== 'warning') continue;
    compliance -= PENALTY.warningOnTotal;
    if (explain)
      complianceItems.push(
        item('compliance', 'fix', 'warning-on-total', { ruleId: b.ruleId }, -PENALTY.warningOnTotal, b),
      );
  }
  if (explain && breaches.length === 0 && turnCount > 0)
    complianceItems.push(item('compliance', 'well', 'no-breach', NONE, 0));

  const components = {
    resolution: Math.round(resolution.value),
    experience: Math.round(experienceValue),
    process: Math.round(process.value),
  };
  const weighted =
    WEIGHTS.resolution * resolution.value +
    WEIGHTS.experience * experienceValue +
    WEIGHTS.process * process.value +
    efficiency +
    compliance;
  const uncapped = Math.round(clamp(weighted, 0, 100));
  const outcome = scenario.endings[ctx.nodeId]?.outcome;
  const binding = capsFor(scenario.passMark, breaches, outcome)
    .filter((c) => c.cap < uncapped)
    .sort((a, b) => a.cap - b.cap)[0];
  const total = binding ? binding.cap : uncapped;
  if (binding && explain) {
    complianceItems.push(
      item(
        'compliance',
        'fix',
        'cap',
        { reason: binding.reason, cap: binding.cap, before: uncapped },
        total - uncapped,
      ),
    );
  }
  const hardFail = hardFailBreach !== undefined;
  const band = bandOf(total, hardFail);
  const passed =
    !hardFail &&
    total >= scenario.passMark &&
    outcome !== 'bad' &&
    breaches.filter((b) => b.severity === 'warning').length < WARNINGS_THAT_FAIL;
  const weakest = (Object.entries(components) as [WeightedComponent, number][]).sort(
    (a, b) => a[1] - b[1],
  )[0];
  const planBoost = ctx.ledger.planAmount > 0 && ctx.ledger.autopay ? 10 : 0;

  return {
    total,
    band,
    verdict: {
      band,
      focus: weakest?.[0] ?? 'process',
      hardFail: hardFailBreach ? { ruleId: hardFailBreach.ruleId, source: hardFailBreach.source } : undefined,
      cap: binding?.reason,
    },
    passMark: scenario.passMark,
    passed,
    hardFail,
    components,
    efficiency,
    compliance,
    items: [
      ...complianceItems,
      ...resolution.items,
      ...experienceItems,
      ...process.items,
      ...efficiencyItems,
    ],
    breaches,
    likelihoodToPay: Math.round(
      clamp(0.7 * trust + 0.3 * (100 - stress) + planBoost - PENALTY.dispute * ctx.ledger.disputes, 0, 100),
    ),
    wouldRecommend: Math.round(clamp(experienceValue / 10, 0, 10)),
  };
}
