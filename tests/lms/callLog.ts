/**
 * Records every call a SCO makes on an LMS API object, and checks a recording against the SCORM rules the
 * adapter promises: Initialize first, Terminate last and nothing after it, GetLastError "0" after every
 * call, every SetValue valid for the strict checker. Used by the unit tests (scorm-again in Node) and the
 * package tests (scorm-again in the host page, where `recordCalls` runs as page code).
 */
import { CmiChecker } from '../../src/lms/cmiChecker';
import type { ScormVersion } from '../../src/lms/config';

export interface LmsCall {
  fn: string;
  args: string[];
  result: string;
}

/** Wraps `api` so each call is pushed to `calls`. Self-contained: it is also sent to pages as source. */
export function recordCalls<T extends object>(api: T, calls: LmsCall[]): T {
  const wrapped: Record<string, unknown> = {};
  const methods = [
    'LMSInitialize',
    'LMSFinish',
    'LMSGetValue',
    'LMSSetValue',
    'LMSCommit',
    'LMSGetLastError',
    'LMSGetErrorString',
    'LMSGetDiagnostic',
    'Initialize',
    'Terminate',
    'GetValue',
    'SetValue',
    'Commit',
    'GetLastError',
    'GetErrorString',
    'GetDiagnostic',
  ];
  for (const name of methods) {
    const method = (api as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      const result = (method as (...a: unknown[]) => unknown).apply(api, args);
      calls.push({ fn: name, args: args.map(String), result: String(result) });
      return result;
    };
  }
  return wrapped as T;
}

const NAMES = {
  scorm12: { init: 'LMSInitialize', term: 'LMSFinish', set: 'LMSSetValue', error: 'LMSGetLastError' },
  scorm2004: { init: 'Initialize', term: 'Terminate', set: 'SetValue', error: 'GetLastError' },
} as const;

/** Every way the recording breaks the rules; empty when it keeps them all. */
export function callProblems(calls: readonly LmsCall[], format: ScormVersion): string[] {
  const names = NAMES[format];
  const problems: string[] = [];
  const api = calls.filter((c) => c.fn !== names.error);
  if (api[0]?.fn !== names.init)
    problems.push(`the first call is ${api[0]?.fn ?? 'missing'}, not ${names.init}`);
  const terminations = api.filter((c) => c.fn === names.term);
  if (terminations.length !== 1) problems.push(`${names.term} was called ${terminations.length} times`);
  if (api.at(-1)?.fn !== names.term) problems.push(`the last call is ${api.at(-1)?.fn}, not ${names.term}`);
  const checker = new CmiChecker(format);
  calls.forEach((call, i) => {
    if (call.fn === names.error) return;
    const next = calls[i + 1];
    if (next?.fn !== names.error || next.result !== '0') {
      problems.push(
        `${call.fn}(${call.args.join(', ')}) is not followed by ${names.error} = "0" (${next?.fn} = ${next?.result})`,
      );
    }
    if (call.result === 'false') problems.push(`${call.fn}(${call.args.join(', ')}) returned false`);
    if (call.fn === names.set) {
      const problem = checker.check(call.args[0] ?? '', call.args[1] ?? '');
      if (problem) problems.push(problem);
    }
  });
  return problems;
}

/** The values written, element by element, last write wins. */
export function writtenValues(calls: readonly LmsCall[], format: ScormVersion): Record<string, string> {
  const set = NAMES[format].set;
  return Object.fromEntries(calls.filter((c) => c.fn === set).map((c) => [c.args[0] ?? '', c.args[1] ?? '']));
}

/** The elements written, in order (each SetValue once, repeats kept). */
export function writeOrder(calls: readonly LmsCall[], format: ScormVersion): string[] {
  const set = NAMES[format].set;
  return calls.filter((c) => c.fn === set).map((c) => c.args[0] ?? '');
}
