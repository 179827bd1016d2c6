/**
 * npm run bench:engine [-- --compare <results.json>]
 * The engine's figures for authors and servers, written to bench/results/latest.json:
 *
 * - analysis: `analyse()` (every path of every persona variant, the probes and the invariants) per
 *   scenario, median of ANALYSE_RUNS runs each; the median over the library must stay within 0.5 s, so
 *   an editor can analyse on every change, and the library within 5 s in process. Paths per second, and
 *   how analysis time grows with the number of paths (the slope of log time against log paths).
 * - replay: `Session.replay` of a 12-turn attempt, which is how saves, LMS packages and the classroom
 *   restore a conversation: median within 1 ms.
 * - `npm run analyze` wall time (process start and TypeScript loading included), for information.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadLibrary } from '../src/content/library';
import { analyse } from '../src/engine/authoring/invariants';
import { nextRandom } from '../src/engine/runtime/rng';
import { Session } from '../src/engine/runtime/session';
import type { ScenarioBundle } from '../src/engine/runtime/types';
import { compareArg, printComparison, writeSection } from './bench/results';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const compare = compareArg(argv);
const ANALYSE_RUNS = quick ? 1 : 5;
const REPLAY_ATTEMPTS = quick ? 50 : 300;
const REPLAY_TURNS = 12;
export const ENGINE_TARGETS = { analyseMedianSeconds: 0.5, librarySeconds: 5, replayMedianMs: 1 };

const bundles = loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

// ------------------------------------------------------------------------------------------------
// Analysis
// ------------------------------------------------------------------------------------------------

interface Attempt {
  seed: number;
  choices: string[];
}

interface ScenarioAnalysis {
  paths: number;
  seconds: number;
  failures: number;
  /** The longest path of each persona variant, with the seed that picks the variant. */
  longest: Attempt[];
}

function analyseTimed(bundle: ScenarioBundle): ScenarioAnalysis {
  const times: number[] = [];
  let paths = 0;
  let failures = 0;
  let longest: Attempt[] = [];
  for (let i = 0; i < ANALYSE_RUNS; i++) {
    const t0 = performance.now();
    const a = analyse(bundle);
    times.push((performance.now() - t0) / 1000);
    paths = a.runs.reduce((n, r) => n + r.exploration.paths, 0);
    failures = a.invariants.filter((inv) => !inv.ok).length;
    longest = a.runs.map((r) => ({ seed: r.seed, choices: r.exploration.longest?.choices ?? [] }));
  }
  return { paths, seconds: median(times), failures, longest };
}

/** Least-squares slope of log(seconds) against log(paths): 1 means time grows in proportion to paths. */
function growthExponent(rows: readonly ScenarioAnalysis[]): number {
  const pts = rows
    .filter((r) => r.paths > 0 && r.seconds > 0)
    .map((r) => [Math.log(r.paths), Math.log(r.seconds)]);
  const n = pts.length;
  const mx = pts.reduce((s, [x]) => s + (x as number), 0) / n;
  const my = pts.reduce((s, [, y]) => s + (y as number), 0) / n;
  const sxy = pts.reduce((s, [x, y]) => s + ((x as number) - mx) * ((y as number) - my), 0);
  const sxx = pts.reduce((s, [x]) => s + ((x as number) - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

console.log(
  `Analysis: analyse() per scenario, median of ${ANALYSE_RUNS} run${ANALYSE_RUNS === 1 ? '' : 's'} (every path of every persona variant, probes, invariants)\n`,
);
console.log(
  `${'scenario'.padEnd(36)} ${'paths'.padStart(9)} ${'seconds'.padStart(9)} ${'paths/s'.padStart(10)}`,
);
analyseTimed(bundles[0] as ScenarioBundle); // warm the JIT
const analysis: Record<string, ScenarioAnalysis> = {};
for (const bundle of bundles) {
  const row = analyseTimed(bundle);
  analysis[bundle.scenario.id] = row;
  console.log(
    `${bundle.scenario.id.padEnd(36)} ${row.paths.toLocaleString('en-US').padStart(9)} ${row.seconds.toFixed(3).padStart(9)} ${Math.round(
      row.paths / row.seconds,
    )
      .toLocaleString('en-US')
      .padStart(10)}`,
  );
}
const rows = Object.values(analysis);
const perScenarioMedian = median(rows.map((r) => r.seconds));
const perScenarioMax = Math.max(...rows.map((r) => r.seconds));
const totalPaths = rows.reduce((n, r) => n + r.paths, 0);
const failures = rows.reduce((n, r) => n + r.failures, 0);

// The whole library in one pass, as `npm run analyze` does it (one run, cold caches included).
const t0 = performance.now();
for (const bundle of bundles) analyse(bundle);
const librarySeconds = (performance.now() - t0) / 1000;
const exponent = growthExponent(rows);

console.log(`
  one scenario: median ${perScenarioMedian.toFixed(3)} s, slowest ${perScenarioMax.toFixed(3)} s (target: median at most ${ENGINE_TARGETS.analyseMedianSeconds} s): ${verdict(perScenarioMedian <= ENGINE_TARGETS.analyseMedianSeconds)}
  the library: ${bundles.length} scenarios, ${totalPaths.toLocaleString('en-US')} paths in ${librarySeconds.toFixed(2)} s in process (target: at most ${ENGINE_TARGETS.librarySeconds} s): ${verdict(librarySeconds <= ENGINE_TARGETS.librarySeconds)}; ${failures} enforced invariant failures
  ${Math.round(totalPaths / librarySeconds).toLocaleString('en-US')} paths/s; analysis time grows as paths^${exponent.toFixed(2)} across the library (1.00 = in proportion)`);

// ------------------------------------------------------------------------------------------------
// Replay
// ------------------------------------------------------------------------------------------------

/**
 * Attempts of exactly `turns` choices: the first `turns` choices of each variant's longest path (any
 * prefix of a path is an attempt a trainee can save), and seeded random walks that run that long.
 */
function attempts(
  bundle: ScenarioBundle,
  longest: readonly Attempt[],
  count: number,
  turns: number,
): Attempt[] {
  const out = longest
    .filter((a) => a.choices.length >= turns)
    .map((a) => ({ seed: a.seed, choices: a.choices.slice(0, turns) }));
  let rng = 7;
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const session = Session.start(bundle, 1);
    const choices: string[] = [];
    while (choices.length < turns) {
      const view = session.view();
      if (view.status !== 'active') break;
      const [r, next] = nextRandom(rng);
      rng = next;
      const pick = view.choices[Math.floor(r * view.choices.length)];
      if (!pick) break;
      session.choose(pick.id);
      choices.push(pick.id);
    }
    session.stop();
    if (choices.length === turns) out.push({ seed: 1, choices });
  }
  return out;
}

const replayTimes: number[] = [];
const replayScenarios: string[] = [];
for (const bundle of bundles) {
  const list = attempts(bundle, analysis[bundle.scenario.id]?.longest ?? [], 8, REPLAY_TURNS);
  if (list.length === 0) continue;
  replayScenarios.push(bundle.scenario.id);
  for (const { seed, choices } of list) Session.replay(bundle, seed, choices).stop(); // warm up
  const rounds = Math.ceil(REPLAY_ATTEMPTS / (list.length * bundles.length));
  for (let round = 0; round < rounds; round++) {
    for (const { seed, choices } of list) {
      const r0 = performance.now();
      const session = Session.replay(bundle, seed, choices);
      replayTimes.push(performance.now() - r0);
      session.stop();
    }
  }
}
const replayMedian = median(replayTimes);
console.log(`
Replay: Session.replay of a ${REPLAY_TURNS}-turn attempt (${replayTimes.length} replays across the ${replayScenarios.length} scenarios whose conversations run that long)
  median ${replayMedian.toFixed(3)} ms, p95 ${[...replayTimes].sort((a, b) => a - b)[Math.floor(replayTimes.length * 0.95)]?.toFixed(3)} ms (target: median at most ${ENGINE_TARGETS.replayMedianMs} ms): ${verdict(replayMedian <= ENGINE_TARGETS.replayMedianMs)}`);

// ------------------------------------------------------------------------------------------------

// The figure authors feel: the command itself, process start-up and TypeScript loading included.
const w0 = performance.now();
const cli = spawnSync('npm', ['run', '--silent', 'analyze'], { stdio: 'ignore' });
const wallSeconds = (performance.now() - w0) / 1000;
console.log(`\nnpm run analyze wall time: ${wallSeconds.toFixed(2)} s (exit status ${cli.status})`);

const file = writeSection('engine', {
  quick,
  analysis: {
    runsPerScenario: ANALYSE_RUNS,
    perScenarioMedianSeconds: perScenarioMedian,
    perScenarioMaxSeconds: perScenarioMax,
    librarySeconds,
    paths: totalPaths,
    pathsPerSecond: totalPaths / librarySeconds,
    growthExponent: exponent,
    failures,
    scenarios: Object.fromEntries(
      Object.entries(analysis).map(([id, { paths, seconds, failures }]) => [
        id,
        { paths, seconds, failures },
      ]),
    ),
  },
  replay: { turns: REPLAY_TURNS, attempts: replayTimes.length, medianMs: replayMedian },
  analyzeWallSeconds: wallSeconds,
  analyzeExitStatus: cli.status,
  targets: ENGINE_TARGETS,
});
console.log(`\nwrote engine to ${file}`);
if (compare) printComparison(compare, ['engine']);
