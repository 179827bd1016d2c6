/**
 * npm run bench:engine [-- --compare <results.json>]
 * Prints engine throughput and analysis time, and writes them to bench/results/latest.json. Figures are
 * ratios against baselines measured in the same process (these machines are noisy): our compiled
 * machines against XState machines of the same shape that do no patient work.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { assign, createActor, emit, setup } from 'xstate';
import { loadLibrary } from '../src/content/library';
import { analyse } from '../src/engine/authoring/invariants';
import type { Condition } from '../src/engine/authoring/schema';
import {
  chooseEvent,
  holds,
  initialContext,
  type PatientCue,
  type PatientEvent,
  routesAfter,
} from '../src/engine/runtime/compiler';
import { nextRandom } from '../src/engine/runtime/rng';
import { machineFor, Session } from '../src/engine/runtime/session';
import { offered, startState, stepState } from '../src/engine/runtime/stepper';
import type { PatientContext, ScenarioBundle } from '../src/engine/runtime/types';
import { compareArg, printComparison, writeSection } from './bench/results';

const bundles = loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
const TRANSITIONS = 60_000;

/**
 * Baselines with the compiled machine's states and events (one event type per choice), in two
 * strengths, so the report separates what XState costs from what our patient model costs:
 *   - bare: each choice goes to its unconditional destination with one trivial assign, no guard;
 *   - shaped: XState doing everything our machine asks of it (the same guarded routes, a patient-sized
 *     context, the cue emits) with none of the patient work: guards test the context as it stands and
 *     the assign only moves `nodeId`.
 */
function baselineMachine(bundle: ScenarioBundle, shaped: boolean) {
  const { scenario } = bundle;
  const states: Record<string, object> = {};
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    states[nodeId] = {
      on: Object.fromEntries(
        node.choices.map((c) => [
          chooseEvent(c.id).type,
          shaped
            ? routesAfter(bundle, c).map((route) => ({
                guard: route.when.length > 0 ? { type: 'holds', params: { when: route.when } } : undefined,
                target: route.target,
                actions: [
                  { type: 'move', params: { target: route.target } },
                  { type: 'cue' },
                  ...(scenario.endings[route.target] ? [{ type: 'cue' }] : []),
                ],
              }))
            : {
                target: typeof c.next === 'string' ? c.next : (c.next.at(-1)?.goto ?? scenario.start),
                reenter: true,
                actions: 'count',
              },
        ]),
      ),
    };
  }
  for (const id of Object.keys(scenario.endings)) states[id] = { type: 'final' };
  return setup({
    types: {
      context: {} as PatientContext & { turns: number },
      events: {} as PatientEvent,
      emitted: {} as PatientCue,
    },
    guards: { holds: ({ context }, params: { when: Condition[] }) => holds(params.when, context) },
    actions: {
      count: assign(({ context }) => ({ turns: context.turns + 1 })),
      move: assign((_, params: { target: string }) => ({ nodeId: params.target })),
      cue: emit({ type: 'ended', endingId: '' }),
    },
  }).createMachine({
    context: { ...initialContext(bundle, 1), turns: 0 },
    initial: scenario.start,
    states: states as never,
  });
}

/** A walk takes a random number, makes one choice, and reports whether the conversation goes on. */
type Walker = () => { step: (random: number, timed: <T>(transition: () => T) => T) => boolean };

/**
 * Random walks until `count` transitions have run; returns transitions per second, timing only the
 * transition calls themselves (picking a choice and creating actors are outside the clock).
 */
function measure(walker: Walker, count: number): number {
  let rng = 99;
  let done = 0;
  let elapsed = 0;
  const timed = <T>(transition: () => T): T => {
    const t0 = performance.now();
    const result = transition();
    elapsed += performance.now() - t0;
    return result;
  };
  while (done < count) {
    const walk = walker();
    for (;;) {
      const [r, next] = nextRandom(rng);
      rng = next;
      done += 1;
      if (!walk.step(r, timed) || done >= count) break;
    }
  }
  return count / (elapsed / 1000);
}

const compiledActor =
  (bundle: ScenarioBundle): Walker =>
  () => {
    const actor = createActor(machineFor(bundle), { input: { seed: 1 } }).start();
    return {
      step: (r, timed) => {
        const snap = actor.getSnapshot();
        const choices = offered(bundle, { ctx: snap.context, done: false });
        const choiceId = choices[Math.floor(r * choices.length)]?.id ?? '';
        timed(() => actor.send(chooseEvent(choiceId)));
        return actor.getSnapshot().status === 'active';
      },
    };
  };

const baselineActor = (bundle: ScenarioBundle, shaped: boolean): Walker => {
  const machine = baselineMachine(bundle, shaped);
  return () => {
    const actor = createActor(machine).start();
    return {
      step: (r, timed) => {
        const node = bundle.scenario.nodes[String(actor.getSnapshot().value)];
        const choices = node?.choices ?? [];
        const choiceId = choices[Math.floor(r * choices.length)]?.id ?? '';
        timed(() => actor.send(chooseEvent(choiceId)));
        return actor.getSnapshot().status === 'active';
      },
    };
  };
};

const session =
  (bundle: ScenarioBundle): Walker =>
  () => {
    const s = Session.start(bundle, 1);
    return {
      step: (r, timed) => {
        const view = s.view();
        const choices = view.status === 'active' ? view.choices : [];
        const choiceId = choices[Math.floor(r * choices.length)]?.id ?? '';
        return timed(() => s.choose(choiceId)).status === 'active';
      },
    };
  };

const stepper =
  (bundle: ScenarioBundle): Walker =>
  () => {
    let state = startState(bundle, 1);
    return {
      step: (r, timed) => {
        const choices = offered(bundle, state);
        const choice = choices[Math.floor(r * choices.length)] ?? (choices[0] as never);
        state = timed(() => stepState(bundle, state, choice));
        return !state.done;
      },
    };
  };

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);
const compare = compareArg();
console.log(
  `Engine throughput (choice transitions per second, ${TRANSITIONS.toLocaleString('en-US')} per cell; random walks)\n`,
);
const columns = ['bare', 'shaped', 'compiled', 'session', 'stepper'] as const;
type Column = (typeof columns)[number];
console.log(
  `${'scenario'.padEnd(34)} ${columns.map((c) => c.padStart(10)).join(' ')} ${'c/bare'.padStart(7)} ${'c/shaped'.padStart(8)}`,
);
const rows: Record<string, Record<Column, number>> = {};
const row = (label: string, r: Record<Column, number>): void =>
  console.log(
    `${label.padEnd(34)} ${columns.map((c) => fmt(r[c])).join(' ')} ${(r.bare / r.compiled).toFixed(2).padStart(7)} ${(r.shaped / r.compiled).toFixed(2).padStart(8)}`,
  );
for (const bundle of bundles) {
  measure(compiledActor(bundle), 2_000); // warm up the JIT for this machine
  const r = {
    bare: measure(baselineActor(bundle, false), TRANSITIONS),
    shaped: measure(baselineActor(bundle, true), TRANSITIONS),
    compiled: measure(compiledActor(bundle), TRANSITIONS),
    session: measure(session(bundle), TRANSITIONS / 2),
    stepper: measure(stepper(bundle), TRANSITIONS),
  };
  rows[bundle.scenario.id] = r;
  row(bundle.scenario.id, r);
}
const mean = Object.fromEntries(
  columns.map((c) => [c, Object.values(rows).reduce((sum, r) => sum + r[c], 0) / bundles.length]),
) as Record<Column, number>;
row('mean', mean);
console.log(`
bare     = XState alone: the same states and events, one trivial assign, no guards.
shaped   = XState doing what our machine asks (guarded routes, a patient-sized context, cue emits),
           with none of the patient work.
compiled = our compiled machine through an actor (budget: at least 100,000/s).
c/bare, c/shaped = cost of one compiled transition relative to each baseline.
session  = Session.choose: checks the choice is on offer, sends it, returns the new view.
stepper  = the analyzer\u2019s actor-free stepper. Only the transition calls are timed.`);

const t0 = performance.now();
let paths = 0;
let failures = 0;
for (const bundle of bundles) {
  const a = analyse(bundle);
  paths += a.runs.reduce((sum, r) => sum + r.exploration.paths, 0);
  failures += a.invariants.filter((i) => !i.ok).length;
}
const analysisSeconds = (performance.now() - t0) / 1000;
console.log(
  `\nExhaustive analysis of the library: ${bundles.length} scenarios, ${paths.toLocaleString('en-US')} paths, ${analysisSeconds.toFixed(2)} s in process (${failures} invariant failures)`,
);
// The figure authors feel: the command itself, process start-up and TypeScript loading included.
const w0 = performance.now();
const cli = spawnSync('npm', ['run', '--silent', 'analyze'], { stdio: 'ignore' });
const wallSeconds = (performance.now() - w0) / 1000;
console.log(
  `npm run analyze wall time: ${wallSeconds.toFixed(2)} s (budget: under 10 s; exit status ${cli.status})`,
);

const file = writeSection('engine', {
  transitionsPerSecond: mean,
  compiledOverBare: mean.bare / mean.compiled,
  compiledOverShaped: mean.shaped / mean.compiled,
  scenarios: rows,
  analysis: { paths, failures, inProcessSeconds: analysisSeconds, wallSeconds, exitStatus: cli.status },
});
console.log(`\nwrote engine to ${file}`);
if (compare) printComparison(compare, ['engine']);
