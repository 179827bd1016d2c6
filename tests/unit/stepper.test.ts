import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import { nextRandom } from '../../src/engine/runtime/rng';
import { Session } from '../../src/engine/runtime/session';
import { offered, startState, stepState } from '../../src/engine/runtime/stepper';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { fixtureBundle, offeredIds } from './helpers';

const bundles: ScenarioBundle[] = [
  fixtureBundle(),
  fixtureBundle('lines.yaml'),
  ...loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : [])),
];

describe('the analyzer stepper plays exactly like the compiled machine', () => {
  it.each(bundles.map((b) => [b.scenario.id, b] as const))(
    '%s: 200 random walks match step by step',
    (_, bundle) => {
      let rng = 12345;
      for (let walk = 0; walk < 200; walk++) {
        const seed = 1 + walk;
        const session = Session.start(bundle, seed);
        let state = startState(bundle, seed);
        expect(state.ctx).toEqual(session.context());
        while (!state.done) {
          const choices = offered(bundle, state);
          expect(choices.map((c) => c.id).sort()).toEqual(offeredIds(session.view()).sort());
          const [r, next] = nextRandom(rng);
          rng = next;
          const pick = choices[Math.floor(r * choices.length)];
          if (!pick) throw new Error('no choice offered');
          state = stepState(bundle, state, pick);
          session.choose(pick.id);
          expect(state.ctx).toEqual(session.context());
        }
        expect(session.view().status).toBe('ended');
      }
    },
  );
});
