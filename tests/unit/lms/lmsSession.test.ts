import { Scorm12API, Scorm2004API } from 'scorm-again';
import { describe, expect, it, vi } from 'vitest';
import { findApi, MAX_HOPS } from '../../../src/lms/api';
import type { Decision } from '../../../src/lms/interaction';
import { LmsSession, MAX_INTERACTIONS } from '../../../src/lms/lmsSession';
import type { Outcome } from '../../../src/lms/outcome';
import { callProblems, type LmsCall, recordCalls, writeOrder, writtenValues } from '../../lms/callLog';

const decision = (n: number, result: Decision['result'] = 'correct'): Decision => ({
  id: `s1.node-${n}`,
  choiceId: `choice-${n}`,
  letter: 'b',
  result,
  latencyMs: 2500,
});
const passed: Outcome = { completion: 'completed', success: 'passed', score: 87, progress: 1 };
const failed: Outcome = { completion: 'completed', success: 'failed', score: 49, progress: 0 };

function scorm12(cmi: Record<string, unknown> = {}) {
  const api = new Scorm12API({ logLevel: 5 });
  api.loadFromJSON({
    core: { student_id: 'e-1042', student_name: 'Rivera, Ana', entry: 'ab-initio' },
    ...cmi,
  });
  const calls: LmsCall[] = [];
  let now = 1_000_000;
  const problems: string[] = [];
  const session = new LmsSession(
    recordCalls(api, calls),
    'scorm12',
    (m, quiet) => !quiet && problems.push(m),
    () => now,
  );
  return { api, calls, session, problems, advance: (ms: number) => (now += ms) };
}

function scorm2004(cmi: Record<string, unknown> = {}) {
  const api = new Scorm2004API({ logLevel: 5 });
  api.loadFromJSON({ learner_id: 'e-1042', learner_name: 'Rivera, Ana', entry: 'ab-initio', ...cmi });
  const calls: LmsCall[] = [];
  let now = 1_000_000;
  const problems: string[] = [];
  const session = new LmsSession(
    recordCalls(api, calls),
    'scorm2004',
    (m, quiet) => !quiet && problems.push(m),
    () => now,
  );
  return { api, calls, session, problems, advance: (ms: number) => (now += ms) };
}

describe('LMS session, SCORM 1.2 (scorm-again as the LMS)', () => {
  it('reads the launch, reports decisions, status and score, and finishes last', () => {
    const { api, calls, session, problems, advance } = scorm12();
    expect(session.start()).toEqual({
      entry: 'ab-initio',
      suspendData: '',
      learner: { id: 'e-1042', name: 'Ana Rivera' },
      mastery: undefined,
      reporting: true,
    });
    expect(api.cmi.core.lesson_status).toBe('incomplete');
    session.recordDecision(decision(0), 'GTL1;t=c;c=a.1.x');
    session.recordDecision(decision(1, 'wrong'), 'GTL1;t=c;c=a.1.y');
    session.report(passed, 'GTL1;t=c');
    advance(62_250);
    session.finish(false);
    expect(problems).toEqual([]);
    expect(callProblems(calls, 'scorm12')).toEqual([]);
    expect(writtenValues(calls, 'scorm12')).toEqual({
      'cmi.core.lesson_status': 'passed',
      'cmi.interactions.0.id': 's1.node-0',
      'cmi.interactions.0.type': 'choice',
      'cmi.interactions.0.student_response': 'b',
      'cmi.interactions.0.result': 'correct',
      'cmi.interactions.0.latency': '0000:00:02.50',
      'cmi.interactions.1.id': 's1.node-1',
      'cmi.interactions.1.type': 'choice',
      'cmi.interactions.1.student_response': 'b',
      'cmi.interactions.1.result': 'wrong',
      'cmi.interactions.1.latency': '0000:00:02.50',
      'cmi.suspend_data': 'GTL1;t=c',
      'cmi.core.score.raw': '87',
      'cmi.core.score.min': '0',
      'cmi.core.score.max': '100',
      'cmi.core.session_time': '0000:01:02.25',
      'cmi.core.exit': '',
    });
    // A commit after every decision and after the result.
    const commits = calls.flatMap((c, i) =>
      c.fn === 'LMSCommit' ? [calls.slice(0, i).filter((x) => x.fn === 'LMSSetValue').length] : [],
    );
    expect(commits).toEqual([1, 7, 13, 18, 20]);
  });

  it('resumes: reads suspend_data and the mastery score, and exits with suspend while there is more to do', () => {
    const { calls, session } = scorm12({
      core: { entry: 'resume', lesson_status: 'incomplete', student_name: 'Ana Rivera' },
      suspend_data: 'GTL1;t=c',
      student_data: { mastery_score: '85' },
    });
    expect(session.start()).toMatchObject({
      entry: 'resume',
      suspendData: 'GTL1;t=c',
      mastery: 85,
      learner: { name: 'Ana Rivera' },
    });
    session.finish(true);
    expect(writtenValues(calls, 'scorm12')).toEqual({
      'cmi.core.session_time': '0000:00:00.00',
      'cmi.core.exit': 'suspend',
    });
    expect(callProblems(calls, 'scorm12')).toEqual([]);
  });

  it('never goes from passed to failed within an attempt, in this session or after an earlier one', () => {
    const now = scorm12();
    now.session.start();
    now.session.report(passed, 'd');
    now.session.report(failed, 'd');
    expect(now.api.cmi.core.lesson_status).toBe('passed');

    const earlier = scorm12({ core: { entry: 'resume', lesson_status: 'passed' } });
    earlier.session.start();
    earlier.session.report(failed, 'd');
    expect(writeOrder(earlier.calls, 'scorm12')).not.toContain('cmi.core.lesson_status');
    expect(earlier.api.cmi.core.lesson_status).toBe('passed');
  });

  it('makes no call after finish', () => {
    const { calls, session } = scorm12();
    session.start();
    session.finish(false);
    const count = calls.length;
    session.recordDecision(decision(0), 'd');
    session.report(passed, 'd');
    session.suspend('d');
    session.checkpoint(true);
    session.finish(true);
    expect(calls.length).toBe(count);
    expect(session.running).toBe(false);
  });

  it('reports at most 50 decisions as interactions, and keeps saving after that', () => {
    const { api, calls, session } = scorm12();
    session.start();
    for (let i = 0; i < MAX_INTERACTIONS + 5; i++) session.recordDecision(decision(i), `d${i}`);
    expect(api.cmi.interactions.childArray.length).toBe(MAX_INTERACTIONS);
    expect(writtenValues(calls, 'scorm12')['cmi.suspend_data']).toBe(`d${MAX_INTERACTIONS + 4}`);
  });

  it('does not send a value the strict checker refuses, and says why', () => {
    const { calls, session, problems } = scorm12();
    session.start();
    session.suspend('x'.repeat(4097));
    expect(writeOrder(calls, 'scorm12')).not.toContain('cmi.suspend_data');
    expect(problems).toEqual([
      expect.stringMatching(/not sent to the LMS: cmi.suspend_data .* 4097 characters/),
    ]);
  });

  it('writes nothing in review mode', () => {
    const { calls, session } = scorm12({ core: { lesson_mode: 'review', entry: 'resume' } });
    expect(session.start()?.reporting).toBe(false);
    session.recordDecision(decision(0), 'd');
    session.report(passed, 'd');
    session.finish(true);
    expect(writeOrder(calls, 'scorm12')).toEqual([]);
    expect(callProblems(calls, 'scorm12')).toEqual([]);
  });
});

describe('LMS session, SCORM 2004 3rd Edition', () => {
  it('writes completion, success, scaled score, progress and 2004 interaction words', () => {
    const { api, calls, session, problems, advance } = scorm2004();
    expect(session.start()).toMatchObject({
      entry: 'ab-initio',
      suspendData: '',
      learner: { id: 'e-1042', name: 'Ana Rivera' },
    });
    expect(api.cmi.completion_status).toBe('incomplete');
    session.recordDecision(decision(0, 'wrong'), 'GTL1;t=c');
    session.report(passed, 'GTL1;t=c');
    advance(3_723_450);
    session.finish(false);
    expect(problems).toEqual([]);
    expect(callProblems(calls, 'scorm2004')).toEqual([]);
    expect(writtenValues(calls, 'scorm2004')).toEqual({
      'cmi.completion_status': 'completed',
      'cmi.interactions.0.id': 's1.node-0',
      'cmi.interactions.0.type': 'choice',
      'cmi.interactions.0.learner_response': 'choice-0',
      'cmi.interactions.0.result': 'incorrect',
      'cmi.interactions.0.latency': 'PT2.5S',
      'cmi.suspend_data': 'GTL1;t=c',
      'cmi.score.raw': '87',
      'cmi.score.min': '0',
      'cmi.score.max': '100',
      'cmi.score.scaled': '0.87',
      'cmi.success_status': 'passed',
      'cmi.progress_measure': '1',
      'cmi.session_time': 'PT1H2M3.45S',
      'cmi.exit': 'normal',
    });
  });

  it('reads suspend_data only on resume (a first launch has none to read)', () => {
    const first = scorm2004();
    first.session.start();
    expect(first.calls.map((c) => c.args[0])).not.toContain('cmi.suspend_data');
    const again = scorm2004({ entry: 'resume', suspend_data: 'GTL1;t=c', completion_status: 'incomplete' });
    expect(again.session.start()?.suspendData).toBe('GTL1;t=c');
    again.session.finish(true);
    expect(callProblems(again.calls, 'scorm2004')).toEqual([]);
    expect(writtenValues(again.calls, 'scorm2004')['cmi.exit']).toBe('suspend');
  });
});

describe('LMS problems never stop play', () => {
  /** An LMS that accepts the connection and then refuses every write with its own error. */
  function refusingApi(calls: LmsCall[]) {
    let error = '0';
    const api = {
      LMSInitialize: () => 'true',
      LMSFinish: () => 'true',
      LMSGetValue: (el: string) => (el === 'cmi.core.lesson_status' ? 'not attempted' : ''),
      LMSSetValue: () => {
        error = '405';
        return 'false';
      },
      LMSCommit: () => {
        throw new Error('network down');
      },
      LMSGetLastError: () => {
        const e = error;
        error = '0';
        return e;
      },
      LMSGetErrorString: (code: string) => (code === '405' ? 'Incorrect Data Type' : 'No error'),
      LMSGetDiagnostic: () => '',
    };
    return recordCalls(api, calls);
  }

  it('reports the LMS error text and carries on', () => {
    const calls: LmsCall[] = [];
    const problems: string[] = [];
    const session = new LmsSession(refusingApi(calls), 'scorm12', (m) => problems.push(m));
    expect(() => {
      session.start();
      session.recordDecision(decision(0), 'd');
      session.finish(true);
    }).not.toThrow();
    expect(problems[0]).toBe(
      'LMS call LMSSetValue("cmi.core.lesson_status", "incomplete") failed (error 405: Incorrect Data Type)',
    );
    expect(problems).toContain('LMS call LMSCommit("") failed (error 0: network down)');
    expect(calls.at(-2)?.fn).toBe('LMSFinish');
  });

  it('makes no further call when Initialize is refused', () => {
    const calls: LmsCall[] = [];
    const api = recordCalls({ ...refusingApi([]), LMSInitialize: () => 'false' }, calls);
    const session = new LmsSession(api, 'scorm12', () => undefined);
    expect(session.start()).toBeUndefined();
    session.report(passed, 'd');
    session.finish(true);
    expect(calls.map((c) => c.fn)).toEqual([
      'LMSInitialize',
      'LMSGetLastError',
      'LMSGetErrorString',
      'LMSGetDiagnostic',
    ]);
  });
});

describe('finding the LMS API', () => {
  type FakeWindow = {
    parent?: FakeWindow;
    top?: FakeWindow;
    opener?: FakeWindow | null;
    API?: object;
    API_1484_11?: object;
  };
  const chain = (depth: number): FakeWindow[] => {
    const wins: FakeWindow[] = [{}];
    for (let i = 1; i < depth; i++) wins.push({});
    wins.forEach((w, i) => {
      w.parent = wins[i + 1] ?? w;
    });
    const top = wins.at(-1) as FakeWindow;
    for (const w of wins) w.top = top;
    return wins;
  };
  const as = (w: FakeWindow) => w as unknown as Window;

  it('searches the parents up to the top', () => {
    const wins = chain(4);
    const api = { LMSInitialize: vi.fn() };
    (wins[2] as FakeWindow).API = api;
    expect(findApi(as(wins[0] as FakeWindow), 'scorm12')).toBe(api);
    expect(findApi(as(wins[0] as FakeWindow), 'scorm2004')).toBeUndefined();
  });

  it('then the opener of the top window and its parents', () => {
    const wins = chain(3);
    const openerChain = chain(2);
    const api = { Initialize: vi.fn() };
    (openerChain[1] as FakeWindow).API_1484_11 = api;
    (wins[2] as FakeWindow).opener = openerChain[0];
    expect(findApi(as(wins[0] as FakeWindow), 'scorm2004')).toBe(api);
  });

  it('stops at a window of another origin and gives up after a bounded number of windows', () => {
    const wins = chain(3);
    (wins[2] as FakeWindow).API = {};
    Object.defineProperty(wins[1], 'API', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    Object.defineProperty(wins[1], 'parent', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    expect(findApi(as(wins[0] as FakeWindow), 'scorm12')).toBeUndefined();
    const long = chain(MAX_HOPS + 10);
    (long.at(-1) as FakeWindow).API = {};
    expect(findApi(as(long[0] as FakeWindow), 'scorm12')).toBeUndefined();
  });
});
