/**
 * The pedagogical and structural invariants every scenario must satisfy. The analyzer prints them and
 * fails on any violation; content tests run them for every file in dialogues/. Scenarios with persona
 * variants are analysed once per variant: reachability counts across all of them, every other
 * invariant must hold in each.
 */

import { initialContext } from '../runtime/compiler';
import { HARD_FAIL_CAP } from '../runtime/scoring';
import type { ScenarioBundle } from '../runtime/types';
import { EMPATHY_TECHNIQUES } from '../runtime/vocabulary';
import { type Exploration, explore, type PathOutcome, playStrategy, STRATEGIES } from './analysis';

export const MIN_STRATEGY_GAP = 20;

export interface InvariantResult {
  id: string;
  ok: boolean;
  detail: string;
}

export interface Probes {
  balanced: PathOutcome;
  hardline: PathOutcome;
  pushover: PathOutcome;
}

export interface VariantRun {
  variant: string | undefined;
  seed: number;
  exploration: Exploration;
  probes: Probes;
}

export interface Analysis {
  bundle: ScenarioBundle;
  runs: VariantRun[];
  invariants: InvariantResult[];
}

/** One seed per persona variant (the first seed that picks it), or just `seed` when there are none. */
export function variantSeeds(
  bundle: ScenarioBundle,
  seed = 1,
): { variant: string | undefined; seed: number }[] {
  const variants = bundle.scenario.variants;
  if (variants.length === 0) return [{ variant: undefined, seed }];
  return variants.map((v) => {
    for (let s = seed; s < seed + 100_000; s++)
      if (initialContext(bundle, s).variant === v.id) return { variant: v.id, seed: s };
    throw new Error(`${bundle.scenario.id}: no seed picks variant "${v.id}" (is its weight tiny?)`);
  });
}

export function analyse(bundle: ScenarioBundle, seed = 1): Analysis {
  const runs = variantSeeds(bundle, seed).map(({ variant, seed: s }) => {
    const exploration = explore(bundle, { seed: s });
    return {
      variant,
      seed: s,
      exploration,
      probes: {
        balanced: exploration.best,
        hardline: playStrategy(bundle, STRATEGIES.hardline, { seed: s }),
        pushover: playStrategy(bundle, STRATEGIES.pushover, { seed: s }),
      },
    };
  });
  return { bundle, runs, invariants: checkInvariants(bundle, runs) };
}

function reachability(bundle: ScenarioBundle, runs: VariantRun[]): InvariantResult {
  const { scenario } = bundle;
  const visited = new Set(runs.flatMap((r) => [...r.exploration.visitedNodes]));
  const used = new Set(runs.flatMap((r) => [...r.exploration.usedChoices]));
  const all = [...Object.keys(scenario.nodes), ...Object.keys(scenario.endings)];
  const choiceIds = Object.values(scenario.nodes).flatMap((n) => n.choices.map((c) => c.id));
  const missing = [
    ...all.filter((id) => !visited.has(id)),
    ...choiceIds.filter((id) => !used.has(id)).map((c) => `choice ${c}`),
  ];
  return {
    id: 'reachable',
    ok: missing.length === 0,
    detail:
      missing.length === 0
        ? `all ${all.length} nodes and endings and all ${choiceIds.length} choices are reachable`
        : `unreachable: ${missing.join(', ')}`,
  };
}

function perRun(run: VariantRun): InvariantResult[] {
  const { exploration, probes } = run;
  const best = exploration.best;
  const hasEmpathy = best.tags.some((t) => EMPATHY_TECHNIQUES.includes(t));
  const hasAsk = best.tags.includes('clear-ask');
  const gap = (p: PathOutcome): number => best.total - p.total;
  return [
    {
      id: 'no-dead-ends',
      ok: exploration.deadEnds.length === 0,
      detail:
        exploration.deadEnds.length === 0
          ? 'every non-ending state offers a choice'
          : `no choice available at ${[...new Set(exploration.deadEnds.map((d) => d.nodeId))].join(', ')} (e.g. after ${exploration.deadEnds[0]?.choices.join(' > ')})`,
    },
    {
      id: 'bounded',
      ok: !exploration.unbounded,
      detail: exploration.unbounded
        ? 'some path never reaches an ending (a loop without an exit)'
        : `every path ends within ${exploration.longest.choices.length} turns`,
    },
    {
      id: 'best-path-teaches',
      ok: hasEmpathy && hasAsk,
      detail: `best path (${best.total}) ${hasEmpathy ? 'uses' : 'lacks'} an empathy technique and ${hasAsk ? 'makes' : 'lacks'} a clear ask`,
    },
    {
      id: 'hardline-loses',
      ok: gap(probes.hardline) >= MIN_STRATEGY_GAP,
      detail: `hardline scores ${probes.hardline.total}, ${gap(probes.hardline)} below the best (needs ${MIN_STRATEGY_GAP})`,
    },
    {
      id: 'pushover-loses',
      ok: gap(probes.pushover) >= MIN_STRATEGY_GAP,
      detail: `never-ask scores ${probes.pushover.total}, ${gap(probes.pushover)} below the best (needs ${MIN_STRATEGY_GAP})`,
    },
    {
      id: 'hard-fail-caps',
      ok: exploration.hardFailMax === undefined || exploration.hardFailMax <= HARD_FAIL_CAP,
      detail:
        exploration.hardFailMax === undefined
          ? 'no path breaks a hard-fail rule'
          : `paths that break a hard-fail rule score at most ${exploration.hardFailMax} (cap ${HARD_FAIL_CAP})`,
    },
  ];
}

export function checkInvariants(bundle: ScenarioBundle, runs: VariantRun[]): InvariantResult[] {
  return [
    reachability(bundle, runs),
    ...runs.flatMap((run) =>
      perRun(run).map((r) => (run.variant ? { ...r, id: `${r.id} [${run.variant}]` } : r)),
    ),
  ];
}
