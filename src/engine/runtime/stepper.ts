/**
 * A fast, allocation-light way to play a scenario without an actor, for exhaustive analysis and
 * benchmarks. It is built from the same pieces the compiled machine uses (effectsOfChoice,
 * routesAfter, changesOfChoice, holds), and a unit test checks it against the machine step by step.
 */

import type { ChoiceDef } from '../authoring/schema';
import { changesOfChoice, effectsOfChoice, holds, initialContext, routesAfter } from './compiler';
import { holdsOne } from './conditions';
import { shownOrder } from './order';
import type { PatientContext, ScenarioBundle } from './types';

export interface PlayState {
  ctx: PatientContext;
  done: boolean;
}

export function startState(bundle: ScenarioBundle, seed: number): PlayState {
  return { ctx: initialContext(bundle, seed), done: false };
}

/** The choices on offer now, in authored order (empty once the conversation has ended). */
export function offered(bundle: ScenarioBundle, state: PlayState): ChoiceDef[] {
  if (state.done) return [];
  return offeredAt(bundle, state.ctx);
}

function offeredAt(bundle: ScenarioBundle, ctx: PatientContext): ChoiceDef[] {
  return (bundle.scenario.nodes[ctx.nodeId]?.choices ?? []).filter((c) => holdsOne(c.when, ctx));
}

/** The choices on offer at an active node, in the order the trainee sees them (order.ts). */
export function shownChoices(bundle: ScenarioBundle, ctx: PatientContext): ChoiceDef[] {
  return shownOrder(offeredAt(bundle, ctx), ctx.seed, ctx.log.length, ctx.nodeId);
}

export function stepState(bundle: ScenarioBundle, state: PlayState, choice: ChoiceDef): PlayState {
  const { ctx } = state;
  const effects = effectsOfChoice(bundle, ctx, ctx.nodeId, choice);
  const route = routesAfter(bundle, choice).find((r) => holds(r.when, effects));
  if (!route) throw new Error(`${bundle.scenario.id}: no route after choice ${choice.id}`);
  const changes = changesOfChoice(bundle, ctx, effects, route.target);
  // Every field named, rather than spreading the two objects: a literal of one fixed shape is cheaper to
  // build and to read, and the analyzer builds one per state. A field added to the context fails to
  // compile here until it is named.
  return {
    ctx: {
      meters: changes.meters,
      rng: changes.rng,
      seed: ctx.seed,
      variant: ctx.variant,
      flags: changes.flags,
      asked: changes.asked,
      ledger: changes.ledger,
      breaches: changes.breaches,
      log: changes.log,
      lineId: changes.lineId,
      nodeId: changes.nodeId,
    },
    done: Boolean(bundle.scenario.endings[route.target]),
  };
}
