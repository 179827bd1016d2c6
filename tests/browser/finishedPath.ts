/**
 * A finished onboarding path as a trainee's JSON export: one passed assessment per shipped scenario, each
 * the best-scoring plan of its test plan file replayed for real (so the app verifies it on import). Test
 * plans are read rather than every path explored: the library's exact analysis takes minutes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALOGUES_DIR, loadLibrary } from '../../src/content/library';
import { parseContentFile } from '../../src/engine/authoring/loader';
import { testPlanFileSchema } from '../../src/engine/authoring/testPlan';
import { scoreAttempt } from '../../src/engine/runtime/scoring';
import { Session } from '../../src/engine/runtime/session';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { newAttemptId, summariseAttempt } from '../../src/progress';
import type { AttemptSummary } from '../../src/progress/types';

function bestPlannedAttempt(bundle: ScenarioBundle): { session: Session; total: number } {
  const path = join(DIALOGUES_DIR, `${bundle.scenario.id}.test.yaml`);
  const file = parseContentFile(path, readFileSync(path, 'utf8'), testPlanFileSchema).value;
  if (!file) throw new Error(`${path} does not parse: run npm run validate`);
  let best: { session: Session; total: number } | undefined;
  for (const plan of file.plans) {
    const choices = plan.steps.flatMap((s) => ('choose' in s ? [s.choose] : []));
    const session = Session.replay(bundle, plan.seed, choices);
    const score = scoreAttempt(bundle, session.context());
    if (session.view().status === 'ended' && !score.hardFail && (!best || score.total > best.total))
      best = { session, total: score.total };
    else session.stop();
  }
  if (!best) throw new Error(`${bundle.scenario.id}: no test plan reaches an ending without a hard fail`);
  return best;
}

/** One passed assessment per shipped scenario, a minute apart from `day`. */
export function finishedPathAttempts(day = new Date('2026-11-20T10:00:00Z')): AttemptSummary[] {
  const library = loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
  return library.map((bundle, i) => {
    const { session } = bestPlannedAttempt(bundle);
    const finished = new Date(day.getTime() + i * 60_000);
    const times = session.attempt().choices.map(() => finished.toISOString());
    const summary = summariseAttempt(
      session,
      scoreAttempt(bundle, session.context()),
      {
        attemptId: newAttemptId(bundle.scenario.id, finished),
        mode: 'assessment',
        startedAt: finished,
        turnTimes: times,
      },
      finished,
    );
    session.stop();
    return summary;
  });
}
