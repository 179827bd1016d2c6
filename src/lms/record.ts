/**
 * What the package keeps in `cmi.suspend_data`: the learner's counted results and the conversation in
 * progress, each as the engine's own replay code (src/engine/runtime/replayCode.ts: scenario, content
 * hash prefix, seed, choice indexes), so a relaunch on any machine rebuilds the same conversations by
 * replaying them. Versioned text, printable ASCII only:
 *
 *   GTL1;t=<target>[;c=<conversation>][;r=<result>,<result>...]
 *   target        c (the curriculum) or s:<scenario id>
 *   conversation  <mode>.<started>.<replay code>
 *   result        <mode>!<total>!<h|->!<pass mark>!<finished>!<seconds>!<replay code>
 *
 * mode is a (assessment) or p (practice); times are Unix seconds and durations seconds, in base 36; h marks
 * a compliance hard fail. The budget is 3,500 characters for SCORM 1.2 (its limit is 4,096, which some LMSs
 * enforce) and 60,000 for SCORM 2004; tests/unit/lms/record.test.ts computes the worst case.
 */
import { scenarioIdOfCode } from '../engine/runtime/replayCode';
import type { Mode } from '../engine/runtime/types';
import type { LmsTarget, ScormVersion } from './config';

export const RECORD_VERSION = 'GTL1';

export const SUSPEND_DATA_BUDGET: Record<ScormVersion, number> = { scorm12: 3500, scorm2004: 60_000 };

/** The best counted attempt at one scenario. */
export interface RecordedResult {
  scenarioId: string;
  mode: Mode;
  total: number;
  hardFail: boolean;
  /** The scenario's pass mark when it was played (the curriculum may override it). */
  passMark: number;
  /** Unix seconds. */
  finishedAt: number;
  seconds: number;
  code: string;
}

/** The conversation in progress. */
export interface RecordedConversation {
  scenarioId: string;
  mode: Mode;
  /** Unix seconds. */
  startedAt: number;
  code: string;
}

export interface LmsRecord {
  target: LmsTarget;
  /** At most one per scenario. */
  results: RecordedResult[];
  conversation: RecordedConversation | undefined;
}

export class RecordError extends Error {
  constructor(message: string) {
    super(`suspend_data: ${message}`);
    this.name = 'RecordError';
  }
}

export function emptyRecord(target: LmsTarget): LmsRecord {
  return { target, results: [], conversation: undefined };
}

const modeChar = (mode: Mode): string => (mode === 'assessment' ? 'a' : 'p');
const b36 = (n: number): string => Math.max(0, Math.round(n)).toString(36);

function targetText(target: LmsTarget): string {
  return target.kind === 'curriculum' ? 'c' : `s:${target.id}`;
}

export function encodeRecord(record: LmsRecord): string {
  const parts = [RECORD_VERSION, `t=${targetText(record.target)}`];
  const c = record.conversation;
  if (c) parts.push(`c=${modeChar(c.mode)}.${b36(c.startedAt)}.${c.code}`);
  if (record.results.length > 0) {
    const results = record.results.map((r) =>
      [
        modeChar(r.mode),
        r.total,
        r.hardFail ? 'h' : '-',
        r.passMark,
        b36(r.finishedAt),
        b36(r.seconds),
        r.code,
      ].join('!'),
    );
    parts.push(`r=${results.join(',')}`);
  }
  return parts.join(';');
}

function parseMode(text: string | undefined, where: string): Mode {
  if (text === 'a') return 'assessment';
  if (text === 'p') return 'practice';
  throw new RecordError(`${where}: unknown mode ${JSON.stringify(text)}`);
}

function parseBase36(text: string | undefined, where: string): number {
  if (!text || !/^[0-9a-z]+$/.test(text))
    throw new RecordError(`${where}: ${JSON.stringify(text)} is not a number`);
  return Number.parseInt(text, 36);
}

function parseScore(text: string | undefined, where: string): number {
  const n = Number(text);
  if (!text || !/^\d{1,3}$/.test(text) || n > 100)
    throw new RecordError(`${where}: ${JSON.stringify(text)} is not a score`);
  return n;
}

function scenarioOf(code: string, where: string): string {
  try {
    return scenarioIdOfCode(code);
  } catch (error) {
    throw new RecordError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Reads what encodeRecord wrote; throws RecordError saying which part does not parse. */
export function decodeRecord(text: string): LmsRecord {
  const [version, ...fields] = text.split(';');
  if (version !== RECORD_VERSION) {
    throw new RecordError(
      `unknown format ${JSON.stringify(version?.slice(0, 12))} (this build reads ${RECORD_VERSION})`,
    );
  }
  let target: LmsTarget | undefined;
  let conversation: RecordedConversation | undefined;
  const results: RecordedResult[] = [];
  for (const field of fields) {
    const key = field.slice(0, 2);
    const value = field.slice(2);
    if (key === 't=') {
      if (value === 'c') target = { kind: 'curriculum' };
      else if (value.startsWith('s:') && value.length > 2) target = { kind: 'scenario', id: value.slice(2) };
      else throw new RecordError(`unknown target ${JSON.stringify(value)}`);
    } else if (key === 'c=') {
      const [mode, started, ...code] = value.split('.');
      const replay = code.join('.');
      conversation = {
        mode: parseMode(mode, 'conversation'),
        startedAt: parseBase36(started, 'conversation start'),
        code: replay,
        scenarioId: scenarioOf(replay, 'conversation'),
      };
    } else if (key === 'r=') {
      value.split(',').forEach((entry, i) => {
        const where = `result ${i + 1}`;
        const [mode, total, flag, passMark, finished, seconds, code, ...extra] = entry.split('!');
        if (code === undefined || extra.length > 0 || (flag !== 'h' && flag !== '-')) {
          throw new RecordError(`${where} is malformed`);
        }
        results.push({
          mode: parseMode(mode, where),
          total: parseScore(total, where),
          hardFail: flag === 'h',
          passMark: parseScore(passMark, where),
          finishedAt: parseBase36(finished, where),
          seconds: parseBase36(seconds, where),
          code,
          scenarioId: scenarioOf(code, where),
        });
      });
    } else {
      throw new RecordError(`unknown field ${JSON.stringify(field.slice(0, 12))}`);
    }
  }
  if (!target) throw new RecordError('no target');
  return { target, results, conversation };
}
