/**
 * npm run package:lms [-- options]
 *   --format scorm12|scorm2004   SCORM 1.2 (default) or SCORM 2004 3rd Edition, one SCO, no sequencing
 *   --scenario <id> | --curriculum   one conversation, or the whole onboarding path (default)
 *   --mode assessment|practice   what counts (default assessment)
 *   --mastery <0-100>            the pass mark (default: the scenario's, or each module's and scenario's)
 *   --build-dir <dir>            package an existing build instead of building dist/ first
 *   --out <dir>                  where the ZIP goes (default dist-lms/)
 * Builds the production site (the same as `npm run build`), then writes dist-lms/<name>-<format>.zip.
 */
import { build } from 'vite';
import { fail, parseArgs } from '../src/cli/args';
import type { LmsTarget, ScormVersion } from '../src/lms/config';
import { PackageError, packageLms, ROOT } from './lms/packager';

const { positional, flags } = parseArgs(process.argv.slice(2), [
  'format',
  'scenario',
  'mode',
  'mastery',
  'build-dir',
  'out',
]);
const known = new Set(['format', 'scenario', 'curriculum', 'mode', 'mastery', 'build-dir', 'out']);
const unknown = [...flags.keys()].filter((f) => !known.has(f));
if (positional.length > 0 || unknown.length > 0) {
  fail(
    `unexpected ${[...positional, ...unknown.map((f) => `--${f}`)].join(' ')}; see scripts/package-lms.ts`,
  );
}
const text = (name: string): string | undefined => {
  const value = flags.get(name);
  if (value === true) fail(`--${name} needs a value`);
  return value;
};

const format = text('format') ?? 'scorm12';
if (format !== 'scorm12' && format !== 'scorm2004')
  fail(`--format must be scorm12 or scorm2004, not "${format}"`);
const mode = text('mode') ?? 'assessment';
if (mode !== 'assessment' && mode !== 'practice')
  fail(`--mode must be assessment or practice, not "${mode}"`);
const scenario = text('scenario');
if (scenario && flags.has('curriculum')) fail('choose --scenario <id> or --curriculum, not both');
const target: LmsTarget = scenario ? { kind: 'scenario', id: scenario } : { kind: 'curriculum' };
const masteryText = text('mastery');
const mastery = masteryText === undefined ? undefined : Number(masteryText);
if (mastery !== undefined && !(Number.isInteger(mastery) && mastery >= 0 && mastery <= 100)) {
  fail(`--mastery must be an integer from 0 to 100, not "${masteryText}"`);
}

let buildDir = text('build-dir');
if (!buildDir) {
  await build({ configLoader: 'runner', root: ROOT, logLevel: 'warn' });
  buildDir = `${ROOT}dist`;
}
try {
  const result = packageLms({
    buildDir,
    format: format as ScormVersion,
    target,
    mode,
    mastery,
    outDir: text('out') ?? `${ROOT}dist-lms`,
  });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  const mb = (result.bytes / 1_000_000).toFixed(2);
  console.log(`${result.zipPath}  ${mb} MB, ${result.entries.length} files`);
  console.log(
    `  "${result.title}", ${format}, ${mode}, mastery ${result.config.mastery ?? 'per module/scenario'}`,
  );
} catch (error) {
  if (error instanceof PackageError) fail(`package:lms: ${error.message}`);
  throw error;
}
