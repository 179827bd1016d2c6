/**
 * Reads the content folder from disk (Node only: the Vite plugin, the CLI and tests use it).
 * Layout: dialogues/personas.yaml, dialogues/rules.yaml, and one dialogues/<id>.yaml per scenario;
 * *.test.yaml files are test plans, not scenarios.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type Catalogues,
  type Diagnostic,
  loadScenarioFile,
  parseCatalogues,
  type ScenarioLoad,
} from '../engine/authoring/loader';
import { runTestPlanFile } from '../engine/authoring/testPlan';

export const DIALOGUES_DIR = new URL('../../dialogues/', import.meta.url).pathname;
export const CATALOGUE_FILES = ['personas.yaml', 'rules.yaml'] as const;
/** The onboarding path (src/progress/curriculum.ts); it lives beside the scenarios but is not one. */
export const CURRICULUM_FILE = 'curriculum.yaml';

export function isScenarioFile(name: string): boolean {
  return (
    /\.ya?ml$/.test(name) &&
    !/\.test\.ya?ml$/.test(name) &&
    !(CATALOGUE_FILES as readonly string[]).includes(name) &&
    name !== CURRICULUM_FILE
  );
}

export interface Library {
  catalogues: Catalogues | undefined;
  catalogueDiagnostics: Diagnostic[];
  scenarios: ScenarioLoad[];
}

export function scenarioFiles(dir = DIALOGUES_DIR): string[] {
  return readdirSync(dir)
    .filter(isScenarioFile)
    .sort()
    .map((name) => join(dir, name));
}

const read = (path: string, root: string) => ({
  path: relative(root, path) || path,
  text: readFileSync(path, 'utf8'),
});

/** Loads the catalogues and the given scenario files (all of them by default); never throws for bad content. */
export function loadLibrary(dir = DIALOGUES_DIR, files = scenarioFiles(dir), root = process.cwd()): Library {
  const { catalogues, diagnostics } = parseCatalogues(
    read(join(dir, 'personas.yaml'), root),
    read(join(dir, 'rules.yaml'), root),
  );
  const scenarios = files.map((file): ScenarioLoad => {
    const source = read(file, root);
    if (!catalogues) {
      return {
        ok: false,
        file: source.path,
        id: file.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
        diagnostics: [
          {
            file: source.path,
            line: 1,
            column: 1,
            node: undefined,
            message: 'cannot check this scenario until personas.yaml and rules.yaml are fixed',
            hint: undefined,
          },
        ],
      };
    }
    return loadScenarioFile(source, catalogues);
  });
  const ids = new Map<string, string>();
  for (const s of scenarios) {
    if (!s.ok) continue;
    const other = ids.get(s.bundle.scenario.id);
    if (other) {
      const dup: ScenarioLoad = {
        ok: false,
        file: s.file,
        id: s.bundle.scenario.id,
        diagnostics: [
          {
            file: s.file,
            line: 1,
            column: 1,
            node: undefined,
            message: `scenario id "${s.bundle.scenario.id}" is also used by ${other}`,
            hint: 'scenario ids must be unique',
          },
        ],
      };
      scenarios[scenarios.indexOf(s)] = dup;
    }
    ids.set(s.bundle.scenario.id, s.file);
  }
  return { catalogues, catalogueDiagnostics: diagnostics, scenarios };
}

export function testPlanFiles(dir = DIALOGUES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /\.test\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Runs every test plan in the folder against the scenarios that loaded. */
export function runTestPlans(library: Library, dir = DIALOGUES_DIR, root = process.cwd()) {
  const bundles = new Map(
    library.scenarios.flatMap((s) => (s.ok ? [[s.bundle.scenario.id, s.bundle] as const] : [])),
  );
  return testPlanFiles(dir).map((file) => ({
    file: relative(root, file) || file,
    ...runTestPlanFile(read(file, root), bundles),
  }));
}
