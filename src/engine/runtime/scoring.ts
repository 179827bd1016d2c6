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

import type { ChoiceDef } from '../authoring/schema';
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

/** The turns a resolution item points at: the first that moved each kind of money. */
interface MoneyTurns {
  pay?: TurnRecord;
  route?: TurnRecord;
  waived?: TurnRecord;
  disputes?: TurnRecord;
  careDeferred?: TurnRecord;
  autopay?: TurnRecord;
  writtenTerms?: TurnRecord;
}

/** A list that only grows at its head, so a tally and every tally folded from it share their past. */
interface Chain<T> {
  head: T;
  rest: Chain<T> | undefined;
}

/** Oldest first. */
function chainToArray<T>(chain: Chain<T> | undefined): T[] {
  const out: T[] = [];
  for (let link = chain; link; link = link.rest) out.push(link.head);
  return out.reverse();
}

interface CueOutcome {
  cue: string;
  /** The turn the cue came on. */
  at: TurnRecord;
  /** That turn or the next, when one of them answered with empathy. */
  answered: TurnRecord | undefined;
}

/**
 * What a score needs of the turns played so far, folded one turn at a time (tallyTurn). The debrief folds
 * an attempt's log once; the analyzer carries the tally down its walk, so a turn that a thousand paths
 * share is read once rather than once per path. Never changed after it is made: a tally's successors
 * share it.
 */
export interface ScoreTally {
  /** Per checklist step, by its index in the scenario's checklist: the first turn that did it. */
  readonly done: readonly (TurnRecord | undefined)[];
  /** Per order-sensitive checklist step: the first turn it had to come before (ORDERED_STEPS). */
  readonly required: readonly (TurnRecord | undefined)[];
  /** Emotional cues settled so far, newest first; how many there are, and how many went unanswered. */
  readonly cues: Chain<CueOutcome> | undefined;
  readonly cueCount: number;
  readonly missedCues: number;
  /** A cue on the last turn that the turn did not answer: the next turn still can. */
  readonly openCue: { cue: string; at: TurnRecord } | undefined;
  readonly ask: TurnRecord | undefined;
  readonly options: TurnRecord | undefined;
  /** Turns that used harmful techniques, newest first, and how many such techniques in all. */
  readonly harmful: Chain<{ at: TurnRecord; techniques: Technique[] }> | undefined;
  readonly harmfulCount: number;
  readonly money: MoneyTurns;
}

/** The tally of an attempt before its first turn. */
export const EMPTY_TALLY: ScoreTally = {
  done: [],
  required: [],
  cues: undefined,
  cueCount: 0,
  missedCues: 0,
  openCue: undefined,
  ask: undefined,
  options: undefined,
  harmful: undefined,
  harmfulCount: 0,
  money: {},
};

/** What makes a turn the first of each kind of money movement a resolution item points at. */
const MONEY_MOVES: readonly (readonly [keyof MoneyTurns, (ledger: Partial<Ledger>) => boolean])[] = [
  ['pay', (l) => Boolean(l.collected || l.planAmount)],
  ['route', (l) => Boolean(l.routedToAssistance || l.routedToCoverage || l.corrected)],
  ['waived', (l) => Boolean(l.waived)],
  ['disputes', (l) => Boolean(l.disputes)],
  ['careDeferred', (l) => l.careDeferred === true],
  ['autopay', (l) => l.autopay === true],
  ['writtenTerms', (l) => l.writtenTerms === true],
];

/** What a reply means for the tally whatever came before it: worked out once per choice. */
interface TurnMarks {
  /** The techniques the marks were worked out from (a log entry records its own). */
  tags: readonly Technique[];
  /** Checklist steps the reply does, by their index in the scenario's checklist. */
  does: readonly number[];
  /** Order-sensitive checklist steps that must come no later than this reply (ORDERED_STEPS). */
  requires: readonly number[];
  empathic: boolean;
  /** The emotional cue of the node the reply answers. */
  cue: string | undefined;
  harmful: Technique[];
  ask: boolean;
  options: boolean;
  /** The kinds of money movement the reply makes. */
  money: readonly (keyof MoneyTurns)[];
}

function marksOf(bundle: ScenarioBundle, entry: TurnRecord, ledger: Partial<Ledger> | undefined): TurnMarks {
  const { tags } = entry;
  const does: number[] = [];
  const requires: number[] = [];
  bundle.scenario.checklist.forEach((step, k) => {
    if (tags.includes(step as Technique)) does.push(k);
    const order = ORDERED_STEPS[step];
    if (
      order &&
      (tags.some((tag) => order.before.includes(tag)) ||
        (order.orMoney === 'any' && Boolean(ledger?.collected || ledger?.planAmount)) ||
        (order.orMoney === 'plan' && Boolean(ledger?.planAmount)))
    )
      requires.push(k);
  });
  return {
    tags,
    does,
    requires,
    empathic: tags.some((tag) => EMPATHY_TECHNIQUES.includes(tag)),
    cue: bundle.scenario.nodes[entry.nodeId]?.cue,
    harmful: tags.filter((tag) => HARMFUL_TECHNIQUES.includes(tag)),
    ask: tags.includes('clear-ask'),
    options: tags.includes('offer-options'),
    money: ledger ? MONEY_MOVES.filter(([, moved]) => moved(ledger)).map(([key]) => key) : [],
  };
}

const sameTechniques = (a: readonly Technique[], b: readonly Technique[]): boolean =>
  a.length === b.length && a.every((tag, i) => b[i] === tag);

/** Per choice: a choice belongs to one bundle, and every path through it makes the same marks. */
const marksByChoice = new WeakMap<object, TurnMarks>();

/** A copy of `list` with `entry` at `index`, unless a turn is there already (then `list` itself). */
function firstAt(
  list: readonly (TurnRecord | undefined)[],
  index: number,
  entry: TurnRecord,
): readonly (TurnRecord | undefined)[] {
  if (list[index]) return list;
  const copy = [...list];
  copy[index] = entry;
  return copy;
}

/**
 * The tally after one more turn (`choice`: the turn's choice, when the caller has it at hand); `tally`
 * itself is left as it was. The analyzer calls this for every state of every scenario, so what a reply
 * means is looked up (marksOf, once per choice) and only what depends on the path is worked out here.
 */
export function tallyTurn(
  bundle: ScenarioBundle,
  tally: ScoreTally,
  entry: TurnRecord,
  choice: Pick<ChoiceDef, 'ledger'> | undefined = choiceOf(bundle, entry.nodeId, entry.choiceId),
): ScoreTally {
  let marks = choice && marksByChoice.get(choice);
  // The log is the record: an entry whose techniques are not its choice's (a made-up log in a test) is
  // read as written.
  if (!marks || !sameTechniques(marks.tags, entry.tags)) {
    marks = marksOf(bundle, entry, choice?.ledger);
    if (choice) marksByChoice.set(choice, marks);
  }
  let { done, required, money } = tally;
  for (const k of marks.does) done = firstAt(done, k, entry);
  for (const k of marks.requires) required = firstAt(required, k, entry);
  for (const key of marks.money) {
    if (money[key]) continue;
    if (money === tally.money) money = { ...money };
    money[key] = entry;
  }

  // A cue is answered by empathy on its own turn or on the next one.
  const { empathic, cue, harmful } = marks;
  let { cues, cueCount, missedCues } = tally;
  if (tally.openCue) {
    cues = { head: { ...tally.openCue, answered: empathic ? entry : undefined }, rest: cues };
    cueCount += 1;
    if (!empathic) missedCues += 1;
  }
  if (cue && empathic) {
    cues = { head: { cue, at: entry, answered: entry }, rest: cues };
    cueCount += 1;
  }
  return {
    done,
    required,
    cues,
    cueCount,
    missedCues,
    openCue: cue && !empathic ? { cue, at: entry } : undefined,
    ask: tally.ask ?? (marks.ask ? entry : undefined),
    options: tally.options ?? (marks.options ? entry : undefined),
    harmful:
      harmful.length > 0 ? { head: { at: entry, techniques: harmful }, rest: tally.harmful } : tally.harmful,
    harmfulCount: tally.harmfulCount + harmful.length,
    money,
  };
}

/** The tally of a whole log. */
export function tallyOf(bundle: ScenarioBundle, log: readonly TurnRecord[]): ScoreTally {
  let tally = EMPTY_TALLY;
  for (const entry of log) tally = tallyTurn(bundle, tally, entry);
  return tally;
}

const item = <C extends ScoreCode>(
  component: Component,
  kind: ItemBase['kind'],
  code: C,
  params: ScoreParams[C],
  points: number,
  turn?: { turn: number; choiceId: string },
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
  money: MoneyTurns,
  explain: boolean,
): { value: number; items: ScoreItem[] } {
  const { owed, routable } = bundle.scenario.account;
  // Undefined unless explaining: `items?.push(item(…))` then builds nothing.
  const items: ScoreItem[] | undefined = explain ? [] : undefined;
  const denominator = Math.max(owed + routable, 1);
  const paid = ledger.collected + ledger.planAmount;
  const routed = ledger.routedToAssistance + ledger.routedToCoverage + ledger.corrected;

  let value = 0;
  if (owed + routable === 0) {
    value = 100;
    if (paid === 0) items?.push(item('resolution', 'well', 'nothing-owed', NONE, 0));
  }
  const appropriatePaid = Math.min(paid, owed);
  if (appropriatePaid > 0) {
    const points = (100 * appropriatePaid) / denominator;
    value += points;
    items?.push(
      item(
        'resolution',
        'well',
        'paid-of-owed',
        {
          collected: Math.min(ledger.collected, owed),
          planAmount: ledger.planAmount,
          planMonths: ledger.planMonths,
          owed,
        },
        points,
        money.pay,
      ),
    );
  } else if (owed > 0) {
    items?.push(item('resolution', 'fix', 'none-paid', { owed }, 0));
  }
  if (appropriatePaid > 0 && appropriatePaid < owed) {
    items?.push(
      item(
        'resolution',
        'fix',
        'unresolved',
        { amount: owed - appropriatePaid },
        -(100 * (owed - appropriatePaid)) / denominator,
      ),
    );
  }
  const appropriateRouted = Math.min(routed, routable);
  if (appropriateRouted > 0) {
    const points = (100 * appropriateRouted) / denominator;
    value += points;
    items?.push(item('resolution', 'well', 'routed', { amount: appropriateRouted }, points, money.route));
  } else if (routable > 0) {
    items?.push(item('resolution', 'fix', 'not-routed', { amount: routable }, 0));
  }
  const overcollected = Math.max(0, paid - owed);
  if (overcollected > 0) {
    const points = (100 * overcollected) / denominator;
    value -= points;
    items?.push(item('resolution', 'fix', 'overcollected', { amount: overcollected }, -points, money.pay));
  }
  if (ledger.waived > 0) {
    const points = (100 * ledger.waived) / denominator;
    value -= points;
    items?.push(item('resolution', 'fix', 'waived', { amount: ledger.waived }, -points, money.waived));
  }
  if (ledger.disputes > 0) {
    value -= PENALTY.dispute * ledger.disputes;
    items?.push(
      item(
        'resolution',
        'fix',
        'disputes',
        { count: ledger.disputes },
        -PENALTY.dispute * ledger.disputes,
        money.disputes,
      ),
    );
  }
  if (ledger.careDeferred) {
    value -= PENALTY.careDeferred;
    items?.push(item('resolution', 'fix', 'care-deferred', NONE, -PENALTY.careDeferred, money.careDeferred));
  }
  if (ledger.planAmount > 0 && ledger.autopay) {
    value += BONUS.autopay;
    items?.push(item('resolution', 'well', 'autopay', NONE, BONUS.autopay, money.autopay));
  }
  if (ledger.planAmount > 0 && ledger.writtenTerms) {
    value += BONUS.writtenTerms;
    items?.push(item('resolution', 'well', 'written-terms', NONE, BONUS.writtenTerms, money.writtenTerms));
  }
  return { value: clamp(value, -100, 100), items: items ?? [] };
}

function scoreProcess(
  bundle: ScenarioBundle,
  ctx: Pick<PatientContext, 'breaches'>,
  tally: ScoreTally,
  explain: boolean,
): { value: number; items: ScoreItem[]; missedCues: number } {
  const { scenario } = bundle;
  // Undefined unless explaining: `items?.push(item(…))` then builds nothing.
  const items: ScoreItem[] | undefined = explain ? [] : undefined;
  let checks = 0;
  let met = 0;

  for (let k = 0; k < scenario.checklist.length; k++) {
    const step = scenario.checklist[k] as ChecklistItem;
    const done = tally.done[k];
    const required = tally.required[k];
    // A step done on the same turn as what it must precede still counts: one sentence can verify first.
    const late = done && required && required.turn < done.turn ? required : undefined;
    const status = !done ? 'missing' : late ? 'late' : 'met';
    checks += 1;
    if (status === 'met') met += 1;
    items?.push(
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

  // A cue still open after the last turn was not answered: no turn came after it.
  const missedCues = tally.missedCues + (tally.openCue ? 1 : 0);
  const cueCount = tally.cueCount + (tally.openCue ? 1 : 0);
  checks += cueCount;
  met += cueCount - missedCues;
  if (items) {
    const cues = chainToArray(tally.cues);
    if (tally.openCue) cues.push({ ...tally.openCue, answered: undefined });
    for (const { cue, at, answered } of cues)
      items.push(
        answered
          ? item('process', 'well', 'cue-answered', { cue }, 0, answered)
          : item('process', 'fix', 'cue-missed', { cue }, 0, at),
      );
  }

  if (scenario.checklist.includes('clear-ask') && scenario.checklist.includes('offer-options')) {
    const { ask, options } = tally;
    const ok = Boolean(ask && (!options || ask.turn <= options.turn));
    checks += 1;
    if (ok) met += 1;
    items?.push(item('process', ok ? 'well' : 'fix', 'ask-before-options', { met: ok }, 0, ask ?? options));
  }

  let value = checks > 0 ? (100 * met) / checks : 100;
  for (const breach of ctx.breaches) {
    if (bundle.rules[breach.ruleId]?.severity !== 'warning') continue;
    value -= PENALTY.warning;
    items?.push(item('process', 'fix', 'warning', { ruleId: breach.ruleId }, -PENALTY.warning, breach));
  }
  value -= PENALTY.harmfulTechnique * tally.harmfulCount;
  if (items)
    for (const { at, techniques } of chainToArray(tally.harmful))
      items.push(
        item('process', 'fix', 'harmful', { techniques }, -PENALTY.harmfulTechnique * techniques.length, at),
      );
  return { value: clamp(value, 0, 100), items: items ?? [], missedCues };
}

function bandOf(total: number, hardFail: boolean): Band {
  if (hardFail || total < BANDS.developing) return 'needs-remediation';
  if (total >= BANDS.exemplary) return 'exemplary';
  if (total >= BANDS.proficient) return 'proficient';
  return 'developing';
}

type Cap = { reason: CapReason; cap: number };

/** The lower of the binding cap so far and this one, when this one applies and lies below the total. */
const lowerCap = (
  binding: Cap | undefined,
  applies: boolean,
  reason: CapReason,
  cap: number,
  total: number,
) => (applies && cap < total && (!binding || cap < binding.cap) ? { reason, cap } : binding);

/**
 * The cap that decides the total: of the caps that apply and lie below the uncapped total, the lowest
 * (the first listed on a tie). Undefined when none binds.
 */
function bindingCap(
  passMark: number,
  breaches: { warnings: number; hardFails: number; all: number },
  outcome: 'good' | 'mixed' | 'bad' | undefined,
  uncapped: number,
): Cap | undefined {
  const belowPass = Math.max(0, passMark - 1);
  let binding = lowerCap(undefined, breaches.hardFails > 0, 'hard-fail', HARD_FAIL_CAP, uncapped);
  binding = lowerCap(binding, breaches.warnings >= WARNINGS_THAT_FAIL, 'two-warnings', belowPass, uncapped);
  binding = lowerCap(binding, outcome === 'bad', 'bad-ending', belowPass, uncapped);
  binding = lowerCap(binding, breaches.all > 0, 'rule-broken', BELOW_TOP_BAND, uncapped);
  return lowerCap(binding, outcome === 'mixed', 'mixed-ending', BELOW_TOP_BAND, uncapped);
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
  return scoreWith(bundle, ctx, tallyOf(bundle, ctx.log), true);
}

/**
 * The same score as scoreAttempt, without building its items and texts. `tally`, when given, must be
 * the tally of `ctx.log` (the analyzer folds it along its walk); otherwise the log is folded here.
 */
export function scoreFigures(
  bundle: ScenarioBundle,
  ctx: ScoredContext,
  tally: ScoreTally = tallyOf(bundle, ctx.log),
): ScoreFigures {
  return scoreWith(bundle, ctx, tally, false);
}

type ScoredContext = Pick<PatientContext, 'log' | 'breaches' | 'ledger' | 'meters' | 'nodeId'>;

/** Scores an attempt; without `explain`, the report's items are empty and its breaches carry no choice text. */
function scoreWith(
  bundle: ScenarioBundle,
  ctx: ScoredContext,
  tally: ScoreTally,
  explain: boolean,
): ScoreReport {
  const { scenario } = bundle;
  const resolution = scoreResolution(bundle, ctx.ledger, tally.money, explain);
  const process = scoreProcess(bundle, ctx, tally, explain);

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

  const breaches: BreachView[] = [];
  const counts = { warnings: 0, hardFails: 0, all: 0 };
  let hardFailBreach: BreachView | undefined;
  for (const b of ctx.breaches) {
    const rule = bundle.rules[b.ruleId];
    if (!rule) continue;
    counts.all += 1;
    if (rule.severity === 'warning') counts.warnings += 1;
    else counts.hardFails += 1;
    const nodeId = explain ? (ctx.log.find((e) => e.turn === b.turn)?.nodeId ?? '') : '';
    breaches.push({
      ruleId: b.ruleId,
      severity: rule.severity,
      statement: rule.statement,
      source: rule.source,
      turn: b.turn,
      choiceId: b.choiceId,
      choiceText: explain ? (choiceOf(bundle, nodeId, b.choiceId)?.text ?? '') : '',
    });
    if (rule.severity === 'hard-fail') hardFailBreach ??= breaches.at(-1);
  }
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
  const binding = bindingCap(scenario.passMark, counts, outcome, uncapped);
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
    !hardFail && total >= scenario.passMark && outcome !== 'bad' && counts.warnings < WARNINGS_THAT_FAIL;
  let focus: WeightedComponent = 'resolution';
  for (const component of ['experience', 'process'] as const)
    if (components[component] < components[focus]) focus = component;
  const planBoost = ctx.ledger.planAmount > 0 && ctx.ledger.autopay ? 10 : 0;

  return {
    total,
    band,
    verdict: {
      band,
      focus,
      hardFail: hardFailBreach ? { ruleId: hardFailBreach.ruleId, source: hardFailBreach.source } : undefined,
      cap: binding?.reason,
    },
    passMark: scenario.passMark,
    passed,
    hardFail,
    components,
    efficiency,
    compliance,
    items: explain
      ? [...complianceItems, ...resolution.items, ...experienceItems, ...process.items, ...efficiencyItems]
      : [],
    breaches,
    likelihoodToPay: Math.round(
      clamp(0.7 * trust + 0.3 * (100 - stress) + planBoost - PENALTY.dispute * ctx.ledger.disputes, 0, 100),
    ),
    wouldRecommend: Math.round(clamp(experienceValue / 10, 0, 10)),
  };
}
