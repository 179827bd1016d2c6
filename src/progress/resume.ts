/**
 * Continuing a conversation after a reload. The same content restores the exact snapshot; changed
 * content replays the recorded choices through the new version; when neither works the result says so
 * in plain words so the UI can offer a restart. Never throws.
 */
import { ReplayError, Session, type SessionSave } from '../engine/runtime/session';
import type { ScenarioBundle } from '../engine/runtime/types';
import type { InProgress } from './types';

export type ResumeResult =
  | {
      ok: true;
      session: Session;
      via: 'snapshot' | 'replay';
      /** Set when the trainee should know something (the scenario changed and the choices were replayed). */
      message: string | undefined;
    }
  | { ok: false; reason: string };

/**
 * `bundle` is the scenario as it is now, or undefined when it can no longer be loaded.
 * A snapshot that does not restore (damaged, or from an engine that changed shape) falls back to
 * replaying the choices, which reaches the same state when the content is the same.
 */
export function resumeSession(bundle: ScenarioBundle | undefined, entry: InProgress): ResumeResult {
  const title = `\u201c${entry.scenarioTitle}\u201d`;
  if (!bundle) {
    return {
      ok: false,
      reason: `${title} is no longer available, so the conversation you had started can\u2019t be continued.`,
    };
  }
  const save = entry.save as SessionSave;
  const steps = save.choices.length;
  const changed = save.contentHash !== bundle.contentHash;
  const message = changed
    ? `${title} has been updated since you started. ${steps === 1 ? 'Your choice was' : `Your ${steps} choices were`} replayed in the new version; check that the conversation still reads the way you remember.`
    : undefined;
  try {
    // A snapshot that does not look like this scenario's is never handed to XState (which would report
    // the failure asynchronously, or, for an empty one, silently start over): replay the choices instead.
    const { session, via } = snapshotFits(bundle, save)
      ? Session.restore(bundle, save)
      : { session: Session.replay(bundle, save.seed, save.choices), via: 'replay' as const };
    try {
      session.view(); // a snapshot pointing at a node that no longer exists throws here, not later
      return {
        ok: true,
        session,
        via,
        message,
      };
    } catch (error) {
      session.stop();
      throw error;
    }
  } catch (error) {
    if (!(error instanceof ReplayError) && save.scenarioId === bundle.scenario.id) {
      try {
        const session = Session.replay(bundle, save.seed, save.choices);
        return { ok: true, session, via: 'replay', message };
      } catch (replayError) {
        return failure(title, replayError);
      }
    }
    return failure(title, error);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Whether the saved snapshot plausibly belongs to this content: a known node and one log entry per choice. */
function snapshotFits(bundle: ScenarioBundle, save: SessionSave): boolean {
  if (save.contentHash !== bundle.contentHash) return true; // Session.restore replays; the snapshot is unused.
  const snapshot = save.snapshot;
  if (!isRecord(snapshot) || !isRecord(snapshot.context)) return false;
  const { nodeId, log, meters } = snapshot.context;
  const { nodes, endings } = bundle.scenario;
  return (
    typeof nodeId === 'string' &&
    (Object.hasOwn(nodes, nodeId) || Object.hasOwn(endings, nodeId)) &&
    Array.isArray(log) &&
    log.length === save.choices.length &&
    isRecord(meters)
  );
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
