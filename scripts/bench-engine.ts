/**
 * npm run bench:engine
 * Prints engine throughput and analysis time. Figures are ratios against a baseline measured in the same
 * process (these machines are noisy): our compiled machines against a bare XState machine of the same
 * shape (same states and transitions, trivial guards and actions).
 */
import { performance } from 'node:perf_hooks';
import { assign, createActor, setup } from 'xstate';
import { loadLibrary } from '../src/content/library';
import { analyse } from '../src/engine/invariants';
import { nextRandom } from '../src/engine/rng';
import { machineFor, Session } from '../src/engine/session';
import { offered, startState, stepState } from '../src/engine/stepper';
import type { ScenarioBundle } from '../src/engine/types';

const bundles = loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
const TRANSITIONS = 60_000;

/** The same states and transitions as the compiled machine, with guards that only match the choice id. */
function bareMachine(bundle: ScenarioBundle) {
  const { scenario } = bundle;
  const states: Record<string, object> = {};
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    states[nodeId] = {
      on: {
        CHOOSE: node.choices.map((c) => ({
          guard: { type: 'is', params: { id: c.id } },
          target: typeof c.next === 'string' ? c.next : (c.next.at(-1)?.goto ?? scenario.start),
          reenter: true,
          actions: 'count',
        })),
      },
    };
  }
  for (const id of Object.keys(scenario.endings)) states[id] = { type: 'final' };
  return setup({
    types: { context: {} as { turns: number }, events: {} as { type: 'CHOOSE'; choiceId: string } },
    guards: { is: ({ event }, params: { id: string }) => event.choiceId === params.id },
    actions: { count: assign(({ context }) => ({ turns: context.turns + 1 })) },
  }).createMachine({ context: { turns: 0 }, initial: scenario.start, states: states as never });
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
        timed(() => actor.send({ type: 'CHOOSE', choiceId }));
        return actor.getSnapshot().status === 'active';
      },
    };
  };

const bareActor = (bundle: ScenarioBundle): Walker => {
  const machine = bareMachine(bundle);
  return () => {
    const actor = createActor(machine).start();
    return {
      step: (r, timed) => {
        const node = bundle.scenario.nodes[String(actor.getSnapshot().value)];
        const choices = node?.choices ?? [];
        const choiceId = choices[Math.floor(r * choices.length)]?.id ?? '';
        timed(() => actor.send({ type: 'CHOOSE', choiceId }));
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
        const choiceId = view.choices[Math.floor(r * view.choices.length)]?.id ?? '';
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
console.log(
  `Engine throughput (choice transitions per second, ${TRANSITIONS.toLocaleString('en-US')} per cell; random walks)\n`,
);
console.log(
  `${'scenario'.padEnd(34)} ${'bare xstate'.padStart(11)} ${'compiled'.padStart(10)} ${'ratio'.padStart(6)} ${'session'.padStart(10)} ${'stepper'.padStart(10)}`,
);
const totals = { bare: 0, compiled: 0, session: 0, stepper: 0 };
for (const bundle of bundles) {
  measure(compiledActor(bundle), 2_000); // warm up the JIT for this machine
  const bare = measure(bareActor(bundle), TRANSITIONS);
  const compiled = measure(compiledActor(bundle), TRANSITIONS);
  const api = measure(session(bundle), TRANSITIONS / 2);
  const fast = measure(stepper(bundle), TRANSITIONS);
  totals.bare += bare;
  totals.compiled += compiled;
  totals.session += api;
  totals.stepper += fast;
  console.log(
    `${bundle.scenario.id.padEnd(34)} ${fmt(bare)} ${fmt(compiled)} ${(bare / compiled).toFixed(2).padStart(6)} ${fmt(api)} ${fmt(fast)}`,
  );
}
const n = bundles.length;
console.log(
  `${'mean'.padEnd(34)} ${fmt(totals.bare / n)} ${fmt(totals.compiled / n)} ${(totals.bare / totals.compiled).toFixed(2).padStart(6)} ${fmt(totals.session / n)} ${fmt(totals.stepper / n)}`,
);
console.log(
  '\nratio = cost of one transition in our compiled machine / in the bare machine of the same shape.',
);
console.log('session = Session.choose: checks the choice is on offer, sends it, returns the new view.');
console.log('stepper = the analyzer\u2019s actor-free stepper. Only the transition calls are timed.');

const t0 = performance.now();
let paths = 0;
let failures = 0;
for (const bundle of bundles) {
  const a = analyse(bundle);
  paths += a.runs.reduce((sum, r) => sum + r.exploration.paths, 0);
  failures += a.invariants.filter((i) => !i.ok).length;
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  `\nExhaustive analysis of the library: ${n} scenarios, ${paths.toLocaleString('en-US')} paths, ${seconds.toFixed(2)} s (${failures} invariant failures)`,
);
