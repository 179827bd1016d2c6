/**
 * The browser's curriculum: parsed and checked at build time by the content plugin, shipped in the
 * catalogue module (first load). Re-checked against the schema here so a stale or hand-edited build
 * reports an error instead of handing the progress screen a malformed object.
 */
import { curriculum as shipped } from 'virtual:good-terms/catalog';
import { type Curriculum, curriculumSchema } from './curriculum';

export type CurriculumLoad = { ok: true; curriculum: Curriculum } | { ok: false; errors: string[] };

let loaded: CurriculumLoad | undefined;

/** Checked once per page: the shipped curriculum cannot change while the page is open. */
export function loadCurriculum(): CurriculumLoad {
  loaded ??= check();
  return loaded;
}

function check(): CurriculumLoad {
  const { curriculum, errors } = (shipped ?? {}) as { curriculum?: unknown; errors?: string[] };
  if (errors && errors.length > 0) return { ok: false, errors };
  const parsed = curriculumSchema.safeParse(curriculum);
  if (!parsed.success) return { ok: false, errors: ['the curriculum in this build is missing or malformed'] };
  return { ok: true, curriculum: parsed.data };
}
