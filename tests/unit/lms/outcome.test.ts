import { describe, expect, it } from 'vitest';
import type { Curriculum } from '../../../src/engine/authoring/curriculumSchema';
import { counts, isBetter, outcomeOf, passMarkFor, type Standard } from '../../../src/lms/outcome';
import type { LmsRecord, RecordedResult } from '../../../src/lms/record';

const curriculum: Curriculum = {
  title: 'Path',
  modules: [
    { id: 'one', title: 'One', description: 'd', scenarios: ['a', 'b'] },
    { id: 'two', title: 'Two', description: 'd', scenarios: ['c'], passMark: 90 },
  ],
};

const result = (scenarioId: string, total: number, hardFail = false, passMark = 80): RecordedResult => ({
  scenarioId,
  mode: 'assessment',
  total,
  hardFail,
  passMark,
  finishedAt: 1,
  seconds: 1,
  code: `GT1.${scenarioId}.0.1.`,
});

const record = (target: Standard['target'], results: RecordedResult[]): LmsRecord => ({
  target,
  results,
  conversation: undefined,
});

describe('what a scenario package reports', () => {
  const standard: Standard = {
    target: { kind: 'scenario', id: 'a' },
    mode: 'assessment',
    mastery: 80,
    curriculum: undefined,
  };

  it('is incomplete with no score before anything counted finished', () => {
    expect(outcomeOf(standard, record(standard.target, []))).toEqual({
      completion: 'incomplete',
      success: 'unknown',
      score: undefined,
      progress: 0,
    });
  });

  it('passes at the mastery score, fails below it, and fails any compliance hard fail', () => {
    expect(outcomeOf(standard, record(standard.target, [result('a', 80)]))).toEqual({
      completion: 'completed',
      success: 'passed',
      score: 80,
      progress: 1,
    });
    expect(outcomeOf(standard, record(standard.target, [result('a', 79)]))).toMatchObject({
      success: 'failed',
      score: 79,
      progress: 0,
    });
    const lenient = { ...standard, mastery: 40 };
    expect(outcomeOf(lenient, record(standard.target, [result('a', 45, true)]))).toMatchObject({
      success: 'failed',
      score: 45,
    });
  });

  it('counts assessment attempts only in an assessment package, any attempt in a practice package', () => {
    expect(counts(standard, 'a', 'practice')).toBe(false);
    expect(counts(standard, 'a', 'assessment')).toBe(true);
    expect(counts(standard, 'b', 'assessment')).toBe(false);
    expect(counts({ ...standard, mode: 'practice' }, 'a', 'practice')).toBe(true);
  });

  it('reports completion and score only in a practice package', () => {
    const practice = { ...standard, mode: 'practice' as const };
    expect(outcomeOf(practice, record(standard.target, [result('a', 30)]))).toEqual({
      completion: 'completed',
      success: 'unknown',
      score: 30,
      progress: 1,
    });
  });

  it('keeps a pass over a fail and a higher total over a lower one', () => {
    expect(isBetter(standard, result('a', 81), result('a', 49, true))).toBe(true);
    expect(isBetter(standard, result('a', 79), result('a', 80))).toBe(false);
    expect(isBetter(standard, result('a', 95), result('a', 85))).toBe(true);
    expect(isBetter(standard, result('a', 85), result('a', 85))).toBe(false);
    expect(isBetter(standard, result('a', 10), undefined)).toBe(true);
  });
});

describe('what the onboarding path package reports', () => {
  const standard: Standard = {
    target: { kind: 'curriculum' },
    mode: 'assessment',
    mastery: undefined,
    curriculum,
  };

  it('takes each module\u2019s pass mark, else the scenario\u2019s, unless a mastery score is set', () => {
    expect(passMarkFor(standard, 'a', 75)).toBe(75);
    expect(passMarkFor(standard, 'c', 75)).toBe(90);
    expect(passMarkFor({ ...standard, mastery: 60 }, 'c', 75)).toBe(60);
  });

  it('averages the best totals over every scenario, unplayed ones as 0, and stays incomplete until all are played', () => {
    expect(outcomeOf(standard, record(standard.target, [result('a', 90), result('b', 84)]))).toEqual({
      completion: 'incomplete',
      success: 'unknown',
      score: 58,
      progress: 2 / 3,
    });
  });

  it('fails when all are played but a module is not mastered, passes when every module is', () => {
    const almost = [result('a', 90), result('b', 84), result('c', 85)];
    expect(outcomeOf(standard, record(standard.target, almost))).toEqual({
      completion: 'completed',
      success: 'failed',
      score: 86,
      progress: 2 / 3,
    });
    const all = [result('a', 90), result('b', 84), result('c', 95)];
    expect(outcomeOf(standard, record(standard.target, all))).toMatchObject({
      success: 'passed',
      score: 90,
      progress: 1,
    });
  });
});
