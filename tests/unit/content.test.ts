import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DIALOGUES_DIR, loadLibrary, runTestPlans } from '../../src/content/library';
import { type Analysis, analyse, failures } from '../../src/engine/authoring/invariants';
import { EDITOR_SCHEMAS, editorSchemaText } from '../../src/engine/authoring/jsonSchema';
import { formatDiagnostic } from '../../src/engine/authoring/loader';
import { HARMFUL_TECHNIQUES } from '../../src/engine/authoring/schema';
import type { ScenarioBundle } from '../../src/engine/runtime/types';

/** HHS poverty guidelines, 48 contiguous states and DC (Federal Register, 2025-01-17). */
const POVERTY_GUIDELINES_2025 = { first: 15_650, each: 5_500 };

const library = loadLibrary();
const bundles = library.scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
const byId = bundles.map((b) => [b.scenario.id, b] as const);

/** Exhaustive analysis is the slow part: once per scenario for the whole file. */
const analyses = new Map<string, Analysis>();
function analysed(bundle: ScenarioBundle): Analysis {
  let analysis = analyses.get(bundle.scenario.id);
  if (!analysis) {
    analysis = analyse(bundle);
    analyses.set(bundle.scenario.id, analysis);
  }
  return analysis;
}

describe('the content library', () => {
  it('catalogues and every scenario load without a single problem', () => {
    const problems = [
      ...library.catalogueDiagnostics,
      ...library.scenarios.flatMap((s) => (s.ok ? [] : s.diagnostics)),
    ];
    expect(problems.map(formatDiagnostic)).toEqual([]);
    expect(bundles.length).toBeGreaterThanOrEqual(1);
  });

  it.each(byId)('%s satisfies every analyzer invariant its content standard requires', (_, bundle) => {
    expect(failures(analysed(bundle))).toEqual([]);
  });

  it.each(byId)(
    '%s: 3 or 4 choices per decision, feedback on every choice, a stronger alternative for harmful ones',
    (_, bundle) => {
      for (const [nodeId, node] of Object.entries(bundle.scenario.nodes)) {
        expect(node.choices.length, nodeId).toBeGreaterThanOrEqual(3);
        expect(node.choices.length, nodeId).toBeLessThanOrEqual(4);
        for (const c of node.choices) {
          expect(c.feedback.length, c.id).toBeGreaterThan(40);
          if (c.tags.some((t) => HARMFUL_TECHNIQUES.includes(t)) || (c.rules ?? []).length > 0)
            expect(c.better, c.id).toBeTruthy();
        }
      }
    },
  );

  it.each(byId)(
    '%s: enough decisions on the best path (8, or 4 when short) and at least 4 endings',
    (_, bundle) => {
      for (const run of analysed(bundle).runs) {
        expect(run.exploration.best.choices.length).toBeGreaterThanOrEqual(
          bundle.scenario.format === 'short' ? 4 : 8,
        );
        expect(Object.keys(run.exploration.endings).length).toBeGreaterThanOrEqual(
          bundle.scenario.format === 'short' ? 3 : 4,
        );
      }
    },
  );

  it.each(byId)(
    '%s: stated estimates and poverty-guideline percentages recompute from the facts',
    (_, bundle) => {
      const { estimate, household } = bundle.scenario.account;
      if (estimate) {
        const deductible = Math.min(estimate.allowed, estimate.deductibleRemaining);
        let patient = deductible + estimate.coinsurance * (estimate.allowed - deductible) + estimate.copay;
        if (estimate.outOfPocketRemaining !== undefined)
          patient = Math.min(patient, estimate.outOfPocketRemaining);
        expect(Math.round(patient * 100) / 100).toBe(estimate.expected);
      }
      if (household) {
        const guideline = POVERTY_GUIDELINES_2025.first + POVERTY_GUIDELINES_2025.each * (household.size - 1);
        expect(
          Math.abs((100 * household.annualIncome) / guideline - household.fplPercent),
        ).toBeLessThanOrEqual(1);
      }
    },
  );

  it.each(byId)('%s: its test plan reaches every ending the analyzer can reach', (id, bundle) => {
    const plan = parse(readFileSync(join(DIALOGUES_DIR, `${id}.test.yaml`), 'utf8')) as {
      plans: { steps: Record<string, unknown>[] }[];
    };
    const planned = new Set(
      plan.plans.flatMap((p) =>
        p.steps.flatMap((step) => (step['expect-ending'] ? [step['expect-ending']] : [])),
      ),
    );
    const reachable = new Set(analysed(bundle).runs.flatMap((r) => Object.keys(r.exploration.endings)));
    expect([...reachable].filter((e) => !planned.has(e))).toEqual([]);
  });

  it('every hard-fail rule in the catalogue is a tempting choice in at least one scenario', () => {
    const used = new Set(
      bundles.flatMap((b) =>
        Object.values(b.scenario.nodes).flatMap((n) => n.choices.flatMap((c) => c.rules ?? [])),
      ),
    );
    const hardFails = Object.entries(library.catalogues?.rules ?? {}).filter(
      ([, r]) => r.severity === 'hard-fail',
    );
    expect(hardFails.length).toBeGreaterThanOrEqual(9);
    expect(hardFails.map(([id]) => id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('every scenario has a test plan, and every plan passes', () => {
    const results = runTestPlans(library);
    expect(results.flatMap((r) => r.diagnostics).map(formatDiagnostic)).toEqual([]);
    const covered = new Set(results.map((r) => r.file.replace(/^.*\//, '').replace(/\.test\.ya?ml$/, '')));
    for (const b of bundles) expect(covered, `no test plan for ${b.scenario.id}`).toContain(b.scenario.id);
  });

  it.each(Object.keys(EDITOR_SCHEMAS))(
    'dialogues/schema/%s is generated from the runtime schema (run npm run schema)',
    (name) => {
      const onDisk = readFileSync(join(DIALOGUES_DIR, 'schema', name), 'utf8');
      expect(onDisk).toBe(editorSchemaText(name as keyof typeof EDITOR_SCHEMAS));
    },
  );
});
