/**
 * Continuing a conversation after a reload: the engine replays the saved choices (the same content gives
 * the same state; changed content replays them through the new version); when that no longer fits, the
 * result says so in plain words so the UI can offer a restart. Never throws.
 */
import { ReplayError, Session } from '../engine/runtime/session';
import type { ScenarioBundle } from '../engine/runtime/types';
import type { InProgress } from './types';

export type ResumeResult =
  | {
      ok: true;
      session: Session;
      /** Set when the trainee should know something (the scenario changed and the choices were replayed). */
      message: string | undefined;
    }
  | { ok: false; reason: string };

/** `bundle` is the scenario as it is now, or undefined when it can no longer be loaded. */
export function resumeSession(bundle: ScenarioBundle | undefined, entry: InProgress): ResumeResult {
  const title = `\u201c${entry.scenarioTitle}\u201d`;
  if (!bundle) {
    return {
      ok: false,
      reason: `${title} is no longer available, so the conversation you had started can\u2019t be continued.`,
    };
  }
  const steps = entry.save.choices.length;
  try {
    const { session, changed } = Session.restore(bundle, entry.save);
    return {
      ok: true,
      session,
      message: changed
        ? `${title} has been updated since you started. ${steps === 1 ? 'Your choice was' : `Your ${steps} choices were`} replayed in the new version; check that the conversation still reads the way you remember.`
        : undefined,
    };
  } catch (error) {
    return failure(title, error);
  }
}

function failure(title: string, error: unknown): ResumeResult {
  const detail =
    error instanceof ReplayError && error.message.startsWith('step ')
      ? ` (your ${ordinal(error.step + 1)} choice no longer fits)`
      : '';
  return {
    ok: false,
    reason: `${title} has changed since you started, and your earlier choices no longer fit it${detail}. It can\u2019t be continued; start it again from the beginning.`,
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
