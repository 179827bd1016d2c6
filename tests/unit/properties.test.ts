import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import { Session } from '../../src/engine/runtime/session';
import { fixtureBundle } from './helpers';

const bundles = [fixtureBundle(), ...loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : []))];
const MAX_TURNS = 40;

describe('random play never breaks a scenario', () => {
  it.each(bundles.map((b) => [b.scenario.id, b] as const))(
    '%s: meters stay in range and every run ends',
    (_, bundle) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.array(fc.nat(), { minLength: MAX_TURNS, maxLength: MAX_TURNS }),
          (seed, picks) => {
            const session = Session.start(bundle, seed);
            for (const pick of picks) {
              const view = session.view();
              if (view.status === 'ended') break;
              const choice = view.choices[pick % view.choices.length];
              if (!choice) return false;
              const next = session.choose(choice.id);
              for (const value of Object.values(next.meters)) {
                expect(value).toBeGreaterThanOrEqual(0);
                expect(value).toBeLessThanOrEqual(100);
              }
            }
            return session.view().status === 'ended';
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});
