/**
 * The LMS progress store driven the way the app drives it: a real Session followed by the app's own
 * AttemptRecorder (saves after every choice, records the attempt at the debrief), scorm-again as the LMS.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadLibrary } from '../../../src/content/library';
import { explore, playStrategy, STRATEGIES } from '../../../src/engine/authoring/analysis';
import { scoreAttempt } from '../../../src/engine/runtime/scoring';
import { Session } from '../../../src/engine/runtime/session';
import type { Mode, ScenarioBundle } from '../../../src/engine/runtime/types';
import type { ScormVersion } from '../../../src/lms/config';
import { decisionOf } from '../../../src/lms/interaction';
import { LmsSession } from '../../../src/lms/lmsSession';
import { LmsProgressStore } from '../../../src/lms/lmsStore';
import { LmsNotices } from '../../../src/lms/notices';
import type { Standard } from '../../../src/lms/outcome';
import { decodeRecord, emptyRecord, type LmsRecord } from '../../../src/lms/record';
import { newAttemptId, openProgressStore } from '../../../src/progress';
import { AttemptRecorder } from '../../../src/ui/recorder';
import { callProblems, type LmsCall, recordCalls, writeOrder, writtenValues } from '../../lms/callLog';

const ID = 's13-ed-cost-before-screening';
const SEED = 7;
let bundle: ScenarioBundle;
let passing: string[];
let hardFail: string[];

beforeAll(() => {
  const found = loadLibrary().scenarios.find((s) => s.ok && s.bundle.scenario.id === ID);
  if (!found?.ok) throw new Error(`${ID} did not load`);
  bundle = found.bundle;
  passing = explore(bundle, { seed: SEED }).best.choices;
  hardFail = playStrategy(bundle, STRATEGIES.hardline, { seed: SEED }).choices;
});

async function packageIn(format: ScormVersion, mode: Mode = 'assessment', record?: LmsRecord) {
  const api = format === 'scorm12' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  const calls: LmsCall[] = [];
  const problems: string[] = [];
  const lms = new LmsSession(recordCalls(api, calls), format, (m, quiet) => !quiet && problems.push(m));
  lms.start();
  const standard: Standard = {
    target: { kind: 'scenario', id: ID },
    mode,
    mastery: 80,
    curriculum: undefined,
  };
  const inner = await openProgressStore({ indexedDB: undefined, mirror: undefined });
  const store = new LmsProgressStore(
    inner,
    lms,
    standard,
    record ?? emptyRecord(standard.target),
    async () => bundle,
    new LmsNotices(undefined),
  );
  const interactions = () => writeOrder(calls, format).filter((e) => e.endsWith('.id')).length;
  /** Plays `choices` as the app does, waiting for the store after each one. */
  const play = async (session: Session, tracker: AttemptRecorder, choices: readonly string[]) => {
    for (const id of choices) {
      const before = writeOrder(calls, format).length;
      session.choose(id);
      if (session.view().status === 'active') {
        await vi.waitFor(() => expect(writeOrder(calls, format).length).toBeGreaterThan(before));
      }
    }
    if (session.view().status === 'ended') await tracker.finish(scoreAttempt(bundle, session.context()));
  };
  const start = (choices: readonly string[] = [], options: { attemptId?: string; mode?: Mode } = {}) => {
    const session = Session.replay(bundle, SEED, choices);
    const attemptId = options.attemptId ?? newAttemptId(ID, new Date());
    const meta = { attemptId, mode: options.mode ?? mode, startedAt: new Date(), turnTimes: [] };
    return { session, tracker: new AttemptRecorder(store, session, meta, () => undefined), attemptId };
  };
  const value = (element: string) => writtenValues(calls, format)[element];
  return { api, calls, problems, store, inner, interactions, play, start, value };
}

describe('the LMS store in a scenario package', () => {
  it.each(['scorm12', 'scorm2004'] as const)(
    '%s: one interaction per decision, then passed with the score',
    async (format) => {
      const pkg = await packageIn(format);
      const { session, tracker } = pkg.start();
      await pkg.play(session, tracker, passing);
      const total = scoreAttempt(bundle, session.context()).total;
      pkg.store.finish();
      expect(pkg.problems).toEqual([]);
      expect(callProblems(pkg.calls, format)).toEqual([]);
      const values = writtenValues(pkg.calls, format);
      expect(pkg.interactions()).toBe(passing.length);
      passing.forEach((choiceId, i) => {
        const d = decisionOf(bundle, choiceId, 0);
        expect(values[`cmi.interactions.${i}.id`]).toBe(d?.id);
        expect(
          values[`cmi.interactions.${i}.${format === 'scorm12' ? 'student_response' : 'learner_response'}`],
        ).toBe(format === 'scorm12' ? d?.letter : choiceId);
      });
      const record = decodeRecord(values['cmi.suspend_data'] ?? '');
      expect(record.conversation).toBeUndefined();
      expect(record.results).toMatchObject([{ scenarioId: ID, total, hardFail: false, mode: 'assessment' }]);
      if (format === 'scorm12') {
        expect(values).toMatchObject({
          'cmi.core.lesson_status': 'passed',
          'cmi.core.score.raw': String(total),
          'cmi.core.exit': '',
        });
      } else {
        expect(values).toMatchObject({
          'cmi.completion_status': 'completed',
          'cmi.success_status': 'passed',
          'cmi.score.scaled': String(total / 100),
          'cmi.exit': 'normal',
        });
      }
    },
  );

  it('a hard fail fails; a later pass in the same attempt passes; a fail after that keeps passed', async () => {
    const pkg = await packageIn('scorm12');
    const first = pkg.start();
    await pkg.play(first.session, first.tracker, hardFail);
    expect(pkg.value('cmi.core.lesson_status')).toBe('failed');
    const second = pkg.start();
    await pkg.play(second.session, second.tracker, passing);
    expect(pkg.value('cmi.core.lesson_status')).toBe('passed');
    const third = pkg.start();
    await pkg.play(third.session, third.tracker, hardFail);
    expect(pkg.value('cmi.core.lesson_status')).toBe('passed');
    expect(decodeRecord(pkg.api.cmi.suspend_data).results).toMatchObject([{ hardFail: false }]);
    pkg.store.finish();
    expect(callProblems(pkg.calls, 'scorm12')).toEqual([]);
  });

  it('keeps the conversation in progress in suspend_data and exits with suspend', async () => {
    const pkg = await packageIn('scorm12');
    const { session, tracker } = pkg.start();
    await pkg.play(session, tracker, passing.slice(0, 3));
    pkg.store.finish();
    const record = decodeRecord(writtenValues(pkg.calls, 'scorm12')['cmi.suspend_data'] ?? '');
    expect(record.conversation).toMatchObject({ scenarioId: ID, mode: 'assessment' });
    expect(record.conversation?.code).toMatch(new RegExp(`^GT1\\.${ID}\\.`));
    expect(writtenValues(pkg.calls, 'scorm12')).toMatchObject({
      'cmi.core.lesson_status': 'incomplete',
      'cmi.core.exit': 'suspend',
    });
  });

  it('journals a taken-back choice and the one made instead, and forgets a conversation left on purpose', async () => {
    const pkg = await packageIn('scorm2004', 'practice');
    const first = pkg.start();
    await pkg.play(first.session, first.tracker, passing.slice(0, 2));
    first.tracker.detach();
    const rewound = pkg.start(passing.slice(0, 1), { attemptId: first.attemptId });
    await vi.waitFor(() =>
      expect(decodeRecord(pkg.api.cmi.suspend_data).conversation?.code).toMatch(/\.[0-9a-z]+$/),
    );
    await pkg.play(rewound.session, rewound.tracker, passing.slice(1, 2));
    expect(pkg.interactions()).toBe(3);
    await rewound.tracker.abandon();
    expect(decodeRecord(pkg.api.cmi.suspend_data).conversation).toBeUndefined();
  });

  it('does not report attempts in the other mode, or at other scenarios', async () => {
    const pkg = await packageIn('scorm12', 'assessment');
    const practice = pkg.start([], { mode: 'practice' });
    await pkg.play(practice.session, practice.tracker, passing);
    expect(pkg.interactions()).toBe(0);
    expect(pkg.value('cmi.core.lesson_status')).toBe('incomplete');
    expect(decodeRecord(pkg.api.cmi.suspend_data).results).toEqual([]);
  });

  it('rebuilds the recorded attempts for the screens by replaying them', async () => {
    const played = await packageIn('scorm12');
    const { session, tracker } = played.start();
    await played.play(session, tracker, passing);
    const record = decodeRecord(played.api.cmi.suspend_data);
    const relaunched = await packageIn('scorm12', 'assessment', record);
    const attempts = await relaunched.store.attempts();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      scenarioId: ID,
      seed: SEED,
      choices: passing,
      total: record.results[0]?.total,
    });
  });
});
