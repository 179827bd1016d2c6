/**
 * The browser's content source: every scenario's summary and the onboarding path in the first load (the
 * catalogue module the Vite plugin writes), each scenario's data on demand.
 */
import { entries, loaders, curriculum as shippedCurriculum } from 'virtual:good-terms/catalog';
import type { Curriculum } from '../engine/authoring/curriculumSchema';
import type { ScenarioBundle } from '../engine/runtime/types';
import type { CatalogEntry, ContentSource, CurriculumLoad } from './source';

let curriculumLoad: CurriculumLoad | undefined;

/**
 * The content the Vite plugin validated at build time. The onboarding path is only checked for shape
 * here (a stale or hand-edited build reports an error instead of handing a screen a malformed object),
 * so the schema library stays out of the first load; it is checked once per page.
 */
export const bundledContent: ContentSource = {
  scenarios: () => entries as CatalogEntry[],
  async loadScenario(id) {
    const load = loaders[id];
    if (!load) throw new Error(`scenario "${id}" is not available`);
    return (await load()).default as ScenarioBundle;
  },
  curriculum() {
    curriculumLoad ??= checkCurriculum(shippedCurriculum);
    return curriculumLoad;
  },
};

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
