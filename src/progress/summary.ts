/** Builds the stored records from a live session: the only place that reads engine objects for storage. */
import { choiceOf } from '../engine/runtime/lookup';
import type { ScoreReport } from '../engine/runtime/scoring';
import type { Session } from '../engine/runtime/session';
import type { Mode } from '../engine/runtime/types';
import { type AttemptSummary, type DecisionRecord, FORMAT_VERSION, type InProgress } from './types';

/** A unique id without relying on crypto.randomUUID (missing outside secure contexts, e.g. a LAN host). */
export function newAttemptId(scenarioId: string, at: Date): string {
  const random =
    globalThis.crypto?.randomUUID?.() ??
    `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  return `${scenarioId}-${at.getTime().toString(36)}-${random}`;
}

/** What the app knows about an attempt besides the engine's record: its id, mode and times. */
export interface AttemptMeta {
  /** The id the finished attempt is stored under (its conversation in progress is keyed by it too). */
  attemptId: string;
  mode: Mode;
  startedAt: Date;
  /** ISO time of each choice so far, in order. */
  turnTimes: readonly string[];
}

/**
 * The record of a finished conversation. `turnTimes[i]` is when decision i was made; a missing entry
 * (a save from before times were kept) falls back to `finishedAt` rather than inventing a time.
 * Throws when the conversation has not ended: recording an unfinished attempt is a caller bug.
 */
export function summariseAttempt(
  session: Session,
  report: ScoreReport,
  meta: AttemptMeta,
  finishedAt: Date,
): AttemptSummary {
  const { mode, startedAt, turnTimes } = meta;
  const view = session.view();
  const { scenario } = session.bundle;
  if (view.status !== 'ended') {
    throw new Error(`summariseAttempt: the conversation in ${scenario.id} has not ended`);
  }
  const finished = finishedAt.toISOString();
  const turns = session.log().map(
    (entry, i): DecisionRecord => ({
      turn: entry.turn,
      nodeId: entry.nodeId,
      choiceId: entry.choiceId,
      choiceText: choiceOf(session.bundle, entry.nodeId, entry.choiceId)?.text ?? '',
      tags: [...entry.tags],
      before: { stress: entry.before.stress, trust: entry.before.trust },
      after: { stress: entry.after.stress, trust: entry.after.trust },
      rules: [...entry.rules],
      at: turnTimes[i] ?? finished,
    }),
  );
  const attempt = session.attempt();
  return {
    formatVersion: FORMAT_VERSION,
    id: meta.attemptId,
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    scenarioVersion: scenario.version,
    contentHash: attempt.contentHash,
    seed: attempt.seed,
    choices: attempt.choices,
    mode,
    total: report.total,
    components: { ...report.components },
    hardFail: report.hardFail,
    passed: report.passed,
    passMark: report.passMark,
    endingId: view.ending.id,
    endingTitle: view.ending.title,
    outcome: view.ending.outcome,
    ledger: { ...view.ledger },
    turns,
    startedAt: startedAt.toISOString(),
    finishedAt: finished,
  };
}

/** The in-progress record for the conversation as it stands now (call after every choice). */
export function inProgressOf(session: Session, meta: AttemptMeta, savedAt = new Date()): InProgress {
  return {
    formatVersion: FORMAT_VERSION,
    attemptId: meta.attemptId,
    save: session.persist(),
    mode: meta.mode,
    scenarioTitle: session.bundle.scenario.title,
    startedAt: meta.startedAt.toISOString(),
    turnTimes: [...meta.turnTimes],
    savedAt: savedAt.toISOString(),
  };
}
