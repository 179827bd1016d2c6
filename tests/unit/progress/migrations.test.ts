import { describe, expect, it } from 'vitest';
import { migrate, migrateInProgress, migrateProfile } from '../../../src/progress/migrations';
import { FORMAT_VERSION } from '../../../src/progress/types';
import { attempt, fixtureJson } from './helpers';

describe('migrating stored attempts', () => {
  it('brings the first format (fixture) to the current one: score becomes total, mode is practice', () => {
    const v1 = fixtureJson('v1-attempt.json') as Record<string, unknown>;
    expect(v1.formatVersion).toBe(1);
    const result = migrate(v1);
    if (!result.ok) throw new Error(result.reason);
    expect(result.from).toBe(1);
    expect(FORMAT_VERSION).toBe(3);
    const { score, formatVersion: _, ...unchanged } = v1;
    expect(result.record).toEqual({ ...unchanged, formatVersion: 3, total: score, mode: 'practice' });
    expect(result.record).not.toHaveProperty('score');
  });

  it('returns a current record as it is', () => {
    const current = attempt({ mode: 'assessment' });
    expect(migrate(current)).toEqual({ ok: true, record: current, from: 3 });
  });

  it('brings the previous release\u2019s attempt (format 2 fixture) to the current one unchanged but for the version', () => {
    const v2 = fixtureJson('v2-attempt.json') as Record<string, unknown>;
    const result = migrate(v2);
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ from: 2 });
    expect(result.record).toEqual({ ...v2, formatVersion: 3 });
  });

  it.each([
    ['text instead of a record', 'oops', 'not a saved attempt (found text)'],
    ['null', null, 'not a saved attempt (found null)'],
    ['a list', [1], 'not a saved attempt (found a list)'],
    ['no formatVersion', { id: 'x' }, 'the attempt has no valid formatVersion'],
    ['a non-numeric total', { ...attempt(), total: 'lots' }, 'total must be a number between 0 and 100'],
    ['a total above 100', { ...attempt(), total: 101 }, 'total must be a number between 0 and 100'],
    ['a missing mode', { ...attempt(), mode: undefined }, 'mode is missing'],
    ['an unknown mode', { ...attempt(), mode: 'exam' }, 'mode must be "practice" or "assessment"'],
    [
      'a bad decision time',
      { ...attempt(), turns: [{ ...attempt().turns[0], at: 'yesterday' }] },
      'turns[0].at must be an ISO 8601 date and time',
    ],
    [
      'a v1 record without its score',
      { ...(fixtureJson('v1-attempt.json') as object), score: undefined },
      'score is missing',
    ],
  ])('explains what is wrong with %s', (_, raw, reason) => {
    expect(migrate(raw)).toEqual({ ok: false, reason, newer: false });
  });

  it('recognises a record from a newer build (so the store leaves it in place)', () => {
    const result = migrate({ ...attempt(), formatVersion: 4 });
    expect(result).toMatchObject({ ok: false, newer: true });
    expect(!result.ok && result.reason).toMatch(
      /newer version of Good Terms \(format 4; this one reads up to 3\)/,
    );
  });

  it('lists several problems at once, three at most', () => {
    const result = migrate({ ...attempt(), total: -1, seed: 1.5, passMark: 'x', hardFail: 'no' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/; and 1 more$/);
  });
});

describe('migrating the conversation in progress and the profile', () => {
  it('brings the first-format in-progress save (fixture) to the current one, as practice', () => {
    const v1 = fixtureJson('v1-in-progress.json') as { save: Record<string, unknown>; startedAt: string };
    const result = migrateInProgress(v1);
    if (!result.ok) throw new Error(result.reason);
    const { snapshot: _, ...attempt } = v1.save;
    expect(result.record).toEqual({
      ...v1,
      formatVersion: 3,
      mode: 'practice',
      attemptId: `mini-${Date.parse(v1.startedAt).toString(36)}-resumed`,
      save: { ...attempt, format: 2 },
    });
  });

  it('rejects an in-progress save without the engine save', () => {
    expect(migrateInProgress({ formatVersion: 3, mode: 'practice' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^save is missing/),
    });
  });

  it('reads profiles of both formats', () => {
    expect(migrateProfile({ formatVersion: 1, displayName: 'Ana' })).toEqual({
      ok: true,
      record: { displayName: 'Ana' },
      from: 1,
    });
    expect(migrateProfile({ formatVersion: 2, displayName: 7 })).toMatchObject({
      ok: false,
      reason: 'displayName must be text',
    });
  });
});
