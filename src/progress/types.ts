/**
 * The records the progress layer stores and exports. Everything here is plain JSON (IndexedDB clones it,
 * the JSON export writes it as is), and every stored record carries `formatVersion` so a later build can
 * migrate what an earlier one wrote (migrations.ts).
 */
import type { SessionSave } from '../engine/runtime/session';
import type { Ledger, Mode } from '../engine/runtime/types';

/** The format this build writes. Older formats are migrated on read (migrations.ts). */
export const FORMAT_VERSION = 3;
export type FormatVersion = typeof FORMAT_VERSION;

export type Outcome = 'good' | 'mixed' | 'bad';

export interface MeterPair {
  stress: number;
  trust: number;
}

/** One decision of a finished attempt, denormalised so the per-decision CSV needs no content lookup. */
export interface DecisionRecord {
  turn: number;
  nodeId: string;
  choiceId: string;
  /** The line as the trainee saw it: content may change later, the record must not. */
  choiceText: string;
  /** Technique tags; plain strings so a tag renamed in a later build does not invalidate old records. */
  tags: string[];
  before: MeterPair;
  after: MeterPair;
  /** Rule ids this choice breached. */
  rules: string[];
  /** ISO 8601 (UTC) time the choice was made. */
  at: string;
}

/** A finished attempt: the replayable part (seed, choices), the score and a denormalised transcript. */
export interface AttemptSummary {
  formatVersion: FormatVersion;
  id: string;
  scenarioId: string;
  scenarioTitle: string;
  scenarioVersion: number;
  contentHash: string;
  seed: number;
  choices: string[];
  mode: Mode;
  total: number;
  components: { resolution: number; experience: number; process: number };
  hardFail: boolean;
  passed: boolean;
  passMark: number;
  endingId: string;
  endingTitle: string;
  outcome: Outcome;
  ledger: Ledger;
  turns: DecisionRecord[];
  /** ISO 8601 (UTC). */
  startedAt: string;
  finishedAt: string;
}

/**
 * A conversation in progress, saved after every choice so a reload can offer to continue. Keyed by the
 * attempt it will become, so two tabs each keep their own and finishing one never touches another.
 */
export interface InProgress {
  formatVersion: FormatVersion;
  /** The id the finished attempt will be stored under. */
  attemptId: string;
  /** The engine's own save (seed and choices); Session.restore replays it. */
  save: SessionSave;
  mode: Mode;
  scenarioTitle: string;
  startedAt: string;
  /** ISO time of each choice so far, in order; summariseAttempt() needs them at the end. */
  turnTimes: string[];
  savedAt: string;
}

/**
 * The attempt id a format-1 or format-2 conversation in progress (one slot per browser, no id) finishes
 * as: derived from what it stored, so every reader of the old record agrees on it.
 */
export function legacyAttemptId(scenarioId: string, startedAt: string): string {
  return `${scenarioId}-${Date.parse(startedAt).toString(36)}-resumed`;
}

/** The trainee: a display name only (no login). An empty name means the trainee gave none. */
export interface Profile {
  displayName: string;
}

export type SetAsideSource = 'attempts' | 'profile' | 'inProgress';

/** A stored record that could not be read, kept verbatim with the reason so nothing is lost silently. */
export interface SetAsideRecord {
  from: SetAsideSource;
  /** The record's key where it was found (an attempt id, or "profile"). */
  key: string;
  reason: string;
  /** The record exactly as it was stored. */
  raw: unknown;
  setAsideAt: string;
  /**
   * 'set-aside': moved to the set-aside store. 'in-place': written by a newer build, so it is left where
   * it is (that build can still read it) and only hidden here.
   */
  kept: 'set-aside' | 'in-place';
}
