/**
 * Exports for trainers and for the trainee's own backup: two CSVs (one row per attempt, one per
 * decision) and a lossless JSON file that imports back. Browser storage is not a system of record
 * (Safari may clear it, LMS frames partition it), so the JSON round trip is the trainee's safety net.
 */
import { toCsv } from './csv';
import { describeIssues, migrateAttempt, profileSchema } from './migrations';
import { MAX_NAME_LENGTH, type ProgressStore } from './store';
import type { AttemptSummary, Profile } from './types';

export const EXPORT_FORMAT = 'good-terms-progress';
export const EXPORT_VERSION = 1;
/**
 * In bytes, checked before a file is read. Far above any real history (the compact export of 10,000
 * attempts is about 35 MB), low enough not to freeze the tab on a wrong file.
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const TOO_LARGE = `the file is too large to be a Good Terms export (over ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`;

/** The refusal for a file whose size alone rules it out: callers check `File.size` before reading it. */
export function tooLargeToImport(bytes: number): JsonImport | undefined {
  return bytes > MAX_IMPORT_BYTES ? failed([TOO_LARGE]) : undefined;
}

/** UTF-8 size of a text, counted without copying it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4; // a surrogate pair: one four-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

export interface JsonExport {
  format: typeof EXPORT_FORMAT;
  exportVersion: typeof EXPORT_VERSION;
  exportedAt: string;
  profile: Profile;
  attempts: AttemptSummary[];
}

const iso = (time: string): string => {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
};
const seconds = (from: string, to: string): number | undefined => {
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) ? Math.round(d) : undefined;
};

/** Oldest first, each with its number among the attempts at the same scenario (1, 2, 3…). */
function numbered(attempts: readonly AttemptSummary[]): { attempt: AttemptSummary; number: number }[] {
  const counts = new Map<string, number>();
  return [...attempts]
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || (a.id < b.id ? -1 : 1))
    .map((attempt) => {
      const number = (counts.get(attempt.scenarioId) ?? 0) + 1;
      counts.set(attempt.scenarioId, number);
      return { attempt, number };
    });
}

export const ATTEMPT_COLUMNS = [
  'trainee',
  'attempt_id',
  'attempt_number',
  'scenario_id',
  'scenario_title',
  'scenario_version',
  'content_hash',
  'mode',
  'seed',
  'started_at',
  'finished_at',
  'duration_seconds',
  'decisions',
  'total',
  'resolution',
  'experience',
  'process',
  'pass_mark',
  'passed',
  'hard_fail',
  'ending_id',
  'ending_title',
  'outcome',
  'choices',
] as const;

/** One row per attempt. */
export function toCsvAttempts(attempts: readonly AttemptSummary[], profile: Profile): string {
  return toCsv(
    ATTEMPT_COLUMNS,
    numbered(attempts).map(({ attempt: a, number }) => [
      profile.displayName,
      a.id,
      number,
      a.scenarioId,
      a.scenarioTitle,
      a.scenarioVersion,
      a.contentHash,
      a.mode,
      a.seed,
      iso(a.startedAt),
      iso(a.finishedAt),
      seconds(a.startedAt, a.finishedAt),
      a.turns.length,
      a.total,
      a.components.resolution,
      a.components.experience,
      a.components.process,
      a.passMark,
      a.passed,
      a.hardFail,
      a.endingId,
      a.endingTitle,
      a.outcome,
      a.choices.join(' '),
    ]),
  );
}

export const DECISION_COLUMNS = [
  'trainee',
  'attempt_id',
  'attempt_number',
  'scenario_id',
  'scenario_version',
  'content_hash',
  'mode',
  'turn',
  'node_id',
  'choice_id',
  'choice_text',
  'tags',
  'stress_before',
  'stress_after',
  'stress_change',
  'trust_before',
  'trust_after',
  'trust_change',
  'rule_flags',
  'at',
  'seconds_to_answer',
] as const;

/** One row per decision, with the meter changes and any rules it broke. */
export function toCsvDecisions(attempts: readonly AttemptSummary[], profile: Profile): string {
  const rows = numbered(attempts).flatMap(({ attempt: a, number }) =>
    a.turns.map((t, i) => [
      profile.displayName,
      a.id,
      number,
      a.scenarioId,
      a.scenarioVersion,
      a.contentHash,
      a.mode,
      t.turn,
      t.nodeId,
      t.choiceId,
      t.choiceText,
      t.tags.join(' '),
      t.before.stress,
      t.after.stress,
      t.after.stress - t.before.stress,
      t.before.trust,
      t.after.trust,
      t.after.trust - t.before.trust,
      t.rules.join(' '),
      iso(t.at),
      // Time since the previous decision (or the start): how long the trainee took over this one.
      seconds(a.turns[i - 1]?.at ?? a.startedAt, t.at),
    ]),
  );
  return toCsv(DECISION_COLUMNS, rows);
}

/** Everything, losslessly: the records exactly as stored (current format), compact so it re-imports. */
export function toJsonExport(
  profile: Profile,
  attempts: readonly AttemptSummary[],
  exportedAt: Date = new Date(),
): string {
  const data: JsonExport = {
    format: EXPORT_FORMAT,
    exportVersion: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    profile: { displayName: profile.displayName },
    attempts: [...attempts],
  };
  return `${JSON.stringify(data)}\n`;
}

/** `good-terms-attempts-2026-05-01.csv` and the like. */
export function exportFileName(kind: 'attempts' | 'decisions' | 'json', at: Date = new Date()): string {
  const day = at.toISOString().slice(0, 10);
  return kind === 'json' ? `good-terms-progress-${day}.json` : `good-terms-${kind}-${day}.csv`;
}

export type JsonImport =
  | { ok: true; profile: Profile; attempts: AttemptSummary[] }
  | {
      ok: false;
      /** One message for the trainee: what is wrong and where, and that nothing changed. */
      error: string;
      /** Every problem found, one per line. */
      problems: string[];
    };

function failed(problems: string[]): JsonImport {
  const shown = problems.slice(0, 5).map((p) => `${p[0]?.toUpperCase() ?? ''}${p.slice(1)}.`);
  const more = problems.length > 5 ? ` And ${problems.length - 5} more problems.` : '';
  return { ok: false, error: `Nothing was imported. ${shown.join(' ')}${more}`, problems };
}

/** Validates a JSON export completely before anything is written; any problem rejects the whole file. */
export function parseJsonImport(text: string): JsonImport {
  const refused = text.length > MAX_IMPORT_BYTES / 4 ? tooLargeToImport(utf8Bytes(text)) : undefined;
  if (refused) return refused;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return failed([`the file is not valid JSON${detail}`]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return failed(['the file is not a Good Terms progress export (expected a JSON object)']);
  }
  const file = data as Record<string, unknown>;
  if (file.format !== EXPORT_FORMAT) {
    return failed([`the file is not a Good Terms progress export (it has no "format": "${EXPORT_FORMAT}")`]);
  }
  const version = file.exportVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return failed(['exportVersion must be a whole number of 1 or more']);
  }
  if (version > EXPORT_VERSION) {
    return failed([
      `the file was exported by a newer version of Good Terms (export version ${version}); update Good Terms to import it`,
    ]);
  }

  const problems: string[] = [];
  let profile: Profile = { displayName: '' };
  if (file.profile !== undefined) {
    const parsed = profileSchema.safeParse(file.profile);
    if (!parsed.success) problems.push(`profile: ${describeIssues(parsed.error)}`);
    else if (parsed.data.displayName.trim().length > MAX_NAME_LENGTH) {
      problems.push(`profile: displayName must be at most ${MAX_NAME_LENGTH} characters`);
    } else profile = { displayName: parsed.data.displayName.trim() };
  }
  if (!Array.isArray(file.attempts)) return failed([...problems, 'attempts must be a list']);

  const attempts: AttemptSummary[] = [];
  const firstWithId = new Map<string, number>();
  file.attempts.forEach((raw, i) => {
    // Exported attempts may be of an older format (an export kept from an earlier version): migrate them.
    const result = migrateAttempt(raw);
    if (!result.ok) {
      problems.push(`attempt ${i + 1}: ${result.reason}`);
      return;
    }
    const other = firstWithId.get(result.record.id);
    if (other !== undefined) {
      problems.push(`attempt ${i + 1}: id "${result.record.id}" is also used by attempt ${other}`);
      return;
    }
    firstWithId.set(result.record.id, i + 1);
    attempts.push(result.record);
  });
  if (problems.length > 0) return failed(problems);
  return { ok: true, profile, attempts };
}

export type ImportOutcome =
  | { ok: true; added: number; skipped: number; profileUpdated: boolean }
  | { ok: false; error: string };

/**
 * Adds a validated import: attempts whose id is already stored are skipped (importing the same file
 * twice changes nothing), the rest are written in one transaction. The imported name fills in the
 * profile only when the trainee has not given one here. A failed parse changes nothing.
 */
export async function importInto(store: ProgressStore, parsed: JsonImport): Promise<ImportOutcome> {
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const existing = new Set((await store.attempts()).map((a) => a.id));
  const fresh = parsed.attempts.filter((a) => !existing.has(a.id));
  await store.addAttempts(fresh);
  const current = await store.profile();
  const profileUpdated = current.displayName === '' && parsed.profile.displayName !== '';
  if (profileUpdated) await store.setProfile(parsed.profile);
  return { ok: true, added: fresh.length, skipped: parsed.attempts.length - fresh.length, profileUpdated };
}
