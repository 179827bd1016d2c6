/**
 * Stored attempts are claims; only a replay makes them results. Each attempt is replayed from its seed
 * and choices against the current content and its score re-derived, so an edited or fabricated record
 * (score 100, pass mark 0, no turns, dated 9999) cannot master a module or print a certificate. Attempts
 * that do not replay stay in the history, marked as not verified. Replay checks the choices and the
 * score; it cannot tell whether help was on, so the recorded mode is taken as given.
 */

import { encodeReplayCode } from '../engine/runtime/replayCode';
import { scoreAttempt } from '../engine/runtime/scoring';
import { replayContext } from '../engine/runtime/session';
import type { ScenarioBundle } from '../engine/runtime/types';
import type { AttemptSummary } from './types';

export type CheckedAttempt = AttemptSummary &
  (
    | {
        verified: true /** Reproduces this attempt anywhere: a supervisor can replay it. */;
        replayCode: string;
      }
    | { verified: false /** Why it could not be replayed, in plain words. */; problem: string }
  );

/** Loads the scenario as it is now, or undefined when this build cannot play it. */
export type ScenarioLoader = (scenarioId: string) => Promise<ScenarioBundle | undefined>;

export async function verifyAttempts(
  attempts: readonly AttemptSummary[],
  load: ScenarioLoader,
): Promise<CheckedAttempt[]> {
  const bundles = new Map<string, Promise<ScenarioBundle | undefined>>();
  const bundleFor = (id: string) => {
    let found = bundles.get(id);
    if (!found) {
      found = load(id).catch(() => undefined);
      bundles.set(id, found);
    }
    return found;
  };
  return Promise.all(
    attempts.map(async (attempt) => verifyOne(attempt, await bundleFor(attempt.scenarioId))),
  );
}

function verifyOne(attempt: AttemptSummary, bundle: ScenarioBundle | undefined): CheckedAttempt {
  const unverified = (problem: string): CheckedAttempt => ({ ...attempt, verified: false, problem });
  if (!bundle) return unverified('its scenario is not in this version of Good Terms');
  let ctx: ReturnType<typeof replayContext>;
  try {
    ctx = replayContext(bundle, attempt.seed, attempt.choices);
  } catch {
    return unverified('its choices do not replay in the scenario as it is now');
  }
  const ending = bundle.scenario.endings[ctx.ctx.nodeId];
  if (!ctx.done || !ending) return unverified('its choices do not reach an ending');
  const report = scoreAttempt(bundle, ctx.ctx);
  return {
    ...attempt,
    total: report.total,
    components: report.components,
    hardFail: report.hardFail,
    passed: report.passed,
    passMark: report.passMark,
    endingId: ctx.ctx.nodeId,
    outcome: ending.outcome,
    ledger: ctx.ctx.ledger,
    verified: true,
    replayCode: encodeReplayCode(bundle, attempt),
  };
}
