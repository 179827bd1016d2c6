import { describe, expect, it } from 'vitest';
import type { Scorer } from '../../src/engine/authoring/analysis';
import { analyse, failures, type InvariantResult } from '../../src/engine/authoring/invariants';
import { scoreAttempt } from '../../src/engine/runtime/scoring';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { loadEditedMini, loadFrom } from './helpers';

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

  it('a tie for the best path is reported with both paths, as a warning', () => {
    const tie = analyse(fixture('random-passes.yaml')).warnings.find((w) => w.id === 'best-path-tie');
    expect(tie?.detail).toMatch(
      /^2 paths share the best score \d+: (warm-ask, and kind-ask|kind-ask, and warm-ask)/,
    );
    expect(
      analyse(fixture('longest-wins.yaml')).warnings.find((w) => w.id === 'best-path-tie'),
    ).toBeUndefined();
  });

  it('a file that breaks a fair-assessment invariant fails on it alone', () => {
    expect(failures(analyse(fixture('longest-wins.yaml'))).map((f) => f.id)).toEqual([
      'always-longest-fails',
    ]);
  });
});

describe('analyzer warnings an author can act on (issue 18)', () => {
  const warnings = (file: string, edit?: (b: ScenarioBundle) => ScenarioBundle) =>
    analyse(fixture(file, edit)).warnings;

  it('a meter pinned at 0 or 100 for two turns or more on the best path', () => {
    expect(
      warnings('pinned.yaml')
        .filter((w) => w.id === 'meter-pinned')
        .map((w) => w.detail),
    ).toEqual([
      'on the best path stress stays at 0 after turns 1-3 (greet-warm, ask-clear, close-thanks): it cannot fall further, so these replies cannot be told apart by it; make the effects up to turn 1 smaller',
      'on the best path trust stays at 100 after turns 1-3 (greet-warm, ask-clear, close-thanks): it cannot rise further, so these replies cannot be told apart by it; make the effects up to turn 1 smaller',
    ]);
    expect(warnings('longest-wins.yaml').filter((w) => w.id === 'meter-pinned')).toEqual([]);
  });

  it('a best path that is tied, or ahead by fewer than 5 points, naming where the paths part', () => {
    expect(warnings('pinned.yaml').find((w) => w.id === 'best-path-tie')?.detail).toContain(
      '(they part at turn 3: close-next instead of close-thanks)',
    );
    const nearTie = warnings('random-passes.yaml', (b) => {
      const node = b.scenario.nodes.ask;
      if (!node) throw new Error('no ask node');
      const choices = node.choices.map((c) =>
        c.id === 'kind-ask' ? { ...c, effects: { stress: -20, trust: 25 } } : c,
      );
      return { ...b, scenario: { ...b.scenario, nodes: { ...b.scenario.nodes, ask: { ...node, choices } } } };
    });
    expect(nearTie.find((w) => w.id === 'best-path-margin')?.detail).toMatch(
      /^the best path \(\d+\) leads the next best \(\d+: kind-ask\) by only [1-4] point\(s\) \(they part at turn 1: kind-ask instead of warm-ask\)/,
    );
    expect(warnings('longest-wins.yaml').filter((w) => w.id.startsWith('best-path'))).toEqual([]);
  });

  it('a hardline strategy that only scores low because a hard-fail rule caps it', () => {
    expect(warnings('capped-hardline.yaml')).toEqual([
      {
        id: 'hardline-capped',
        detail: expect.stringMatching(
          /^hardline scores 49 only because it breaks no-care-deferral \(hard fail, capped at 49\); without that it would score \d+, \d+ below the best \(needs 20\)/,
        ),
      },
    ]);
    // In random-passes the hardline reply also costs trust and stress: it would lose without the cap too.
    expect(warnings('random-passes.yaml').filter((w) => w.id.endsWith('-capped'))).toEqual([]);
  });

  it('a line that is never said', () => {
    const load = loadEditedMini((t) =>
      t
        .replace(
          '    line: OK, what do I owe?',
          '    line:\n      - { id: ask-after-paying, when: { flags: [has-paid] }, text: Anything else? }\n      - { id: ask-plain, text: "OK, what do I owe?" }',
        )
        .replace(
          '        ledger: { collected: 50 }\n        feedback: Clear ask.',
          '        ledger: { collected: 50 }\n        set: [has-paid]\n        feedback: Clear ask.',
        ),
    );
    if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
    expect(analyse(load.bundle).warnings.filter((w) => w.id === 'line-never-said')).toEqual([
      {
        id: 'line-never-said',
        detail:
          'at ask, "ask-after-paying" is never said: its condition never holds when the patient gets there, or a line above it always does',
      },
    ]);
  });
});

describe('a scenario where no path ends', () => {
  it('is reported by "bounded" instead of crashing the analyzer', () => {
    const load = loadEditedMini((t) =>
      t
        .replace(/reactions:\n.*\n.*\n/, '')
        .replace('next: refused', 'next: ask')
        .replace(
          /next:\n\s+- when: \{ trust: \{ gte: 60 \} \}\n\s+goto: happy\n\s+- goto: paid/,
          'next: greet',
        )
        .replace(
          '        feedback: Conditional.\n        next: paid',
          '        feedback: Conditional.\n        next: greet',
        ),
    );
    if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
    const analysis = analyse(load.bundle);
    expect(analysis.invariants.find((i) => i.id === 'bounded')).toEqual({
      id: 'bounded',
      ok: false,
      detail:
        'no ending can be reached from greet, ask: a loop without an exit (check the "next" of their choices)',
    });
    expect(failures(analysis).map((f) => f.id)).toEqual(['reachable', 'bounded']);
  });
});
