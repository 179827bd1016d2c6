import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { scoreAttempt } from '../../../src/engine/runtime/scoring';
import { Session } from '../../../src/engine/runtime/session';
import { migrate, migrateInProgress } from '../../../src/progress/migrations';
import { resumeSession } from '../../../src/progress/resume';
import { openProgressStore } from '../../../src/progress/store';
import {
  type AttemptMeta,
  inProgressOf,
  newAttemptId,
  summariseAttempt,
} from '../../../src/progress/summary';
import { FORMAT_VERSION, type InProgress } from '../../../src/progress/types';
import { endingIdOf, fixtureBundle, loadEditedMini } from '../helpers';
import { fixtureJson } from './helpers';

const START = new Date('2026-02-01T09:00:00Z');
const END = new Date('2026-02-01T09:03:00Z');

const meta = (over: Partial<AttemptMeta> = {}): AttemptMeta => ({
  attemptId: 'mini-attempt',
  mode: 'practice',
  startedAt: START,
  turnTimes: [],
  ...over,
});

function played(choices: string[], seed = 3): Session {
  const s = Session.start(fixtureBundle(), seed);
  for (const c of choices) s.choose(c);
  return s;
}

describe('summariseAttempt', () => {
  it('records a finished session with its score, ending and a denormalised decision log', () => {
    const s = played(['warm', 'shout-balance', 'ask-copay']);
    const report = scoreAttempt(s.bundle, s.context());
    const times = ['2026-02-01T09:00:30.000Z', '2026-02-01T09:01:10.000Z'];
    const a = summariseAttempt(s, report, meta({ mode: 'assessment', turnTimes: times }), END);
    expect(a).toMatchObject({
      id: 'mini-attempt',
      formatVersion: FORMAT_VERSION,
      scenarioId: 'mini',
      scenarioTitle: 'Mini copay',
      scenarioVersion: 1,
      contentHash: s.bundle.contentHash,
      seed: 3,
      choices: ['warm', 'shout-balance', 'ask-copay'],
      mode: 'assessment',
      total: report.total,
      components: report.components,
      hardFail: report.hardFail,
      passed: report.passed,
      passMark: 80,
      endingId: endingIdOf(s.view()),
      outcome: 'good',
      startedAt: START.toISOString(),
      finishedAt: END.toISOString(),
    });
    expect(a.ledger.collected).toBe(50);
    expect(a.turns.map((t) => [t.choiceId, t.rules, t.at])).toEqual([
      ['warm', [], times[0]],
      ['shout-balance', ['counter-privacy'], times[1]],
      // No time recorded for the last one: the finish time, not an invented one.
      ['ask-copay', [], END.toISOString()],
    ]);
    expect(a.turns[1]).toMatchObject({ choiceText: 'YOU ALSO OWE $240!', nodeId: 'ask', tags: ['pressure'] });
    expect(a.turns[1]?.after.stress).toBeGreaterThan(a.turns[1]?.before.stress ?? 100);
    expect(migrate(a)).toEqual({ ok: true, record: a, from: FORMAT_VERSION });
  });

  it('gives every new attempt its own id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newAttemptId('mini', END)));
    expect(ids.size).toBe(50);
    expect([...ids].every((id) => id.startsWith('mini-'))).toBe(true);
  });

  it('refuses a conversation that has not ended', () => {
    const s = played(['warm']);
    expect(() => summariseAttempt(s, scoreAttempt(s.bundle, s.context()), meta(), END)).toThrow(
      /has not ended/,
    );
  });
});

describe('resuming after a reload', () => {
  async function savedThenReloaded(entry: InProgress): Promise<InProgress> {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: 'resume' });
    await store.saveInProgress(entry);
    store.close();
    const reloaded = await openProgressStore({ indexedDB: factory, name: 'resume' });
    const [back] = await reloaded.unfinished();
    if (!back) throw new Error('nothing in progress after reload');
    return back;
  }

  it('continues exactly where the trainee was when the content is the same', async () => {
    const s = played(['warm'], 7);
    const entry = inProgressOf(s, meta({ mode: 'assessment', turnTimes: ['2026-02-01T09:00:30.000Z'] }));
    const result = resumeSession(fixtureBundle(), await savedThenReloaded(entry));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message).toBeUndefined();
    expect(result.session.view()).toEqual(s.view());
    expect(result.session.attempt()).toEqual(s.attempt());
  });

  it('replays the choices through a changed scenario, and says so', () => {
    const s = played(['warm'], 7);
    const edited = loadEditedMini((t) =>
      t
        .replace('OK, what do I owe?', 'Right, what do I owe?')
        .replace('effects: { stress: 5, trust: 2 }', 'effects: { stress: 5, trust: 3 }'),
    );
    if (!edited.ok) throw new Error('fixture edit failed');
    const result = resumeSession(edited.bundle, inProgressOf(s, meta()));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message).toMatch(
      /“Mini copay” has been updated since you started\. Your choice was replayed in the new version/,
    );
    expect(result.session.view().line.text).toBe('Right, what do I owe?');
  });

  it('says plainly when the recorded choices no longer fit, instead of crashing', () => {
    const s = played(['warm'], 7);
    const renamed = loadEditedMini((t) => t.replace('id: warm', 'id: friendly'));
    if (!renamed.ok) throw new Error('fixture edit failed');
    const result = resumeSession(renamed.bundle, inProgressOf(s, meta()));
    expect(result).toEqual({
      ok: false,
      reason:
        '“Mini copay” has changed since you started, and your earlier choices no longer fit it (your 1st choice no longer fits). It can’t be continued; start it again from the beginning.',
    });
  });

  it('says so when the scenario is gone', () => {
    const s = played(['warm'], 7);
    const result = resumeSession(undefined, inProgressOf(s, meta()));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer available/) });
  });

  it('keeps the saved record small: no XState snapshot, only the seed and the choices', () => {
    const s = played(['warm', 'ask-dob-again'], 7);
    const entry = inProgressOf(s, meta());
    expect(Object.keys(entry.save).sort()).toEqual([
      'choices',
      'contentHash',
      'format',
      'scenarioId',
      'seed',
    ]);
  });

  it('resumes the first-format in-progress save (fixture) as practice', () => {
    const migrated = migrateInProgress(fixtureJson('v1-in-progress.json'));
    if (!migrated.ok) throw new Error(migrated.reason);
    expect(migrated.record.mode).toBe('practice');
    const result = resumeSession(fixtureBundle(), migrated.record);
    if (!result.ok) throw new Error(result.reason);
    expect(result.session.view().nodeId).toBe('ask');
    expect(result.session.attempt().choices).toEqual(['warm']);
  });

  it('resumes the previous release\u2019s in-progress save (format 2 fixture) at the same turn and meters', () => {
    const raw = fixtureJson('v2-in-progress.json') as {
      save: { seed: number; choices: string[]; snapshot: { context: { meters: unknown } } };
    };
    const migrated = migrateInProgress(raw);
    if (!migrated.ok) throw new Error(migrated.reason);
    expect(migrated.record.mode).toBe('assessment');
    const result = resumeSession(fixtureBundle(), migrated.record);
    if (!result.ok) throw new Error(result.reason);
    expect(result.session.attempt().choices).toEqual(raw.save.choices);
    // The old snapshot's meters are what the replay reaches: nothing the trainee saw changes.
    expect(result.session.view().meters).toEqual(raw.save.snapshot.context.meters);
  });
});
