/**
 * The browser's view of the content: every scenario's summary and the onboarding path up front, each
 * scenario's data on demand.
 */
import { entries, loaders, curriculum as shippedCurriculum } from 'virtual:good-terms/catalog';
import type { Curriculum } from '../engine/authoring/curriculumSchema';
import type { ScenarioBundle, ScenarioSummary } from '../engine/runtime/types';

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

export type CurriculumLoad = { ok: true; curriculum: Curriculum } | { ok: false; errors: string[] };

let curriculumLoad: CurriculumLoad | undefined;

/**
 * The onboarding path, parsed and checked at build time by the content plugin. The browser only checks
 * its shape (a stale or hand-edited build reports an error instead of handing a screen a malformed
 * object), so the schema library stays out of the first load. Checked once per page.
 */
export function loadCurriculum(): CurriculumLoad {
  curriculumLoad ??= checkCurriculum(shippedCurriculum);
  return curriculumLoad;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function checkCurriculum(shipped: unknown): CurriculumLoad {
  const { curriculum, errors } = (shipped ?? {}) as { curriculum?: unknown; errors?: string[] };
  if (errors && errors.length > 0) return { ok: false, errors };
  const c = curriculum as Partial<Curriculum> | null | undefined;
  const wellFormed =
    isString(c?.title) &&
    Array.isArray(c.modules) &&
    c.modules.length > 0 &&
    c.modules.every(
      (m) =>
        isString(m?.id) &&
        isString(m.title) &&
        isString(m.description) &&
        Array.isArray(m.scenarios) &&
        m.scenarios.length > 0 &&
        m.scenarios.every(isString) &&
        (m.passMark === undefined || (Number.isInteger(m.passMark) && m.passMark >= 0 && m.passMark <= 100)),
    );
  if (!wellFormed) return { ok: false, errors: ['the curriculum in this build is missing or malformed'] };
  return { ok: true, curriculum: c as Curriculum };
}
