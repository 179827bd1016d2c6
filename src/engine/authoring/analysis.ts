/**
 * Exhaustive exploration of a scenario: every sequence of choices the trainee can make, played with the
 * actor-free stepper (runtime/stepper.ts, built from the compiled machine's own pieces and checked
 * against it by a test), plus strategy probes that play a fixed policy. Used by content tests and the analyzer CLI to prove the pedagogy:
 * the best path combines empathy with a clear ask, and hardline or never-ask play scores lower.
 */
import { firstThatHolds, isRandomGroup, lineEntries } from '../runtime/conditions';
import { nextRandom } from '../runtime/rng';
import {
  type ScoreFigures,
  type ScoreReport,
  type ScoreTally,
  scoreFigures,
  tallyOf,
  tallyTurn,
} from '../runtime/scoring';
import { offered, type PlayState, startState, stepState } from '../runtime/stepper';
import type { Meters, PatientContext, ScenarioBundle, TurnRecord } from '../runtime/types';
import { ASK_TECHNIQUES, EMPATHY_TECHNIQUES, type Technique } from '../runtime/vocabulary';
import type { ChoiceDef } from './schema';

/**
 * What the analyzer reads of a score (ScoreFigures: the scorer's texts and item codes are the debrief's
 * business and change with it). Injectable, so a test can show what an invariant catches. The exhaustive
 * walk hands over the tally of the path's turns, folded as it went (a scorer may ignore it).
 */
export type Scorer = (bundle: ScenarioBundle, ctx: PatientContext, tally?: ScoreTally) => ScoreFigures;
export const defaultScorer: Scorer = scoreFigures;

export interface PathOutcome {
  choices: string[];
  endingId: string;
  total: number;
  band: ScoreReport['band'];
  passed: boolean;
  hardFail: boolean;
  passMark: number;
  breaches: ScoreFigures['breaches'];
  meters: Meters;
  tags: Technique[];
  /** The chance a trainee picking uniformly at random among the offered replies takes this path. */
  probability: number;
}

export interface Exploration {
  paths: number;
  endings: Record<string, number>;
  /** Undefined only when no path ends at all (every path loops): `bounded` then reports it. */
  best: PathOutcome | undefined;
  /** The best path other than `best` (equal to it in score on a tie). */
  runnerUp: PathOutcome | undefined;
  /** How many paths share the best total. */
  bestCount: number;
  worst: PathOutcome | undefined;
  longest: PathOutcome | undefined;
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

/** The choices a state was reached by, from the start: its log holds one entry per choice. */
const choicesOf = (state: PlayState): string[] => state.ctx.log.map((t) => t.choiceId);

function outcomeOf(state: PlayState, report: ScoreFigures, probability: number): PathOutcome {
  return {
    choices: choicesOf(state),
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
  /** Stop after this many finished paths. */
  limit?: number;
  /** Stop after this many states (a conversation that loops without ending finishes no paths). */
  stateLimit?: number;
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

/** An id-keyed record without a prototype: no id can find an inherited property. */
const byId = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

export function explore(bundle: ScenarioBundle, options: ExploreOptions = {}): Exploration {
  const {
    seed = 1,
    maxTurns = 40,
    limit = 1_000_000,
    stateLimit = 2_000_000,
    score = defaultScorer,
    after = [],
  } = options;
  let states = 0;
  const result: Exploration = {
    paths: 0,
    endings: byId(),
    best: undefined,
    runnerUp: undefined,
    bestCount: 0,
    worst: undefined,
    longest: undefined,
    bestTo: byId(),
    visitedNodes: new Set(),
    usedChoices: new Set(),
    reachableLines: new Set(),
    deadEnds: [],
    meterRange: { stress: { min: 100, max: 0 }, trust: { min: 100, max: 0 } },
    scores: [],
    unbounded: false,
    shortestTo: byId(),
    randomPass: 0,
    likeliestPass: undefined,
    bestBroken: undefined,
    choiceBest: new Map(),
    truncated: false,
  };
  const root = replayPath(bundle, seed, after).at(-1) as PlayState;
  const stack: Visit[] = [
    {
      state: root,
      probability: 1,
      tally: tallyOf(bundle, root.ctx.log),
      parent: undefined,
      turnsFrom: 0,
      best: -Infinity,
    },
  ];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { state, probability, tally } = visit;
    if (++states > stateLimit) {
      result.truncated = true;
      break;
    }
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
      record(result, visit, score(bundle, ctx, tally));
      continue;
    }
    const node = bundle.scenario.nodes[ctx.nodeId];
    const said = node && firstThatHolds(lineEntries(node.line), ctx);
    if (said) for (const line of isRandomGroup(said) ? said.from : [said]) result.reachableLines.add(line.id);
    const available = offered(bundle, state);
    if (available.length === 0) {
      result.deadEnds.push({ nodeId: ctx.nodeId, choices: choicesOf(state) });
      continue;
    }
    if (ctx.log.length >= maxTurns) {
      result.unbounded = true;
      continue;
    }
    for (let i = available.length - 1; i >= 0; i--) {
      const choice = available[i] as ChoiceDef;
      result.usedChoices.add(choice.id);
      const next = stepState(bundle, state, choice);
      stack.push({
        state: next,
        probability: probability / available.length,
        tally: tallyTurn(bundle, tally, next.ctx.log.at(-1) as TurnRecord, choice),
        parent: visit,
        turnsFrom: ctx.log.length,
        best: -Infinity,
      });
    }
  }
  return result;
}

/** A state on the exploration's walk, and what the walk knows of the paths through it. */
interface Visit {
  state: PlayState;
  /** The chance a uniformly random trainee reaches this state. */
  probability: number;
  /** The tally of the state's turns, folded one turn per step: a turn is scored once for all its paths. */
  tally: ScoreTally;
  parent: Visit | undefined;
  /** The state's own turns in its log: the last one, or for the walk's first state, all it started with. */
  turnsFrom: number;
  /** The best total of the finished paths through this state so far. */
  best: number;
}

/**
 * A finished path's outcome (its choices, tags and breaches), built the first time a figure keeps the
 * path and shared by the rest. A class, not a closure: tsx names every closure it creates, and this runs
 * for each of a million paths.
 */
class FinishedPath {
  private kept: PathOutcome | undefined;

  constructor(
    private readonly state: PlayState,
    private readonly report: ScoreFigures,
    private readonly probability: number,
  ) {}

  outcome(): PathOutcome {
    this.kept ??= outcomeOf(this.state, this.report, this.probability);
    return this.kept;
  }
}

/**
 * Folds one finished path into the exploration's figures. Most paths are only counted: the path's full
 * outcome (its choices, tags and breaches) is built only for a path the exploration keeps.
 */
function record(result: Exploration, visit: Visit, report: ScoreFigures): void {
  const { state, probability } = visit;
  const path = new FinishedPath(state, report, probability);
  const { total } = report;
  const endingId = state.ctx.nodeId;
  const turns = state.ctx.log.length;
  result.scores.push(total);
  if (!result.best || total > result.best.total) {
    result.runnerUp = result.best;
    result.best = path.outcome();
    result.bestCount = 1;
  } else {
    if (total === result.best.total) result.bestCount += 1;
    if (!result.runnerUp || total > result.runnerUp.total) result.runnerUp = path.outcome();
  }
  if (!result.worst || total < result.worst.total) result.worst = path.outcome();
  if (!result.longest || turns > result.longest.choices.length) result.longest = path.outcome();
  const shortest = result.shortestTo[endingId];
  if (!shortest || turns < shortest.choices.length) result.shortestTo[endingId] = path.outcome();
  const bestHere = result.bestTo[endingId];
  if (!bestHere || total > bestHere.total) result.bestTo[endingId] = path.outcome();
  if (report.passed && !report.hardFail) {
    result.randomPass += probability;
    if (!result.likeliestPass || probability > result.likeliestPass.probability)
      result.likeliestPass = path.outcome();
  }
  if (report.breaches.length > 0 && (!result.bestBroken || total > result.bestBroken.total))
    result.bestBroken = path.outcome();
  // Each turn of the path keeps the best total through it. A state's best is never below its successors',
  // so the climb stops at the first state that has already seen this total: per path, only the turns
  // below where it branched off a better one are touched. They are updated from the first turn on, so
  // the maps' order is the order the turns were first played.
  const climbed: Visit[] = [];
  for (let at: Visit | undefined = visit; at && at.best < total; at = at.parent) {
    at.best = total;
    climbed.push(at);
  }
  for (let i = climbed.length - 1; i >= 0; i--) {
    const { state: at, turnsFrom } = climbed[i] as Visit;
    for (let t = turnsFrom; t < at.ctx.log.length; t++) {
      const turn = at.ctx.log[t] as TurnRecord;
      let byChoice = result.choiceBest.get(turn.nodeId);
      if (!byChoice) {
        byChoice = new Map();
        result.choiceBest.set(turn.nodeId, byChoice);
      }
      byChoice.set(turn.choiceId, Math.max(byChoice.get(turn.choiceId) ?? -Infinity, total));
    }
  }
}

/**
 * Nodes the conversation can reach but from which no ending can be reached, whatever the conditions:
 * a loop without an exit. Found on the graph alone, before any exhaustive play (which would never end).
 */
export function nodesWithoutExit(bundle: ScenarioBundle): string[] {
  const { scenario } = bundle;
  const targetsOf = (nodeId: string): string[] => {
    const choices = scenario.nodes[nodeId]?.choices ?? [];
    const direct = choices.flatMap((c) =>
      typeof c.next === 'string' ? [c.next] : c.next.map((b) => b.goto),
    );
    // Reactions apply after any choice that leads to a node.
    const reacts = direct.some((t) => scenario.nodes[t]) ? scenario.reactions.map((r) => r.goto) : [];
    return [...direct, ...reacts];
  };
  const reachable = new Set<string>();
  const queue = [scenario.start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reachable.has(id) || !scenario.nodes[id]) continue;
    reachable.add(id);
    queue.push(...targetsOf(id));
  }
  const exits = new Set(Object.keys(scenario.endings));
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of reachable)
      if (!exits.has(id) && targetsOf(id).some((t) => exits.has(t))) {
        exits.add(id);
        grew = true;
      }
  }
  return [...reachable].filter((id) => !exits.has(id));
}

/** The best path, for callers that know the scenario ends (a scenario where nothing ends has none). */
export function bestOf(exploration: Exploration, scenarioId = 'the scenario'): PathOutcome {
  if (!exploration.best) throw new Error(`${scenarioId}: no path reaches an ending`);
  return exploration.best;
}

/**
 * For each ending, a path that follows the best path as long as it can and then deviates once: the
 * deviation as late as possible, and after it the best-scoring way into that ending. A draft test plan
 * built from these shows what each ending is about, instead of routing every ending through the first
 * mistake on offer.
 */
export function deviationsToEndings(
  bundle: ScenarioBundle,
  best: PathOutcome,
  options: { seed?: number; score?: Scorer } = {},
): Record<string, PathOutcome> {
  const { seed = 1, score = defaultScorer } = options;
  const found = byId<PathOutcome>();
  found[best.endingId] = best;
  const states = replayPath(bundle, seed, best.choices);
  for (let step = best.choices.length - 1; step >= 0; step--) {
    const prefix = best.choices.slice(0, step);
    const here = states[step] as PlayState;
    for (const alternative of offered(bundle, here)) {
      if (alternative.id === best.choices[step]) continue;
      const branch = explore(bundle, { seed, score, after: [...prefix, alternative.id] });
      for (const [endingId, path] of Object.entries(branch.bestTo)) found[endingId] ??= path;
    }
  }
  return found;
}

export interface ExplainedStep {
  turn: number;
  nodeId: string;
  choiceId: string;
  why: string;
}

/**
 * Why the best path takes each step: the best total still reachable through its choice against the best
 * reachable through each other reply on offer at that moment.
 */
export function explainBest(
  bundle: ScenarioBundle,
  best: PathOutcome,
  options: { seed?: number; score?: Scorer } = {},
): ExplainedStep[] {
  const { seed = 1, score = defaultScorer } = options;
  const states = replayPath(bundle, seed, best.choices);
  return best.choices.map((choiceId, step) => {
    const here = states[step] as PlayState;
    const prefix = best.choices.slice(0, step);
    const others = offered(bundle, here)
      .filter((c) => c.id !== choiceId)
      .map((c) => {
        const top = explore(bundle, { seed, score, after: [...prefix, c.id] }).best;
        return `${c.id} ${top ? top.total : 'never ends'}`;
      });
    return {
      turn: step + 1,
      nodeId: here.ctx.nodeId,
      choiceId,
      why: `leads to the best total, ${best.total}${others.length ? `; best through the others: ${others.join(', ')}` : ' (the only reply on offer)'}`,
    };
  });
}

/**
 * One seeded walk of a trainee picking uniformly at random among the offered replies: every state from
 * the start until an ending, a dead end or `maxTurns`, the walk's chance, and the random state after it.
 */
export function randomWalk(
  bundle: ScenarioBundle,
  seed: number,
  rng: number,
  maxTurns = 40,
): { states: PlayState[]; probability: number; rng: number } {
  const states = [startState(bundle, seed)];
  let probability = 1;
  for (let state = states[0] as PlayState; !state.done && state.ctx.log.length < maxTurns; ) {
    const available = offered(bundle, state);
    if (available.length === 0) break;
    const [r, next] = nextRandom(rng);
    rng = next;
    probability /= available.length;
    state = stepState(bundle, state, available[Math.floor(r * available.length)] as ChoiceDef);
    states.push(state);
  }
  return { states, probability, rng };
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
    const walk = randomWalk(bundle, seed, rng, maxTurns);
    rng = walk.rng;
    const { probability } = walk;
    const state = walk.states.at(-1) as PlayState;
    const report = score(bundle, state.ctx);
    if (state.done && report.passed && !report.hardFail) {
      passed += 1;
      example ??= outcomeOf(state, report, probability);
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
  const reasons: string[] = [];
  let probability = 1;
  while (!state.done && state.ctx.log.length < maxTurns) {
    const available = offered(bundle, state);
    if (available.length === 0) break;
    const { choice, why } = strategy(available);
    reasons.push(why);
    probability /= available.length;
    state = stepState(bundle, state, choice);
  }
  return { ...outcomeOf(state, score(bundle, state.ctx), probability), reasons };
}
