import { describe, expect, it } from 'vitest';
import type { Scorer } from '../../src/engine/authoring/analysis';
import { analyse, failures, type InvariantResult } from '../../src/engine/authoring/invariants';
import { scoreAttempt } from '../../src/engine/runtime/scoring';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { loadFrom } from './helpers';

/** Fixtures built to break one fair-assessment invariant each (issue 12, item 3). */
const DIR = new URL('../fixtures/analyzer/', import.meta.url).pathname;

function fixture(file: string, edit?: (b: ScenarioBundle) => ScenarioBundle): ScenarioBundle {
  const load = loadFrom(DIR, file);
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  return edit ? edit(load.bundle) : load.bundle;
}

const result = (invariants: InvariantResult[], id: string): InvariantResult => {
  const found = invariants.find((i) => i.id === id);
  if (!found) throw new Error(`no invariant ${id}`);
  return found;
};

/** The fair-assessment invariants; each fixture must break exactly the one it is named for. */
const FAIR = [
  'random-trainee-fails',
  'always-longest-fails',
  'always-shortest-fails',
  'broken-rule-not-top-band',
  'bad-ending-fails',
];

describe('the fair-assessment invariants each catch what they are for', () => {
  it('a scenario where random clicking passes 40% fails random-trainee-fails, naming a passing path', () => {
    const { invariants } = analyse(fixture('random-passes.yaml'));
    const random = result(invariants, 'random-trainee-fails');
    expect(random.ok).toBe(false);
    expect(random.detail).toContain('passes 40.0% of attempts');
    expect(random.detail).toMatch(/e\.g\. (warm|kind)-ask scores \d+/);
    expect(FAIR.filter((id) => !result(invariants, id).ok)).toEqual(['random-trainee-fails']);
  });

  it('the random trainee is exact over every path: each path weighs 1 / (replies offered) per step', () => {
    const run = analyse(fixture('longest-wins.yaml')).runs[0];
    // Three decisions of three replies; only one path of 27 passes.
    expect(run?.randomTrainee).toMatchObject({ exact: true, passRate: 1 / 27 });
  });

  it('falls back to at least 1,000 seeded attempts when a scenario has too many paths', () => {
    const run = analyse(fixture('longest-wins.yaml'), { limit: 5 }).runs[0];
    expect(run?.exploration.truncated).toBe(true);
    expect(run?.randomTrainee.exact).toBe(false);
    expect(run?.randomTrainee.attempts).toBeGreaterThanOrEqual(1000);
    expect(run?.randomTrainee.passRate).toBeGreaterThan(0.02);
    expect(run?.randomTrainee.passRate).toBeLessThan(0.06);
  });

  it('a scenario whose best reply is always the longest fails always-longest-fails, naming the path', () => {
    const { invariants } = analyse(fixture('longest-wins.yaml'));
    expect(result(invariants, 'always-longest-fails').detail).toContain(
      'scores 95 (at most 60: 20 below the pass mark 80): greet-long > ask-long > close-long',
    );
    expect(FAIR.filter((id) => !result(invariants, id).ok)).toEqual(['always-longest-fails']);
  });

  it('a scenario whose best reply is always the shortest fails always-shortest-fails', () => {
    const { invariants } = analyse(fixture('shortest-wins.yaml'));
    expect(FAIR.filter((id) => !result(invariants, id).ok)).toEqual(['always-shortest-fails']);
  });

  // Scoring v2 caps these by construction, so no content can break them: they guard the scorer. A scorer
  // without the caps (as in v1) is the fixture that shows they would catch a regression.
  const uncapped: Scorer = (bundle, ctx) => {
    const report = scoreAttempt(bundle, ctx);
    const good = Object.keys(bundle.scenario.endings).find(
      (id) => bundle.scenario.endings[id]?.outcome === 'good',
    );
    const ignoringCaps = scoreAttempt(bundle, { ...ctx, breaches: [], nodeId: good ?? ctx.nodeId });
    return { ...ignoringCaps, breaches: report.breaches };
  };

  it('with v2 caps, rule-breaking paths stay out of the top band and bad endings below the pass mark', () => {
    const { invariants } = analyse(fixture('caps.yaml'));
    expect(result(invariants, 'broken-rule-not-top-band').ok).toBe(true);
    expect(result(invariants, 'bad-ending-fails').ok).toBe(true);
  });

  it('a scorer without the caps fails broken-rule-not-top-band and bad-ending-fails, naming rule and path', () => {
    const { invariants } = analyse(fixture('caps.yaml'), { score: uncapped });
    expect(result(invariants, 'broken-rule-not-top-band')).toMatchObject({ ok: false });
    expect(result(invariants, 'broken-rule-not-top-band').detail).toMatch(
      /breaks counter-privacy \(warning\) reaches the top band with \d+: warm-but-loud > ask-copay/,
    );
    expect(result(invariants, 'bad-ending-fails').detail).toMatch(
      /bad ending "lost" scores \d+ \(pass mark 80\): warm > ask-then-lose/,
    );
  });

  it('a tie for the best path is reported with both paths, never failed', () => {
    const tie = result(analyse(fixture('random-passes.yaml')).invariants, 'best-path-unique');
    expect(tie).toMatchObject({ ok: false, enforced: false });
    expect(tie.detail).toMatch(
      /2 paths share the best score \d+: (warm-ask and kind-ask|kind-ask and warm-ask)/,
    );
    expect(result(analyse(fixture('longest-wins.yaml')).invariants, 'best-path-unique').ok).toBe(true);
  });

  it('are enforced for standard 2 files and only reported for older ones', () => {
    const standard2 = analyse(fixture('longest-wins.yaml'));
    expect(failures(standard2).map((f) => f.id)).toEqual(['always-longest-fails']);
    const standard1 = analyse(
      fixture('longest-wins.yaml', (b) => ({ ...b, scenario: { ...b.scenario, standard: 1 } })),
    );
    expect(failures(standard1)).toEqual([]);
    expect(result(standard1.invariants, 'always-longest-fails').ok).toBe(false);
  });
});
