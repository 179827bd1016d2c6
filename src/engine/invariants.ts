/**
 * The pedagogical and structural invariants every scenario must satisfy. The analyzer prints them and
 * fails on any violation; content tests run them for every file in dialogues/.
 */
import { type Exploration, type PathOutcome, playStrategy, STRATEGIES } from './analysis';
import { EMPATHY_TECHNIQUES } from './schema';
import { HARD_FAIL_CAP } from './scoring';
import type { ScenarioBundle } from './types';

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

export function probe(bundle: ScenarioBundle, exploration: Exploration, seed = 1): Probes {
  return {
    balanced: exploration.best,
    hardline: playStrategy(bundle, STRATEGIES.hardline, { seed }),
    pushover: playStrategy(bundle, STRATEGIES.pushover, { seed }),
  };
}

export function checkInvariants(
  bundle: ScenarioBundle,
  exploration: Exploration,
  probes: Probes,
): InvariantResult[] {
  const { scenario } = bundle;
  const all = [...Object.keys(scenario.nodes), ...Object.keys(scenario.endings)];
  const unreachable = all.filter((id) => !exploration.visitedNodes.has(id));
  const choiceIds = Object.values(scenario.nodes).flatMap((n) => n.choices.map((c) => c.id));
  const neverOffered = choiceIds.filter((id) => !exploration.usedChoices.has(id));
  const best = exploration.best;
  const hasEmpathy = best.tags.some((t) => EMPATHY_TECHNIQUES.includes(t));
  const hasAsk = best.tags.includes('clear-ask');
  const gap = (p: PathOutcome): number => best.total - p.total;
  return [
    {
      id: 'reachable',
      ok: unreachable.length === 0 && neverOffered.length === 0,
      detail:
        unreachable.length + neverOffered.length === 0
          ? `all ${all.length} nodes and endings and all ${choiceIds.length} choices are reachable`
          : `unreachable: ${[...unreachable, ...neverOffered.map((c) => `choice ${c}`)].join(', ')}`,
    },
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
