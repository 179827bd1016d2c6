/**
 * Stored formats and the chain that brings any older record up to the current one.
 *
 *   format 1  the first format. Written before assessment mode existed: an attempt's score was a flat
 *             `score` and there was no `mode` (every attempt was practice), and the in-progress save had
 *             no `mode` either.
 *   format 2  `score` is renamed `total` and `mode` is recorded on attempts and in-progress saves.
 *   format 3  (current) the in-progress save is the engine's own record (seed and choices, engine save
 *             format 2) instead of an XState snapshot, and carries the id of the attempt it will become,
 *             so in-progress conversations are keyed by attempt rather than one slot per browser.
 *             Attempts and the profile are unchanged.
 *
 * Migration happens on read and never rewrites the stored record, so an older build that shares the
 * browser can still read what it wrote. Every step ends in validation against the current schema; a
 * record that fails is reported with a reason naming the field, never thrown.
 */
import { z } from 'zod';
import { LEDGER_FIELDS, LEDGER_KEYS, type Ledger } from '../engine/runtime/ledger';
import { SAVE_FORMAT } from '../engine/runtime/session';
import {
  type AttemptSummary,
  FORMAT_VERSION,
  type InProgress,
  legacyAttemptId,
  type Profile,
  type SetAsideSource,
} from './types';

export type MigrateResult<T> =
  | { ok: true; record: T; from: number }
  | {
      ok: false;
      reason: string;
      /** True when the record was written by a newer build: leave it where it is. */
      newer: boolean;
    };

/** "is missing" for an absent field, "must be …" otherwise: messages a trainer can act on. */
const must = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : `must be ${what}`),
});
const text = () => z.string(must('text'));
const nonEmpty = () => z.string(must('non-empty text')).min(1, 'must be non-empty text');
const count = () => z.number(must('a whole number of 0 or more')).int('must be a whole number').min(0);
const between = (lo: number, hi: number, what = 'a number') =>
  z
    .number(must(`${what} between ${lo} and ${hi}`))
    .min(lo, `must be ${what} between ${lo} and ${hi}`)
    .max(hi, `must be ${what} between ${lo} and ${hi}`);
const meter = () => between(0, 100);
const isoTime = () =>
  z
    .string(must('an ISO 8601 date and time'))
    .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'must be an ISO 8601 date and time',
    });
const strings = () => z.array(text(), must('a list of text'));
const flag = () => z.boolean(must('true or false'));
const mode = () => z.enum(['practice', 'assessment'], must('"practice" or "assessment"'));

const ledgerSchema = z.object(
  Object.fromEntries(
    LEDGER_KEYS.map((key) => [key, LEDGER_FIELDS[key].type === 'flag' ? flag() : z.number(must('a number'))]),
  ),
  must('an object'),
) as unknown as z.ZodType<Ledger>;

const metersSchema = z.object({ stress: meter(), trust: meter() }, must('an object'));

const decisionSchema = z.object(
  {
    turn: count(),
    nodeId: nonEmpty(),
    choiceId: nonEmpty(),
    choiceText: text(),
    tags: strings(),
    before: metersSchema,
    after: metersSchema,
    rules: strings(),
    at: isoTime(),
  },
  must('an object'),
);

/** Fields formats 1 and 2 share. */
const attemptCommon = {
  id: nonEmpty(),
  scenarioId: nonEmpty(),
  scenarioTitle: text(),
  scenarioVersion: z.number(must('a whole number')).int().min(1, 'must be 1 or more'),
  contentHash: nonEmpty(),
  seed: z.number(must('a whole number')).int('must be a whole number'),
  choices: strings(),
  components: z.object(
    {
      // Scoring takes resolution below 0 (money taken that is not owed) and above 100 (plan bonuses).
      resolution: z.number(must('a number')).finite('must be a finite number'),
      experience: between(0, 100),
      process: between(0, 100),
    },
    must('an object'),
  ),
  hardFail: flag(),
  passed: flag(),
  passMark: between(0, 100),
  endingId: nonEmpty(),
  endingTitle: text(),
  outcome: z.enum(['good', 'mixed', 'bad'], must('"good", "mixed" or "bad"')),
  ledger: ledgerSchema,
  turns: z.array(decisionSchema, must('a list of decisions')),
  startedAt: isoTime(),
  finishedAt: isoTime(),
};

export const attemptV1Schema = z.object({
  formatVersion: z.literal(1),
  ...attemptCommon,
  score: between(0, 100),
});
export type AttemptV1 = z.infer<typeof attemptV1Schema>;

const attemptV2Fields = { ...attemptCommon, mode: mode(), total: between(0, 100) };

export const attemptSchema: z.ZodType<AttemptSummary> = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  ...attemptV2Fields,
});

const saveFields = {
  scenarioId: nonEmpty(),
  contentHash: nonEmpty(),
  seed: z.number(must('a whole number')).int(),
  choices: strings(),
};

/** Engine save format 1 (in-progress formats 1 and 2): the attempt plus an XState snapshot, now unused. */
const snapshotSaveSchema = z.object(
  { format: z.literal(1, must('engine save format 1')), ...saveFields, snapshot: z.unknown() },
  must('an object'),
);

// The engine types `format` as its literal SAVE_FORMAT; the stored number is checked by Session.restore.
const sessionSaveSchema = z.object({ format: z.number(must('a number')), ...saveFields }, must('an object'));

const inProgressCommon = {
  scenarioTitle: text(),
  startedAt: isoTime(),
  turnTimes: z.array(isoTime(), must('a list of times')),
  savedAt: isoTime(),
};

export const inProgressV1Schema = z.object({
  formatVersion: z.literal(1),
  ...inProgressCommon,
  save: snapshotSaveSchema,
});
const inProgressV2Schema = z.object({
  formatVersion: z.literal(2),
  ...inProgressCommon,
  save: snapshotSaveSchema,
  mode: mode(),
});

export const inProgressSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  save: sessionSaveSchema,
  attemptId: nonEmpty(),
  ...inProgressCommon,
  mode: mode(),
}) as unknown as z.ZodType<InProgress>;

export const profileSchema = z.object({
  displayName: z.string(must('text')).max(200, 'must be at most 200 characters'),
});

/** A zod error as one line: `total must be a number between 0 and 100; turns[2].at is missing`. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return path ? `${path} ${issue.message}` : issue.message;
  });
  const more = lines.length > limit ? `; and ${lines.length - limit} more` : '';
  return lines.slice(0, limit).join('; ') + more;
}

function describeValue(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  return typeof raw === 'string' ? 'text' : `a ${typeof raw}`;
}

/** Reads `formatVersion` and rejects what no step of this build can read. */
function versionOf(
  raw: unknown,
  what: string,
): { version: number } | { ok: false; reason: string; newer: boolean } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: `not a saved ${what} (found ${describeValue(raw)})`, newer: false };
  }
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: `the ${what} has no valid formatVersion`, newer: false };
  }
  if (version > FORMAT_VERSION) {
    return {
      ok: false,
      reason: `the ${what} was saved by a newer version of Good Terms (format ${version}; this one reads up to ${FORMAT_VERSION})`,
      newer: true,
    };
  }
  return { version };
}

/** v1 → v2: `score` becomes `total`; v1 had no assessment mode, so every v1 attempt was practice. */
function attemptV1toV2(v1: AttemptV1): unknown {
  const { score, formatVersion: _, ...rest } = v1;
  return { ...rest, formatVersion: 2, mode: 'practice', total: score };
}

/** Brings a stored or imported attempt of any known format to the current one. Never throws. */
export function migrateAttempt(raw: unknown): MigrateResult<AttemptSummary> {
  const v = versionOf(raw, 'attempt');
  if (!('version' in v)) return v;
  let current: unknown = raw;
  if (v.version === 1) {
    const parsed = attemptV1Schema.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error), newer: false };
    current = attemptV1toV2(parsed.data);
  }
  // v2 → v3: attempts did not change; only the in-progress save did.
  if (v.version <= 2) current = { ...(current as object), formatVersion: 3 };
  const parsed = attemptSchema.safeParse(current);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error), newer: false };
  return { ok: true, record: parsed.data, from: v.version };
}

/** The brief's name for the attempt chain (attempts are what most callers migrate). */
export const migrate = migrateAttempt;

/**
 * v1 → v2: the conversation was practice (v1 had no assessment mode). v2 → v3: the snapshot is dropped
 * (the engine restores by replaying the choices), and the one per-browser slot gets the attempt id it
 * will finish as, derived from the scenario and start time so migrating twice gives the same id.
 */
export function migrateInProgress(raw: unknown): MigrateResult<InProgress> {
  const v = versionOf(raw, 'conversation in progress');
  if (!('version' in v)) return v;
  let current: unknown = raw;
  if (v.version < FORMAT_VERSION) {
    const parsed = v.version === 1 ? inProgressV1Schema.safeParse(raw) : inProgressV2Schema.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error), newer: false };
    const { snapshot: _, format: __, ...attempt } = parsed.data.save;
    current = {
      ...parsed.data,
      formatVersion: FORMAT_VERSION,
      mode: 'mode' in parsed.data ? parsed.data.mode : 'practice',
      attemptId: legacyAttemptId(attempt.scenarioId, parsed.data.startedAt),
      save: { format: SAVE_FORMAT, ...attempt },
    };
  }
  const parsed = inProgressSchema.safeParse(current);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error), newer: false };
  return { ok: true, record: parsed.data, from: v.version };
}

/** The profile has not changed since format 1; only the version is checked. */
export function migrateProfile(raw: unknown): MigrateResult<Profile> {
  const v = versionOf(raw, 'profile');
  if (!('version' in v)) return v;
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error), newer: false };
  return { ok: true, record: { displayName: parsed.data.displayName }, from: v.version };
}

export const MIGRATORS: Record<SetAsideSource, (raw: unknown) => MigrateResult<unknown>> = {
  attempts: migrateAttempt,
  inProgress: migrateInProgress,
  profile: migrateProfile,
};
