/**
 * The exhaustive walk folds each path's score and its best totals per choice as it goes (a tally per
 * state, and a climb that stops where a better path already passed). Checked here against the plain
 * way: play every path to its end, score its whole log, and fold every turn of it.
 */
import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { explore } from '../../src/engine/authoring/analysis';
import { variantSeeds } from '../../src/engine/authoring/invariants';
import { scoreAttempt } from '../../src/engine/runtime/scoring';
import { offered, type PlayState, startState, stepState } from '../../src/engine/runtime/stepper';
import type { ScenarioBundle } from '../../src/engine/runtime/types';

const { library } = fileContentSource();
const small = library.scenarios
  .flatMap((s) => (s.ok ? [s.bundle] : []))
  .filter((b) => explore(b).paths <= 20_000);

/** Every finished path's total in the walk's order, and the best total through each choice. */
function plainly(bundle: ScenarioBundle, seed: number) {
  const scores: number[] = [];
  const choiceBest = new Map<string, Map<string, number>>();
  const walk = (state: PlayState): void => {
    if (state.done) {
      const { total } = scoreAttempt(bundle, state.ctx);
      scores.push(total);
      for (const turn of state.ctx.log) {
        const byChoice = choiceBest.get(turn.nodeId) ?? new Map<string, number>();
        choiceBest.set(turn.nodeId, byChoice);
        byChoice.set(turn.choiceId, Math.max(byChoice.get(turn.choiceId) ?? -Infinity, total));
      }
      return;
    }
    for (const choice of offered(bundle, state)) walk(stepState(bundle, state, choice));
  };
  walk(startState(bundle, seed));
  return { scores, choiceBest };
}

/** A map of maps as nested pairs, so the comparison sees the order too. */
const pairs = (m: Map<string, Map<string, number>>) => [...m].map(([k, v]) => [k, [...v]]);

describe('explore', () => {
  it('covers several scenarios small enough to play plainly', () => {
    expect(small.length).toBeGreaterThanOrEqual(3);
  });

  it.each(small.map((b) => [b.scenario.id, b] as const))(
    'scores every path and keeps each choice’s best total as a plain walk does, in %s',
    (_, bundle) => {
      for (const { seed } of variantSeeds(bundle)) {
        const exploration = explore(bundle, { seed });
        const plain = plainly(bundle, seed);
        expect(exploration.scores).toEqual(plain.scores);
        expect(pairs(exploration.choiceBest)).toEqual(pairs(plain.choiceBest));
        expect(exploration.best?.total).toBe(Math.max(...plain.scores));
      }
    },
  );
});
