/**
 * The engine's own save must fit an LMS: SCORM 1.2 allows 4,096 characters of suspend_data and some LMSs
 * enforce it, so the budget is 3,500. Measured on every scenario's longest path (the worst case: the most
 * choices), for the engine save alone and for the whole in-progress record the browser stores.
 */
import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { explore } from '../../src/engine/authoring/analysis';
import { variantSeeds } from '../../src/engine/authoring/invariants';
import { Session } from '../../src/engine/runtime/session';
import { inProgressOf } from '../../src/progress/summary';

const BUDGET = 3500;
const { library } = fileContentSource();
const bundles = library.scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));

describe('the saved conversation fits an LMS', () => {
  const sizes = bundles.map((bundle) => {
    const worst = variantSeeds(bundle)
      .map(({ seed }) => {
        const longest = explore(bundle, { seed }).longest;
        const session = Session.replay(bundle, seed, longest.choices);
        const save = JSON.stringify(session.persist()).length;
        const record = JSON.stringify(
          inProgressOf(session, {
            attemptId: `${bundle.scenario.id}-mn3x7q2a-0123456789abcdef0123456789abcdef`,
            mode: 'assessment',
            startedAt: new Date('2026-12-02T10:00:00Z'),
            turnTimes: longest.choices.map(() => '2026-12-02T10:00:00.000Z'),
          }),
        ).length;
        return { turns: longest.choices.length, save, record };
      })
      .sort((a, b) => b.record - a.record)[0];
    return { id: bundle.scenario.id, ...worst };
  });

  it.each(sizes)(
    '$id: longest path ($turns turns) saves in $save characters, $record with its record',
    (s) => {
      expect(s.save).toBeLessThanOrEqual(BUDGET);
      expect(s.record).toBeLessThanOrEqual(BUDGET);
    },
  );

  it('covers every scenario', () => {
    expect(sizes.length).toBe(library.scenarios.length);
    expect(sizes.length).toBeGreaterThan(0);
  });
});
