/**
 * Reads the content folder from disk (Node only: the Vite plugin, the CLI and tests use it).
 * Layout: dialogues/personas.yaml, dialogues/rules.yaml, and one dialogues/<id>.yaml per scenario;
 * *.test.yaml files are test plans, not scenarios.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  analysisProblems,
  conventionProblems,
  figureProblems,
  idProblems,
  uncoveredEndings,
  unlistedScenarios,
  unusedHardFailRules,
} from '../engine/authoring/contentChecks';
import { curriculumSchema } from '../engine/authoring/curriculumSchema';
import { type Analysis, analyse } from '../engine/authoring/invariants';
import {
  type Catalogues,
  type Diagnostic,
  loadScenarioFile,
  parseCatalogues,
  parseContentFile,
  type ScenarioLoad,
} from '../engine/authoring/loader';
import { rulesFileSchema } from '../engine/authoring/schema';
import { runTestPlanFile } from '../engine/authoring/testPlan';
import type { ScenarioBundle } from '../engine/runtime/types';
import { loadCurriculumFile } from './curriculumFile';

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
export function loadLibrary(
  dir = DIALOGUES_DIR,
  files = scenarioFiles(dir),
  root = process.cwd(),
  cataloguesIn = dir,
): Library {
  const { catalogues, diagnostics } = parseCatalogues(
    read(join(cataloguesIn, 'personas.yaml'), root),
    read(join(cataloguesIn, 'rules.yaml'), root),
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

/** Where the catalogues for a content folder are: its own, or the shipped ones (for fixtures and drafts). */
function catalogueDir(dir: string): string {
  return existsSync(join(dir, 'personas.yaml')) && existsSync(join(dir, 'rules.yaml')) ? dir : DIALOGUES_DIR;
}

export interface ContentCheck {
  /** Every problem and warning found, in file order. */
  diagnostics: Diagnostic[];
  /** The scenario files checked and how they loaded. */
  scenarios: ScenarioLoad[];
  /** Test plan files run, with how many plans each held. */
  plans: { file: string; plans: number }[];
  /** The curriculum, when it was checked: its module count, or undefined when it has problems. */
  curriculum: { modules: number | undefined } | undefined;
  analyses: Map<string, Analysis>;
}

export interface CheckOptions {
  /** Files to check (scenarios, test plans, curriculum.yaml, personas.yaml, rules.yaml); all of `dir` by default. */
  targets?: readonly string[];
  dir?: string;
  root?: string;
  /** Analyses already made, by content hash (the content tests share one per scenario). */
  analyses?: Map<string, Analysis>;
}

const baseName = (file: string): string => file.replace(/^.*\//, '');
const isPlanFile = (name: string): boolean => /\.test\.ya?ml$/.test(name);

/**
 * Every content check, for `npm run validate` and the content tests alike: loading, conventions, stated
 * figures, the analyzer's invariants and warnings, test plans (present, passing, covering every reachable
 * ending), the curriculum (listing every scenario) and the rules catalogue (every hard fail practised).
 * With `targets`, a scenario is checked with its plan, a plan against its scenario, and the curriculum
 * or a catalogue on its own.
 */
export function checkContent(options: CheckOptions = {}): ContentCheck {
  const root = options.root ?? process.cwd();
  const analyses = options.analyses ?? new Map<string, Analysis>();
  const result: ContentCheck = { diagnostics: [], scenarios: [], plans: [], curriculum: undefined, analyses };
  const byDir = new Map<string, string[] | 'all'>();
  if (!options.targets || options.targets.length === 0) byDir.set(options.dir ?? DIALOGUES_DIR, 'all');
  else
    for (const target of options.targets) {
      const dir = `${dirname(target)}/`;
      const list = byDir.get(dir);
      if (list !== 'all') byDir.set(dir, [...(list ?? []), target]);
    }
  for (const [dir, targets] of byDir) checkFolder(dir, targets, root, result);
  return result;
}

function analysisOf(bundle: ScenarioBundle, analyses: Map<string, Analysis>): Analysis {
  let analysis = analyses.get(bundle.contentHash);
  if (!analysis) {
    analysis = analyse(bundle);
    analyses.set(bundle.contentHash, analysis);
  }
  return analysis;
}

function checkFolder(dir: string, targets: string[] | 'all', root: string, result: ContentCheck): void {
  const all = targets === 'all';
  const names = all ? [] : targets.map(baseName);
  const library = loadLibrary(dir, scenarioFiles(dir), root, catalogueDir(dir));
  const out = result.diagnostics;
  const wantsCatalogues = all || names.some((n) => (CATALOGUE_FILES as readonly string[]).includes(n));
  if (wantsCatalogues || library.catalogueDiagnostics.length > 0) out.push(...library.catalogueDiagnostics);

  const bundles = new Map(
    library.scenarios.flatMap((s) => (s.ok ? [[s.bundle.scenario.id, s.bundle] as const] : [])),
  );
  const planFor = (id: string): string => join(dir, `${id}.test.yaml`);
  const planTargets = all ? testPlanFiles(dir) : targets.filter((t) => isPlanFile(baseName(t)));
  const plans = planTargets.map((file) => ({ file, run: runTestPlanFile(read(file, root), bundles) }));
  const scenarioTargets = all
    ? library.scenarios
    : library.scenarios.filter((s) => names.includes(baseName(s.file)));
  const curriculumPath = join(dir, CURRICULUM_FILE);
  const hasCurriculum = existsSync(curriculumPath) || dir === DIALOGUES_DIR;
  const curriculum = hasCurriculum
    ? loadCurriculumFile(
        library.scenarios.map((s) => (s.ok ? s.bundle.scenario.id : s.id)),
        dir,
        root,
      )
    : undefined;
  const checkCurriculumFile = all || names.includes(CURRICULUM_FILE);
  if (curriculum && checkCurriculumFile) {
    out.push(...curriculum.diagnostics);
    result.curriculum = { modules: curriculum.curriculum?.modules.length };
  }

  for (const load of scenarioTargets) {
    result.scenarios.push(load);
    if (!load.ok) {
      out.push(...load.diagnostics);
      continue;
    }
    const { bundle, at } = load;
    const id = bundle.scenario.id;
    const analysis = analysisOf(bundle, result.analyses);
    out.push(
      ...idProblems(bundle, load.file, at),
      ...conventionProblems(bundle, at),
      ...figureProblems(bundle, at),
      ...analysisProblems(analysis, at),
    );
    if (
      curriculum?.curriculum &&
      !checkCurriculumFile &&
      unlistedScenarios(curriculum.curriculum, [id]).length
    )
      out.push(
        at(
          ['id'],
          `scenario "${id}" is in no module of ${CURRICULUM_FILE}`,
          `add it to a module's scenarios in ${CURRICULUM_FILE}`,
        ),
      );
    if (!existsSync(planFor(id))) {
      out.push(
        at(
          ['id'],
          `no test plan: ${relative(root, planFor(id)) || planFor(id)} is missing`,
          `every scenario needs one; npm run analyze ${id} -- --plan drafts it (the best path and a path to each ending)`,
        ),
      );
    } else if (!plans.some((p) => p.file === planFor(id))) {
      plans.push({ file: planFor(id), run: runTestPlanFile(read(planFor(id), root), bundles) });
    }
  }

  for (const { file, run } of plans) {
    result.plans.push({ file: relative(root, file) || file, plans: run.plans });
    out.push(...run.diagnostics);
    // Validating a plan on its own: say why its scenario is not available.
    const broken = library.scenarios.find((s) => !s.ok && s.id === run.scenarioId);
    if (!all && broken && !broken.ok && !scenarioTargets.includes(broken)) out.push(...broken.diagnostics);
    const bundle = run.scenarioId ? bundles.get(run.scenarioId) : undefined;
    if (!bundle || run.plans === 0) continue;
    const missing = uncoveredEndings(analysisOf(bundle, result.analyses), run.endings);
    if (missing.length > 0)
      out.push(
        run.at(
          ['plans'],
          `no plan ends in ${missing.map((e) => `"${e}"`).join(', ')}, which the analyzer can reach`,
          `add a plan with "- expect-ending: ${missing[0]}" for each; npm run analyze ${bundle.scenario.id} -- --plan drafts them`,
        ),
      );
  }

  if (curriculum?.curriculum && checkCurriculumFile) {
    const ids = library.scenarios.map((s) => (s.ok ? s.bundle.scenario.id : s.id));
    const parsed = parseContentFile(
      relative(root, curriculumPath) || curriculumPath,
      readFileSync(curriculumPath, 'utf8'),
      curriculumSchema,
    );
    for (const id of unlistedScenarios(curriculum.curriculum, ids))
      out.push(
        parsed.at(
          ['modules'],
          `scenario "${id}" is in no module`,
          'add it to the scenarios of the module a trainee should meet it in',
        ),
      );
  }

  if ((all || names.includes('rules.yaml')) && library.catalogues) {
    const rulesPath = join(catalogueDir(dir), 'rules.yaml');
    const rules = parseContentFile(
      relative(root, rulesPath) || rulesPath,
      readFileSync(rulesPath, 'utf8'),
      rulesFileSchema,
    );
    for (const id of unusedHardFailRules(library.catalogues.rules, [...bundles.values()]))
      out.push(
        rules.at(
          ['rules', id],
          `hard-fail rule "${id}" is a tempting choice in no scenario`,
          'trainees only learn a rule they can break in practice: add a plausible reply that breaks it, or remove the rule',
        ),
      );
  }
}
