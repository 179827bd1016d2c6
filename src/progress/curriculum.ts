/**
 * The onboarding path as data (dialogues/curriculum.yaml): ordered modules of scenarios, mastered by
 * passing each scenario in assessment, opened one after another. Everything here is a pure
 * function of the curriculum and the attempts, so the progress screen, the certificate and the tests
 * agree by construction. Pure: no DOM, no Node (the browser and the CLI both use it). The schema (zod) is
 * authoring's (src/engine/authoring/curriculumSchema.ts) and parsing is the content layer's, so the
 * browser build carries neither the YAML parser nor the schema library.
 */
import type { Curriculum, CurriculumModule } from '../engine/authoring/curriculumSchema';
import type { AttemptSummary, Profile } from './types';

export type { Curriculum, CurriculumModule };

export interface ProgressOptions {
  /** The facilitator setting: every module open regardless of mastery. */
  unlockAll?: boolean;
  /** Scenario titles from the catalogue; otherwise the title recorded with the latest attempt, or the id. */
  titles?: Readonly<Record<string, string>>;
}

export interface ScenarioProgress {
  scenarioId: string;
  title: string;
  attempts: number;
  /** Best total in any mode. */
  bestScore: number | undefined;
  /** Best total in assessment mode. */
  bestAssessed: number | undefined;
  /** finishedAt (ISO) of the latest attempt. */
  lastPlayed: string | undefined;
  /** The module's override, else the pass mark recorded with the latest attempt; undefined if unknown. */
  passMark: number | undefined;
  /** An assessed attempt at or above the pass mark without a hard fail. */
  passed: boolean;
}

export interface ModuleStatus {
  id: string;
  title: string;
  description: string;
  unlocked: boolean;
  mastered: boolean;
  scenarios: ScenarioProgress[];
}

/**
 * An attempt as the path counts it. Only attempts verified by replay (progress/verify.ts: re-derived from
 * their seed and choices against the current content) count toward mastery and the certificate; the rest
 * are history.
 */
export type CountedAttempt = AttemptSummary & { verified?: boolean; replayCode?: string };

/** Whether this attempt passes for the curriculum (the module's pass mark may differ from the scenario's). */
export function passes(attempt: CountedAttempt, module: Pick<CurriculumModule, 'passMark'>): boolean {
  return (
    attempt.verified === true &&
    attempt.mode === 'assessment' &&
    !attempt.hardFail &&
    attempt.total >= (module.passMark ?? attempt.passMark)
  );
}

const newestFirst = (a: AttemptSummary, b: AttemptSummary): number =>
  Date.parse(b.finishedAt) - Date.parse(a.finishedAt);

function byScenario(attempts: readonly CountedAttempt[]): Map<string, CountedAttempt[]> {
  const map = new Map<string, CountedAttempt[]>();
  for (const a of [...attempts].sort(newestFirst)) {
    const list = map.get(a.scenarioId) ?? [];
    list.push(a);
    map.set(a.scenarioId, list);
  }
  return map;
}

const best = (values: number[]): number | undefined => (values.length > 0 ? Math.max(...values) : undefined);

function scenarioProgress(
  scenarioId: string,
  module: CurriculumModule,
  played: readonly CountedAttempt[],
  titles: ProgressOptions['titles'],
): ScenarioProgress {
  const latest = played[0];
  // Scores shown are re-derived ones; a record that did not replay is counted as played, never as a score.
  const verified = played.filter((a) => a.verified === true);
  return {
    scenarioId,
    title: titles?.[scenarioId] ?? latest?.scenarioTitle ?? scenarioId,
    attempts: played.length,
    bestScore: best(verified.map((a) => a.total)),
    bestAssessed: best(verified.filter((a) => a.mode === 'assessment').map((a) => a.total)),
    lastPlayed: latest?.finishedAt,
    passMark: module.passMark ?? latest?.passMark,
    passed: played.some((a) => passes(a, module)),
  };
}

/** Per module: open or not, mastered or not, and each scenario's record. */
export function moduleStatus(
  curriculum: Curriculum,
  attempts: readonly CountedAttempt[],
  options: ProgressOptions = {},
): ModuleStatus[] {
  const played = byScenario(attempts);
  const statuses: ModuleStatus[] = [];
  for (const module of curriculum.modules) {
    const scenarios = module.scenarios.map((id) =>
      scenarioProgress(id, module, played.get(id) ?? [], options.titles),
    );
    const previous = statuses[statuses.length - 1];
    statuses.push({
      id: module.id,
      title: module.title,
      description: module.description,
      // The first module is always open; each next one opens when the one before it is mastered.
      unlocked: options.unlockAll === true || !previous || previous.mastered,
      mastered: scenarios.every((s) => s.passed),
      scenarios,
    });
  }
  return statuses;
}

export interface Completion {
  modulesMastered: number;
  modules: number;
  scenariosPassed: number;
  scenarios: number;
  /** Scenarios passed over scenarios in the curriculum, 0–100. */
  percent: number;
}

export function completion(statuses: readonly ModuleStatus[]): Completion {
  const scenarios = statuses.flatMap((m) => m.scenarios);
  const passed = scenarios.filter((s) => s.passed).length;
  return {
    modulesMastered: statuses.filter((m) => m.mastered).length,
    modules: statuses.length,
    scenariosPassed: passed,
    scenarios: scenarios.length,
    percent: scenarios.length === 0 ? 0 : Math.round((100 * passed) / scenarios.length),
  };
}

export function isComplete(curriculum: Curriculum, attempts: readonly CountedAttempt[]): boolean {
  return moduleStatus(curriculum, attempts).every((m) => m.mastered);
}

export interface NextStep {
  /** One sentence for the trainee. */
  text: string;
  /** The scenario to play next; undefined when the curriculum is complete. */
  scenarioId: string | undefined;
  moduleId: string | undefined;
}

/** The first scenario not yet passed in the first open, unmastered module, and what to do with it. */
export function nextStep(
  curriculum: Curriculum,
  attempts: readonly CountedAttempt[],
  options: ProgressOptions = {},
): NextStep {
  const statuses = moduleStatus(curriculum, attempts, options);
  const module = statuses.find((m) => m.unlocked && !m.mastered);
  const scenario = module?.scenarios.find((s) => !s.passed);
  if (!module || !scenario) {
    return {
      text: 'Every module is mastered: your certificate is ready.',
      scenarioId: undefined,
      moduleId: undefined,
    };
  }
  const name = `\u201c${scenario.title}\u201d`;
  const where = `(${module.title})`;
  let text: string;
  if (scenario.attempts === 0) {
    text = `Next: ${name} ${where}. Play it in practice first, then pass it in assessment.`;
  } else if (scenario.bestAssessed === undefined) {
    text = `Next: take ${name} ${where} in assessment mode; practice attempts do not count toward mastery.`;
  } else {
    const mark = scenario.passMark === undefined ? '' : ` against a pass mark of ${scenario.passMark}`;
    text = `Next: try ${name} ${where} in assessment again. Your best assessed score is ${scenario.bestAssessed}${mark}, with no compliance failure.`;
  }
  return { text, scenarioId: scenario.scenarioId, moduleId: module.id };
}

export interface Certificate {
  /** The trainee's display name, or "Trainee" when none was given. */
  name: string;
  /** The day the last module was mastered (YYYY-MM-DD, UTC). */
  date: string;
  curriculumTitle: string;
  modules: {
    id: string;
    title: string;
    scenarios: { id: string; title: string; score: number; date: string; replayCode: string }[];
  }[];
}

export const ANONYMOUS_NAME = 'Trainee';

/**
 * The certificate once every module is mastered, else undefined. Each scenario shows its best passing
 * assessed score and that attempt's date; the certificate's date is when the last requirement was first met.
 */
export function certificateData(
  profile: Profile,
  curriculum: Curriculum,
  attempts: readonly CountedAttempt[],
  options: Pick<ProgressOptions, 'titles'> = {},
): Certificate | undefined {
  if (!isComplete(curriculum, attempts)) return undefined;
  const played = byScenario(attempts);
  let completedAt = 0;
  const modules = curriculum.modules.map((module) => ({
    id: module.id,
    title: module.title,
    scenarios: module.scenarios.map((id) => {
      const passing = (played.get(id) ?? []).filter((a) => passes(a, module));
      const top = [...passing].sort((a, b) => b.total - a.total || newestFirst(b, a))[0];
      const firstPass = Math.min(...passing.map((a) => Date.parse(a.finishedAt)));
      completedAt = Math.max(completedAt, firstPass);
      return {
        id,
        title: options.titles?.[id] ?? played.get(id)?.[0]?.scenarioTitle ?? id,
        score: top?.total ?? 0,
        date: (top?.finishedAt ?? '').slice(0, 10),
        replayCode: top?.replayCode ?? '',
      };
    }),
  }));
  return {
    name: profile.displayName.trim() || ANONYMOUS_NAME,
    date: new Date(completedAt).toISOString().slice(0, 10),
    curriculumTitle: curriculum.title,
    modules,
  };
}
