/**
 * What the package reports, as a pure function of the record (src/lms/record.ts) and the package's
 * standard. The same rules decide which attempt is kept as a scenario's best, so the record and the report
 * can never disagree.
 *
 * - An attempt counts when it is at one of the package's scenarios and, in an assessment package, was
 *   played in assessment (a practice package counts every finished attempt).
 * - It passes when it has no compliance hard fail and its total reaches the pass mark: the package's
 *   mastery score (--mastery, or the LMS's own mastery score), else the curriculum module's pass mark, else
 *   the scenario's.
 * - Scenario package: completed once a counted attempt finished; passed or failed by its best attempt; the
 *   score is that attempt's total.
 * - Curriculum package: completed once every scenario of the path has a counted attempt; passed when every
 *   module is mastered (each of its scenarios passed), failed when complete but not all mastered; the score
 *   is the mean over the path's scenarios of their best counted totals, a scenario not yet played counting 0.
 * - Practice packages report completion and score only (success stays unknown).
 */
import type { Curriculum } from '../engine/authoring/curriculumSchema';
import type { Mode } from '../engine/runtime/types';
import type { LmsTarget } from './config';
import type { LmsRecord, RecordedResult } from './record';

export interface Standard {
  target: LmsTarget;
  mode: Mode;
  /** The package's mastery score, already replaced by the LMS's when the LMS gave one. */
  mastery: number | undefined;
  /** The onboarding path; needed for a curriculum package (its scenarios and module pass marks). */
  curriculum: Curriculum | undefined;
}

export interface Outcome {
  completion: 'incomplete' | 'completed';
  success: 'passed' | 'failed' | 'unknown';
  /** An integer 0-100, once anything counted has finished. */
  score: number | undefined;
  /** 0-1: the share of the package's scenarios passed (assessment) or finished (practice). */
  progress: number;
}

/** The scenarios the package is about, in order. */
export function scenariosOf(standard: Standard): string[] {
  if (standard.target.kind === 'scenario') return [standard.target.id];
  return standard.curriculum?.modules.flatMap((m) => m.scenarios) ?? [];
}

export function counts(standard: Standard, scenarioId: string, mode: Mode): boolean {
  return (
    scenariosOf(standard).includes(scenarioId) && (standard.mode === 'practice' || mode === 'assessment')
  );
}

export function passMarkFor(standard: Standard, scenarioId: string, scenarioPassMark: number): number {
  if (standard.mastery !== undefined) return standard.mastery;
  const module = standard.curriculum?.modules.find((m) => m.scenarios.includes(scenarioId));
  return module?.passMark ?? scenarioPassMark;
}

export function passes(standard: Standard, result: RecordedResult): boolean {
  return !result.hardFail && result.total >= passMarkFor(standard, result.scenarioId, result.passMark);
}

/** Whether `candidate` should replace `kept` as the scenario's best: a pass beats a fail, then the higher total. */
export function isBetter(
  standard: Standard,
  candidate: RecordedResult,
  kept: RecordedResult | undefined,
): boolean {
  if (!kept) return true;
  const a = passes(standard, candidate);
  const b = passes(standard, kept);
  return a !== b ? a : candidate.total > kept.total;
}

export function outcomeOf(standard: Standard, record: LmsRecord): Outcome {
  const scenarios = scenariosOf(standard);
  const best = new Map(record.results.map((r) => [r.scenarioId, r]));
  const finished = scenarios.filter((id) => best.has(id));
  const passed = scenarios.filter((id) => {
    const result = best.get(id);
    return result !== undefined && passes(standard, result);
  });
  const complete = scenarios.length > 0 && finished.length === scenarios.length;
  const assessed = standard.mode === 'assessment';
  const totals = scenarios.map((id) => best.get(id)?.total ?? 0);
  return {
    completion: complete ? 'completed' : 'incomplete',
    success: !assessed
      ? 'unknown'
      : passed.length === scenarios.length && complete
        ? 'passed'
        : complete
          ? 'failed'
          : 'unknown',
    score:
      finished.length === 0
        ? undefined
        : Math.round(totals.reduce((sum, t) => sum + t, 0) / scenarios.length),
    progress: scenarios.length === 0 ? 0 : (assessed ? passed.length : finished.length) / scenarios.length,
  };
}
