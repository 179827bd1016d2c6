/**
 * The analyzer scores every path with scoreFigures and a tally it folds one turn per step along its walk;
 * the debrief scores with scoreAttempt, which folds the whole log at once. Over seeded random
 * play-throughs of every shipped scenario, at every state: the folded tally must be the tally of the
 * log, and both scorers must give the same figures.
 */
import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { randomWalk } from '../../src/engine/authoring/analysis';
import { variantSeeds } from '../../src/engine/authoring/invariants';
import {
  EMPTY_TALLY,
  type ScoreFigures,
  scoreAttempt,
  scoreFigures,
  tallyOf,
  tallyTurn,
} from '../../src/engine/runtime/scoring';
import type { TurnRecord } from '../../src/engine/runtime/types';

const { library } = fileContentSource();
const bundles = library.scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
const WALKS = 60;

/** The figures the analyzer reads, whichever scorer gave them. */
const figuresOf = (s: ScoreFigures): ScoreFigures => ({
  total: s.total,
  band: s.band,
  passed: s.passed,
  hardFail: s.hardFail,
  passMark: s.passMark,
  breaches: s.breaches.map((b) => ({ ruleId: b.ruleId, severity: b.severity })),
});

describe('scoreFigures', () => {
  it.each(bundles.map((b) => [b.scenario.id, b] as const))(
    'gives scoreAttempt’s figures in %s, from a tally folded along the walk',
    (_, bundle) => {
      let compared = 0;
      for (const { seed } of variantSeeds(bundle)) {
        for (let w = 1; w <= WALKS; w++) {
          let folded = EMPTY_TALLY;
          for (const [i, state] of randomWalk(bundle, seed, w * 7919).states.entries()) {
            if (i > 0) folded = tallyTurn(bundle, folded, state.ctx.log.at(-1) as TurnRecord);
            expect(folded).toEqual(tallyOf(bundle, state.ctx.log));
            const full = figuresOf(scoreAttempt(bundle, state.ctx));
            expect(figuresOf(scoreFigures(bundle, state.ctx, folded))).toEqual(full);
            expect(figuresOf(scoreFigures(bundle, state.ctx))).toEqual(full);
            compared += 1;
          }
        }
      }
      expect(compared).toBeGreaterThan(WALKS);
    },
  );

  it('leaves the tally it folds from as it was', () => {
    const bundle = bundles[0];
    if (!bundle) throw new Error('no scenario loaded');
    const { states } = randomWalk(bundle, 1, 7919);
    const log = states.at(-1)?.ctx.log ?? [];
    expect(log.length).toBeGreaterThan(2);
    const early = tallyOf(bundle, log.slice(0, 2));
    const snapshot = structuredClone(early);
    tallyOf(bundle, log);
    for (const entry of log.slice(2)) tallyTurn(bundle, early, entry);
    expect(early).toEqual(snapshot);
  });
});
