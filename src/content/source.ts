/**
 * One content layer. Every consumer (the game, the CLI, the classroom server, LMS packages, a future
 * in-browser editor) reads scenarios, personas, rules and the curriculum through a ContentSource:
 *   - fileSource.ts reads dialogues/ from disk and validates it (Node: CLI, server, the Vite plugin);
 *   - catalog.ts serves what the Vite plugin validated at build time (the browser);
 *   - an editor can add an in-memory source over the same loader.
 * A source never throws for bad content: a broken scenario is an entry with errors and no summary.
 */
import type { Curriculum } from '../engine/authoring/curriculumSchema';
import type { ScenarioBundle, ScenarioSummary } from '../engine/runtime/types';

export interface CatalogEntry {
  id: string;
  file: string;
  summary: ScenarioSummary | undefined;
  /** Formatted diagnostics (file:line:column  node  message) when the scenario cannot be played. */
  errors: string[];
}

export type CurriculumLoad = { ok: true; curriculum: Curriculum } | { ok: false; errors: string[] };

export interface ContentSource {
  /** Every scenario: its summary, or its errors when it cannot be played. */
  scenarios(): CatalogEntry[];
  /** One playable scenario, resolved and validated. Rejects for an id that is not playable. */
  loadScenario(id: string): Promise<ScenarioBundle>;
  /** The onboarding path, or why it cannot be used. */
  curriculum(): CurriculumLoad;
}

/** Scenario titles by id, for screens that list attempts. */
export function scenarioTitles(source: Pick<ContentSource, 'scenarios'>): Record<string, string> {
  return Object.fromEntries(
    source.scenarios().flatMap((e) => (e.summary ? [[e.summary.id, e.summary.title]] : [])),
  );
}
