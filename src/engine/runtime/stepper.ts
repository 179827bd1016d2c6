/**
 * A fast, allocation-light way to play a scenario without an actor, for exhaustive analysis and
 * benchmarks. It is built from the same pieces the compiled machine uses (effectsOfChoice,
 * routesAfter, changesOfChoice, holds), and a unit test checks it against the machine step by step.
 */

import type { ChoiceDef } from '../authoring/schema';
import { changesOfChoice, effectsOfChoice, holds, initialContext, routesAfter } from './compiler';
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
  return (bundle.scenario.nodes[ctx.nodeId]?.choices ?? []).filter((c) => holds([c.when], ctx));
}

/** The choices on offer at an active node, in the order the trainee sees them (order.ts). */
export function shownChoices(bundle: ScenarioBundle, ctx: PatientContext): ChoiceDef[] {
  return shownOrder(offeredAt(bundle, ctx), ctx.seed, ctx.log.length, ctx.nodeId);
}

export function stepState(bundle: ScenarioBundle, state: PlayState, choice: ChoiceDef): PlayState {
  const effects = effectsOfChoice(bundle, state.ctx, state.ctx.nodeId, choice);
  const route = routesAfter(bundle, choice).find((r) => holds(r.when, effects));
  if (!route) throw new Error(`${bundle.scenario.id}: no route after choice ${choice.id}`);
  return {
    ctx: { ...state.ctx, ...changesOfChoice(bundle, state.ctx, effects, route.target) },
    done: Boolean(bundle.scenario.endings[route.target]),
  };
}
