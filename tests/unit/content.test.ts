import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, DIALOGUES_DIR, loadLibrary } from '../../src/content/library';
import { EDITOR_SCHEMAS, editorSchemaText } from '../../src/engine/authoring/jsonSchema';
import { formatDiagnostic, isError } from '../../src/engine/authoring/loader';

/**
 * The shipped content passes every content check: the same code `npm run validate` runs (loading,
 * conventions, stated figures, the analyzer, test plans and their coverage, the curriculum, the rules
 * catalogue), so the tests and the tool can never disagree. Exhaustive analysis is the slow part: once.
 */
const check = checkContent();
const library = loadLibrary();
const errors = check.diagnostics.filter(isError);
const scenarioFiles = check.scenarios.map(
  (s) => [s.file.replace(/^.*\//, '').replace(/\.yaml$/, ''), s] as const,
);

describe('the content library', () => {
  it('found the shipped scenarios, their plans and the curriculum', () => {
    expect(check.scenarios.length).toBeGreaterThanOrEqual(13);
    expect(check.plans.length).toBe(check.scenarios.length);
    expect(check.curriculum?.modules).toBeGreaterThanOrEqual(1);
  });

  it.each(scenarioFiles)('%s passes every content check, with its test plan', (name) => {
    const own = errors.filter(
      (d) => d.file.endsWith(`/${name}.yaml`) || d.file.endsWith(`/${name}.test.yaml`),
    );
    expect(own.map(formatDiagnostic)).toEqual([]);
  });

  it('the catalogues, the curriculum and the rules pass too', () => {
    const rest = errors.filter((d) => !/\/s\d+-[^/]*\.(test\.)?yaml$/.test(d.file));
    expect(rest.map(formatDiagnostic)).toEqual([]);
  });

  it('the rules catalogue has at least nine hard-fail rules to practise', () => {
    const hardFails = Object.values(library.catalogues?.rules ?? {}).filter(
      (r) => r.severity === 'hard-fail',
    );
    expect(hardFails.length).toBeGreaterThanOrEqual(9);
  });

  it.each(Object.keys(EDITOR_SCHEMAS))(
    'dialogues/schema/%s is generated from the runtime schema (run npm run schema)',
    (name) => {
      const onDisk = readFileSync(join(DIALOGUES_DIR, 'schema', name), 'utf8');
      expect(onDisk).toBe(editorSchemaText(name as keyof typeof EDITOR_SCHEMAS));
    },
  );
});
