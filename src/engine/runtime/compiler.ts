/**
 * The one module that knows XState: it turns a resolved scenario into a machine whose config is plain
 * data (named, parameterised guards and actions from `setup`). When XState changes its API (v6 drops
 * `assign`), this file is the only one to touch.
 *
 * Shape of the generated machine (flat, no children, so snapshots persist cleanly):
 *   - one state per dialogue node; each of its choices is an event type of its own
 *     (`choose.<choice-id>`) with one transition per route: the route guards test the scenario's
 *     reactions (walk-outs) and the choice's own conditional `next` against the patient's state
 *     *after* the choice lands, so a choice takes one transition;
 *   - one final state per ending;
 *   - no entry actions: the transition's one assign lands the choice and arrives at its target (picks the
 *     node's line, or marks the ending), and the initial context already stands at the start node.
 * Guards need the choice's effects before the action applies them, so they are computed once per
 * (context, choice) and memoised: guards and the action share one pure result.
 */
import { assign, emit, setup } from 'xstate';
import type { ChoiceDef, Condition, NodeDef } from '../authoring/schema';
import { firstThatHolds, holds, isRandomGroup, lineEntries, type PatientState } from './conditions';
import { applyLedger, EMPTY_LEDGER } from './ledger';
import { choiceOf } from './lookup';
import { applyChoice } from './patientModel';
import { pickWeighted } from './rng';
import type { Meters, PatientContext, ScenarioBundle } from './types';

/**
 * Each choice is its own event type, so XState finds a choice's transitions by a map lookup instead of
 * testing a guard on every other choice of the node: most choices then need no guard at all.
 */
const CHOOSE_PREFIX = 'choose.';
export type PatientEvent = { type: `${typeof CHOOSE_PREFIX}${string}` };
export const chooseEvent = (choiceId: string): PatientEvent => ({ type: `${CHOOSE_PREFIX}${choiceId}` });

/** One-shot presentation cues: they are not state, so restoring a snapshot never replays them. */
export type PatientCue =
  | { type: 'reaction'; turn: number; choiceId: string; delta: Meters; meters: Meters }
  | { type: 'ended'; endingId: string };

export interface PatientInput {
  seed: number;
}

/** Where the conversation stands: the node (or ending) and the line the patient is saying. */
export type Arrival = Pick<PatientContext, 'nodeId' | 'lineId' | 'rng'>;

// The machine's guards are conditions; the session reads them from here with the rest of the machine.
export { holds };

/**
 * Picks the line a node opens with: the first entry whose condition holds; when that entry is a
 * `pick: random` group, one of its lines by weight from the seeded RNG (the only use of randomness here).
 */
function pickLine(node: NodeDef, nodeId: string, state: PatientState, rng: number): Arrival {
  const entry = firstThatHolds(lineEntries(node.line), state);
  if (!entry) return { nodeId, lineId: nodeId, rng };
  if (!isRandomGroup(entry)) return { nodeId, lineId: entry.id, rng };
  const [index, next] = pickWeighted(
    rng,
    entry.from.map((v) => v.weight),
  );
  return { nodeId, lineId: entry.from[index]?.id ?? nodeId, rng: next };
}

/**
 * Arriving where a choice led: at an ending, the ending itself; at a node, which of its lines the
 * patient says. Computed inside the choice's own transition (no entry actions), so a choice is one
 * assign in XState and one call in the stepper.
 */
export function arrivalAt(bundle: ScenarioBundle, target: string, state: PatientState, rng: number): Arrival {
  const node = bundle.scenario.nodes[target];
  return node ? pickLine(node, target, state, rng) : { nodeId: target, lineId: target, rng };
}

export interface Route {
  when: Condition[];
  target: string;
}

/**
 * Where a choice leads once its effects have landed, as ordered guarded routes (the first that holds wins).
 * An explicit ending (a compliance failure, a resolution) outranks the scenario's reactions (walk-outs):
 * it says more about what happened. The compiler emits these as the guarded transitions of the
 * choice's event; the analyzer's fast stepper follows the same list.
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

/** The context at the start: the seeded variant's meters and facts, standing at the start node. */
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
  const meters = { ...(variant?.meters ?? bundle.persona.meters) };
  const flags = [...(variant?.flags ?? [])];
  return {
    meters,
    seed,
    variant: variant?.id,
    flags,
    asked: [],
    ledger: { ...EMPTY_LEDGER },
    breaches: [],
    log: [],
    ...arrivalAt(bundle, bundle.scenario.start, { meters, flags }, rng),
  };
}

/** The part of the context a choice changes; the rest (seed, variant, where we are) it leaves alone. */
export type ChoiceEffects = Pick<
  PatientContext,
  'meters' | 'flags' | 'asked' | 'ledger' | 'breaches' | 'log'
>;

/**
 * What a choice changes: meters through the patient model, ledger, facts, rule breaches, the log.
 * Only the changed fields, so the caller merges once (XState's assign, or the stepper) instead of
 * copying the whole context at every step; fields a choice leaves alone keep their identity.
 */
export function effectsOfChoice(
  bundle: ScenarioBundle,
  ctx: PatientContext,
  nodeId: string,
  choice: ChoiceDef,
): ChoiceEffects {
  const impact = applyChoice(ctx, choice, bundle.persona);
  const turn = ctx.log.length + 1;
  const rules = choice.rules ?? [];
  const newFlags = choice.set?.filter((f) => !ctx.flags.includes(f)) ?? [];
  return {
    meters: impact.meters,
    flags: newFlags.length > 0 ? [...ctx.flags, ...new Set(newFlags)] : ctx.flags,
    asked: choice.asks && !ctx.asked.includes(choice.asks) ? [...ctx.asked, choice.asks] : ctx.asked,
    ledger: applyLedger(ctx.ledger, choice.ledger),
    breaches:
      rules.length > 0
        ? [...ctx.breaches, ...rules.map((ruleId) => ({ ruleId, turn, choiceId: choice.id }))]
        : ctx.breaches,
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
  };
}

/**
 * Everything a choice changes once its route is known: its effects plus the arrival. Merged with
 * Object.assign onto the fresh arrival object because V8's object spread of a non-literal object
 * costs several times more, and this runs on every choice (about a fifth of a transition's time).
 */
export function changesOfChoice(
  bundle: ScenarioBundle,
  ctx: PatientContext,
  effects: ChoiceEffects,
  target: string,
): ChoiceEffects & Arrival {
  return Object.assign(arrivalAt(bundle, target, effects, ctx.rng), effects);
}

function lookupChoice(bundle: ScenarioBundle, nodeId: string, choiceId: string): ChoiceDef {
  const choice = choiceOf(bundle, nodeId, choiceId);
  if (!choice) throw new Error(`compiled machine refers to missing choice ${nodeId}/${choiceId}`);
  return choice;
}

export function compileScenario(bundle: ScenarioBundle) {
  const { scenario } = bundle;
  /**
   * Guards and then the action of one choice event ask for the same (context, choice) result in a row,
   * so a single-entry cache is enough; contexts are immutable, so identity is a safe key. It belongs to
   * this machine: machines for other scenarios (a server runs many) never share or retain it.
   */
  let lastEffects: { ctx: PatientContext; choiceId: string; effects: ChoiceEffects } | undefined;
  const memoisedEffects = (ctx: PatientContext, nodeId: string, choiceId: string): ChoiceEffects => {
    if (lastEffects?.ctx === ctx && lastEffects.choiceId === choiceId) return lastEffects.effects;
    const effects = effectsOfChoice(bundle, ctx, nodeId, lookupChoice(bundle, nodeId, choiceId));
    lastEffects = { ctx, choiceId, effects };
    return effects;
  };
  const machineSetup = setup({
    types: {
      context: {} as PatientContext,
      events: {} as PatientEvent,
      input: {} as PatientInput,
      emitted: {} as PatientCue,
    },
    guards: {
      /** This choice is on offer, and this route is where it leads once its effects land. */
      routeTaken: (
        { context },
        params: { nodeId: string; choiceId: string; offeredWhen: Condition[]; routeWhen: Condition[] },
      ) =>
        holds(params.offeredWhen, context) &&
        holds(params.routeWhen, memoisedEffects(context, params.nodeId, params.choiceId)),
    },
    actions: {
      applyChoice: assign(({ context }, params: { nodeId: string; choiceId: string; target: string }) => {
        const effects = memoisedEffects(context, params.nodeId, params.choiceId);
        return changesOfChoice(bundle, context, effects, params.target);
      }),
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
      on: Object.fromEntries(
        node.choices.map((choice) => [
          chooseEvent(choice.id).type,
          routesAfter(bundle, choice).map((route) => ({
            // An unconditional choice with one route is taken whenever its event arrives.
            guard:
              choice.when || route.when.length > 0
                ? {
                    type: 'routeTaken',
                    params: {
                      nodeId,
                      choiceId: choice.id,
                      offeredWhen: choice.when ? [choice.when] : [],
                      routeWhen: route.when,
                    },
                  }
                : undefined,
            target: route.target,
            actions: [
              { type: 'applyChoice', params: { nodeId, choiceId: choice.id, target: route.target } },
              { type: 'cueReaction' },
              ...(endingIds.has(route.target)
                ? [{ type: 'cueEnded', params: { endingId: route.target } }]
                : []),
            ],
          })),
        ]),
      ),
    };
  }
  for (const endingId of endingIds) {
    states[endingId] = { type: 'final' };
  }

  return machineSetup.createMachine({
    id: scenario.id,
    context: ({ input }) => initialContext(bundle, input.seed),
    initial: scenario.start,
    // No eventless transitions are generated; the limit guards against that changing unnoticed.
    options: { maxIterations: 1000 },
    // biome-ignore lint/suspicious/noExplicitAny: generated from validated data; XState cannot type dynamic state keys.
    states: states as any,
  });
}

export type PatientMachine = ReturnType<typeof compileScenario>;
