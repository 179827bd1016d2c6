/**
 * Whether a list of conditions, read from the top, leaves some patient state uncovered, and whether an
 * entry comes after conditions that already cover every state (so it can never be used). Decided
 * exactly: a condition only tests meter bands and flags, so a few representative meter values (each
 * side of every bound) and every combination of the flags mentioned decide every state.
 */
import type { Condition } from './schema';

export interface SampleState {
  stress: number;
  trust: number;
  set: string[];
  unset: string[];
}

/** Beyond this many distinct flags in one list the check would try too many combinations; it then gives up. */
const MAX_FLAGS = 12;

function meterPoints(conditions: readonly (Condition | undefined)[], meter: 'stress' | 'trust'): number[] {
  const points = new Set<number>();
  for (const c of conditions) {
    const band = c?.[meter];
    if (band?.gte !== undefined) points.add(band.gte).add(band.gte - 1);
    if (band?.lte !== undefined) points.add(band.lte).add(band.lte + 1);
  }
  const inRange = [...points].filter((p) => p >= 0 && p <= 100).sort((a, b) => a - b);
  // Values beside a bound first: "stress 59" explains a gap below "gte: 60" better than "stress 0".
  return inRange.length > 0 ? [...new Set([...inRange, 0, 100])] : [50];
}

function satisfies(cond: Condition | undefined, s: SampleState): boolean {
  if (!cond) return true;
  const inBand = (v: number, band: Condition['stress']): boolean =>
    !band || ((band.gte === undefined || v >= band.gte) && (band.lte === undefined || v <= band.lte));
  return (
    inBand(s.stress, cond.stress) &&
    inBand(s.trust, cond.trust) &&
    (cond.flags ?? []).every((f) => s.set.includes(f)) &&
    !(cond.notFlags ?? []).some((f) => s.set.includes(f))
  );
}

/**
 * A state in which none of the conditions holds (an absent condition holds everywhere); 'covered' when
 * together they cover every state; 'unknown' when the list mentions too many flags to try them all.
 */
export function uncoveredState(
  conditions: readonly (Condition | undefined)[],
): SampleState | 'covered' | 'unknown' {
  if (conditions.some((c) => c === undefined)) return 'covered';
  const flags = [...new Set(conditions.flatMap((c) => [...(c?.flags ?? []), ...(c?.notFlags ?? [])]))];
  if (flags.length > MAX_FLAGS) return 'unknown';
  const stressPoints = meterPoints(conditions, 'stress');
  const trustPoints = meterPoints(conditions, 'trust');
  for (let mask = 0; mask < 1 << flags.length; mask++) {
    const set = flags.filter((_, i) => mask & (1 << i));
    const unset = flags.filter((_, i) => !(mask & (1 << i)));
    for (const stress of stressPoints)
      for (const trust of trustPoints) {
        const state = { stress, trust, set, unset };
        if (!conditions.some((c) => satisfies(c, state))) return state;
      }
  }
  return 'covered';
}

/** "stress 59, without coverage-screened": only what the conditions mention. */
export function describeState(s: SampleState, conditions: readonly (Condition | undefined)[]): string {
  const parts: string[] = [];
  if (conditions.some((c) => c?.stress)) parts.push(`stress ${s.stress}`);
  if (conditions.some((c) => c?.trust)) parts.push(`trust ${s.trust}`);
  if (s.set.length) parts.push(`with ${s.set.join(', ')}`);
  if (s.unset.length) parts.push(`without ${s.unset.join(', ')}`);
  return parts.join(', ') || 'any state';
}

export type ListProblem = { kind: 'never-used'; index: number } | { kind: 'not-exhaustive'; example: string };

/**
 * Problems of a list read from the top: entries below conditions that already cover every state, and
 * states where no entry applies.
 */
export function listProblems(conditions: readonly (Condition | undefined)[]): ListProblem[] {
  const problems: ListProblem[] = [];
  for (let i = 1; i < conditions.length; i++) {
    if (uncoveredState(conditions.slice(0, i)) === 'covered') problems.push({ kind: 'never-used', index: i });
  }
  const gap = uncoveredState(conditions);
  if (typeof gap === 'object')
    problems.push({ kind: 'not-exhaustive', example: describeState(gap, conditions) });
  return problems;
}
