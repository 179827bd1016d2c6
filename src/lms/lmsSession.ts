/**
 * One launch of the package in an LMS: the SCORM run-time calls, in the order the standard asks, in either
 * version's data model. It knows nothing of the game: it is told decisions, the suspend data and outcomes
 * (src/lms/outcome.ts) and writes them.
 *
 * - start(): Initialize, then read entry, status, suspend_data (only on resume), learner id and name, the
 *   LMS's mastery score (1.2) and the interaction count; mark the attempt incomplete on a first launch.
 * - recordDecision(): one interaction (up to 50 per attempt), the suspend data, then Commit.
 * - report(): status and score, the suspend data, then Commit. Once passed (now or in an earlier session of
 *   the attempt) the status is never written again, so an attempt never goes from passed to failed.
 * - checkpoint(): session time and exit, then Commit: for a hidden page, which may never come back.
 * - finish(): session time and exit (suspend while there is more to do), Commit, Terminate. Nothing is
 *   called after it.
 * Every value is checked by the strict checker first (src/lms/cmiChecker.ts); an invalid one is reported
 * and not sent. In review or browse mode the package reads but writes nothing.
 */
import { type LmsProblem, type Scorm12Api, type Scorm2004Api, ScormConnection } from './api';
import { CmiChecker } from './cmiChecker';
import type { ScormVersion } from './config';
import type { Decision } from './interaction';
import type { Outcome } from './outcome';
import { iso8601Duration, scorm12Timespan } from './time';

/** How many decisions an attempt reports as interactions (some LMSs keep fewer; none need more). */
export const MAX_INTERACTIONS = 50;

export interface Learner {
  id: string;
  /** As the LMS gives it; "Last, First" turned round to "First Last". */
  name: string;
}

export interface LaunchData {
  entry: 'ab-initio' | 'resume' | '';
  /** '' on a first launch. */
  suspendData: string;
  learner: Learner;
  /** The LMS's mastery score (SCORM 1.2 `cmi.student_data.mastery_score`), when it has one. */
  mastery: number | undefined;
  /** False in review or browse mode: nothing is written. */
  reporting: boolean;
}

/** Reports a problem: `quiet` ones are normal absences (an optional element an LMS does not keep). */
export type ProblemReporter = (message: string, quiet: boolean) => void;

const ELEMENTS = {
  scorm12: {
    entry: 'cmi.core.entry',
    mode: 'cmi.core.lesson_mode',
    learnerId: 'cmi.core.student_id',
    learnerName: 'cmi.core.student_name',
    exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time',
    scoreRaw: 'cmi.core.score.raw',
    scoreMin: 'cmi.core.score.min',
    scoreMax: 'cmi.core.score.max',
    response: 'student_response',
  },
  scorm2004: {
    entry: 'cmi.entry',
    mode: 'cmi.mode',
    learnerId: 'cmi.learner_id',
    learnerName: 'cmi.learner_name',
    exit: 'cmi.exit',
    sessionTime: 'cmi.session_time',
    scoreRaw: 'cmi.score.raw',
    scoreMin: 'cmi.score.min',
    scoreMax: 'cmi.score.max',
    response: 'learner_response',
  },
} as const;

function displayName(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return name.trim();
  return `${parts[1]?.trim() ?? ''} ${parts[0]?.trim() ?? ''}`.trim();
}

export class LmsSession {
  private state: 'new' | 'running' | 'finished' | 'unavailable' = 'new';
  private readonly connection: ScormConnection;
  private readonly checker: CmiChecker;
  private readonly names: (typeof ELEMENTS)[ScormVersion];
  private startedAt = 0;
  /** The next interaction index; undefined when the LMS keeps no interactions. */
  private nextInteraction: number | undefined;
  private passed = false;
  private reporting = true;

  constructor(
    api: Scorm12Api | Scorm2004Api,
    readonly format: ScormVersion,
    private readonly problem: ProblemReporter,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.connection = new ScormConnection(api, format, (failure: LmsProblem, quiet: boolean) =>
      problem(`LMS call ${failure.call} failed (error ${failure.code}: ${failure.message})`, quiet),
    );
    this.checker = new CmiChecker(format);
    this.names = ELEMENTS[format];
  }

  /** True between a successful start() and finish(). */
  get running(): boolean {
    return this.state === 'running';
  }

  /** Initialises and reads the launch data; undefined when the LMS refused to initialise. */
  start(): LaunchData | undefined {
    if (this.state !== 'new') throw new Error('LmsSession.start() called twice');
    if (!this.connection.initialize()) {
      this.state = 'unavailable';
      return undefined;
    }
    this.state = 'running';
    this.startedAt = this.clock();
    const { connection, names } = this;
    const read = (element: string): string => connection.get(element) ?? '';
    const rawEntry = read(names.entry);
    const entry = rawEntry === 'ab-initio' || rawEntry === 'resume' ? rawEntry : '';
    this.reporting = ['normal', ''].includes(read(names.mode));
    const v12 = this.format === 'scorm12';
    const status = v12 ? read('cmi.core.lesson_status') : read('cmi.completion_status');
    this.passed = v12 ? status === 'passed' : read('cmi.success_status') === 'passed';
    // 2004 reports "not initialized" for suspend_data on a first launch; 1.2 just returns "".
    const suspendData = (v12 ? entry !== 'ab-initio' : entry === 'resume') ? read('cmi.suspend_data') : '';
    const learner = { id: read(names.learnerId), name: displayName(read(names.learnerName)) };
    let mastery: number | undefined;
    if (v12) {
      const text = connection.get('cmi.student_data.mastery_score', { optional: true }) ?? '';
      const value = Number(text);
      if (text !== '' && Number.isFinite(value) && value >= 0 && value <= 100) mastery = Math.round(value);
    }
    const count = connection.get('cmi.interactions._count', { optional: true });
    this.nextInteraction = count !== undefined && /^\d+$/.test(count) ? Number(count) : undefined;
    if (this.reporting && ['not attempted', 'unknown', ''].includes(status)) {
      this.write(v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status', 'incomplete');
      connection.commit();
    }
    return { entry, suspendData, learner, mastery, reporting: this.reporting };
  }

  recordDecision(decision: Decision, suspendData: string): void {
    if (!this.writable()) return;
    const n = this.nextInteraction;
    if (n !== undefined && n < MAX_INTERACTIONS) {
      const at = `cmi.interactions.${n}.`;
      const v12 = this.format === 'scorm12';
      this.write(`${at}id`, decision.id);
      this.write(`${at}type`, 'choice');
      this.write(`${at}${this.names.response}`, v12 ? decision.letter : decision.choiceId);
      this.write(`${at}result`, decision.result === 'wrong' && !v12 ? 'incorrect' : decision.result);
      this.write(`${at}latency`, this.duration(decision.latencyMs));
      this.nextInteraction = n + 1;
    }
    this.write('cmi.suspend_data', suspendData);
    this.connection.commit();
  }

  suspend(suspendData: string): void {
    if (!this.writable()) return;
    this.write('cmi.suspend_data', suspendData);
    this.connection.commit();
  }

  report(outcome: Outcome, suspendData: string): void {
    if (!this.writable()) return;
    const { names } = this;
    if (outcome.score !== undefined) {
      const score = String(Math.max(0, Math.min(100, Math.round(outcome.score))));
      this.write(names.scoreRaw, score);
      this.write(names.scoreMin, '0');
      this.write(names.scoreMax, '100');
      if (this.format === 'scorm2004') this.write('cmi.score.scaled', String(Number(score) / 100));
    }
    if (this.format === 'scorm12') {
      const status =
        outcome.success !== 'unknown'
          ? outcome.success
          : outcome.completion === 'completed'
            ? 'completed'
            : 'incomplete';
      if (!this.passed) this.write('cmi.core.lesson_status', status);
    } else {
      this.write('cmi.completion_status', outcome.completion);
      if (outcome.success !== 'unknown' && !this.passed) this.write('cmi.success_status', outcome.success);
      this.write('cmi.progress_measure', String(Math.round(outcome.progress * 10_000) / 10_000));
    }
    if (outcome.success === 'passed') this.passed = true;
    this.write('cmi.suspend_data', suspendData);
    this.connection.commit();
  }

  /** Saves the session time and exit without ending the session (the page is hidden and may not return). */
  checkpoint(resumable: boolean): void {
    if (!this.writable()) return;
    this.writeExit(resumable);
    this.connection.commit();
  }

  /** Ends the session: session time, exit, Commit, Terminate. Later calls do nothing. */
  finish(resumable: boolean): void {
    if (this.state !== 'running') return;
    if (this.reporting) {
      this.writeExit(resumable);
      this.connection.commit();
    }
    this.state = 'finished';
    this.connection.terminate();
  }

  private writable(): boolean {
    return this.state === 'running' && this.reporting;
  }

  private writeExit(resumable: boolean): void {
    this.write(this.names.sessionTime, this.duration(this.clock() - this.startedAt));
    this.write(this.names.exit, resumable ? 'suspend' : this.format === 'scorm12' ? '' : 'normal');
  }

  private duration(ms: number): string {
    return this.format === 'scorm12' ? scorm12Timespan(ms) : iso8601Duration(ms);
  }

  private write(element: string, value: string): void {
    const problem = this.checker.check(element, value);
    if (problem) {
      this.problem(`not sent to the LMS: ${problem}`, false);
      return;
    }
    this.connection.set(element, value);
  }
}
