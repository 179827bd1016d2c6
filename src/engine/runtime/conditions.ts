/**
 * Conditions on the patient's state, and the authored texts that depend on them. Everything that can
 * vary by state (a node's line, a choice's feedback) is a list read from the top: the first entry whose
 * condition holds is used. Randomness is never implicit; it is an explicit `pick: random` group.
 */
import type { Condition, LineDef, LineVariant, RandomLines, Said } from '../authoring/schema';
import type { PatientContext } from './types';

/** What conditions test: the meters and the facts established so far. */
export type PatientState = Pick<PatientContext, 'meters' | 'flags'>;

/** Whether every condition holds for this patient state. An absent condition always holds. */
export function holds(conditions: readonly (Condition | undefined)[], ctx: PatientState): boolean {
  return conditions.every((cond) => holdsOne(cond, ctx));
}

/** Whether one condition holds (absent: it does). The same test as holds, without a list to build. */
export function holdsOne(cond: Condition | undefined, ctx: PatientState): boolean {
  return (
    !cond ||
    (inBand(ctx.meters.stress, cond.stress) &&
      inBand(ctx.meters.trust, cond.trust) &&
      (cond.flags?.every((f) => ctx.flags.includes(f)) ?? true) &&
      !cond.notFlags?.some((f) => ctx.flags.includes(f)))
  );
}

const inBand = (value: number, band: Condition['stress']): boolean =>
  !band || ((band.gte === undefined || value >= band.gte) && (band.lte === undefined || value <= band.lte));

/** The first entry whose `when` holds: entries are read from the top, like an if / else-if / else. */
export function firstThatHolds<T extends { when?: Condition | undefined }>(
  entries: readonly T[],
  state: PatientState,
): T | undefined {
  return entries.find((entry) => holdsOne(entry.when, state));
}

export type LineEntry = LineVariant | RandomLines;

/** A node's line as the list the author wrote (a lone string has no entries: its id is the node's). */
export function lineEntries(line: LineDef): readonly LineEntry[] {
  if (typeof line === 'string') return [];
  return Array.isArray(line) ? line : [line];
}

export const isRandomGroup = (entry: LineEntry): entry is RandomLines => 'pick' in entry;

/** Every line a node can say, with its id. */
export function linesOf(line: LineDef, nodeId: string): { id: string; text: string }[] {
  if (typeof line === 'string') return [{ id: nodeId, text: line }];
  return lineEntries(line).flatMap((entry): { id: string; text: string }[] =>
    isRandomGroup(entry) ? entry.from : [entry],
  );
}

/** Feedback or its stronger alternative as shown for this state (undefined when nothing applies). */
export function saidIn(said: Said | undefined, state: PatientState): string | undefined {
  if (said === undefined || typeof said === 'string') return said;
  return firstThatHolds(said, state)?.text;
}
