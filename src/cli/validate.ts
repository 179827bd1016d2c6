/**
 * npm run validate [files...]
 * Runs every content check `npm test` runs (the same code, src/content/library.ts checkContent): the
 * catalogues, every scenario (loading, conventions, stated figures, the analyzer), every test plan
 * (present, passing, covering each reachable ending) and the curriculum. Given files, it checks a scenario
 * with its plan, a plan against its scenario, or the curriculum or a catalogue. Prints each finding as
 * `file:line:column  node  message` with a hint; exits 1 when there is any problem (warnings do not fail).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkContent } from '../content/library';
import { type Diagnostic, formatDiagnostic, isError } from '../engine/authoring/loader';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const missing: Diagnostic[] = args
  .filter((f) => !existsSync(resolve(f)))
  .map((file) => ({
    file,
    line: 1,
    column: 1,
    node: undefined,
    message: 'file not found',
    hint: 'check the path; scenarios, their .test.yaml plans and the catalogues live in dialogues/',
  }));
const targets = args.map((f) => resolve(f)).filter((f) => existsSync(f));
const nothingToCheck = args.length > 0 && targets.length === 0;
const check = nothingToCheck ? undefined : checkContent({ targets });
const findings = [...missing, ...(check?.diagnostics ?? [])];

for (const d of findings) console.log(formatDiagnostic(d));
const errors = findings.filter(isError).length;
const warnings = findings.length - errors;
if (check) {
  const ok = check.scenarios.filter((s) => s.ok).length;
  const planCount = check.plans.reduce((n, p) => n + p.plans, 0);
  const curriculum = check.curriculum
    ? `curriculum: ${check.curriculum.modules ? `${check.curriculum.modules} module(s)` : 'with problems'}; `
    : '';
  console.log(
    `\n${check.scenarios.length} scenario file(s): ${ok} loaded; ` +
      `${check.plans.length} test plan file(s) with ${planCount} plan(s); ` +
      curriculum +
      `${errors} problem(s), ${warnings} warning(s).`,
  );
} else {
  console.log(`\nnothing checked; ${errors} problem(s).`);
}
process.exitCode = errors > 0 ? 1 : 0;
