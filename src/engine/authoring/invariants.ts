/**
 * The pedagogical and structural invariants every scenario must satisfy. The analyzer prints them and
 * fails on any enforced violation; content tests and `validate` run the same code. Scenarios with persona
 * variants are analysed once per variant: reachability counts across all of them, every other invariant
 * must hold in each.
 *
 * The fair-assessment invariants (issue 12: a random trainee, always-longest and always-shortest fail;
 * broken rules and bad endings stay out of reach) are enforced for files that declare `standard: 2`;
 * for older files they are reported as warnings until the content is rewritten.
 */

import { initialContext } from '../runtime/compiler';
import { HARD_FAIL_CAP } from '../runtime/scoring';
import type { ScenarioBundle } from '../runtime/types';
import { EMPATHY_TECHNIQUES } from '../runtime/vocabulary';
import {
  defaultScorer,
  type Exploration,
  explore,
  type PathOutcome,
  playStrategy,
  type Scorer,
  STRATEGIES,
  type StrategyRun,
  sampleRandomPass,
} from './analysis';

/** Hardline and never-ask play must score at least this far below the best path. */
export const MIN_STRATEGY_GAP = 20;
/** A uniformly random trainee may pass at most this share of attempts. */
export const MAX_RANDOM_PASS = 0.05;
/** Always-longest and always-shortest must score at least this far below the pass mark. */
export const MIN_PATTERN_GAP = 20;
/** The analyzer explores at most this many paths per variant; beyond, the random trainee is sampled. */
export const PATH_LIMIT = 1_000_000;
export const SAMPLED_ATTEMPTS = 2_000;

export interface InvariantResult {
  id: string;
  ok: boolean;
  detail: string;
  /** False for a check the file's content standard does not yet require: reported, not failed. */
  enforced: boolean;
}

export interface Probes {
  balanced: PathOutcome;
  hardline: StrategyRun;
  pushover: StrategyRun;
  longest: StrategyRun;
  shortest: StrategyRun;
}

export interface RandomTrainee {
  /** The share of attempts that pass (pass mark, no hard fail). */
  passRate: number;
  /** Exact over every path, or sampled over `attempts` seeded attempts when the scenario is too large. */
  exact: boolean;
  attempts: number | undefined;
  /** A passing path (the likeliest one when exact). */
  example: PathOutcome | undefined;
}

export interface VariantRun {
  variant: string | undefined;
  seed: number;
  exploration: Exploration;
  probes: Probes;
  randomTrainee: RandomTrainee;
  /** Decision points where a best reply (the best total reachable through it) is also the longest. */
  bestIsLongest: { points: number; of: number };
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

export interface AnalyseOptions {
  seed?: number;
  /** The scorer to read (scoreAttempt); a test passes another to show what an invariant catches. */
  score?: Scorer;
  limit?: number;
}

export function analyse(bundle: ScenarioBundle, options: AnalyseOptions = {}): Analysis {
  const { seed = 1, score = defaultScorer, limit = PATH_LIMIT } = options;
  const runs = variantSeeds(bundle, seed).map(({ variant, seed: s }): VariantRun => {
    const exploration = explore(bundle, { seed: s, score, limit });
    const play = (name: keyof typeof STRATEGIES): StrategyRun =>
      playStrategy(bundle, STRATEGIES[name], { seed: s, score });
    return {
      variant,
      seed: s,
      exploration,
      probes: {
        balanced: exploration.best,
        hardline: play('hardline'),
        pushover: play('pushover'),
        longest: play('longest'),
        shortest: play('shortest'),
      },
      randomTrainee: randomTrainee(bundle, exploration, s, score),
      bestIsLongest: bestIsLongest(bundle, exploration),
    };
  });
  return { bundle, runs, invariants: checkInvariants(bundle, runs) };
}

function randomTrainee(
  bundle: ScenarioBundle,
  exploration: Exploration,
  seed: number,
  score: Scorer,
): RandomTrainee {
  if (!exploration.truncated)
    return {
      passRate: exploration.randomPass,
      exact: true,
      attempts: undefined,
      example: exploration.likeliestPass,
    };
  const sampled = sampleRandomPass(bundle, { seed, attempts: SAMPLED_ATTEMPTS, score });
  return { passRate: sampled.share, exact: false, attempts: sampled.attempts, example: sampled.example };
}

function bestIsLongest(bundle: ScenarioBundle, exploration: Exploration): VariantRun['bestIsLongest'] {
  let points = 0;
  let of = 0;
  for (const [nodeId, byChoice] of exploration.choiceBest) {
    const choices = bundle.scenario.nodes[nodeId]?.choices ?? [];
    if (choices.length < 2) continue;
    const longest = choices.reduce((a, b) => (b.text.trim().length > a.text.trim().length ? b : a));
    const best = Math.max(...byChoice.values());
    of += 1;
    if (byChoice.get(longest.id) === best) points += 1;
  }
  return { points, of };
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
    enforced: true,
    detail:
      missing.length === 0
        ? `all ${all.length} nodes and endings and all ${choiceIds.length} choices are reachable`
        : `unreachable: ${missing.join(', ')}`,
  };
}

export const showPath = (p: Pick<PathOutcome, 'choices'>): string => p.choices.join(' > ') || '(no choice)';
const pct = (share: number): string => `${(100 * share).toFixed(share < 0.001 && share > 0 ? 3 : 1)}%`;

function perRun(bundle: ScenarioBundle, run: VariantRun): InvariantResult[] {
  const { exploration, probes, randomTrainee: random } = run;
  const best = exploration.best;
  const hasEmpathy = best.tags.some((t) => EMPATHY_TECHNIQUES.includes(t));
  const hasAsk = best.tags.includes('clear-ask');
  const gap = (p: PathOutcome): number => best.total - p.total;
  const standard2 = bundle.scenario.standard >= 2;
  const passMark = best.passMark;
  const patternCeiling = passMark - MIN_PATTERN_GAP;
  const pattern = (name: 'longest' | 'shortest'): InvariantResult => {
    const probe = probes[name];
    return {
      id: `always-${name}-fails`,
      ok: probe.total <= patternCeiling,
      enforced: standard2,
      detail: `always picking the ${name} reply scores ${probe.total} (at most ${patternCeiling}: ${MIN_PATTERN_GAP} below the pass mark ${passMark}): ${showPath(probe)}`,
    };
  };
  const badEndings = Object.entries(bundle.scenario.endings)
    .filter(([id, e]) => e.outcome === 'bad' && exploration.bestTo[id])
    .map(([id]) => exploration.bestTo[id] as PathOutcome);
  const passingBad = badEndings.filter((p) => p.total >= passMark);
  const brokenTop = exploration.bestBroken?.band === 'exemplary' ? exploration.bestBroken : undefined;
  return [
    {
      id: 'no-dead-ends',
      ok: exploration.deadEnds.length === 0,
      enforced: true,
      detail:
        exploration.deadEnds.length === 0
          ? 'every non-ending state offers a choice'
          : `no choice available at ${[...new Set(exploration.deadEnds.map((d) => d.nodeId))].join(', ')} (e.g. after ${exploration.deadEnds[0]?.choices.join(' > ')})`,
    },
    {
      id: 'bounded',
      ok: !exploration.unbounded,
      enforced: true,
      detail: exploration.unbounded
        ? 'some path never reaches an ending (a loop without an exit)'
        : `every path ends within ${exploration.longest.choices.length} turns`,
    },
    {
      id: 'best-path-teaches',
      ok: hasEmpathy && hasAsk,
      enforced: true,
      detail: `best path (${best.total}) ${hasEmpathy ? 'uses' : 'lacks'} an empathy technique and ${hasAsk ? 'makes' : 'lacks'} a clear ask`,
    },
    {
      id: 'hardline-loses',
      ok: gap(probes.hardline) >= MIN_STRATEGY_GAP,
      enforced: true,
      detail: `hardline scores ${probes.hardline.total}, ${gap(probes.hardline)} below the best (needs ${MIN_STRATEGY_GAP}): ${showPath(probes.hardline)}`,
    },
    {
      id: 'pushover-loses',
      ok: gap(probes.pushover) >= MIN_STRATEGY_GAP,
      enforced: true,
      detail: `never-ask scores ${probes.pushover.total}, ${gap(probes.pushover)} below the best (needs ${MIN_STRATEGY_GAP}): ${showPath(probes.pushover)}`,
    },
    {
      id: 'hard-fail-caps',
      ok: exploration.hardFailMax === undefined || exploration.hardFailMax <= HARD_FAIL_CAP,
      enforced: true,
      detail:
        exploration.hardFailMax === undefined
          ? 'no path breaks a hard-fail rule'
          : `paths that break a hard-fail rule score at most ${exploration.hardFailMax} (cap ${HARD_FAIL_CAP})`,
    },
    {
      id: 'random-trainee-fails',
      ok: random.passRate <= MAX_RANDOM_PASS,
      enforced: standard2,
      detail:
        `a trainee picking replies at random passes ${pct(random.passRate)} of attempts (at most ${pct(MAX_RANDOM_PASS)}; ` +
        `${random.exact ? 'exact over every path' : `${random.attempts} seeded attempts`})` +
        (random.example ? `; e.g. ${showPath(random.example)} scores ${random.example.total}` : ''),
    },
    pattern('longest'),
    pattern('shortest'),
    {
      id: 'broken-rule-not-top-band',
      ok: !brokenTop,
      enforced: standard2,
      detail: brokenTop
        ? `a path that breaks ${brokenTop.breaches.map((b) => `${b.ruleId} (${b.severity})`).join(', ')} reaches the top band with ${brokenTop.total}: ${showPath(brokenTop)}`
        : exploration.bestBroken
          ? `paths that break a rule score at most ${exploration.bestBroken.total} (${exploration.bestBroken.band})`
          : 'no path breaks a rule',
    },
    {
      id: 'bad-ending-fails',
      ok: passingBad.length === 0,
      enforced: standard2,
      detail:
        passingBad.length > 0
          ? passingBad
              .map(
                (p) => `bad ending "${p.endingId}" scores ${p.total} (pass mark ${passMark}): ${showPath(p)}`,
              )
              .join('; ')
          : badEndings.length > 0
            ? `bad endings score at most ${Math.max(...badEndings.map((p) => p.total))} (pass mark ${passMark})`
            : 'no bad ending is reachable',
    },
    {
      id: 'best-path-unique',
      // A tie is reported, never failed: two equally good orders of the same steps are legitimate.
      ok: exploration.bestCount === 1,
      enforced: false,
      detail:
        exploration.bestCount === 1
          ? `the best path (${best.total}) is unique`
          : `${exploration.bestCount} paths share the best score ${best.total}: ${showPath(best)}${exploration.runnerUp ? ` and ${showPath(exploration.runnerUp)}` : ''}`,
    },
  ];
}

export function checkInvariants(bundle: ScenarioBundle, runs: VariantRun[]): InvariantResult[] {
  return [
    reachability(bundle, runs),
    ...runs.flatMap((run) =>
      perRun(bundle, run).map((r) => (run.variant ? { ...r, id: `${r.id} [${run.variant}]` } : r)),
    ),
  ];
}

/** Enforced invariants that do not hold: what makes the analyzer, `validate` and the content tests fail. */
export const failures = (analysis: Analysis): InvariantResult[] =>
  analysis.invariants.filter((i) => i.enforced && !i.ok);
