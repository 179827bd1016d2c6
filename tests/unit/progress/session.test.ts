import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { scoreAttempt } from '../../../src/engine/runtime/scoring';
import { Session } from '../../../src/engine/runtime/session';
import { migrate, migrateInProgress } from '../../../src/progress/migrations';
import { resumeSession } from '../../../src/progress/resume';
import { openProgressStore } from '../../../src/progress/store';
import { inProgressOf, summariseAttempt } from '../../../src/progress/summary';
import type { InProgress } from '../../../src/progress/types';
import { endingIdOf, fixtureBundle, loadEditedMini } from '../helpers';
import { fixtureJson } from './helpers';

const START = new Date('2026-02-01T09:00:00Z');
const END = new Date('2026-02-01T09:03:00Z');

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
    const a = summariseAttempt(s, report, 'assessment', START, END, times);
    expect(a).toMatchObject({
      formatVersion: 2,
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
    expect(a.id).toMatch(/^mini-/);
    expect(a.ledger.collected).toBe(50);
    expect(a.turns.map((t) => [t.choiceId, t.rules, t.at])).toEqual([
      ['warm', [], times[0]],
      ['shout-balance', ['counter-privacy'], times[1]],
      // No time recorded for the last one: the finish time, not an invented one.
      ['ask-copay', [], END.toISOString()],
    ]);
    expect(a.turns[1]).toMatchObject({ choiceText: 'YOU ALSO OWE $240!', nodeId: 'ask', tags: ['pressure'] });
    expect(a.turns[1]?.after.stress).toBeGreaterThan(a.turns[1]?.before.stress ?? 100);
    expect(migrate(a)).toEqual({ ok: true, record: a, from: 2 });
  });

  it('gives every attempt its own id', () => {
    const s = played(['warm', 'ask-copay']);
    const report = scoreAttempt(s.bundle, s.context());
    const ids = new Set(
      Array.from({ length: 50 }, () => summariseAttempt(s, report, 'practice', START, END, []).id),
    );
    expect(ids.size).toBe(50);
  });

  it('refuses a conversation that has not ended', () => {
    const s = played(['warm']);
    expect(() =>
      summariseAttempt(s, scoreAttempt(s.bundle, s.context()), 'practice', START, END, []),
    ).toThrow(/has not ended/);
  });
});

describe('resuming after a reload', () => {
  async function savedThenReloaded(entry: InProgress): Promise<InProgress> {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: 'resume' });
    await store.saveInProgress(entry);
    store.close();
    const reloaded = await openProgressStore({ indexedDB: factory, name: 'resume' });
    const back = await reloaded.inProgress();
    if (!back) throw new Error('nothing in progress after reload');
    return back;
  }

  it('continues exactly where the trainee was when the content is the same', async () => {
    const s = played(['warm'], 7);
    const entry = inProgressOf(s, {
      mode: 'assessment',
      startedAt: START,
      turnTimes: ['2026-02-01T09:00:30.000Z'],
    });
    const result = resumeSession(fixtureBundle(), await savedThenReloaded(entry));
    if (!result.ok) throw new Error(result.reason);
    expect(result.via).toBe('snapshot');
    expect(result.message).toBeUndefined();
    expect(result.session.view()).toEqual(s.view());
    expect(result.session.attempt()).toEqual(s.attempt());
  });

  it('replays the choices through a changed scenario, and says so', () => {
    const s = played(['warm'], 7);
    const edited = loadEditedMini((t) => t.replace('OK, what do I owe?', 'Right, what do I owe?'));
    if (!edited.ok) throw new Error('fixture edit failed');
    const result = resumeSession(
      edited.bundle,
      inProgressOf(s, { mode: 'practice', startedAt: START, turnTimes: [] }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.via).toBe('replay');
    expect(result.message).toMatch(
      /“Mini copay” has been updated since you started\. Your choice was replayed in the new version/,
    );
    expect(result.session.view().line.text).toBe('Right, what do I owe?');
  });

  it('says plainly when the recorded choices no longer fit, instead of crashing', () => {
    const s = played(['warm'], 7);
    const renamed = loadEditedMini((t) => t.replace('id: warm', 'id: friendly'));
    if (!renamed.ok) throw new Error('fixture edit failed');
    const result = resumeSession(
      renamed.bundle,
      inProgressOf(s, { mode: 'practice', startedAt: START, turnTimes: [] }),
    );
    expect(result).toEqual({
      ok: false,
      reason:
        '“Mini copay” has changed since you started, and your earlier choices no longer fit it (your 1st choice no longer fits). It can’t be continued; start it again from the beginning.',
    });
  });

  it('says so when the scenario is gone', () => {
    const s = played(['warm'], 7);
    const result = resumeSession(
      undefined,
      inProgressOf(s, { mode: 'practice', startedAt: START, turnTimes: [] }),
    );
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer available/) });
  });

  it.each([
    ['points at a node that does not exist', { status: 'active', context: { nodeId: 'nowhere' } }],
    ['is empty (which would otherwise silently start over)', null],
    ['disagrees with the recorded choices', 'log'],
  ])('replays the choices when a same-content snapshot %s', (_, snapshot) => {
    const s = played(['warm'], 7);
    const entry = inProgressOf(s, { mode: 'practice', startedAt: START, turnTimes: [] });
    const fresh = Session.start(fixtureBundle(), 7).persist().snapshot;
    const damaged: InProgress = {
      ...entry,
      save: { ...entry.save, snapshot: snapshot === 'log' ? fresh : snapshot },
    };
    const result = resumeSession(fixtureBundle(), damaged);
    if (!result.ok) throw new Error(result.reason);
    expect(result.via).toBe('replay');
    expect(result.message).toBeUndefined(); // same content: nothing changed for the trainee
    expect(result.session.view()).toEqual(s.view());
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
});
