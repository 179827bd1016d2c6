/**
 * What the trainee has done with each scenario, for the select screen: tried or not, a conversation in
 * progress, the best score, passed in assessment. Pure: the app reads the store and hands the result to
 * the screen.
 */
import { type CountedAttempt, passes } from './curriculum';
import type { InProgress } from './types';

export interface ScenarioStatus {
  attempts: number;
  /** Best total in any mode. */
  bestScore: number | undefined;
  /** An assessed attempt at or above the scenario's pass mark without a hard fail. */
  passedAssessment: boolean;
  /** An unfinished conversation is saved (the title screen offers to continue it). */
  inProgress: boolean;
}

export const NOT_TRIED: ScenarioStatus = {
  attempts: 0,
  bestScore: undefined,
  passedAssessment: false,
  inProgress: false,
};

export function scenarioStatuses(
  attempts: readonly CountedAttempt[],
  unfinished: readonly InProgress[],
): Map<string, ScenarioStatus> {
  const statuses = new Map<string, ScenarioStatus>();
  const of = (id: string): ScenarioStatus => statuses.get(id) ?? { ...NOT_TRIED };
  for (const attempt of attempts) {
    const status = of(attempt.scenarioId);
    statuses.set(attempt.scenarioId, {
      ...status,
      attempts: status.attempts + 1,
      bestScore: Math.max(status.bestScore ?? Number.NEGATIVE_INFINITY, attempt.total),
      passedAssessment: status.passedAssessment || passes(attempt, {}),
    });
  }
  for (const entry of unfinished) {
    statuses.set(entry.save.scenarioId, { ...of(entry.save.scenarioId), inProgress: true });
  }
  return statuses;
}
