import { describe, expect, it } from 'vitest';
import { EMPTY_LEDGER } from '../../src/engine/runtime/compiler';
import { HARD_FAIL_CAP, scoreAttempt } from '../../src/engine/runtime/scoring';
import { Session } from '../../src/engine/runtime/session';
import { fixtureBundle } from './helpers';

const play = (...choices: string[]) => {
  const s = Session.start(fixtureBundle(), 3);
  for (const c of choices) s.choose(c);
  return s;
};

describe('scoring', () => {
  it('scores the warm path above the cold path', () => {
    const warm = scoreAttempt(fixtureBundle(), play('warm', 'ask-copay').context());
    const cold = scoreAttempt(fixtureBundle(), play('cold', 'ask-copay').context());
    expect(warm.total).toBeGreaterThan(cold.total);
    expect(warm.components.resolution).toBe(100);
    expect(warm.breaches).toEqual([]);
  });

  it('caps the total when a hard-fail rule is broken, and cites the rule', () => {
    const s = play('refuse');
    const ctx = { ...s.context(), ledger: { ...EMPTY_LEDGER, collected: 50 } };
    const report = scoreAttempt(fixtureBundle(), ctx);
    expect(report.hardFail).toBe(true);
    expect(report.total).toBeLessThanOrEqual(HARD_FAIL_CAP);
    expect(report.passed).toBe(false);
    expect(report.band).toBe('needs-remediation');
    expect(report.breaches[0]).toMatchObject({
      ruleId: 'no-care-deferral',
      source: 'IRS 501(r), 26 CFR 1.501(r)-6',
      turn: 1,
    });
    expect(report.verdict).toMatch(/compliance failure/);
  });

  it('scores collecting money the patient does not owe as negative resolution', () => {
    const s = play('warm', 'ask-copay');
    const report = scoreAttempt(fixtureBundle(), {
      ...s.context(),
      ledger: { ...s.context().ledger, collected: 150 },
    });
    expect(report.components.resolution).toBe(100 - 200);
    expect(
      report.items.some(
        (i) => i.kind === 'fix' && i.text.includes('$100 taken or committed that the patient does not owe'),
      ),
    ).toBe(true);
  });

  it('credits empathy within one turn of an emotional cue and ties it to the turn', () => {
    const warm = scoreAttempt(fixtureBundle(), play('warm', 'ask-copay').context());
    expect(warm.items).toContainEqual(
      expect.objectContaining({
        component: 'process',
        kind: 'well',
        turn: 1,
        choiceId: 'warm',
        text: expect.stringContaining('cue (hurried)'),
      }),
    );
    const cold = scoreAttempt(fixtureBundle(), play('cold', 'ask-copay').context());
    expect(cold.items).toContainEqual(
      expect.objectContaining({
        component: 'process',
        kind: 'fix',
        text: expect.stringContaining('no empathic response'),
      }),
    );
  });

  it('subtracts warnings and disputes, each tied to the choice that caused it', () => {
    const s = play('warm', 'shout-balance', 'ask-copay');
    const report = scoreAttempt(fixtureBundle(), s.context());
    expect(report.items).toContainEqual(
      expect.objectContaining({ component: 'process', points: -10, turn: 2, choiceId: 'shout-balance' }),
    );
    expect(report.items).toContainEqual(
      expect.objectContaining({ component: 'resolution', points: -15, choiceId: 'shout-balance' }),
    );
  });

  it('computes patient experience from end trust and stress', () => {
    const s = play('warm', 'ask-copay');
    const { stress, trust } = s.view().meters;
    expect(scoreAttempt(fixtureBundle(), s.context()).components.experience).toBe(
      Math.round(0.6 * trust + 0.4 * (100 - stress)),
    );
  });
});
