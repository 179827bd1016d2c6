/**
 * No hidden module state: compiled machines are cached per bundle object (a WeakMap), and each machine
 * keeps its own memo, so a long-lived process (the classroom server, an editor recompiling on every
 * keystroke) does not grow with every edited version of a scenario.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/runtime/session';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { fixtureBundle } from './helpers';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** An edited copy of the scenario: a new bundle object whose first choice lands a little differently. */
function variant(base: ScenarioBundle, n: number): ScenarioBundle {
  const copy = structuredClone(base);
  const first = Object.values(copy.scenario.nodes)[0]?.choices[0];
  if (first) first.effects = { ...first.effects, trust: (n % 20) - 10 };
  copy.contentHash = `${base.contentHash}-${n}`;
  return copy;
}

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('compiled machines', () => {
  it('are not kept for bundles nobody holds: 1,000 edited variants leave memory flat', () => {
    const base = fixtureBundle();
    const play = (n: number): void => {
      const session = Session.start(variant(base, n), n + 1);
      session.choose('warm');
      session.stop();
    };
    for (let n = 0; n < 100; n++) play(n); // warm up: JIT, first allocations
    const before = heapAfterGc();
    for (let n = 100; n < 1100; n++) play(n);
    const grown = heapAfterGc() - before;
    // A retained machine with its config costs tens of kilobytes: 1,000 of them would be tens of MB.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);

  it('are shared while their bundle is held', () => {
    const bundle = fixtureBundle();
    const a = Session.start(bundle, 1);
    const b = Session.start(bundle, 2);
    a.choose('warm');
    b.choose('cold');
    expect(a.view().meters).not.toEqual(b.view().meters);
    expect(Session.start(bundle, 1).choose('warm')).toEqual(Session.replay(bundle, 1, ['warm']).view());
  });
});
