/**
 * Exhaustive exploration of a scenario: every sequence of choices the trainee can make, played with the
 * actor-free stepper (runtime/stepper.ts, built from the compiled machine's own pieces and checked
 * against it by a test), plus strategy probes that play a fixed policy. Used by content tests and the analyzer CLI to prove the pedagogy:
 * the best path combines empathy with a clear ask, and hardline or never-ask play scores lower.
 */
import { firstThatHolds, isRandomGroup, lineEntries } from '../runtime/conditions';
import { nextRandom } from '../runtime/rng';
import { type ScoreReport, scoreAttempt } from '../runtime/scoring';
import { offered, type PlayState, startState, stepState } from '../runtime/stepper';
import type { Meters, PatientContext, ScenarioBundle } from '../runtime/types';
import { ASK_TECHNIQUES, EMPATHY_TECHNIQUES, type Technique } from '../runtime/vocabulary';
import type { ChoiceDef } from './schema';

/**
 * What the analyzer reads of a score. Only these fields: the scorer's texts and item codes are the
 * debrief's business and change with it. Injectable, so a test can show what an invariant catches.
 */
export type ScoreSummary = Pick<ScoreReport, 'total' | 'band' | 'passed' | 'hardFail' | 'passMark'> & {
  breaches: readonly { ruleId: string; severity: 'hard-fail' | 'warning' }[];
};
export type Scorer = (bundle: ScenarioBundle, ctx: PatientContext) => ScoreSummary;
export const defaultScorer: Scorer = scoreAttempt;

export interface PathOutcome {
  choices: string[];
  endingId: string;
  total: number;
  band: ScoreReport['band'];
  passed: boolean;
  hardFail: boolean;
  passMark: number;
  breaches: ScoreSummary['breaches'];
  meters: Meters;
  tags: Technique[];
  /** The chance a trainee picking uniformly at random among the offered replies takes this path. */
  probability: number;
}

export interface Exploration {
  paths: number;
  endings: Record<string, number>;
  best: PathOutcome;
  /** The best path other than `best` (equal to it in score on a tie). */
  runnerUp: PathOutcome | undefined;
  /** How many paths share the best total. */
  bestCount: number;
  worst: PathOutcome;
  longest: PathOutcome;
  /** The best-scoring path into each ending reached. */
  bestTo: Record<string, PathOutcome>;
  visitedNodes: Set<string>;
  usedChoices: Set<string>;
  /** Line variants said at some visit (members of a random group: by some seed). */
  reachableLines: Set<string>;
  /** Non-final states where no choice was enabled. */
  deadEnds: { nodeId: string; choices: string[] }[];
  meterRange: Record<keyof Meters, { min: number; max: number }>;
  scores: number[];
  /** True when `maxTurns` cut a path short: the conversation can go on without ending. */
  unbounded: boolean;
  /** The shortest path to each ending reached (first found on ties). */
  shortestTo: Record<string, PathOutcome>;
  /** The highest total on any path that broke a hard-fail rule (undefined when no path does). */
  hardFailMax: number | undefined;
  /** The chance a uniformly random trainee passes (pass mark, no hard fail), exact over every path. */
  randomPass: number;
  /** The likeliest passing path, as an example for a random-trainee failure. */
  likeliestPass: PathOutcome | undefined;
  /** The best-scoring path that broke a rule (any severity), when one exists. */
  bestBroken: PathOutcome | undefined;
  /** Per node, per choice: the best total of any path that made that choice there. */
  choiceBest: Map<string, Map<string, number>>;
  /** True when the path limit stopped the exploration: the figures cover only the paths seen. */
  truncated: boolean;
}

function outcomeOf(
  bundle: ScenarioBundle,
  state: PlayState,
  choices: string[],
  probability: number,
  score: Scorer,
): PathOutcome {
  const report = score(bundle, state.ctx);
  return {
    choices,
    endingId: state.ctx.nodeId,
    total: report.total,
    band: report.band,
    passed: report.passed,
    hardFail: report.hardFail,
    passMark: report.passMark,
    breaches: report.breaches.map((b) => ({ ruleId: b.ruleId, severity: b.severity })),
    meters: state.ctx.meters,
    tags: [...new Set(state.ctx.log.flatMap((t) => t.tags))],
    probability,
  };
}

export interface ExploreOptions {
  seed?: number;
  maxTurns?: number;
  limit?: number;
  score?: Scorer;
  /** Explore only what follows these choices (from the start, in order). */
  after?: readonly string[];
}

/** Plays the given choice ids from the start; throws when one is not on offer. */
export function replayPath(bundle: ScenarioBundle, seed: number, choices: readonly string[]): PlayState[] {
  const states = [startState(bundle, seed)];
  for (const id of choices) {
    const state = states.at(-1) as PlayState;
    const choice = offered(bundle, state).find((c) => c.id === id);
    if (!choice) {
      const on = offered(bundle, state).map((c) => c.id);
      throw new Error(
        `"${id}" is not on offer at ${state.ctx.nodeId}${on.length ? `; offered: ${on.join(', ')}` : ' (the conversation has ended)'}`,
      );
    }
    states.push(stepState(bundle, state, choice));
  }
  return states;
}

export function explore(bundle: ScenarioBundle, options: ExploreOptions = {}): Exploration {
  const { seed = 1, maxTurns = 40, limit = 1_000_000, score = defaultScorer, after = [] } = options;
  const result: Exploration = {
    paths: 0,
    endings: {},
    best: undefined as unknown as PathOutcome,
    runnerUp: undefined,
    bestCount: 0,
    worst: undefined as unknown as PathOutcome,
    longest: undefined as unknown as PathOutcome,
    bestTo: {},
    visitedNodes: new Set(),
    usedChoices: new Set(),
    reachableLines: new Set(),
    deadEnds: [],
    meterRange: { stress: { min: 100, max: 0 }, trust: { min: 100, max: 0 } },
    scores: [],
    unbounded: false,
    hardFailMax: undefined,
    shortestTo: {},
    randomPass: 0,
    likeliestPass: undefined,
    bestBroken: undefined,
    choiceBest: new Map(),
    truncated: false,
  };
  const stack: { state: PlayState; choices: string[]; probability: number }[] = [
    { state: replayPath(bundle, seed, after).at(-1) as PlayState, choices: [...after], probability: 1 },
  ];
  while (stack.length > 0) {
    const { state, choices, probability } = stack.pop() as (typeof stack)[number];
    const ctx = state.ctx;
    for (const meter of ['stress', 'trust'] as const) {
      result.meterRange[meter].min = Math.min(result.meterRange[meter].min, ctx.meters[meter]);
      result.meterRange[meter].max = Math.max(result.meterRange[meter].max, ctx.meters[meter]);
    }
    result.visitedNodes.add(ctx.nodeId);
    if (state.done) {
      if (result.paths >= limit) {
        result.truncated = true;
        break;
      }
      result.paths += 1;
      result.endings[ctx.nodeId] = (result.endings[ctx.nodeId] ?? 0) + 1;
      record(result, state, outcomeOf(bundle, state, choices, probability, score));
      continue;
    }
    const node = bundle.scenario.nodes[ctx.nodeId];
    const said = node && firstThatHolds(lineEntries(node.line), ctx);
    if (said) for (const line of isRandomGroup(said) ? said.from : [said]) result.reachableLines.add(line.id);
    const available = offered(bundle, state);
    if (available.length === 0) {
      result.deadEnds.push({ nodeId: ctx.nodeId, choices });
      continue;
    }
    if (choices.length >= maxTurns) {
      result.unbounded = true;
      continue;
    }
    for (let i = available.length - 1; i >= 0; i--) {
      const choice = available[i] as ChoiceDef;
      result.usedChoices.add(choice.id);
      stack.push({
        state: stepState(bundle, state, choice),
        choices: [...choices, choice.id],
        probability: probability / available.length,
      });
    }
  }
  return result;
}

/** Folds one finished path into the exploration's figures. */
function record(result: Exploration, state: PlayState, outcome: PathOutcome): void {
  result.scores.push(outcome.total);
  if (outcome.hardFail) result.hardFailMax = Math.max(result.hardFailMax ?? 0, outcome.total);
  if (!result.best || outcome.total > result.best.total) {
    result.runnerUp = result.best;
    result.best = outcome;
    result.bestCount = 1;
  } else {
    if (outcome.total === result.best.total) result.bestCount += 1;
    if (!result.runnerUp || outcome.total > result.runnerUp.total) result.runnerUp = outcome;
  }
  if (!result.worst || outcome.total < result.worst.total) result.worst = outcome;
  if (!result.longest || outcome.choices.length > result.longest.choices.length) result.longest = outcome;
  const shortest = result.shortestTo[outcome.endingId];
  if (!shortest || outcome.choices.length < shortest.choices.length)
    result.shortestTo[outcome.endingId] = outcome;
  const bestHere = result.bestTo[outcome.endingId];
  if (!bestHere || outcome.total > bestHere.total) result.bestTo[outcome.endingId] = outcome;
  if (outcome.passed && !outcome.hardFail) {
    result.randomPass += outcome.probability;
    if (!result.likeliestPass || outcome.probability > result.likeliestPass.probability)
      result.likeliestPass = outcome;
  }
  if (outcome.breaches.length > 0 && (!result.bestBroken || outcome.total > result.bestBroken.total))
    result.bestBroken = outcome;
  for (const turn of state.ctx.log) {
    let byChoice = result.choiceBest.get(turn.nodeId);
    if (!byChoice) {
      byChoice = new Map();
      result.choiceBest.set(turn.nodeId, byChoice);
    }
    byChoice.set(turn.choiceId, Math.max(byChoice.get(turn.choiceId) ?? -Infinity, outcome.total));
  }
}

/**
 * The random trainee by sampling, for a scenario too large to explore: `attempts` seeded walks that
 * pick uniformly among the offered replies. Returns the share that passed (pass mark, no hard fail).
 */
export function sampleRandomPass(
  bundle: ScenarioBundle,
  options: { seed?: number; attempts?: number; maxTurns?: number; score?: Scorer } = {},
): { share: number; attempts: number; example: PathOutcome | undefined } {
  const { seed = 1, attempts = 2_000, maxTurns = 40, score = defaultScorer } = options;
  let rng = seed;
  let passed = 0;
  let example: PathOutcome | undefined;
  for (let a = 0; a < attempts; a++) {
    let state = startState(bundle, seed);
    const choices: string[] = [];
    let probability = 1;
    while (!state.done && choices.length < maxTurns) {
      const available = offered(bundle, state);
      if (available.length === 0) break;
      const [r, next] = nextRandom(rng);
      rng = next;
      const pick = available[Math.floor(r * available.length)] as ChoiceDef;
      probability /= available.length;
      choices.push(pick.id);
      state = stepState(bundle, state, pick);
    }
    const outcome = outcomeOf(bundle, state, choices, probability, score);
    if (state.done && outcome.passed && !outcome.hardFail) {
      passed += 1;
      example ??= outcome;
    }
  }
  return { share: passed / attempts, attempts, example };
}

/** A policy picks one of the offered choices (in authored order, so ties go to the first written) and says why. */
export type Strategy = (choices: ChoiceDef[]) => { choice: ChoiceDef; why: string };

const count = (tags: readonly Technique[], of: readonly Technique[]): number =>
  tags.filter((t) => of.includes(t)).length;
const asksForMoney = (c: ChoiceDef): boolean =>
  count(c.tags, [...ASK_TECHNIQUES, 'threat']) > 0 || Boolean(c.ledger?.collected || c.ledger?.planAmount);
/** How hard a reply presses for money: pressure and threat 3 each, a clear ask 2, taking money 1, empathy -1 each. */
const pressing = (c: ChoiceDef): number =>
  3 * count(c.tags, ['pressure', 'threat']) +
  2 * count(c.tags, ['clear-ask']) +
  (c.ledger?.collected ? 1 : 0) -
  count(c.tags, EMPATHY_TECHNIQUES);
const maxBy = (choices: ChoiceDef[], key: (c: ChoiceDef) => number): ChoiceDef =>
  choices.reduce((best, c) => (key(c) > key(best) ? c : best));
/** A reply's length as the trainee sees it: characters (ties in words are common, in characters rare). */
const length = (c: ChoiceDef): number => c.text.trim().length;
const others = (choices: ChoiceDef[], picked: ChoiceDef, key: (c: ChoiceDef) => number): string =>
  choices
    .filter((c) => c !== picked)
    .map((c) => `${c.id} ${key(c)}`)
    .join(', ');

export type StrategyName = 'hardline' | 'pushover' | 'longest' | 'shortest';

export const STRATEGIES: Record<StrategyName, Strategy> = {
  /** Always the most collection-pressing reply on offer. */
  hardline: (choices) => {
    const choice = maxBy(choices, pressing);
    return {
      choice,
      why: `presses hardest for money (score ${pressing(choice)}; ${others(choices, choice, pressing) || 'no other reply'})`,
    };
  },
  /** Never asks for money: the most empathic reply that asks for nothing, else the least pressing. */
  pushover: (choices) => {
    const soft = choices.filter((c) => !asksForMoney(c));
    const empathy = (c: ChoiceDef): number => count(c.tags, EMPATHY_TECHNIQUES);
    if (soft.length > 0) {
      const choice = maxBy(soft, empathy);
      return {
        choice,
        why: `asks for no money, with the most empathy tags among those that don't (${empathy(choice)}; ${others(soft, choice, empathy) || 'no other'})`,
      };
    }
    const least = (c: ChoiceDef): number => -pressing(c);
    const choice = maxBy(choices, least);
    return {
      choice,
      why: `every reply asks for money; this one presses least (score ${pressing(choice)}; ${others(choices, choice, pressing)})`,
    };
  },
  /** Always the longest reply on offer: it passed 12 of 13 scenarios when the best reply was written longest. */
  longest: (choices) => {
    const choice = maxBy(choices, length);
    return {
      choice,
      why: `the longest reply (${length(choice)} characters; ${others(choices, choice, length) || 'no other'})`,
    };
  },
  /** Always the shortest reply on offer. */
  shortest: (choices) => {
    const choice = maxBy(choices, (c) => -length(c));
    return {
      choice,
      why: `the shortest reply (${length(choice)} characters; ${others(choices, choice, length) || 'no other'})`,
    };
  },
};

export interface StrategyRun extends PathOutcome {
  /** Why the strategy picked each choice, step by step. */
  reasons: string[];
}

export function playStrategy(
  bundle: ScenarioBundle,
  strategy: Strategy,
  options: { seed?: number; maxTurns?: number; score?: Scorer } = {},
): StrategyRun {
  const { seed = 1, maxTurns = 40, score = defaultScorer } = options;
  let state = startState(bundle, seed);
  const choices: string[] = [];
  const reasons: string[] = [];
  let probability = 1;
  while (!state.done && choices.length < maxTurns) {
    const available = offered(bundle, state);
    if (available.length === 0) break;
    const { choice, why } = strategy(available);
    choices.push(choice.id);
    reasons.push(why);
    probability /= available.length;
    state = stepState(bundle, state, choice);
  }
  return { ...outcomeOf(bundle, state, choices, probability, score), reasons };
}
