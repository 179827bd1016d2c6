/**
 * npm run validate [files...]
 * Checks the catalogues, every scenario (or the files given) and every test plan. Prints each problem as
 * `file:line:column  node  message` with a hint; exits 1 when there is any.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCurriculumFile, scenarioIdsOf } from '../content/curriculumFile';
import {
  CURRICULUM_FILE,
  DIALOGUES_DIR,
  isScenarioFile,
  loadLibrary,
  runTestPlans,
  scenarioFiles,
} from '../content/library';
import { formatDiagnostic } from '../engine/authoring/loader';

const args = process.argv.slice(2);
const missing = args.filter((f) => !existsSync(resolve(f)));
const files =
  args.length > 0
    ? args.map((f) => resolve(f)).filter((f) => existsSync(f) && isScenarioFile(f.replace(/^.*\//, '')))
    : scenarioFiles();
const library = loadLibrary(DIALOGUES_DIR, files);
const problems = [
  ...missing.map((file) => ({
    file,
    line: 1,
    column: 1,
    node: undefined,
    message: 'file not found',
    hint: 'check the path; scenarios live in dialogues/',
  })),
  ...library.catalogueDiagnostics,
  ...library.scenarios.flatMap((s) => (s.ok ? [] : s.diagnostics)),
];
const plans = args.length > 0 ? [] : runTestPlans(library);
problems.push(...plans.flatMap((p) => p.diagnostics));
// The curriculum is checked against every scenario, so only on a full run or when it is named.
const checkCurriculum = args.length === 0 || args.some((f) => f.replace(/^.*\//, '') === CURRICULUM_FILE);
const curriculum = checkCurriculum
  ? loadCurriculumFile(scenarioIdsOf(args.length === 0 ? library : loadLibrary()))
  : undefined;
problems.push(...(curriculum?.diagnostics ?? []));

const modules = curriculum?.curriculum?.modules.length;
const curriculumNote = !curriculum
  ? ''
  : `curriculum: ${modules ? `${modules} module(s)` : 'with problems'}; `;

for (const d of problems) console.log(formatDiagnostic(d));
const ok = library.scenarios.filter((s) => s.ok).length;
const planCount = plans.reduce((n, p) => n + p.plans, 0);
console.log(
  `\n${library.scenarios.length} scenario file(s): ${ok} valid, ${library.scenarios.length - ok} with problems; ` +
    `${plans.length} test plan file(s) with ${planCount} plan(s); ` +
    curriculumNote +
    `${problems.length} problem(s).`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
