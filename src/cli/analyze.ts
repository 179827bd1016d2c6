/**
 * npm run analyze [scenario-id] [-- --json | --plan | --explain | --path a,b,c] [--seed N]
 * Plays every path through each scenario (once per persona variant), checks the invariants that make it
 * teach what it claims and a fair assessment, and prints warnings an author can act on. Exits 1 when an
 * invariant fails.
 *   --explain  each step of the best, hardline and pushover paths, and why it was picked
 *   --path     scores one path (choice ids or shown numbers) and ranks it among all paths
 *   --plan     a draft test plan: the best path, and for each ending the best path with one deviation
 */
import {
  deviationsToEndings,
  explainBest,
  type PathOutcome,
  type StrategyRun,
} from '../engine/authoring/analysis';
import {
  type Analysis,
  analyse,
  failures,
  MAX_RANDOM_PASS,
  MIN_PATTERN_GAP,
  showPath,
  type VariantRun,
} from '../engine/authoring/invariants';
import type { ScenarioBundle } from '../engine/runtime/types';
import { fail, parseArgs } from './args';
import { bundlesFor } from './bundles';
import { AnswerError, endText, playAnswers } from './player';

const { positional, flags } = parseArgs(process.argv.slice(2), ['seed', 'path']);
const seed = Number(flags.get('seed') ?? 1);
if (!Number.isInteger(seed) || seed < 1) fail('--seed takes a positive whole number');

interface Report extends Analysis {
  ms: number;
}

function countBy(values: number[]): Record<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Object.fromEntries(counts);
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

const pathLine = (p: PathOutcome | undefined): string =>
  p ? `${String(p.total).padStart(3)}  ${p.endingId.padEnd(24)} ${showPath(p)}` : '  -  (no path ends)';

function printRun(r: Report, run: VariantRun): void {
  const e = run.exploration;
  const { scenario } = r.bundle;
  const sorted = [...e.scores].sort((a, b) => a - b);
  console.log(
    `  ${run.variant ? `variant ${run.variant} (seed ${run.seed})` : `seed ${run.seed}`}: ${e.paths.toLocaleString('en-US')} paths${e.truncated ? ' (stopped at the path limit)' : ''}`,
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
    `    longest path: ${e.longest?.choices.length ?? 0} turns; line variants said: ${e.reachableLines.size}`,
  );
  if (sorted.length > 0) {
    console.log(
      `    scores: min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`,
    );
    console.log(histogram(e.scores));
  }
  console.log(`    best     ${pathLine(e.best)}`);
  console.log(`    worst    ${pathLine(e.worst)}`);
  for (const name of ['hardline', 'pushover', 'longest', 'shortest'] as const)
    console.log(`    ${name.padEnd(8)} ${pathLine(run.probes[name])}`);
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
    console.log(`  ${inv.ok ? 'ok  ' : 'FAIL'} ${inv.id.padEnd(28)} ${inv.detail}`);
  for (const w of r.warnings) console.log(`  warn ${w.id.padEnd(28)} ${w.detail}`);
}

/**
 * The fair-assessment table (issue 12), one row per scenario and persona variant: how often a trainee
 * clicking at random passes, what always-longest and always-shortest score against the pass mark, and
 * at how many decision points the best reply is also the longest.
 */
function fairnessTable(rows: Report[]): string {
  const header = `${'scenario'.padEnd(52)} ${'random passes'.padStart(13)} ${'longest'.padStart(7)} ${'shortest'.padStart(8)} ${'pass'.padStart(4)} ${'best is longest'.padStart(15)}`;
  const lines = rows.flatMap((r) =>
    r.runs.map((run) => {
      const name = `${r.bundle.scenario.id}${run.variant ? ` [${run.variant}]` : ''}`;
      const rate = `${(100 * run.randomTrainee.passRate).toFixed(1)}%${run.randomTrainee.exact ? '' : '~'}`;
      const share = `${run.bestIsLongest.points}/${run.bestIsLongest.of} ${Math.round((100 * run.bestIsLongest.points) / Math.max(run.bestIsLongest.of, 1))}%`;
      const passMark = run.exploration.best?.passMark ?? r.bundle.scenario.passMark;
      return `${name.padEnd(52)} ${rate.padStart(13)} ${String(run.probes.longest.total).padStart(7)} ${String(run.probes.shortest.total).padStart(8)} ${String(passMark).padStart(4)} ${share.padStart(15)}`;
    }),
  );
  return [
    header,
    ...lines,
    `(random passes: at most ${100 * MAX_RANDOM_PASS}%, ~ = sampled; longest and shortest: at most the pass mark − ${MIN_PATTERN_GAP})`,
  ].join('\n');
}

function draftPlan(r: Report): string {
  const plan = (name: string, s: number, p: PathOutcome): string =>
    [
      `  - name: ${JSON.stringify(name)}`,
      `    seed: ${s}`,
      '    steps:',
      ...p.choices.map((c) => `      - choose: ${c}`),
      `      - expect-ending: ${p.endingId}`,
      `      - expect-score: { gte: ${Math.max(0, p.total - 2)}, lte: ${Math.min(100, p.total + 2)} }`,
    ].join('\n');
  const plans = r.runs.flatMap((run) => {
    const best = run.exploration.best;
    if (!best) return [];
    const suffix = run.variant ? ` (${run.variant})` : '';
    const deviations = Object.entries(deviationsToEndings(r.bundle, best, { seed: run.seed }))
      .filter(([id]) => id !== best.endingId)
      .map(([id, p]) => {
        const at = p.choices.findIndex((c, i) => best.choices[i] !== c);
        return plan(
          `reaches ${id}: ${p.choices[at]} instead of ${best.choices[at]} at turn ${at + 1}${suffix}`,
          run.seed,
          p,
        );
      });
    return [plan(`best path${suffix}`, run.seed, best), ...deviations];
  });
  return [
    '# yaml-language-server: $schema=./schema/testplan.schema.json',
    `# Draft from npm run analyze ${r.bundle.scenario.id} -- --plan: the best path, then for each ending the best`,
    '# path with one deviation (as late as possible). Keep it, then add the mid-conversation checks',
    '# (expect-line, expect-meters, expect-rule) that say what the scenario is meant to teach.',
    `scenario: ${r.bundle.scenario.id}`,
    'plans:',
    ...plans,
  ].join('\n');
}

function explain(r: Report): void {
  const steps = (title: string, rows: { turn: number; nodeId: string; choiceId: string; why: string }[]) => {
    console.log(`  ${title}`);
    for (const s of rows)
      console.log(`    ${String(s.turn).padStart(2)}. ${s.nodeId}: ${s.choiceId}: ${s.why}`);
  };
  const strategy = (bundle: ScenarioBundle, run: VariantRun, probe: StrategyRun) => {
    const nodes = playAnswers(bundle, run.seed, probe.choices).turns.map((t) => t.nodeId);
    return probe.choices.map((choiceId, i) => ({
      turn: i + 1,
      nodeId: nodes[i] ?? '?',
      choiceId,
      why: probe.reasons[i] ?? '',
    }));
  };
  console.log(`\n${r.bundle.scenario.id}: ${r.bundle.scenario.title}`);
  for (const run of r.runs) {
    if (run.variant) console.log(` variant ${run.variant} (seed ${run.seed})`);
    const best = run.exploration.best;
    if (best)
      steps(`best (${best.total}, ${best.endingId}):`, explainBest(r.bundle, best, { seed: run.seed }));
    for (const name of ['hardline', 'pushover'] as const) {
      const probe = run.probes[name];
      steps(`${name} (${probe.total}, ${probe.endingId}):`, strategy(r.bundle, run, probe));
    }
  }
}

function scorePath(bundle: ScenarioBundle, listed: string): void {
  const answers = listed
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  try {
    const result = playAnswers(bundle, seed, answers);
    if (flags.has('json')) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      for (const t of result.turns) console.log(`${String(t.turn).padStart(2)}. ${t.nodeId}: ${t.picked.id}`);
      console.log(`\n${endText(bundle, result)}`);
      if (result.score) {
        // Each variant is explored from the first seed that picks it; the same variant starts the same way.
        const run = analyse(bundle, { seed }).runs.find((r) => r.variant === result.variant);
        const scores = run?.exploration.scores ?? [];
        const better = scores.filter((s) => s > (result.score?.total ?? 0)).length;
        console.log(
          `\nAmong all ${scores.length.toLocaleString('en-US')} paths${result.variant ? ` of variant ${result.variant}` : ''}, ${better.toLocaleString('en-US')} score higher (best ${run?.exploration.best?.total ?? '-'}).`,
        );
      }
    }
    process.exitCode = result.ending ? 0 : 1;
  } catch (error) {
    if (error instanceof AnswerError) fail(error.message);
    throw error;
  }
}

const path = flags.get('path');
if (path !== undefined) {
  if (path === true || !positional[0])
    fail('usage: npm run analyze <scenario-id> -- --path a,b,c (choice ids or shown numbers)');
  const [bundle] = bundlesFor(positional[0]);
  if (bundle) scorePath(bundle, path);
} else {
  const t0 = performance.now();
  const reports: Report[] = bundlesFor(positional[0]).map((bundle) => {
    const start = performance.now();
    const analysis = analyse(bundle, { seed });
    return { ...analysis, ms: performance.now() - start };
  });
  const failed = reports.flatMap((r) => failures(r).map((i) => `${r.bundle.scenario.id}: ${i.id}`));

  if (flags.has('plan')) {
    for (const r of reports) console.log(draftPlan(r));
  } else if (flags.has('explain')) {
    for (const r of reports) explain(r);
  } else if (flags.has('json')) {
    const json = reports.map((r) => ({
      id: r.bundle.scenario.id,
      ms: Math.round(r.ms),
      invariants: r.invariants,
      warnings: r.warnings,
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
    const warned = reports.reduce((n, r) => n + r.warnings.length, 0);
    console.log(
      `\n${reports.length} scenario(s) analysed in ${seconds} s; ${failed.length ? `FAILED: ${failed.join(', ')}` : 'all invariants hold'}; ${warned} warning(s).`,
    );
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}
