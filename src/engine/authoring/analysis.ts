/**
 * Exhaustive exploration of a scenario: every sequence of choices the trainee can make, played through
 * the compiled machine with XState's pure `transition` (no actors, no side effects), plus strategy
 * probes that play a fixed policy. Used by content tests and the analyzer CLI to prove the pedagogy:
 * the best path combines empathy with a clear ask, and hardline or never-ask play scores lower.
 */
import { firstThatHolds, isRandomGroup, lineEntries } from '../runtime/conditions';
import { scoreAttempt } from '../runtime/scoring';
import { offered, type PlayState, startState, stepState } from '../runtime/stepper';
import type { Meters, ScenarioBundle } from '../runtime/types';
import { ASK_TECHNIQUES, EMPATHY_TECHNIQUES, type Technique } from '../runtime/vocabulary';
import type { ChoiceDef } from './schema';

export interface PathOutcome {
  choices: string[];
  endingId: string;
  total: number;
  hardFail: boolean;
  meters: Meters;
  tags: Technique[];
}

export interface Exploration {
  paths: number;
  endings: Record<string, number>;
  best: PathOutcome;
  worst: PathOutcome;
  longest: PathOutcome;
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
}

export class ExplorationLimitError extends Error {
  constructor(limit: number, scenarioId: string) {
    super(`${scenarioId}: more than ${limit} paths; split the scenario or add endings`);
    this.name = 'ExplorationLimitError';
  }
}

function outcomeOf(bundle: ScenarioBundle, state: PlayState, choices: string[]): PathOutcome {
  const report = scoreAttempt(bundle, state.ctx);
  return {
    choices,
    endingId: state.ctx.nodeId,
    total: report.total,
    hardFail: report.hardFail,
    meters: state.ctx.meters,
    tags: [...new Set(state.ctx.log.flatMap((t) => t.tags))],
  };
}

export function explore(
  bundle: ScenarioBundle,
  options: { seed?: number; maxTurns?: number; limit?: number } = {},
): Exploration {
  const { seed = 1, maxTurns = 40, limit = 1_000_000 } = options;
  const result: Exploration = {
    paths: 0,
    endings: {},
    best: undefined as unknown as PathOutcome,
    worst: undefined as unknown as PathOutcome,
    longest: undefined as unknown as PathOutcome,
    visitedNodes: new Set(),
    usedChoices: new Set(),
    reachableLines: new Set(),
    deadEnds: [],
    meterRange: { stress: { min: 100, max: 0 }, trust: { min: 100, max: 0 } },
    scores: [],
    unbounded: false,
    hardFailMax: undefined,
    shortestTo: {},
  };
  const stack: { state: PlayState; choices: string[] }[] = [{ state: startState(bundle, seed), choices: [] }];
  while (stack.length > 0) {
    const { state, choices } = stack.pop() as { state: PlayState; choices: string[] };
    const ctx = state.ctx;
    for (const meter of ['stress', 'trust'] as const) {
      result.meterRange[meter].min = Math.min(result.meterRange[meter].min, ctx.meters[meter]);
      result.meterRange[meter].max = Math.max(result.meterRange[meter].max, ctx.meters[meter]);
    }
    result.visitedNodes.add(ctx.nodeId);
    if (state.done) {
      result.paths += 1;
      if (result.paths > limit) throw new ExplorationLimitError(limit, bundle.scenario.id);
      result.endings[ctx.nodeId] = (result.endings[ctx.nodeId] ?? 0) + 1;
      const outcome = outcomeOf(bundle, state, choices);
      result.scores.push(outcome.total);
      if (outcome.hardFail) result.hardFailMax = Math.max(result.hardFailMax ?? 0, outcome.total);
      if (!result.best || outcome.total > result.best.total) result.best = outcome;
      if (!result.worst || outcome.total < result.worst.total) result.worst = outcome;
      if (!result.longest || outcome.choices.length > result.longest.choices.length) result.longest = outcome;
      const shortest = result.shortestTo[outcome.endingId];
      if (!shortest || outcome.choices.length < shortest.choices.length)
        result.shortestTo[outcome.endingId] = outcome;
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
      stack.push({ state: stepState(bundle, state, choice), choices: [...choices, choice.id] });
    }
  }
  return result;
}

/** A policy picks one of the offered choices. */
export type Strategy = (choices: ChoiceDef[]) => ChoiceDef;

const count = (tags: readonly Technique[], of: readonly Technique[]): number =>
  tags.filter((t) => of.includes(t)).length;
const asksForMoney = (c: ChoiceDef): boolean =>
  count(c.tags, [...ASK_TECHNIQUES, 'threat']) > 0 || Boolean(c.ledger?.collected || c.ledger?.planAmount);
const pressing = (c: ChoiceDef): number =>
  3 * count(c.tags, ['pressure', 'threat']) +
  2 * count(c.tags, ['clear-ask']) +
  (c.ledger?.collected ? 1 : 0) -
  count(c.tags, EMPATHY_TECHNIQUES);
const maxBy = (choices: ChoiceDef[], key: (c: ChoiceDef) => number): ChoiceDef =>
  choices.reduce((best, c) => (key(c) > key(best) ? c : best));

export const STRATEGIES: Record<'hardline' | 'pushover', Strategy> = {
  /** Always the most collection-pressing line on offer. */
  hardline: (choices) => maxBy(choices, pressing),
  /** Never asks for money: the most empathic line that asks for nothing, else the least pressing. */
  pushover: (choices) => {
    const soft = choices.filter((c) => !asksForMoney(c));
    return soft.length > 0
      ? maxBy(soft, (c) => count(c.tags, EMPATHY_TECHNIQUES))
      : maxBy(choices, (c) => -pressing(c));
  },
};

export function playStrategy(
  bundle: ScenarioBundle,
  strategy: Strategy,
  options: { seed?: number; maxTurns?: number } = {},
): PathOutcome {
  const { seed = 1, maxTurns = 40 } = options;
  let state = startState(bundle, seed);
  const choices: string[] = [];
  while (!state.done && choices.length < maxTurns) {
    const available = offered(bundle, state);
    if (available.length === 0) break;
    const pick = strategy(available);
    choices.push(pick.id);
    state = stepState(bundle, state, pick);
  }
  return outcomeOf(bundle, state, choices);
}
