import { describe, expect, it } from 'vitest';
import { decodeReplayCode } from '../../../src/engine/runtime/replayCode';
import { scoreAttempt } from '../../../src/engine/runtime/scoring';
import { Session } from '../../../src/engine/runtime/session';
import { verifyAttempts } from '../../../src/progress/verify';
import { fixtureBundle } from '../helpers';
import { attempt } from './helpers';

const bundle = fixtureBundle();
const load = async (id: string) => (id === 'mini' ? bundle : undefined);

describe('verifying stored attempts by replay', () => {
  it('re-derives the score of a real attempt from its seed and choices, whatever the record claims', async () => {
    const session = Session.replay(bundle, 3, ['warm', 'shout-balance', 'ask-copay']);
    const real = scoreAttempt(bundle, session.context());
    const claimed = attempt({
      seed: 3,
      choices: ['warm', 'shout-balance', 'ask-copay'],
      total: 100,
      passed: true,
      passMark: 0,
    });
    const [checked] = await verifyAttempts([claimed], load);
    expect(checked).toMatchObject({ verified: true, total: real.total, passed: real.passed, passMark: 80 });
    expect(checked?.total).not.toBe(100);
    if (!checked?.verified) throw new Error('not verified');
    expect(decodeReplayCode(checked.replayCode, bundle).choices).toEqual(claimed.choices);
  });

  it.each([
    [
      'no turns at all (score 100, pass mark 0, dated 9999)',
      { choices: [], total: 100, passMark: 0, finishedAt: '9999-12-31T00:00:00.000Z' },
      /do not reach an ending/,
    ],
    ['choices the scenario does not have', { choices: ['warm', 'pay-in-gold'] }, /do not replay/],
    ['a scenario this build does not have', { scenarioId: 'made-up' }, /not in this version/],
  ])('marks a record with %s as not verified, keeping it as history', async (_, over, problem) => {
    const [checked] = await verifyAttempts([attempt(over)], load);
    expect(checked).toMatchObject({ verified: false, problem: expect.stringMatching(problem) });
    expect(checked).toMatchObject(over);
  });
});
