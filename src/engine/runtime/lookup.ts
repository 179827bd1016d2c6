/** Finding things in a scenario by id: one place, so every caller agrees on what a missing id means. */
import type { ChoiceDef, PersonaDef } from '../authoring/schema';
import { linesOf, type PatientState, saidIn } from './conditions';
import type { ScenarioBundle, TurnRecord } from './types';

export function choiceOf(bundle: ScenarioBundle, nodeId: string, choiceId: string): ChoiceDef | undefined {
  return bundle.scenario.nodes[nodeId]?.choices.find((c) => c.id === choiceId);
}

/** What the patient says at a node: its only line, or the variant that was picked. */
export function lineTextOf(bundle: ScenarioBundle, nodeId: string, lineId: string): string | undefined {
  const line = bundle.scenario.nodes[nodeId]?.line;
  return line === undefined ? undefined : linesOf(line, nodeId).find((v) => v.id === lineId)?.text;
}

/**
 * The patient's state at the moment a turn's choice was made: the meters before it, and the facts the
 * persona variant and earlier choices had set (facts are only ever added, so they replay from the log).
 */
export function stateBefore(
  bundle: ScenarioBundle,
  ctx: { variant: string | undefined; log: readonly TurnRecord[] },
  turn: TurnRecord,
): PatientState {
  const flags = [...(bundle.scenario.variants.find((v) => v.id === ctx.variant)?.flags ?? [])];
  for (const earlier of ctx.log) {
    if (earlier.turn >= turn.turn) break;
    for (const flag of choiceOf(bundle, earlier.nodeId, earlier.choiceId)?.set ?? [])
      if (!flags.includes(flag)) flags.push(flag);
  }
  return { meters: turn.before, flags };
}

/**
 * A turn's coaching: the choice's feedback and stronger alternative as they read in the state the choice
 * was made in (feedback can depend on what happened before, like the choice's own `when`).
 */
export function coachingOf(
  bundle: ScenarioBundle,
  ctx: { variant: string | undefined; log: readonly TurnRecord[] },
  turn: TurnRecord,
): { feedback: string; better: string | undefined } {
  const choice = choiceOf(bundle, turn.nodeId, turn.choiceId);
  if (!choice) return { feedback: '', better: undefined };
  const state = stateBefore(bundle, ctx, turn);
  return { feedback: saidIn(choice.feedback, state) ?? '', better: saidIn(choice.better, state) };
}

export function firstNameOf(persona: Pick<PersonaDef, 'name'>): string {
  return persona.name.split(' ')[0] ?? persona.name;
}
