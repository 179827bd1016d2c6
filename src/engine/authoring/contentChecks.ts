/**
 * The content checks beyond loading: house conventions, the figures a scenario states, what the analyzer
 * proves, test-plan coverage, the curriculum and the rules catalogue. Pure: callers hand in what they
 * loaded. `npm run validate` and the content tests both run these (through src/content/library.ts), so
 * the two can never disagree.
 */
import type { ScenarioBundle } from '../runtime/types';
import { HARMFUL_TECHNIQUES } from '../runtime/vocabulary';
import type { Curriculum } from './curriculumSchema';
import { type Analysis, failures, type InvariantResult } from './invariants';
import type { Diagnostic, Locate } from './loader';
import type { RuleDef } from './schema';

/** HHS poverty guidelines, 48 contiguous states and DC: first person, each additional person. */
export const POVERTY_GUIDELINES = {
  2025: { first: 15_650, each: 5_500, source: 'Federal Register, 2025-01-17' },
  2026: { first: 15_960, each: 5_680, source: 'Federal Register, 2026' },
} as const;
export type GuidelineYear = keyof typeof POVERTY_GUIDELINES;

/** Decisions the best path needs, and endings the analyzer must reach, per scenario format. */
export const FORMAT_MINIMUMS = {
  full: { decisions: 8, endings: 4 },
  short: { decisions: 4, endings: 3 },
} as const;
export const CHOICES_PER_DECISION = { min: 3, max: 4 } as const;
export const MIN_FEEDBACK_CHARS = 40;

const feedbackTexts = (
  feedback: ScenarioBundle['scenario']['nodes'][string]['choices'][number]['feedback'],
) => (typeof feedback === 'string' ? [feedback] : feedback.map((f) => f.text));

/** House conventions: enough replies to choose from, feedback that explains, a better way for harmful replies. */
export function conventionProblems(bundle: ScenarioBundle, at: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [nodeId, node] of Object.entries(bundle.scenario.nodes)) {
    const n = node.choices.length;
    if (n < CHOICES_PER_DECISION.min || n > CHOICES_PER_DECISION.max) {
      out.push(
        at(
          ['nodes', nodeId, 'choices'],
          `${n} choice(s) here; every decision offers ${CHOICES_PER_DECISION.min} or ${CHOICES_PER_DECISION.max}`,
          n < CHOICES_PER_DECISION.min
            ? 'add a plausible reply that is wrong for a reason the trainee must know (a near miss)'
            : 'keep the strongest near misses and move the rest to another decision',
        ),
      );
    }
    node.choices.forEach((choice, ci) => {
      const path = ['nodes', nodeId, 'choices', ci];
      const short = feedbackTexts(choice.feedback).find((t) => t.length <= MIN_FEEDBACK_CHARS);
      if (short !== undefined)
        out.push(
          at(
            [...path, 'feedback'],
            `feedback "${short}" is too short to teach anything (${short.length} characters; more than ${MIN_FEEDBACK_CHARS} needed)`,
            'say why the reply helps or hurts, naming the technique or the rule and its source',
          ),
        );
      const harmful = choice.tags.filter((t) => HARMFUL_TECHNIQUES.includes(t));
      if ((harmful.length > 0 || (choice.rules ?? []).length > 0) && !choice.better)
        out.push(
          at(
            path,
            `choice "${choice.id}" ${harmful.length ? `uses ${harmful.join(', ')}` : `breaks ${choice.rules?.join(', ')}`} but has no "better"`,
            'add "better": the stronger reply the trainee could have given',
          ),
        );
    });
  }
  return out;
}

/** The figures a scenario states must recompute from its own facts (domain.md: numbers must be consistent). */
export function figureProblems(bundle: ScenarioBundle, at: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { estimate, household } = bundle.scenario.account;
  if (estimate) {
    const deductible = Math.min(estimate.allowed, estimate.deductibleRemaining);
    let patient = deductible + estimate.coinsurance * (estimate.allowed - deductible) + estimate.copay;
    if (estimate.outOfPocketRemaining !== undefined)
      patient = Math.min(patient, estimate.outOfPocketRemaining);
    const computed = Math.round(patient * 100) / 100;
    if (computed !== estimate.expected)
      out.push(
        at(
          ['account', 'estimate', 'expected'],
          `the estimate says ${estimate.expected}, but the facts give ${computed}`,
          `deductible min(allowed, deductible remaining) + coinsurance × the rest + copay, capped by the out-of-pocket remaining: check the figures, or set expected: ${computed}`,
        ),
      );
  }
  if (household) {
    const table = POVERTY_GUIDELINES[household.guidelineYear];
    const guideline = table.first + table.each * (household.size - 1);
    const computed = (100 * household.annualIncome) / guideline;
    if (Math.abs(computed - household.fplPercent) > 1)
      out.push(
        at(
          ['account', 'household', 'fplPercent'],
          `fplPercent ${household.fplPercent} does not match the facts: $${household.annualIncome} for a household of ${household.size} is ${computed.toFixed(1)}% of the ${household.guidelineYear} guideline ($${guideline})`,
          `the ${household.guidelineYear} HHS guideline is $${table.first} plus $${table.each} per extra person (${table.source}); set fplPercent: ${Math.round(computed)}`,
        ),
      );
  }
  return out;
}

/** What to do about each analyzer finding, in an author's terms. */
const INVARIANT_HINTS: Record<string, string> = {
  reachable: 'check the "next" and "when" that should lead there; remove what no conversation can reach',
  'no-dead-ends':
    'leave at least one choice without "when" at that node, or make the conditions cover every case',
  bounded: 'give every loop a way out: a choice or a reaction that goes to an ending',
  'best-path-teaches':
    'the best-scoring conversation must use an empathy technique and make a clear ask; check the tags and effects on the path you meant to be best (npm run analyze <id> --explain)',
  'hardline-loses':
    'pressing replies must cost more: lower their trust effects, add pressure or threat tags, or break a rule; see "How the strategies pick" in dialogues/README.md',
  'pushover-loses':
    'never asking must cost more: the resolution only counts money paid, committed or routed, so make sure the soft replies move none',
  'random-trainee-fails':
    'too many replies are good enough: give each decision a near miss that is wrong for a reason the trainee must know',
  'always-longest-fails': 'the best reply is too often the longest: vary the length of good and weak replies',
  'always-shortest-fails':
    'the best reply is too often the shortest: vary the length of good and weak replies',
  'broken-rule-not-top-band':
    'scoring v2 caps this; if it fails, the scorer has changed (src/engine/runtime/scoring.ts)',
  'bad-ending-fails':
    'scoring v2 caps this; if it fails, the scorer has changed (src/engine/runtime/scoring.ts)',
};

const hintFor = (inv: InvariantResult): string | undefined => INVARIANT_HINTS[inv.id.replace(/ \[.*\]$/, '')];

/** Enforced analyzer failures, the decision and ending counts the format needs, and analyzer warnings. */
export function analysisProblems(analysis: Analysis, at: Locate): Diagnostic[] {
  const { scenario } = analysis.bundle;
  const out: Diagnostic[] = failures(analysis).map((inv) =>
    at(['id'], `analyzer: ${inv.id}: ${inv.detail}`, hintFor(inv)),
  );
  const need = FORMAT_MINIMUMS[scenario.format];
  for (const run of analysis.runs) {
    const best = run.exploration.best;
    const variant = run.variant ? ` [${run.variant}]` : '';
    if (best && best.choices.length < need.decisions)
      out.push(
        at(
          ['format'],
          `format ${scenario.format} needs ${need.decisions}+ decisions on the best path${variant}; it has ${best.choices.length} (${best.choices.join(' > ')})`,
          scenario.format === 'full'
            ? 'add decisions to the best path, or declare format: short (4+ decisions)'
            : 'add decisions to the best path',
        ),
      );
    const reached = Object.keys(run.exploration.endings).length;
    if (reached < need.endings)
      out.push(
        at(
          ['endings'],
          `format ${scenario.format} needs ${need.endings}+ reachable endings${variant}; ${reached} can be reached`,
          'add endings that show what different choices lead to (a good, a mixed and a bad one at least)',
        ),
      );
  }
  for (const w of analysis.warnings)
    out.push({ ...at(['id'], `analyzer: ${w.id}: ${w.detail}`), severity: 'warning' });
  return out;
}

/** The scenario id must be the file name: test plans, the curriculum and the catalogue find it that way. */
export function idProblems(bundle: ScenarioBundle, file: string, at: Locate): Diagnostic[] {
  const name = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  return name === bundle.scenario.id
    ? []
    : [
        at(
          ['id'],
          `scenario id "${bundle.scenario.id}" differs from its file name "${name}"`,
          `rename the file to ${bundle.scenario.id}.yaml, or set id: ${name}; its test plan is found as <id>.test.yaml`,
        ),
      ];
}

/** Endings the analyzer can reach that no plan ends in. */
export function uncoveredEndings(analysis: Analysis, plannedEndings: ReadonlySet<string>): string[] {
  const reachable = new Set(analysis.runs.flatMap((r) => Object.keys(r.exploration.endings)));
  return [...reachable].filter((e) => !plannedEndings.has(e)).sort();
}

/** Scenarios the curriculum leaves out: a trainee could never reach them. */
export function unlistedScenarios(curriculum: Curriculum, scenarioIds: readonly string[]): string[] {
  const listed = new Set(curriculum.modules.flatMap((m) => m.scenarios));
  return scenarioIds.filter((id) => !listed.has(id));
}

/** Hard-fail rules no scenario tempts the trainee with: the catalogue promises practice it does not give. */
export function unusedHardFailRules(
  rules: Record<string, RuleDef>,
  bundles: readonly ScenarioBundle[],
): string[] {
  const used = new Set(
    bundles.flatMap((b) =>
      Object.values(b.scenario.nodes).flatMap((n) => n.choices.flatMap((c) => c.rules ?? [])),
    ),
  );
  return Object.entries(rules)
    .filter(([id, r]) => r.severity === 'hard-fail' && !used.has(id))
    .map(([id]) => id);
}
