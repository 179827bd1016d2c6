import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import { explore } from '../../src/engine/authoring/analysis';
import { coachingOf } from '../../src/engine/runtime/lookup';
import { Session } from '../../src/engine/runtime/session';
import { offered, startState, stepState } from '../../src/engine/runtime/stepper';
import { fixtureBundle } from './helpers';

const bundle = fixtureBundle('lines.yaml');
const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);

function lineAfter(seed: number, choices: string[]): string {
  const session = Session.start(bundle, seed);
  for (const c of choices) session.choose(c);
  return session.view().line.id;
}

describe('line variants are read from the top: the first whose condition holds is said', () => {
  it('a conditioned line is said every time its condition holds, whatever the seed', () => {
    expect(new Set(SEEDS.map((seed) => lineAfter(seed, ['read-balance'])))).toEqual(
      new Set(['verify-after-balance']),
    );
  });

  it('the last line without a condition is said otherwise', () => {
    const calmSeeds = SEEDS.filter((seed) => Session.start(bundle, seed).context().variant === 'calm');
    expect(new Set(calmSeeds.map((seed) => lineAfter(seed, ['say-hello'])))).toEqual(
      new Set(['verify-default']),
    );
  });

  it('a pick: random group is the only source of variety, weighted, and the same seed picks the same line', () => {
    const picks = SEEDS.map((seed) => lineAfter(seed, []));
    expect(picks).toEqual(SEEDS.map((seed) => lineAfter(seed, [])));
    const rushed = picks.filter((id) => id === 'greet-rushed').length / picks.length;
    expect(rushed).toBeGreaterThan(0.65);
    expect(rushed).toBeLessThan(0.85);
  });

  it('a random group can itself have a condition, and picks among its lines only when it holds', () => {
    const tenseSeeds = SEEDS.filter((seed) => Session.start(bundle, seed).context().variant === 'tense');
    expect(tenseSeeds.length).toBeGreaterThan(100);
    expect(new Set(tenseSeeds.map((seed) => lineAfter(seed, ['say-hello'])))).toEqual(
      new Set(['verify-tense-a', 'verify-tense-b']),
    );
  });

  it('feedback and the stronger alternative read the state the choice was made in', () => {
    const afterBalance = Session.start(bundle, 1);
    afterBalance.choose('read-balance');
    afterBalance.choose('verify-dob');
    const verified = afterBalance.log().at(-1);
    if (!verified) throw new Error('no turn');
    expect(coachingOf(bundle, afterBalance.context(), verified)).toEqual({
      feedback: 'Verified, but only after the balance was read out.',
      better: 'Verify first; then the balance.',
    });

    const clean = Session.start(bundle, 1);
    clean.choose('say-hello');
    clean.choose('verify-dob');
    const turn = clean.log().at(-1);
    if (!turn) throw new Error('no turn');
    expect(coachingOf(bundle, clean.context(), turn)).toEqual({
      feedback: 'Verified before any account detail.',
      better: undefined,
    });
  });
});

describe('S1: the teach-back answer follows what was explained', () => {
  const s1 = loadLibrary().scenarios.find(
    (s) => s.ok && s.bundle.scenario.id === 's1-uninsured-ed-discharge',
  );
  if (!s1?.ok) throw new Error('S1 did not load');
  const best = explore(s1.bundle).best.choices;

  it('after the coverage screen, the answer mentions the Marketplace on every seed', () => {
    let checked = 0;
    for (const seed of SEEDS.slice(0, 100)) {
      let state = startState(s1.bundle, seed);
      for (const id of best) {
        const choice = offered(s1.bundle, state).find((c) => c.id === id);
        if (!choice) throw new Error(`${id} not offered on seed ${seed}`);
        state = stepState(s1.bundle, state, choice);
        if (state.ctx.nodeId === 'tb-answer' && state.ctx.flags.includes('coverage-screened')) {
          expect(state.ctx.lineId, `seed ${seed}`).toBe('answer-coverage');
          checked += 1;
        }
      }
    }
    expect(checked).toBe(100);
  });
});
