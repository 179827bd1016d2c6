import { describe, expect, it } from 'vitest';
import { EMPTY_LEDGER } from '../../src/engine/runtime/ledger';
import {
  BELOW_TOP_BAND,
  HARD_FAIL_CAP,
  PENALTY,
  type ScoreReport,
  scoreAttempt,
  WARNINGS_THAT_FAIL,
  WEIGHTS,
} from '../../src/engine/runtime/scoring';
import { Session } from '../../src/engine/runtime/session';
import type { PatientContext, TurnRecord } from '../../src/engine/runtime/types';
import { messageContext, scoreItemText } from '../../src/i18n/catalogue';
import { messages } from '../../src/i18n/en';
import { fixtureBundle, loadEditedMini } from './helpers';

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
    expect(report.verdict.hardFail).toEqual({
      ruleId: 'no-care-deferral',
      source: 'IRS 501(r), 26 CFR 1.501(r)-6',
    });
    expect(messages.verdict(report.verdict)).toMatch(/compliance failure/);
  });

  it('scores collecting money the patient does not owe as negative resolution', () => {
    const s = play('warm', 'ask-copay');
    const report = scoreAttempt(fixtureBundle(), {
      ...s.context(),
      ledger: { ...s.context().ledger, collected: 150 },
    });
    expect(report.components.resolution).toBe(100 - 200);
    expect(report.items).toContainEqual(
      expect.objectContaining({ kind: 'fix', code: 'overcollected', params: { amount: 100 } }),
    );
  });

  it('credits empathy within one turn of an emotional cue and ties it to the turn', () => {
    const warm = scoreAttempt(fixtureBundle(), play('warm', 'ask-copay').context());
    expect(warm.items).toContainEqual(
      expect.objectContaining({
        component: 'process',
        kind: 'well',
        turn: 1,
        choiceId: 'warm',
        code: 'cue-answered',
        params: { cue: 'hurried' },
      }),
    );
    const cold = scoreAttempt(fixtureBundle(), play('cold', 'ask-copay').context());
    expect(cold.items).toContainEqual(
      expect.objectContaining({ component: 'process', kind: 'fix', code: 'cue-missed' }),
    );
  });

  it('makes a warning cost process points and points on the total, each tied to the choice', () => {
    const s = play('warm', 'shout-balance', 'ask-copay');
    const report = scoreAttempt(fixtureBundle(), s.context());
    expect(report.items).toContainEqual(
      expect.objectContaining({
        component: 'process',
        points: -PENALTY.warning,
        turn: 2,
        choiceId: 'shout-balance',
      }),
    );
    expect(report.items).toContainEqual(
      expect.objectContaining({ component: 'resolution', points: -15, choiceId: 'shout-balance' }),
    );
    expect(report.compliance).toBe(-PENALTY.warningOnTotal);
    expect(report.items).toContainEqual(
      expect.objectContaining({ component: 'compliance', code: 'warning-on-total', turn: 2 }),
    );
  });
  it('computes patient experience from end trust and stress', () => {
    const s = play('warm', 'ask-copay');
    const { stress, trust } = s.view().meters;
    expect(scoreAttempt(fixtureBundle(), s.context()).components.experience).toBe(
      Math.round(0.6 * trust + 0.4 * (100 - stress)),
    );
  });

  describe('v2 caps', () => {
    /** A high-scoring finished context, then whatever the case changes. */
    const perfect = (over: Partial<PatientContext> = {}) => ({
      ...play('warm', 'ask-copay').context(),
      meters: { stress: 0, trust: 100 },
      ...over,
    });
    const capOf = (report: ScoreReport) => report.items.find((i) => i.code === 'cap');

    it('keeps any broken rule out of the top band, and says which cap decided', () => {
      const clean = scoreAttempt(fixtureBundle(), perfect());
      expect(clean.band).toBe('exemplary');
      const one = scoreAttempt(
        fixtureBundle(),
        perfect({ breaches: [{ ruleId: 'counter-privacy', turn: 1, choiceId: 'warm' }] }),
      );
      expect(one.total).toBeLessThanOrEqual(BELOW_TOP_BAND);
      expect(one.band).not.toBe('exemplary');
      expect(one.passed).toBe(true);
      expect(capOf(one)).toMatchObject({ params: { reason: 'rule-broken', cap: BELOW_TOP_BAND } });
    });

    it(`fails ${WARNINGS_THAT_FAIL} warnings however good the rest was`, () => {
      const breaches = [1, 2].map((turn) => ({ ruleId: 'counter-privacy', turn, choiceId: 'warm' }));
      const report = scoreAttempt(fixtureBundle(), perfect({ breaches }));
      expect(report.passed).toBe(false);
      expect(report.total).toBeLessThan(report.passMark);
      expect(report.verdict.cap).toBe('two-warnings');
    });

    it('never passes a bad ending and keeps a mixed ending out of the top band', () => {
      const bad = scoreAttempt(fixtureBundle(), perfect({ nodeId: 'walks-out' }));
      expect(bad.passed).toBe(false);
      expect(bad.total).toBeLessThan(bad.passMark);
      const edited = loadEditedMini((t) =>
        t.replace('outcome: good, summary: Paid with trust.', 'outcome: mixed, summary: Paid with trust.'),
      );
      if (!edited.ok) throw new Error('fixture edit failed');
      const mixed = scoreAttempt(edited.bundle, perfect());
      expect(mixed.total).toBe(BELOW_TOP_BAND);
      expect(mixed.verdict.cap).toBe('mixed-ending');
    });

    it('counts an order-sensitive checklist step only when it came first', () => {
      const edited = loadEditedMini((t) =>
        t.replace(
          'checklist: [acknowledge, clear-ask]',
          'checklist: [acknowledge, verify-identity, clear-ask]',
        ),
      );
      if (!edited.ok) throw new Error('fixture edit failed');
      const turn = (n: number, choiceId: string, tags: TurnRecord['tags']): TurnRecord => ({
        turn: n,
        nodeId: n === 1 ? 'greet' : 'ask',
        lineId: 'x',
        choiceId,
        tags,
        before: { stress: 50, trust: 50 },
        after: { stress: 50, trust: 50 },
        modelNotes: [],
        rules: [],
      });
      const step = (log: TurnRecord[]) =>
        scoreAttempt(edited.bundle, perfect({ log })).items.find(
          (i) => i.code === 'checklist' && i.params.step === 'verify-identity',
        );
      expect(step([turn(1, 'warm', ['verify-identity']), turn(2, 'ask-copay', ['clear-ask'])])).toMatchObject(
        {
          kind: 'well',
          params: { status: 'met' },
        },
      );
      // The balance was discussed at turn 1; verifying at turn 2 no longer protects the patient.
      expect(step([turn(1, 'warm', ['clear-ask']), turn(2, 'ask-copay', ['verify-identity'])])).toMatchObject(
        {
          kind: 'fix',
          turn: 1,
          params: { status: 'late', afterTurn: 1 },
        },
      );
    });
  });

  it('words every item from the catalogue, and the formula from the constants', () => {
    const bundle = fixtureBundle();
    const words = messageContext(bundle);
    for (const path of [['warm', 'ask-copay'], ['cold', 'shout-balance'], ['refuse']]) {
      for (const i of scoreAttempt(bundle, play(...path).context()).items) {
        expect(scoreItemText(messages, i, words)).toMatch(/^\S.*[^\s]$/);
        expect(scoreItemText(messages, i, words)).not.toMatch(/undefined|NaN|\[object/);
      }
    }
    expect(messages.formula.join(' ')).toContain(`${WEIGHTS.resolution.toFixed(2)} \u00d7 resolution`);
    expect(messages.formula.join(' ')).toContain(`at ${HARD_FAIL_CAP}`);
    expect(messages.formula.join(' ')).toContain(`${PENALTY.warningOnTotal} points of the total`);
  });
});
