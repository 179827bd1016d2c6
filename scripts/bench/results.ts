/**
 * Benchmark results as JSON (bench/results/latest.json, ignored by git), so two runs can be compared.
 * Each benchmark script writes its own section and keeps the others; `--compare <file>` prints every
 * figure of this run next to the same figure in an older results file, with the ratio.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

export const LATEST = 'bench/results/latest.json';

export interface ResultsFile {
  format: 1;
  /** When each section was last measured, and on what. */
  runs: Record<string, { at: string; node: string; cpus: number; cpuModel: string }>;
  sections: Record<string, unknown>;
}

function read(file: string): ResultsFile | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>;
  if (parsed.format !== 1 || typeof parsed.sections !== 'object' || parsed.sections === null) {
    throw new Error(`${file} is not a Good Terms results file (format 1)`);
  }
  return parsed as ResultsFile;
}

/** Writes (or replaces) one section of bench/results/latest.json and returns the path. */
export function writeSection(name: string, data: unknown, file = LATEST): string {
  const current = read(file) ?? { format: 1, runs: {}, sections: {} };
  current.sections[name] = data;
  current.runs[name] = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
  return file;
}

/** The value after `--compare`, if given. */
export function compareArg(argv = process.argv.slice(2)): string | undefined {
  const at = argv.indexOf('--compare');
  if (at < 0) return undefined;
  const file = argv[at + 1];
  if (!file) throw new Error('--compare needs a results file, e.g. --compare bench/results/before.json');
  return file;
}

function leaves(value: unknown, prefix: string, out: Map<string, number>): void {
  if (typeof value === 'number' && Number.isFinite(value)) out.set(prefix, value);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) leaves(v, `${prefix}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

/**
 * Prints `now / before` for every number the two files share in the given sections. Ratios above 1 mean
 * the figure grew: worse for times, sizes and counts, better only for throughputs.
 */
export function printComparison(previousFile: string, sections: readonly string[], file = LATEST): void {
  const previous = read(previousFile);
  if (!previous) throw new Error(`--compare: ${previousFile} does not exist`);
  const now = read(file);
  if (!now) throw new Error(`--compare: ${file} does not exist yet`);
  console.log(`\nCompared with ${previousFile} (ratio = this run / that run)\n`);
  console.log(`${'figure'.padEnd(58)} ${'before'.padStart(12)} ${'now'.padStart(12)} ${'ratio'.padStart(7)}`);
  for (const section of sections) {
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    leaves(previous.sections[section], section, a);
    leaves(now.sections[section], section, b);
    let shown = 0;
    for (const [key, value] of b) {
      const before = a.get(key);
      // Headline figures only: no per-run or per-sample lists, per-scenario sizes, budgets or targets.
      if (before === undefined || /\[|\.budget\.|\.targets?(\.|$)|\.scenarios\.|\.runs$|\.plays$/.test(key))
        continue;
      const ratio = before === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : value / before;
      console.log(
        `${key.slice(0, 58).padEnd(58)} ${fmt(before).padStart(12)} ${fmt(value).padStart(12)} ${ratio.toFixed(2).padStart(7)}`,
      );
      shown += 1;
    }
    if (shown === 0) console.log(`${section.padEnd(58)} (not in both files)`);
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2);
}
