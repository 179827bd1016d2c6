/**
 * The SCORM API object the LMS provides: finding it and calling it safely.
 *
 * Discovery is the standard search (ADL's and pipwerks' finder): the window itself, then each parent up
 * to the top, then the top window's opener and its parents; at most MAX_HOPS windows per chain, and a
 * window of another origin (whose properties throw on access) simply ends that chain.
 *
 * Every call is followed by GetLastError, as the standard asks. A failure (a "false" return, a non-zero
 * error code, or an exception from a broken API) is handed to `onProblem` with the LMS's own error text and
 * never thrown: an LMS problem must not stop the conversation.
 */
import type { ScormVersion } from './config';

/** SCORM 1.2's `API` (RTE 3.2). Values are strings; LMSs return "true"/"false" (some return booleans). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): unknown;
  LMSFinish(arg: ''): unknown;
  LMSGetValue(element: string): unknown;
  LMSSetValue(element: string, value: string): unknown;
  LMSCommit(arg: ''): unknown;
  LMSGetLastError(): unknown;
  LMSGetErrorString(code: string): unknown;
  LMSGetDiagnostic(code: string): unknown;
}

/** SCORM 2004's `API_1484_11` (RTE 3.1). */
export interface Scorm2004Api {
  Initialize(arg: ''): unknown;
  Terminate(arg: ''): unknown;
  GetValue(element: string): unknown;
  SetValue(element: string, value: string): unknown;
  Commit(arg: ''): unknown;
  GetLastError(): unknown;
  GetErrorString(code: string): unknown;
  GetDiagnostic(code: string): unknown;
}

export const API_NAME: Record<ScormVersion, 'API' | 'API_1484_11'> = {
  scorm12: 'API',
  scorm2004: 'API_1484_11',
};

/** How many windows one chain of the search may visit (pipwerks and ADL's finder use 500). */
export const MAX_HOPS = 500;

type Lookup = (win: Window) => unknown;

function readSafely(win: Window, read: Lookup): unknown {
  try {
    return read(win);
  } catch {
    return undefined; // another origin: its properties throw SecurityError
  }
}

function searchUp(start: Window | null | undefined, name: string): unknown {
  let win: Window | null | undefined = start;
  for (let hop = 0; win && hop < MAX_HOPS; hop++) {
    const api = readSafely(win, (w) => (w as unknown as Record<string, unknown>)[name]);
    if (api && typeof api === 'object') return api;
    const parent = readSafely(win, (w) => w.parent) as Window | undefined;
    if (!parent || parent === win) return undefined;
    win = parent;
  }
  return undefined;
}

/** The API object for `format` seen from `win`, or undefined when no window in reach has one. */
export function findApi(win: Window, format: ScormVersion): Scorm12Api | Scorm2004Api | undefined {
  const name = API_NAME[format];
  const found =
    searchUp(win, name) ??
    searchUp(readSafely(win, (w) => w.top?.opener) as Window | undefined, name) ??
    searchUp(readSafely(win, (w) => w.opener) as Window | undefined, name);
  return found as Scorm12Api | Scorm2004Api | undefined;
}

export interface LmsProblem {
  /** The call as written, e.g. `LMSSetValue("cmi.core.score.raw", "87")`. */
  call: string;
  /** The LMS error code ("0" when the call threw or returned false without one). */
  code: string;
  /** The LMS's error string and diagnostic, or the exception's message. */
  message: string;
}

const isTrue = (result: unknown): boolean => result === true || result === 'true';

/** One format's API with uniform names, every call checked. */
export class ScormConnection {
  private readonly names: {
    initialize: string;
    terminate: string;
    get: string;
    set: string;
    commit: string;
    lastError: string;
    errorString: string;
    diagnostic: string;
  };

  constructor(
    private readonly api: Scorm12Api | Scorm2004Api,
    readonly format: ScormVersion,
    private readonly onProblem: (problem: LmsProblem, quiet: boolean) => void,
  ) {
    this.names =
      format === 'scorm12'
        ? {
            initialize: 'LMSInitialize',
            terminate: 'LMSFinish',
            get: 'LMSGetValue',
            set: 'LMSSetValue',
            commit: 'LMSCommit',
            lastError: 'LMSGetLastError',
            errorString: 'LMSGetErrorString',
            diagnostic: 'LMSGetDiagnostic',
          }
        : {
            initialize: 'Initialize',
            terminate: 'Terminate',
            get: 'GetValue',
            set: 'SetValue',
            commit: 'Commit',
            lastError: 'GetLastError',
            errorString: 'GetErrorString',
            diagnostic: 'GetDiagnostic',
          };
  }

  initialize(): boolean {
    return this.call(this.names.initialize, ['']).ok;
  }

  terminate(): boolean {
    return this.call(this.names.terminate, ['']).ok;
  }

  commit(): boolean {
    return this.call(this.names.commit, ['']).ok;
  }

  set(element: string, value: string): boolean {
    return this.call(this.names.set, [element, value]).ok;
  }

  /**
   * The element's value, or undefined when the LMS reports an error. `optional` elements (ones an LMS may
   * leave out, like 1.2 interactions) are reported quietly: their absence is normal, not a problem to show.
   */
  get(element: string, options: { optional?: boolean } = {}): string | undefined {
    const { ok, result } = this.call(this.names.get, [element], options.optional === true);
    return ok ? String(result ?? '') : undefined;
  }

  private call(name: string, args: string[], quiet = false): { ok: boolean; result: unknown } {
    const method = (this.api as unknown as Record<string, (...a: string[]) => unknown>)[name];
    const written = `${name}(${args.map((a) => JSON.stringify(a.length > 60 ? `${a.slice(0, 60)}…` : a)).join(', ')})`;
    let result: unknown;
    try {
      if (typeof method !== 'function') throw new Error(`the LMS API has no ${name} function`);
      result = method.apply(this.api, args);
    } catch (error) {
      this.onProblem(
        { call: written, code: '0', message: error instanceof Error ? error.message : String(error) },
        quiet,
      );
      return { ok: false, result: undefined };
    }
    const code = this.lastError();
    const returnsFlag = name !== this.names.get;
    if (code === '0' && (!returnsFlag || isTrue(result))) return { ok: true, result };
    this.onProblem({ call: written, code, message: this.describe(code) }, quiet);
    return { ok: false, result };
  }

  private lastError(): string {
    try {
      return String((this.api as unknown as Record<string, () => unknown>)[this.names.lastError]?.() ?? '0');
    } catch {
      return '0';
    }
  }

  private describe(code: string): string {
    try {
      const api = this.api as unknown as Record<string, (c: string) => unknown>;
      const text = String(api[this.names.errorString]?.(code) ?? '');
      const diagnostic = String(api[this.names.diagnostic]?.(code) ?? '');
      return (
        [text, diagnostic && diagnostic !== text ? diagnostic : ''].filter(Boolean).join(': ') || 'no detail'
      );
    } catch {
      return 'no detail';
    }
  }
}
