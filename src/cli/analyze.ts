/**
 * npm run analyze [scenario-id] [--json] [--plan] [--seed N]
 * Plays every path through each scenario and checks the invariants that make it teach what it claims.
 * Exits 1 when any invariant fails. --plan prints a draft test plan (best path, each ending) to start from.
 */
import { type Exploration, explore } from '../engine/analysis';
import { checkInvariants, type InvariantResult, type Probes, probe } from '../engine/invariants';
import type { ScenarioBundle } from '../engine/types';
import { fail, parseArgs } from './args';
import { bundlesFor } from './bundles';

const { positional, flags } = parseArgs(process.argv.slice(2), ['seed']);
const seed = Number(flags.get('seed') ?? 1);
if (!Number.isInteger(seed) || seed < 1) fail('--seed takes a positive whole number');

interface Report {
  bundle: ScenarioBundle;
  exploration: Exploration;
  probes: Probes;
  invariants: InvariantResult[];
  ms: number;
}

function analyse(bundle: ScenarioBundle): Report {
  const t0 = performance.now();
  const exploration = explore(bundle, { seed });
  const probes = probe(bundle, exploration, seed);
  const invariants = checkInvariants(bundle, exploration, probes);
  return { bundle, exploration, probes, invariants, ms: performance.now() - t0 };
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
        `    ${String(i * 10).padStart(2)}-${String(i * 10 + 9).padEnd(3)} ${'#'.repeat(Math.ceil((40 * n) / max)).padEnd(40)} ${n}`,
    )
    .join('\n');
}

function print(r: Report): void {
  const { scenario } = r.bundle;
  const e = r.exploration;
  const sorted = [...e.scores].sort((a, b) => a - b);
  const choices = Object.values(scenario.nodes).reduce((n, node) => n + node.choices.length, 0);
  console.log(`\n${scenario.id}: ${scenario.title}`);
  console.log(
    `  ${Object.keys(scenario.nodes).length} nodes, ${Object.keys(scenario.endings).length} endings, ${choices} choices; ` +
      `${e.paths.toLocaleString('en-US')} paths explored in ${r.ms.toFixed(0)} ms`,
  );
  console.log('  endings reached:');
  for (const id of Object.keys(scenario.endings))
    console.log(
      `    ${id.padEnd(28)} ${String(e.endings[id] ?? 0).padStart(8)}  ${pct(e.endings[id] ?? 0, e.paths)}`,
    );
  console.log(
    `  meters: stress ${e.meterRange.stress.min}..${e.meterRange.stress.max}, trust ${e.meterRange.trust.min}..${e.meterRange.trust.max}`,
  );
  console.log(
    `  longest path: ${e.longest.choices.length} turns; line variants reachable: ${e.reachableLines.size}`,
  );
  console.log(
    `  scores: min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`,
  );
  console.log(histogram(e.scores));
  console.log(`  best  (${e.best.total}, ${e.best.endingId}): ${e.best.choices.join(' > ')}`);
  console.log(`  worst (${e.worst.total}, ${e.worst.endingId}): ${e.worst.choices.join(' > ')}`);
  for (const name of ['balanced', 'hardline', 'pushover'] as const) {
    const p = r.probes[name];
    console.log(
      `  probe ${name.padEnd(8)} ${String(p.total).padStart(3)}  ${p.endingId.padEnd(24)} ${p.choices.join(' > ')}`,
    );
  }
  for (const inv of r.invariants)
    console.log(`  ${inv.ok ? 'ok  ' : 'FAIL'} ${inv.id.padEnd(18)} ${inv.detail}`);
}

/** A draft test plan: the best path and the shortest path to every ending, to be reviewed and edited by the author. */
function draftPlan(r: Report): string {
  const e = r.exploration;
  const plan = (name: string, p: typeof e.best): string =>
    [
      `  - name: ${name}`,
      `    seed: ${seed}`,
      '    steps:',
      ...p.choices.map((c) => `      - choose: ${c}`),
      `      - expect-ending: ${p.endingId}`,
      `      - expect-score: { gte: ${Math.max(0, p.total - 2)}, lte: ${Math.min(100, p.total + 2)} }`,
    ].join('\n');
  const plans = [
    plan('best path', e.best),
    ...Object.entries(e.shortestTo).map(([id, p]) => plan(`reaches ${id}`, p)),
  ];
  return [
    `# yaml-language-server: $schema=./schema/testplan.schema.json`,
    `scenario: ${r.bundle.scenario.id}`,
    'plans:',
    ...plans,
  ].join('\n');
}

const t0 = performance.now();
const reports = bundlesFor(positional[0]).map(analyse);
const failed = reports.flatMap((r) =>
  r.invariants.filter((i) => !i.ok).map((i) => `${r.bundle.scenario.id}: ${i.id}`),
);
if (flags.has('plan')) {
  for (const r of reports) console.log(draftPlan(r));
} else if (flags.has('json')) {
  console.log(
    JSON.stringify(
      reports.map((r) => ({
        id: r.bundle.scenario.id,
        paths: r.exploration.paths,
        ms: Math.round(r.ms),
        endings: r.exploration.endings,
        deadEnds: r.exploration.deadEnds,
        meterRange: r.exploration.meterRange,
        longest: r.exploration.longest,
        scores: countBy(r.exploration.scores),
        best: r.exploration.best,
        worst: r.exploration.worst,
        probes: r.probes,
        invariants: r.invariants,
      })),
      null,
      2,
    ),
  );
} else {
  for (const r of reports) print(r);
  console.log(
    `\n${reports.length} scenario(s) analysed in ${((performance.now() - t0) / 1000).toFixed(2)} s; ${failed.length ? `FAILED: ${failed.join(', ')}` : 'all invariants hold'}.`,
  );
}
process.exitCode = failed.length > 0 ? 1 : 0;
