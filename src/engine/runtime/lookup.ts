/** Finding things in a scenario by id: one place, so every caller agrees on what a missing id means. */
import type { ChoiceDef, PersonaDef } from '../authoring/schema';
import type { ScenarioBundle } from './types';

export function choiceOf(bundle: ScenarioBundle, nodeId: string, choiceId: string): ChoiceDef | undefined {
  return bundle.scenario.nodes[nodeId]?.choices.find((c) => c.id === choiceId);
}

/** What the patient says at a node: its only line, or the variant the RNG picked. */
export function lineTextOf(bundle: ScenarioBundle, nodeId: string, lineId: string): string | undefined {
  const line = bundle.scenario.nodes[nodeId]?.line;
  return typeof line === 'string' ? line : line?.find((v) => v.id === lineId)?.text;
}

export function firstNameOf(persona: Pick<PersonaDef, 'name'>): string {
  return persona.name.split(' ')[0] ?? persona.name;
}
