import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPlan } from '../../src/engine/authoring/testPlan';
import { Session } from '../../src/engine/runtime/session';
import { fixtureBundle } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('running a test plan', () => {
  it.each([
    ['passes', [{ choose: 'warm' }, { 'expect-node': 'ask' }], undefined],
    ['fails at an expectation', [{ choose: 'warm' }, { 'expect-node': 'greet' }], 1],
    ['fails at a choice not on offer', [{ choose: 'secret' }], 0],
  ] as const)('stops its actor whether it %s', (_, steps, failingStep) => {
    const stop = vi.spyOn(Session.prototype, 'stop');
    const failure = runPlan(fixtureBundle(), { name: 'p', seed: 3, steps: [...steps] });
    expect(failure?.step).toBe(failingStep);
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
