/**
 * Turns a finished static build (dist/) into a SCORM package: the same files (Phaser and each scenario
 * still in their own lazily loaded chunks), a launch config in index.html (src/lms/config.ts), the manifest
 * and its schemas at the root, zipped with deflate. Refuses builds an LMS would reject: root-relative
 * references (the LMS serves the package from a path of its own) and server-side file types.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { loadCurriculumFile, scenarioIdsOf } from '../../src/content/curriculumFile';
import { loadLibrary } from '../../src/content/library';
import { HARD_FAIL_CAP } from '../../src/engine/runtime/scoring';
import type { Mode } from '../../src/engine/runtime/types';
import {
  type LaunchConfig,
  type LmsTarget,
  launchConfigElement,
  type ScormVersion,
} from '../../src/lms/config';
import { manifestXml, SCHEMAS } from './manifest';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SCHEMA_DIR = join(ROOT, 'schemas');

export interface PackageOptions {
  /** A static build of the game (index.html at its root), e.g. dist/. */
  buildDir: string;
  format: ScormVersion;
  target: LmsTarget;
  mode: Mode;
  /** 0-100; defaults to the scenario's pass mark (scenario) or each module's and scenario's (curriculum). */
  mastery: number | undefined;
  outDir: string;
}

export interface PackageResult {
  zipPath: string;
  bytes: number;
  /** Every entry in the ZIP, "/" separated. */
  entries: string[];
  config: LaunchConfig;
  title: string;
  manifest: string;
  /** Things the packager noticed that do not stop it. */
  warnings: string[];
}

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/** File types an LMS must not be asked to host: anything a web server might execute or obey. */
const SERVER_SIDE =
  /\.(php\d?|phtml|asp|aspx|ascx|ashx|asmx|axd|jsp|jspx|cfm|cfc|cgi|pl|py|rb|sh|bash|exe|dll|bat|cmd|com|ps1|war|jar)$|(^|\/)(\.htaccess|\.htpasswd|web\.config)$/i;

/** A reference from the root of the server: breaks when the LMS serves the package from its own path. */
const ROOT_RELATIVE = /(?:\b(?:href|src)\s*=\s*["']|url\(\s*["']?|\bimport\(\s*["'])\/(?!\/)/i;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

interface Resolved {
  title: string;
  name: string;
  mastery: number | undefined;
}

function resolveTarget(options: PackageOptions): Resolved {
  const library = loadLibrary();
  const suffix = options.mode === 'practice' ? '-practice' : '';
  if (options.target.kind === 'scenario') {
    const id = options.target.id;
    const found = library.scenarios.find((s) => (s.ok ? s.bundle.scenario.id : s.id) === id);
    if (!found) {
      const known = scenarioIdsOf(library).join(', ');
      throw new PackageError(`unknown scenario "${id}"; scenarios: ${known}`);
    }
    if (!found.ok)
      throw new PackageError(`scenario "${id}" does not load: run \`npm run validate\` for details`);
    const { scenario } = found.bundle;
    return {
      title: `${scenario.title}${options.mode === 'practice' ? ' (practice)' : ''}`,
      name: `good-terms-${id}${suffix}`,
      mastery: options.mastery ?? scenario.passMark,
    };
  }
  const { curriculum, diagnostics } = loadCurriculumFile(scenarioIdsOf(library));
  if (!curriculum) {
    throw new PackageError(
      `the onboarding path does not load: ${diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`,
    );
  }
  const broken = curriculum.modules
    .flatMap((m) => m.scenarios)
    .filter((id) => !library.scenarios.some((s) => s.ok && s.bundle.scenario.id === id));
  if (broken.length > 0)
    throw new PackageError(`the onboarding path names scenarios that do not load: ${broken.join(', ')}`);
  return {
    title: `${curriculum.title}${options.mode === 'practice' ? ' (practice)' : ''}`,
    name: `good-terms-onboarding${suffix}`,
    mastery: options.mastery,
  };
}

/** index.html with the launch config and the package's title. */
export function withLaunchConfig(html: string, config: LaunchConfig, title: string): string {
  if (!html.includes('</head>')) throw new PackageError('index.html has no </head>');
  const safeTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${safeTitle}</title>`)
    .replace('</head>', `    ${launchConfigElement(config)}\n  </head>`);
}

export function packageLms(options: PackageOptions): PackageResult {
  const { buildDir, format } = options;
  if (
    options.mastery !== undefined &&
    !(Number.isInteger(options.mastery) && options.mastery >= 0 && options.mastery <= 100)
  ) {
    throw new PackageError(`--mastery must be an integer from 0 to 100, not ${options.mastery}`);
  }
  const files = listFiles(buildDir);
  if (!files.includes('index.html'))
    throw new PackageError(`${buildDir} has no index.html: build the game first`);
  const serverSide = files.filter((f) => SERVER_SIDE.test(f));
  if (serverSide.length > 0)
    throw new PackageError(`server-side files in ${buildDir}: ${serverSide.join(', ')}`);
  const resolved = resolveTarget(options);
  const config: LaunchConfig = {
    format,
    target: options.target,
    mode: options.mode,
    mastery: resolved.mastery,
  };

  const zip: Zippable = {};
  for (const file of files) {
    const bytes = readFileSync(join(buildDir, file));
    if (/\.(html|css|js)$/.test(file) && ROOT_RELATIVE.test(bytes.toString('utf8'))) {
      throw new PackageError(`${file} refers to a file from the server root ("/..."): build with base "./"`);
    }
    zip[file] =
      file === 'index.html'
        ? new TextEncoder().encode(withLaunchConfig(bytes.toString('utf8'), config, resolved.title))
        : new Uint8Array(bytes);
  }
  const warnings: string[] = [];
  // The LMS may set passed/failed from the score alone in SCORM 1.2. Give it the mastery score only when
  // that cannot contradict us: assessment scenario packages whose mastery is above the hard-fail cap (so a
  // compliance failure can never reach it). The curriculum passes by module, not by its mean score.
  let masteryScore: number | undefined;
  if (options.mode === 'assessment' && options.target.kind === 'scenario') {
    if ((resolved.mastery ?? 0) > HARD_FAIL_CAP) masteryScore = resolved.mastery;
    else {
      warnings.push(
        `mastery ${resolved.mastery} is at or below the hard-fail cap (${HARD_FAIL_CAP}), so the manifest leaves it out: an LMS scoring on its own could pass a compliance failure`,
      );
    }
  }
  const manifest = manifestXml({
    format,
    identifier: resolved.name,
    title: resolved.title,
    files,
    masteryScore,
  });
  zip['imsmanifest.xml'] = new TextEncoder().encode(manifest);
  const schemas = SCHEMAS[format];
  for (const file of schemas.files) {
    zip[file] = new Uint8Array(readFileSync(join(SCHEMA_DIR, schemas.dir, file)));
  }
  const data = zipSync(zip, { level: 9 });
  mkdirSync(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, `${resolved.name}-${format}.zip`);
  writeFileSync(zipPath, data);
  return {
    zipPath,
    bytes: data.length,
    entries: Object.keys(zip),
    config,
    title: resolved.title,
    manifest,
    warnings,
  };
}
