/** The browser's view of the content: every scenario's summary up front, each scenario's data on demand. */
import { entries, loaders } from 'virtual:good-terms/catalog';
import type { ScenarioBundle, ScenarioSummary } from '../engine/types';

export interface CatalogEntry {
  id: string;
  file: string;
  summary: ScenarioSummary | undefined;
  /** Formatted diagnostics (file:line:column  node  message) when the scenario cannot be played. */
  errors: string[];
}

export function listScenarios(): CatalogEntry[] {
  return entries as CatalogEntry[];
}

export async function loadScenario(id: string): Promise<ScenarioBundle> {
  const load = loaders[id];
  if (!load) throw new Error(`scenario "${id}" is not available`);
  return (await load()).default as ScenarioBundle;
}
