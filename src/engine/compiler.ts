/**
 * The one module that knows XState: it turns a resolved scenario into a machine whose config is plain
 * data (named, parameterised guards and actions from `setup`). When XState changes its API (v6 drops
 * `assign`), this file is the only one to touch.
 *
 * Shape of the generated machine (flat, no children, so snapshots persist cleanly):
 *   - one state per dialogue node, tagged `awaiting-choice`, with one guarded CHOOSE transition per
 *     (choice, route): the route guards test the scenario's reactions (walk-outs) and the choice's own
 *     conditional `next` against the context *after* the choice lands, so a choice takes one transition;
 *   - one final state per ending;
 *   - no entry actions: the transition's one assign lands the choice and arrives at its target (picks the
 *     node's line, or marks the ending), and the initial context already stands at the start node.
 * Guards need that post-choice context before the action computes it, so it is computed once per
 * (context, choice) and memoised: guards and the action share one pure result.
 */
import { assign, emit, setup } from 'xstate';
import { choiceOf } from './lookup';
import { applyChoice, type Impact } from './patientModel';
import { pickWeighted } from './rng';
import type { ChoiceDef, Condition, LedgerChange, NodeDef } from './schema';
import type { Ledger, Meters, PatientContext, ScenarioBundle } from './types';

export type PatientEvent = { type: 'CHOOSE'; choiceId: string };

/** One-shot presentation cues: they are not state, so restoring a snapshot never replays them. */
export type PatientCue =
  | { type: 'reaction'; turn: number; choiceId: string; delta: Meters; meters: Meters }
  | { type: 'ended'; endingId: string };

export interface PatientInput {
  seed: number;
}

const ROUTE_SEPARATOR = '~';
export const routeStateId = (nodeId: string, choiceId: string): string =>
  `${nodeId}${ROUTE_SEPARATOR}${choiceId}`;
export const isRouteState = (stateId: string): boolean => stateId.includes(ROUTE_SEPARATOR);

export const EMPTY_LEDGER: Ledger = {
  collected: 0,
  planAmount: 0,
  planMonths: 0,
  autopay: false,
  writtenTerms: false,
  routedToAssistance: 0,
  routedToCoverage: 0,
  corrected: 0,
  waived: 0,
  disputes: 0,
  careDeferred: false,
};

/** Whether every condition holds for this patient state. An absent condition always holds. */
export function holds(
  conditions: readonly (Condition | undefined)[],
  ctx: Pick<PatientContext, 'meters' | 'flags'>,
): boolean {
  return conditions.every((cond) => {
    if (!cond) return true;
    for (const meter of ['stress', 'trust'] as const) {
      const band = cond[meter];
      if (band?.gte !== undefined && ctx.meters[meter] < band.gte) return false;
      if (band?.lte !== undefined && ctx.meters[meter] > band.lte) return false;
    }
    if (cond.flags?.some((f) => !ctx.flags.includes(f))) return false;
    if (cond.notFlags?.some((f) => ctx.flags.includes(f))) return false;
    return true;
  });
}

/** Sums take amounts; plan terms and yes/no facts take the latest value (a new plan replaces the old). */
export function applyLedger(ledger: Ledger, change: LedgerChange | undefined): Ledger {
  if (!change) return ledger;
  return {
    collected: ledger.collected + (change.collected ?? 0),
    planAmount: change.planAmount ?? ledger.planAmount,
    planMonths: change.planMonths ?? ledger.planMonths,
    autopay: change.autopay ?? ledger.autopay,
    writtenTerms: change.writtenTerms ?? ledger.writtenTerms,
    routedToAssistance: ledger.routedToAssistance + (change.routedToAssistance ?? 0),
    routedToCoverage: ledger.routedToCoverage + (change.routedToCoverage ?? 0),
    corrected: ledger.corrected + (change.corrected ?? 0),
    waived: ledger.waived + (change.waived ?? 0),
    disputes: ledger.disputes + (change.disputes ?? 0),
    careDeferred: change.careDeferred ?? ledger.careDeferred,
  };
}

/** Picks the line a node opens with: the variants whose conditions hold, weighted, by the seeded RNG. */
export function pickLine(
  node: NodeDef,
  nodeId: string,
  ctx: PatientContext,
): { lineId: string; rng: number } {
  if (typeof node.line === 'string') return { lineId: nodeId, rng: ctx.rng };
  const eligible = node.line.filter((v) => holds([v.when], ctx));
  if (eligible.length <= 1) return { lineId: eligible[0]?.id ?? node.line[0]?.id ?? nodeId, rng: ctx.rng };
  const [index, rng] = pickWeighted(
    ctx.rng,
    eligible.map((v) => v.weight),
  );
  return { lineId: eligible[index]?.id ?? nodeId, rng };
}

/**
 * The context on arriving where a choice led: at an ending, the ending itself; at a node, which of its
 * lines the patient says. Computed inside the choice's own transition (no entry actions), so a choice
 * is one assign in XState and one call in the stepper.
 */
export function arriveAt(bundle: ScenarioBundle, ctx: PatientContext, target: string): PatientContext {
  return bundle.scenario.endings[target]
    ? { ...ctx, nodeId: target, lineId: target }
    : enterNodeContext(bundle, ctx, target);
}

/** The context on entering a dialogue node: which node, and which of its lines the patient says. */
export function enterNodeContext(
  bundle: ScenarioBundle,
  ctx: PatientContext,
  nodeId: string,
): PatientContext {
  const node = bundle.scenario.nodes[nodeId];
  return node ? { ...ctx, nodeId, ...pickLine(node, nodeId, ctx) } : ctx;
}

export interface Route {
  when: Condition[];
  target: string;
}

/**
 * Where a choice leads once its effects have landed, as ordered guarded routes (the first that holds wins).
 * An explicit ending (a compliance failure, a resolution) outranks the scenario's reactions (walk-outs):
 * it says more about what happened. The compiler emits these as `always` transitions; the analyzer's
 * fast stepper follows the same list.
 */
export function routesAfter(bundle: ScenarioBundle, choice: ChoiceDef): Route[] {
  // Choices belong to exactly one bundle, and the stepper asks for the same routes on every path.
  const cached = routeCache.get(choice);
  if (cached) return cached;
  const routes = computeRoutes(bundle, choice);
  routeCache.set(choice, routes);
  return routes;
}

const routeCache = new WeakMap<ChoiceDef, Route[]>();

function computeRoutes(bundle: ScenarioBundle, choice: ChoiceDef): Route[] {
  const { scenario } = bundle;
  const branches = typeof choice.next === 'string' ? [{ goto: choice.next, when: undefined }] : choice.next;
  return branches.flatMap((branch) => {
    const own = branch.when ? [branch.when] : [];
    const direct = { when: own, target: branch.goto };
    if (scenario.endings[branch.goto]) return [direct];
    return [
      ...scenario.reactions.map((reaction) => ({ when: [...own, reaction.when], target: reaction.goto })),
      direct,
    ];
  });
}

export function initialContext(bundle: ScenarioBundle, seed: number): PatientContext {
  const variants = bundle.scenario.variants;
  let rng = seed | 0;
  let variant: (typeof variants)[number] | undefined;
  if (variants.length > 0) {
    const [index, next] = pickWeighted(
      rng,
      variants.map((v) => v.weight),
    );
    variant = variants[index];
    rng = next;
  }
  return {
    meters: { ...(variant?.meters ?? bundle.persona.meters) },
    rng,
    seed,
    variant: variant?.id,
    flags: [...(variant?.flags ?? [])],
    asked: [],
    techniqueCounts: {},
    ledger: { ...EMPTY_LEDGER },
    breaches: [],
    log: [],
    lineId: bundle.scenario.start,
    nodeId: bundle.scenario.start,
  };
}

/** The context after a choice: meters through the patient model, ledger, facts, rule breaches, the log. */
export function contextAfterChoice(
  bundle: ScenarioBundle,
  ctx: PatientContext,
  nodeId: string,
  choice: ChoiceDef,
): { context: PatientContext; impact: Impact } {
  const impact = applyChoice(ctx, choice, bundle.persona);
  const turn = ctx.log.length + 1;
  const techniqueCounts = { ...ctx.techniqueCounts };
  for (const tag of choice.tags) techniqueCounts[tag] = (techniqueCounts[tag] ?? 0) + 1;
  const rules = choice.rules ?? [];
  return {
    impact,
    context: {
      ...ctx,
      meters: impact.meters,
      flags: [...new Set([...ctx.flags, ...(choice.set ?? [])])],
      asked: choice.asks && !ctx.asked.includes(choice.asks) ? [...ctx.asked, choice.asks] : ctx.asked,
      techniqueCounts,
      ledger: applyLedger(ctx.ledger, choice.ledger),
      breaches: [...ctx.breaches, ...rules.map((ruleId) => ({ ruleId, turn, choiceId: choice.id }))],
      log: [
        ...ctx.log,
        {
          turn,
          nodeId,
          lineId: ctx.lineId,
          choiceId: choice.id,
          tags: [...choice.tags],
          before: ctx.meters,
          after: impact.meters,
          modelNotes: impact.notes,
          rules: [...rules],
        },
      ],
    },
  };
}

/**
 * Guards and then the action of one CHOOSE ask for the same (context, choice) result in a row, so a
 * single-entry cache is enough; contexts are immutable, so identity is a safe key.
 */
let lastAfterChoice: { ctx: PatientContext; choiceId: string; after: PatientContext } | undefined;
function memoisedAfterChoice(
  bundle: ScenarioBundle,
  ctx: PatientContext,
  nodeId: string,
  choiceId: string,
): PatientContext {
  if (lastAfterChoice?.ctx === ctx && lastAfterChoice.choiceId === choiceId) return lastAfterChoice.after;
  const after = contextAfterChoice(bundle, ctx, nodeId, lookupChoice(bundle, nodeId, choiceId)).context;
  lastAfterChoice = { ctx, choiceId, after };
  return after;
}

function lookupChoice(bundle: ScenarioBundle, nodeId: string, choiceId: string): ChoiceDef {
  const choice = choiceOf(bundle, nodeId, choiceId);
  if (!choice) throw new Error(`compiled machine refers to missing choice ${nodeId}/${choiceId}`);
  return choice;
}

export function compileScenario(bundle: ScenarioBundle) {
  const { scenario } = bundle;
  const machineSetup = setup({
    types: {
      context: {} as PatientContext,
      events: {} as PatientEvent,
      input: {} as PatientInput,
      emitted: {} as PatientCue,
    },
    guards: {
      /** This choice was picked, is on offer, and this route is where it leads once its effects land. */
      routeTaken: (
        { context, event },
        params: { nodeId: string; choiceId: string; offeredWhen: Condition[]; routeWhen: Condition[] },
      ) =>
        event.choiceId === params.choiceId &&
        holds(params.offeredWhen, context) &&
        holds(params.routeWhen, memoisedAfterChoice(bundle, context, params.nodeId, params.choiceId)),
    },
    actions: {
      applyChoice: assign(({ context }, params: { nodeId: string; choiceId: string; target: string }) =>
        arriveAt(bundle, memoisedAfterChoice(bundle, context, params.nodeId, params.choiceId), params.target),
      ),
      cueReaction: emit(({ context }) => {
        const last = context.log.at(-1);
        return {
          type: 'reaction' as const,
          turn: last?.turn ?? 0,
          choiceId: last?.choiceId ?? '',
          delta: last
            ? { stress: last.after.stress - last.before.stress, trust: last.after.trust - last.before.trust }
            : { stress: 0, trust: 0 },
          meters: context.meters,
        };
      }),
      cueEnded: emit((_, params: { endingId: string }) => ({
        type: 'ended' as const,
        endingId: params.endingId,
      })),
    },
  });

  const endingIds = new Set(Object.keys(scenario.endings));
  const states: Record<string, object> = {};

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    states[nodeId] = {
      tags: ['awaiting-choice'],
      on: {
        CHOOSE: node.choices.flatMap((choice) =>
          routesAfter(bundle, choice).map((route) => ({
            guard: {
              type: 'routeTaken',
              params: {
                nodeId,
                choiceId: choice.id,
                offeredWhen: choice.when ? [choice.when] : [],
                routeWhen: route.when,
              },
            },
            target: route.target,
            actions: [
              { type: 'applyChoice', params: { nodeId, choiceId: choice.id, target: route.target } },
              { type: 'cueReaction' },
              ...(endingIds.has(route.target)
                ? [{ type: 'cueEnded', params: { endingId: route.target } }]
                : []),
            ],
          })),
        ),
      },
    };
  }
  for (const endingId of endingIds) {
    states[endingId] = { type: 'final', tags: ['ended'] };
  }

  return machineSetup.createMachine({
    id: scenario.id,
    context: ({ input }) => enterNodeContext(bundle, initialContext(bundle, input.seed), scenario.start),
    initial: scenario.start,
    // No eventless transitions are generated; the limit guards against that changing unnoticed.
    options: { maxIterations: 1000 },
    // biome-ignore lint/suspicious/noExplicitAny: generated from validated data; XState cannot type dynamic state keys.
    states: states as any,
  });
}

export type PatientMachine = ReturnType<typeof compileScenario>;
