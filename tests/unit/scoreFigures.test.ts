/**
 * The analyzer scores every path with scoreFigures, the debrief with scoreAttempt: one scorer, with and
 * without its items. Over seeded random play-throughs of every shipped scenario, both must give the same
 * figures, and the figures must not depend on which of them scored a log first (turns are cached per
 * log entry).
 */
import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { randomWalk } from '../../src/engine/authoring/analysis';
import { variantSeeds } from '../../src/engine/authoring/invariants';
import { type ScoreFigures, scoreAttempt, scoreFigures } from '../../src/engine/runtime/scoring';

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
    'gives scoreAttempt’s figures in %s',
    (_, bundle) => {
      let compared = 0;
      for (const { seed } of variantSeeds(bundle)) {
        for (let w = 1; w <= WALKS; w++) {
          for (const [i, state] of randomWalk(bundle, seed, w * 7919).states.entries()) {
            // Alternate which scorer sees a log first.
            const early = i % 2 === 0 ? figuresOf(scoreFigures(bundle, state.ctx)) : undefined;
            const full = figuresOf(scoreAttempt(bundle, state.ctx));
            expect(early ?? figuresOf(scoreFigures(bundle, state.ctx))).toEqual(full);
            compared += 1;
          }
        }
      }
      expect(compared).toBeGreaterThan(WALKS);
    },
  );
});
