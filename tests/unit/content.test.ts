import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALOGUES_DIR, loadLibrary, runTestPlans } from '../../src/content/library';
import { explore } from '../../src/engine/analysis';
import { checkInvariants, probe } from '../../src/engine/invariants';
import { EDITOR_SCHEMAS, editorSchemaText } from '../../src/engine/jsonSchema';
import { formatDiagnostic } from '../../src/engine/loader';
import { HARMFUL_TECHNIQUES } from '../../src/engine/schema';

const library = loadLibrary();
const bundles = library.scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
const byId = bundles.map((b) => [b.scenario.id, b] as const);

describe('the content library', () => {
  it('catalogues and every scenario load without a single problem', () => {
    const problems = [
      ...library.catalogueDiagnostics,
      ...library.scenarios.flatMap((s) => (s.ok ? [] : s.diagnostics)),
    ];
    expect(problems.map(formatDiagnostic)).toEqual([]);
    expect(bundles.length).toBeGreaterThanOrEqual(1);
  });

  it.each(byId)('%s satisfies every analyzer invariant', (_, bundle) => {
    const exploration = explore(bundle);
    const failed = checkInvariants(bundle, exploration, probe(bundle, exploration)).filter((i) => !i.ok);
    expect(failed).toEqual([]);
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

  it.each(byId)('%s: at least 8 decisions on the best path and at least 4 endings reached', (_, bundle) => {
    const exploration = explore(bundle);
    expect(exploration.best.choices.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(exploration.endings).length).toBeGreaterThanOrEqual(4);
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
