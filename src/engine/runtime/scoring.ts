/**
 * Scoring v1 (domain.md §4.2). Rewards the *right* resolution, not the most dollars:
 *
 *   compliance gate  any hard-fail rule caps the total at HARD_FAIL_CAP ("needs remediation")
 *   resolution  35%  appropriate money paid or committed, plus money routed to assistance, coverage or
 *                    correction, over what was appropriate; collecting what is not owed, waiving,
 *                    disputes and deferred care subtract, and can take it below zero
 *   experience  35%  0.6 × end trust + 0.4 × (100 − end stress)
 *   process     30%  the scenario's checklist, empathy within one turn of each emotional cue, one clear
 *                    ask before options; warnings and harmful techniques subtract
 *   efficiency  ±5   turns against the scenario's target; no bonus when an emotional cue went unanswered
 *
 * Every item that earned or cost points names the turn and choice behind it.
 */

import type { RuleDef } from '../authoring/schema';
import { choiceOf } from './lookup';
import type { Ledger, PatientContext, ScenarioBundle } from './types';
import { EMPATHY_TECHNIQUES, HARMFUL_TECHNIQUES, type Technique } from './vocabulary';

export const WEIGHTS = { resolution: 0.35, experience: 0.35, process: 0.3 } as const;
export const HARD_FAIL_CAP = 49;
export const PENALTY = { dispute: 15, careDeferred: 25, warning: 10, harmfulTechnique: 5 } as const;
export const BONUS = { autopay: 5, writtenTerms: 5 } as const;
export const EFFICIENCY = { onTarget: 3, perExtraTurn: 1, maxPenalty: 5 } as const;

export type Component = 'resolution' | 'experience' | 'process' | 'compliance' | 'efficiency';
export type Band = 'exemplary' | 'proficient' | 'developing' | 'needs-remediation';

export interface ScoreItem {
  component: Component;
  kind: 'well' | 'fix';
  text: string;
  /** Points on the component's own 0–100 scale (efficiency: points on the total). */
  points: number;
  turn: number | undefined;
  choiceId: string | undefined;
}

export interface BreachView extends RuleDef {
  ruleId: string;
  turn: number;
  choiceId: string;
  choiceText: string;
}

export interface ScoreReport {
  total: number;
  band: Band;
  verdict: string;
  passMark: number;
  passed: boolean;
  hardFail: boolean;
  components: { resolution: number; experience: number; process: number };
  efficiency: number;
  items: ScoreItem[];
  breaches: BreachView[];
  /** 0–100: how likely the patient is to pay what they committed to, from the meters and the ledger. */
  likelihoodToPay: number;
  /** 0–10: would the patient recommend this provider after this conversation. */
  wouldRecommend: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
/** `$1,234.5` style without Intl: scoring runs for every path the analyzer explores. */
export function dollars(n: number): string {
  const [whole = '0', cents] = (Math.round(n * 100) / 100).toString().split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents.padEnd(2, '0')}` : ''}`;
}

export const CHECKLIST_LABELS: Record<string, string> = {
  acknowledge: 'Greeted and acknowledged the patient (AIDET: Acknowledge)',
  introduce: 'Introduced yourself and your role (AIDET: Introduce)',
  duration: 'Said how long this would take (AIDET: Duration)',
  explain: 'Explained what the amount is and why (AIDET: Explanation)',
  thank: 'Thanked the patient (AIDET: Thank you)',
  'verify-identity': 'Verified identity before discussing the account (HIPAA)',
  'plain-language': 'Used plain language',
  'show-basis': 'Showed the basis of the numbers',
  'clear-ask': 'Made one clear ask for the amount due',
  'offer-options': 'Offered payment options',
  'fap-screen': 'Screened for financial assistance',
  'teach-back': 'Checked understanding with teach-back',
  'next-steps': 'Stated the next steps',
  privacy: 'Protected the patient\u2019s privacy',
};

interface Turn {
  turn: number;
  choiceId: string;
  tags: readonly Technique[];
  ledger: Partial<Ledger> | undefined;
}

function turnsOf(bundle: ScenarioBundle, ctx: Pick<PatientContext, 'log'>): Turn[] {
  return ctx.log.map((entry) => {
    const choice = choiceOf(bundle, entry.nodeId, entry.choiceId);
    return { turn: entry.turn, choiceId: entry.choiceId, tags: entry.tags, ledger: choice?.ledger };
  });
}

function firstTurnWith(turns: Turn[], pick: (t: Turn) => boolean): Turn | undefined {
  return turns.find(pick);
}

function scoreResolution(
  bundle: ScenarioBundle,
  ledger: Ledger,
  turns: Turn[],
): { value: number; items: ScoreItem[] } {
  const { owed, routable } = bundle.scenario.account;
  const items: ScoreItem[] = [];
  const item = (kind: ScoreItem['kind'], text: string, points: number, turn?: Turn): void => {
    items.push({
      component: 'resolution',
      kind,
      text,
      points: Math.round(points),
      turn: turn?.turn,
      choiceId: turn?.choiceId,
    });
  };
  const denominator = Math.max(owed + routable, 1);
  const paid = ledger.collected + ledger.planAmount;
  const routed = ledger.routedToAssistance + ledger.routedToCoverage + ledger.corrected;
  const payTurn = firstTurnWith(turns, (t) => Boolean(t.ledger?.collected || t.ledger?.planAmount));
  const routeTurn = firstTurnWith(turns, (t) =>
    Boolean(t.ledger?.routedToAssistance || t.ledger?.routedToCoverage || t.ledger?.corrected),
  );

  let value = 0;
  if (owed + routable === 0) {
    value = 100;
    if (paid === 0) item('well', 'Nothing was owed at this point and nothing was asked for', 0);
  }
  const appropriatePaid = Math.min(paid, owed);
  if (appropriatePaid > 0) {
    const points = (100 * appropriatePaid) / denominator;
    value += points;
    const parts = [
      ledger.collected > 0 ? `${dollars(Math.min(ledger.collected, owed))} collected today` : '',
      ledger.planAmount > 0 ? `${dollars(ledger.planAmount)} committed over ${ledger.planMonths} months` : '',
    ].filter(Boolean);
    item('well', `${parts.join(' and ')} of ${dollars(owed)} appropriately owed`, points, payTurn);
  } else if (owed > 0) {
    item('fix', `None of the ${dollars(owed)} the patient appropriately owes was paid or committed`, 0);
  }
  if (appropriatePaid > 0 && appropriatePaid < owed) {
    item(
      'fix',
      `${dollars(owed - appropriatePaid)} of what is owed was left unresolved`,
      -(100 * (owed - appropriatePaid)) / denominator,
    );
  }
  const appropriateRouted = Math.min(routed, routable);
  if (appropriateRouted > 0) {
    const points = (100 * appropriateRouted) / denominator;
    value += points;
    item(
      'well',
      `${dollars(appropriateRouted)} routed to assistance, coverage or a correction`,
      points,
      routeTurn,
    );
  } else if (routable > 0) {
    item(
      'fix',
      `${dollars(routable)} should have gone to assistance, coverage or a correction and did not`,
      0,
    );
  }
  const overcollected = Math.max(0, paid - owed);
  if (overcollected > 0) {
    const points = (100 * overcollected) / denominator;
    value -= points;
    item(
      'fix',
      `${dollars(overcollected)} taken or committed that the patient does not owe`,
      -points,
      payTurn,
    );
  }
  if (ledger.waived > 0) {
    const points = (100 * ledger.waived) / denominator;
    value -= points;
    item(
      'fix',
      `${dollars(ledger.waived)} waived without a financial-need determination`,
      -points,
      firstTurnWith(turns, (t) => Boolean(t.ledger?.waived)),
    );
  }
  if (ledger.disputes > 0) {
    value -= PENALTY.dispute * ledger.disputes;
    item(
      'fix',
      `${ledger.disputes} dispute or complaint opened by the patient`,
      -PENALTY.dispute * ledger.disputes,
      firstTurnWith(turns, (t) => Boolean(t.ledger?.disputes)),
    );
  }
  if (ledger.careDeferred) {
    value -= PENALTY.careDeferred;
    item(
      'fix',
      'Care was held up over money',
      -PENALTY.careDeferred,
      firstTurnWith(turns, (t) => t.ledger?.careDeferred === true),
    );
  }
  if (ledger.planAmount > 0 && ledger.autopay) {
    value += BONUS.autopay;
    item(
      'well',
      'Plan set up with autopay',
      BONUS.autopay,
      firstTurnWith(turns, (t) => t.ledger?.autopay === true),
    );
  }
  if (ledger.planAmount > 0 && ledger.writtenTerms) {
    value += BONUS.writtenTerms;
    item(
      'well',
      'Plan terms given in writing',
      BONUS.writtenTerms,
      firstTurnWith(turns, (t) => t.ledger?.writtenTerms === true),
    );
  }
  return { value: clamp(value, -100, 100), items };
}

function scoreProcess(
  bundle: ScenarioBundle,
  ctx: Pick<PatientContext, 'log' | 'breaches'>,
  turns: Turn[],
): {
  value: number;
  items: ScoreItem[];
  missedCues: number;
} {
  const { scenario } = bundle;
  const items: ScoreItem[] = [];
  let checks = 0;
  let met = 0;
  const check = (ok: boolean, well: string, fix: string, turn: Turn | undefined): void => {
    checks += 1;
    if (ok) met += 1;
    items.push({
      component: 'process',
      kind: ok ? 'well' : 'fix',
      text: ok ? well : fix,
      points: 0,
      turn: turn?.turn,
      choiceId: turn?.choiceId,
    });
  };

  for (const step of scenario.checklist) {
    const turn = firstTurnWith(turns, (t) => t.tags.includes(step as Technique));
    const label = CHECKLIST_LABELS[step] ?? step;
    check(Boolean(turn), label, `Missing: ${label.charAt(0).toLowerCase()}${label.slice(1)}`, turn);
  }

  let missedCues = 0;
  ctx.log.forEach((entry, i) => {
    const cue = scenario.nodes[entry.nodeId]?.cue;
    if (!cue) return;
    const answered = [turns[i], turns[i + 1]].find((t) =>
      t?.tags.some((tag) => EMPATHY_TECHNIQUES.includes(tag)),
    );
    if (!answered) missedCues += 1;
    check(
      Boolean(answered),
      `Responded with empathy to the patient\u2019s cue (${cue}) within a turn`,
      `The patient showed an emotion (${cue}) and got no empathic response within a turn`,
      answered ?? turns[i],
    );
  });

  if (scenario.checklist.includes('clear-ask') && scenario.checklist.includes('offer-options')) {
    const ask = firstTurnWith(turns, (t) => t.tags.includes('clear-ask'));
    const options = firstTurnWith(turns, (t) => t.tags.includes('offer-options'));
    check(
      Boolean(ask && (!options || ask.turn <= options.turn)),
      'Made one clear ask before offering options',
      'Options came before (or without) a clear ask for the amount due',
      ask ?? options,
    );
  }

  let value = checks > 0 ? (100 * met) / checks : 100;
  for (const breach of ctx.breaches) {
    const rule = bundle.rules[breach.ruleId];
    if (rule?.severity !== 'warning') continue;
    value -= PENALTY.warning;
    items.push({
      component: 'process',
      kind: 'fix',
      text: rule.statement,
      points: -PENALTY.warning,
      turn: breach.turn,
      choiceId: breach.choiceId,
    });
  }
  for (const t of turns) {
    const harmful = t.tags.filter((tag) => HARMFUL_TECHNIQUES.includes(tag));
    if (harmful.length === 0) continue;
    value -= PENALTY.harmfulTechnique * harmful.length;
    items.push({
      component: 'process',
      kind: 'fix',
      text: `Used ${harmful.join(', ')}`,
      points: -PENALTY.harmfulTechnique * harmful.length,
      turn: t.turn,
      choiceId: t.choiceId,
    });
  }
  return { value: clamp(value, 0, 100), items, missedCues };
}

function bandOf(total: number, hardFail: boolean): Band {
  if (hardFail || total < 50) return 'needs-remediation';
  if (total >= 85) return 'exemplary';
  if (total >= 70) return 'proficient';
  return 'developing';
}

function verdictOf(band: Band, breaches: BreachView[], parts: ScoreReport['components']): string {
  const hard = breaches.find((b) => b.severity === 'hard-fail');
  if (hard)
    return `A compliance failure (${hard.source}) means this attempt needs remediation, whatever was collected.`;
  const weakest = (Object.entries(parts) as [keyof typeof parts, number][]).sort((a, b) => a[1] - b[1])[0];
  const focus = {
    resolution: 'reaching the right financial resolution',
    experience: 'how the patient felt at the end',
    process: 'the steps of the conversation',
  }[weakest?.[0] ?? 'process'];
  switch (band) {
    case 'exemplary':
      return 'Efficient and compassionate: the patient left with the right resolution and their trust intact.';
    case 'proficient':
      return `A solid conversation; the most room to grow is in ${focus}.`;
    case 'developing':
      return `Parts of this worked, but ${focus} held it back.`;
    default:
      return `This conversation did not reach a good outcome; start with ${focus}.`;
  }
}

export function scoreAttempt(
  bundle: ScenarioBundle,
  ctx: Pick<PatientContext, 'log' | 'breaches' | 'ledger' | 'meters'>,
): ScoreReport {
  const { scenario } = bundle;
  const turns = turnsOf(bundle, ctx);
  const resolution = scoreResolution(bundle, ctx.ledger, turns);
  const process = scoreProcess(bundle, ctx, turns);

  const { trust, stress } = ctx.meters;
  const experienceValue = 0.6 * trust + 0.4 * (100 - stress);
  const experienceItems: ScoreItem[] = [];
  const deltas = ctx.log.map((e) => ({
    e,
    net: e.after.trust - e.before.trust - (e.after.stress - e.before.stress),
  }));
  const best = [...deltas].sort((a, b) => b.net - a.net)[0];
  const worst = [...deltas].sort((a, b) => a.net - b.net)[0];
  if (best && best.net > 0) {
    experienceItems.push({
      component: 'experience',
      kind: 'well',
      text: 'The turn that helped the patient most',
      points: best.net,
      turn: best.e.turn,
      choiceId: best.e.choiceId,
    });
  }
  if (worst && worst.net < 0) {
    experienceItems.push({
      component: 'experience',
      kind: 'fix',
      text: 'The turn that cost the most trust or added the most stress',
      points: worst.net,
      turn: worst.e.turn,
      choiceId: worst.e.choiceId,
    });
  }

  const turnCount = ctx.log.length;
  let efficiency = 0;
  const efficiencyItems: ScoreItem[] = [];
  if (turnCount > scenario.targetTurns) {
    efficiency = -Math.min(
      EFFICIENCY.maxPenalty,
      (turnCount - scenario.targetTurns) * EFFICIENCY.perExtraTurn,
    );
    efficiencyItems.push({
      component: 'efficiency',
      kind: 'fix',
      text: `${turnCount} turns against a target of ${scenario.targetTurns}`,
      points: efficiency,
      turn: undefined,
      choiceId: undefined,
    });
  } else if (process.missedCues === 0 && turnCount > 0) {
    efficiency = EFFICIENCY.onTarget;
    efficiencyItems.push({
      component: 'efficiency',
      kind: 'well',
      text: `Done in ${turnCount} turns (target ${scenario.targetTurns}) without rushing past the patient\u2019s feelings`,
      points: efficiency,
      turn: undefined,
      choiceId: undefined,
    });
  }

  const breaches: BreachView[] = ctx.breaches.flatMap((b) => {
    const rule = bundle.rules[b.ruleId];
    if (!rule) return [];
    const entry = ctx.log.find((e) => e.turn === b.turn);
    const choiceText = choiceOf(bundle, entry?.nodeId ?? '', b.choiceId)?.text ?? '';
    return [{ ...rule, ruleId: b.ruleId, turn: b.turn, choiceId: b.choiceId, choiceText }];
  });
  const hardFail = breaches.some((b) => b.severity === 'hard-fail');
  const complianceItems: ScoreItem[] = breaches.map((b) => ({
    component: 'compliance',
    kind: 'fix',
    text: `${b.severity === 'hard-fail' ? 'Hard fail' : 'Warning'}: ${b.statement} (${b.source})`,
    points: 0,
    turn: b.turn,
    choiceId: b.choiceId,
  }));
  if (breaches.length === 0 && turnCount > 0) {
    complianceItems.push({
      component: 'compliance',
      kind: 'well',
      text: 'No rule was broken',
      points: 0,
      turn: undefined,
      choiceId: undefined,
    });
  }

  const components = {
    resolution: Math.round(resolution.value),
    experience: Math.round(experienceValue),
    process: Math.round(process.value),
  };
  const weighted =
    WEIGHTS.resolution * resolution.value +
    WEIGHTS.experience * experienceValue +
    WEIGHTS.process * process.value +
    efficiency;
  let total = Math.round(clamp(weighted, 0, 100));
  if (hardFail) total = Math.min(total, HARD_FAIL_CAP);
  const band = bandOf(total, hardFail);
  const planBoost = ctx.ledger.planAmount > 0 && ctx.ledger.autopay ? 10 : 0;

  return {
    total,
    band,
    verdict: verdictOf(band, breaches, components),
    passMark: scenario.passMark,
    passed: !hardFail && total >= scenario.passMark,
    hardFail,
    components,
    efficiency,
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
