/**
 * One decision as an LMS interaction, from the scenario's authored data only (ids, tags, rule ids; never
 * the English text):
 *
 * - id: `<scenario id>.<node id>`, the decision point, so an LMS report groups every learner's answer to
 *   the same question.
 * - result, judged from the chosen reply as authored:
 *     wrong    it breaks a rule (rules.yaml, hard fail or warning) or uses a harmful technique
 *              (pressure, jargon, blame, threat, ...);
 *     neutral  otherwise, when the author names a stronger reply for it (`better`);
 *     correct  otherwise: one of the best replies at that point.
 *   Every decision point offers at least one correct reply (tests/unit/lms/interaction.test.ts).
 * - response: in SCORM 2004 the choice id; in SCORM 1.2, whose choice responses are single characters
 *   0-9/a-z (RTE 3.4.2.8), the choice's letter in authored order at that node (a = first).
 */
import type { ScenarioBundle } from '../engine/runtime/types';
import { HARMFUL_TECHNIQUES } from '../engine/runtime/vocabulary';

export type InteractionResult = 'correct' | 'wrong' | 'neutral';

export interface Decision {
  /** `<scenario id>.<node id>`. */
  id: string;
  choiceId: string;
  /** The choice's letter in authored order at its node, for SCORM 1.2. */
  letter: string;
  result: InteractionResult;
  latencyMs: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The decision behind choosing `choiceId` in `bundle`; undefined when the scenario has no such choice. */
export function decisionOf(
  bundle: ScenarioBundle,
  choiceId: string,
  latencyMs: number,
): Decision | undefined {
  for (const [nodeId, node] of Object.entries(bundle.scenario.nodes)) {
    const index = node.choices.findIndex((c) => c.id === choiceId);
    const choice = node.choices[index];
    if (!choice) continue;
    const letter = LETTERS[index];
    if (!letter) return undefined; // more choices at one node than SCORM 1.2 can name; the content tests forbid it
    const harmful = choice.tags.some((tag) => HARMFUL_TECHNIQUES.includes(tag));
    const result: InteractionResult =
      (choice.rules?.length ?? 0) > 0 || harmful ? 'wrong' : choice.better ? 'neutral' : 'correct';
    return { id: `${bundle.scenario.id}.${nodeId}`, choiceId, letter, result, latencyMs };
  }
  return undefined;
}

/** SCORM 1.2 names the letters it allows in a choice response: the limit on choices at one node. */
export const MAX_CHOICES_PER_NODE = LETTERS.length;
