/**
 * The pedagogical and structural invariants every scenario must satisfy. The analyzer prints them and
 * fails on any violation; content tests and `validate` run the same code. Scenarios with persona
 * variants are analysed once per variant: reachability counts across all of them, every other invariant
 * must hold in each.
 *
 * The fair-assessment invariants (a random trainee, always-longest and always-shortest fail; broken
 * rules and bad endings stay out of reach) keep the assessment a measure of judgement, not of pattern
 * spotting.
 */

import { initialContext } from '../runtime/compiler';
import { isRandomGroup, lineEntries } from '../runtime/conditions';
import type { ScenarioBundle } from '../runtime/types';
import { EMPATHY_TECHNIQUES } from '../runtime/vocabulary';
import {
  defaultScorer,
  type Exploration,
  explore,
  nodesWithoutExit,
  type PathOutcome,
  playStrategy,
  replayPath,
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
/** States explored at most per variant (the shipped scenarios need up to about 32,000). */
export const STATE_LIMIT = 2_000_000;
const TRAPPED_STATE_LIMIT = 5_000;

export interface InvariantResult {
  id: string;
  ok: boolean;
  detail: string;
}

export interface Probes {
  balanced: PathOutcome | undefined;
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
  /** Nodes from which no ending can be reached (a loop without an exit). */
  trapped: string[];
  probes: Probes;
  randomTrainee: RandomTrainee;
  /** Decision points where a best reply (the best total reachable through it) is also the longest. */
  bestIsLongest: { points: number; of: number };
}

/** Something an author can act on that is not a failure: a saturated meter, a near tie, a line never said. */
export interface AnalyzerWarning {
  id: string;
  detail: string;
}

export interface Analysis {
  bundle: ScenarioBundle;
  runs: VariantRun[];
  invariants: InvariantResult[];
  warnings: AnalyzerWarning[];
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
  // A loop without an exit makes exhaustive play endless: explore only a little, to report it.
  const trapped = nodesWithoutExit(bundle);
  const runs = variantSeeds(bundle, seed).map(({ variant, seed: s }): VariantRun => {
    const exploration = explore(bundle, {
      seed: s,
      score,
      limit,
      stateLimit: trapped.length > 0 ? TRAPPED_STATE_LIMIT : STATE_LIMIT,
    });
    const play = (name: keyof typeof STRATEGIES): StrategyRun =>
      playStrategy(bundle, STRATEGIES[name], { seed: s, score });
    return {
      variant,
      seed: s,
      exploration,
      trapped,
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
  return {
    bundle,
    runs,
    invariants: checkInvariants(bundle, runs),
    warnings: analyzerWarnings(bundle, runs, score),
  };
}

function randomTrainee(
  bundle: ScenarioBundle,
  exploration: Exploration,
  seed: number,
  score: Scorer,
): RandomTrainee {
  // Nothing ends: there is no attempt to pass, and sampling would only walk the loop.
  if (!exploration.best) return { passRate: 0, exact: false, attempts: 0, example: undefined };
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
  const structure: InvariantResult[] = [
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
      ok: !exploration.unbounded && best !== undefined && run.trapped.length === 0,
      detail:
        run.trapped.length > 0
          ? `no ending can be reached from ${run.trapped.join(', ')}: a loop without an exit (check the "next" of their choices)`
          : !best
            ? 'no path reaches an ending: every conversation loops (check the "next" of each choice)'
            : exploration.unbounded
              ? 'some path never reaches an ending within 40 turns (a loop whose exits are never offered)'
              : `every path ends within ${exploration.longest?.choices.length} turns`,
    },
  ];
  // Everything else compares against the best path; without one, "bounded" has said what is wrong.
  if (!best) return structure;

  const hasEmpathy = best.tags.some((t) => EMPATHY_TECHNIQUES.includes(t));
  const hasAsk = best.tags.includes('clear-ask');
  const gap = (p: PathOutcome): number => best.total - p.total;
  const passMark = best.passMark;
  const patternCeiling = passMark - MIN_PATTERN_GAP;
  const pattern = (name: 'longest' | 'shortest'): InvariantResult => {
    const probe = probes[name];
    return {
      id: `always-${name}-fails`,
      ok: probe.total <= patternCeiling,
      detail: `always picking the ${name} reply scores ${probe.total} (at most ${patternCeiling}: ${MIN_PATTERN_GAP} below the pass mark ${passMark}): ${showPath(probe)}`,
    };
  };
  const badEndings = Object.entries(bundle.scenario.endings)
    .filter(([id, e]) => e.outcome === 'bad' && exploration.bestTo[id])
    .map(([id]) => exploration.bestTo[id] as PathOutcome);
  const passingBad = badEndings.filter((p) => p.total >= passMark);
  const brokenTop = exploration.bestBroken?.band === 'exemplary' ? exploration.bestBroken : undefined;
  return [
    ...structure,
    {
      id: 'best-path-teaches',
      ok: hasEmpathy && hasAsk,
      detail: `best path (${best.total}) ${hasEmpathy ? 'uses' : 'lacks'} an empathy technique and ${hasAsk ? 'makes' : 'lacks'} a clear ask`,
    },
    {
      id: 'hardline-loses',
      ok: gap(probes.hardline) >= MIN_STRATEGY_GAP,
      detail: `hardline scores ${probes.hardline.total}, ${gap(probes.hardline)} below the best (needs ${MIN_STRATEGY_GAP}): ${showPath(probes.hardline)}`,
    },
    {
      id: 'pushover-loses',
      ok: gap(probes.pushover) >= MIN_STRATEGY_GAP,
      detail: `never-ask scores ${probes.pushover.total}, ${gap(probes.pushover)} below the best (needs ${MIN_STRATEGY_GAP}): ${showPath(probes.pushover)}`,
    },
    {
      id: 'random-trainee-fails',
      ok: random.passRate <= MAX_RANDOM_PASS,
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
      detail: brokenTop
        ? `a path that breaks ${brokenTop.breaches.map((b) => `${b.ruleId} (${b.severity})`).join(', ')} reaches the top band with ${brokenTop.total}: ${showPath(brokenTop)}`
        : exploration.bestBroken
          ? `paths that break a rule score at most ${exploration.bestBroken.total} (${exploration.bestBroken.band})`
          : 'no path breaks a rule',
    },
    {
      id: 'bad-ending-fails',
      ok: passingBad.length === 0,
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

/** The best path must lead the next best path by this much, or the analyzer warns. */
export const MIN_BEST_MARGIN = 5;
/** A meter pinned at 0 or 100 for this many turns in a row on the best path draws a warning. */
export const PINNED_TURNS = 2;

function analyzerWarnings(bundle: ScenarioBundle, runs: VariantRun[], score: Scorer): AnalyzerWarning[] {
  const warnings: AnalyzerWarning[] = [];
  const add = (run: VariantRun, id: string, detail: string): void => {
    warnings.push({ id: run.variant ? `${id} [${run.variant}]` : id, detail });
  };
  for (const run of runs) {
    const best = run.exploration.best;
    if (!best) continue;
    for (const pinned of pinnedMeters(bundle, run.seed, best)) add(run, 'meter-pinned', pinned);
    const runnerUp = run.exploration.runnerUp;
    if (run.exploration.bestCount > 1 && runnerUp) {
      add(
        run,
        'best-path-tie',
        `${run.exploration.bestCount} paths share the best score ${best.total}: ${showPath(best)}, and ${showPath(runnerUp)}${divergence(best, runnerUp)}; make the weaker reply cost something, or accept that both are right`,
      );
    } else if (runnerUp && best.total - runnerUp.total < MIN_BEST_MARGIN) {
      add(
        run,
        'best-path-margin',
        `the best path (${best.total}) leads the next best (${runnerUp.total}: ${showPath(runnerUp)}) by only ${best.total - runnerUp.total} point(s)${divergence(best, runnerUp)}; a trainee who chose the weaker reply scores almost the same`,
      );
    }
    for (const name of ['hardline', 'pushover'] as const) {
      const capped = onlyLowBecauseOfHardFail(bundle, run, name, score);
      if (capped) add(run, `${name}-capped`, capped);
    }
  }
  for (const line of linesNeverSaid(bundle, runs)) warnings.push({ id: 'line-never-said', detail: line });
  return warnings;
}

/** " (they part at turn 3: x instead of y)", or nothing when one path is a prefix of the other. */
function divergence(a: PathOutcome, b: PathOutcome): string {
  const at = a.choices.findIndex((c, i) => b.choices[i] !== c);
  if (at < 0 || b.choices[at] === undefined) return '';
  return ` (they part at turn ${at + 1}: ${b.choices[at]} instead of ${a.choices[at]})`;
}

/** Runs of turns on the best path where a meter sits at 0 or 100: later replies cannot move it. */
function pinnedMeters(bundle: ScenarioBundle, seed: number, best: PathOutcome): string[] {
  const log = replayPath(bundle, seed, best.choices).at(-1)?.ctx.log ?? [];
  const out: string[] = [];
  for (const meter of ['stress', 'trust'] as const) {
    for (const edge of [0, 100]) {
      let from = -1;
      for (let i = 0; i <= log.length; i++) {
        const at = i < log.length && log[i]?.after[meter] === edge;
        if (at && from < 0) from = i;
        if (!at && from >= 0) {
          if (i - from >= PINNED_TURNS) {
            out.push(
              `on the best path ${meter} stays at ${edge} after turns ${from + 1}-${i} (${log
                .slice(from, i)
                .map((t) => t.choiceId)
                .join(
                  ', ',
                )}): it cannot ${edge === 0 ? 'fall' : 'rise'} further, so these replies cannot be told apart by it; make the effects up to turn ${from + 1} smaller`,
            );
          }
          from = -1;
        }
      }
    }
  }
  return out;
}

/**
 * A strategy that only loses because a hard-fail rule caps it: scored again without its hard-fail
 * breaches, it would come within the required gap of the best. The strategy itself then is not weak;
 * the scenario only teaches "don't break that rule".
 */
function onlyLowBecauseOfHardFail(
  bundle: ScenarioBundle,
  run: VariantRun,
  name: 'hardline' | 'pushover',
  score: Scorer,
): string | undefined {
  const probe = run.probes[name];
  const best = run.exploration.best;
  if (!best || !probe.hardFail) return undefined;
  const end = replayPath(bundle, run.seed, probe.choices).at(-1);
  if (!end) return undefined;
  const isHardFail = (ruleId: string): boolean => bundle.rules[ruleId]?.severity === 'hard-fail';
  const uncapped = score(bundle, {
    ...end.ctx,
    breaches: end.ctx.breaches.filter((b) => !isHardFail(b.ruleId)),
  }).total;
  if (best.total - uncapped >= MIN_STRATEGY_GAP) return undefined;
  const rules = [...new Set(end.ctx.breaches.filter((b) => isHardFail(b.ruleId)).map((b) => b.ruleId))];
  return `${name} scores ${probe.total} only because it breaks ${rules.join(', ')} (hard fail, capped at ${probe.total}); without that it would score ${uncapped}, ${best.total - uncapped} below the best (needs ${MIN_STRATEGY_GAP}): make the ${name === 'hardline' ? 'pressing' : 'never-asking'} replies themselves cost points. Path: ${showPath(probe)}`;
}

/** Line variants no path ever says (across every persona variant). */
function linesNeverSaid(bundle: ScenarioBundle, runs: VariantRun[]): string[] {
  const said = new Set(runs.flatMap((r) => [...r.exploration.reachableLines]));
  const visited = new Set(runs.flatMap((r) => [...r.exploration.visitedNodes]));
  const out: string[] = [];
  for (const [nodeId, node] of Object.entries(bundle.scenario.nodes)) {
    if (!visited.has(nodeId)) continue;
    for (const entry of lineEntries(node.line)) {
      const ids = isRandomGroup(entry) ? entry.from.map((l) => l.id) : [entry.id];
      if (ids.some((id) => said.has(id))) continue;
      out.push(
        entry.when
          ? `at ${nodeId}, ${ids.map((id) => `"${id}"`).join(', ')} ${ids.length > 1 ? 'are' : 'is'} never said: its condition never holds when the patient gets there, or a line above it always does`
          : `at ${nodeId}, ${ids.map((id) => `"${id}"`).join(', ')} ${ids.length > 1 ? 'are' : 'is'} never said: a line above it always applies when the patient gets there`,
      );
    }
  }
  return out;
}

/** Enforced invariants that do not hold: what makes the analyzer, `validate` and the content tests fail. */
export const failures = (analysis: Analysis): InvariantResult[] => analysis.invariants.filter((i) => !i.ok);
