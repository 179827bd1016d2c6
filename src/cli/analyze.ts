/**
 * npm run analyze [scenario-id] [--json] [--plan] [--seed N]
 * Plays every path through each scenario (once per persona variant) and checks the invariants that make
 * it teach what it claims. Exits 1 when any invariant fails. --plan prints a draft test plan (the best
 * path and the shortest path to each ending) for the author to review and trim.
 */
import type { PathOutcome } from '../engine/authoring/analysis';
import {
  type Analysis,
  analyse,
  failures,
  MAX_RANDOM_PASS,
  MIN_PATTERN_GAP,
  type VariantRun,
} from '../engine/authoring/invariants';
import { fail, parseArgs } from './args';
import { bundlesFor } from './bundles';

const { positional, flags } = parseArgs(process.argv.slice(2), ['seed']);
const seed = Number(flags.get('seed') ?? 1);
if (!Number.isInteger(seed) || seed < 1) fail('--seed takes a positive whole number');

interface Report extends Analysis {
  ms: number;
}

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

const pct = (n: number, of: number): string => `${Math.round((100 * n) / Math.max(of, 1))}%`;

function histogram(scores: number[]): string {
  const buckets = Array.from({ length: 10 }, () => 0);
  for (const s of scores) {
    const i = Math.min(9, Math.floor(s / 10));
    buckets[i] = (buckets[i] ?? 0) + 1;
  }
  const max = Math.max(...buckets, 1);
  return buckets
    .map(
      (n, i) =>
        `      ${String(i * 10).padStart(2)}-${String(i * 10 + 9).padEnd(3)} ${'#'.repeat(Math.ceil((40 * n) / max)).padEnd(40)} ${n}`,
    )
    .join('\n');
}

const path = (p: PathOutcome): string =>
  `${String(p.total).padStart(3)}  ${p.endingId.padEnd(24)} ${p.choices.join(' > ')}`;

function printRun(r: Report, run: VariantRun): void {
  const e = run.exploration;
  const { scenario } = r.bundle;
  const sorted = [...e.scores].sort((a, b) => a - b);
  console.log(
    `  ${run.variant ? `variant ${run.variant} (seed ${run.seed})` : `seed ${run.seed}`}: ${e.paths.toLocaleString('en-US')} paths`,
  );
  for (const id of Object.keys(scenario.endings)) {
    console.log(
      `      ${id.padEnd(28)} ${String(e.endings[id] ?? 0).padStart(8)}  ${pct(e.endings[id] ?? 0, e.paths)}`,
    );
  }
  console.log(
    `    meters: stress ${e.meterRange.stress.min}..${e.meterRange.stress.max}, trust ${e.meterRange.trust.min}..${e.meterRange.trust.max}`,
  );
  console.log(
    `    longest path: ${e.longest.choices.length} turns; line variants reachable: ${e.reachableLines.size}`,
  );
  console.log(
    `    scores: min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`,
  );
  console.log(histogram(e.scores));
  console.log(`    best     ${path(e.best)}`);
  console.log(`    worst    ${path(e.worst)}`);
  console.log(`    hardline ${path(run.probes.hardline)}`);
  console.log(`    pushover ${path(run.probes.pushover)}`);
}

function print(r: Report): void {
  const { scenario } = r.bundle;
  const choices = Object.values(scenario.nodes).reduce((n, node) => n + node.choices.length, 0);
  console.log(`\n${scenario.id}: ${scenario.title}`);
  console.log(
    `  ${Object.keys(scenario.nodes).length} nodes, ${Object.keys(scenario.endings).length} endings, ${choices} choices; analysed in ${r.ms.toFixed(0)} ms`,
  );
  for (const run of r.runs) printRun(r, run);
  for (const inv of r.invariants)
    console.log(`  ${inv.ok ? 'ok  ' : inv.enforced ? 'FAIL' : 'warn'} ${inv.id.padEnd(28)} ${inv.detail}`);
}

/**
 * The fair-assessment table (issue 12), one row per scenario and persona variant: how often a trainee
 * clicking at random passes, what always-longest and always-shortest score against the pass mark, and
 * at how many decision points the best reply is also the longest.
 */
function fairnessTable(rows: Report[]): string {
  const header = `${'scenario'.padEnd(52)} ${'std'.padStart(3)} ${'random passes'.padStart(13)} ${'longest'.padStart(7)} ${'shortest'.padStart(8)} ${'pass'.padStart(4)} ${'best is longest'.padStart(15)}`;
  const lines = rows.flatMap((r) =>
    r.runs.map((run) => {
      const name = `${r.bundle.scenario.id}${run.variant ? ` [${run.variant}]` : ''}`;
      const rate = `${(100 * run.randomTrainee.passRate).toFixed(1)}%${run.randomTrainee.exact ? '' : '~'}`;
      const share = `${run.bestIsLongest.points}/${run.bestIsLongest.of} ${Math.round((100 * run.bestIsLongest.points) / Math.max(run.bestIsLongest.of, 1))}%`;
      return `${name.padEnd(52)} ${String(r.bundle.scenario.standard).padStart(3)} ${rate.padStart(13)} ${String(run.probes.longest.total).padStart(7)} ${String(run.probes.shortest.total).padStart(8)} ${String(run.exploration.best.passMark).padStart(4)} ${share.padStart(15)}`;
    }),
  );
  return [
    header,
    ...lines,
    `(random passes: at most ${100 * MAX_RANDOM_PASS}%, ~ = sampled; longest and shortest: at most the pass mark − ${MIN_PATTERN_GAP}; std 2 files must meet these)`,
  ].join('\n');
}

function draftPlan(r: Report): string {
  const plan = (name: string, s: number, p: PathOutcome): string =>
    [
      `  - name: ${name}`,
      `    seed: ${s}`,
      '    steps:',
      ...p.choices.map((c) => `      - choose: ${c}`),
      `      - expect-ending: ${p.endingId}`,
      `      - expect-score: { gte: ${Math.max(0, p.total - 2)}, lte: ${Math.min(100, p.total + 2)} }`,
    ].join('\n');
  const plans = r.runs.flatMap((run) => {
    const suffix = run.variant ? ` (${run.variant})` : '';
    return [
      plan(`best path${suffix}`, run.seed, run.exploration.best),
      ...Object.entries(run.exploration.shortestTo).map(([id, p]) =>
        plan(`reaches ${id}${suffix}`, run.seed, p),
      ),
    ];
  });
  return [
    '# yaml-language-server: $schema=./schema/testplan.schema.json',
    `scenario: ${r.bundle.scenario.id}`,
    'plans:',
    ...plans,
  ].join('\n');
}

const t0 = performance.now();
const reports: Report[] = bundlesFor(positional[0]).map((bundle) => {
  const start = performance.now();
  const analysis = analyse(bundle, { seed });
  return { ...analysis, ms: performance.now() - start };
});
const failed = reports.flatMap((r) => failures(r).map((i) => `${r.bundle.scenario.id}: ${i.id}`));

if (flags.has('plan')) {
  for (const r of reports) console.log(draftPlan(r));
} else if (flags.has('json')) {
  const json = reports.map((r) => ({
    id: r.bundle.scenario.id,
    ms: Math.round(r.ms),
    invariants: r.invariants,
    runs: r.runs.map((run) => ({
      variant: run.variant,
      seed: run.seed,
      paths: run.exploration.paths,
      endings: run.exploration.endings,
      deadEnds: run.exploration.deadEnds,
      meterRange: run.exploration.meterRange,
      longest: run.exploration.longest,
      scores: countBy(run.exploration.scores),
      best: run.exploration.best,
      worst: run.exploration.worst,
      probes: run.probes,
      randomTrainee: run.randomTrainee,
      bestIsLongest: run.bestIsLongest,
    })),
  }));
  console.log(JSON.stringify(json, null, 2));
} else {
  for (const r of reports) print(r);
  console.log(`\n${fairnessTable(reports)}`);
  const seconds = ((performance.now() - t0) / 1000).toFixed(2);
  console.log(
    `\n${reports.length} scenario(s) analysed in ${seconds} s; ${failed.length ? `FAILED: ${failed.join(', ')}` : 'all invariants hold'}.`,
  );
}
process.exitCode = failed.length > 0 ? 1 : 0;
