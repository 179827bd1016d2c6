/**
 * The order the library lists scenarios in: the onboarding path's order (dialogues/curriculum.yaml),
 * grouped by its modules; scenarios outside the path after it in natural id order (s2 before s10);
 * scenarios that cannot be played last.
 */
import type { CatalogEntry, CurriculumLoad } from './source';

export interface LibraryGroup {
  /** The curriculum module's id, or undefined for the scenarios outside the path. */
  id: string | undefined;
  title: string;
  entries: CatalogEntry[];
}

const natural = (a: CatalogEntry, b: CatalogEntry): number =>
  a.id.localeCompare(b.id, 'en', { numeric: true });

export function libraryGroups(entries: readonly CatalogEntry[], curriculum: CurriculumLoad): LibraryGroup[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const placed = new Set<string>();
  const groups: LibraryGroup[] = [];
  if (curriculum.ok) {
    for (const module of curriculum.curriculum.modules) {
      const inModule = module.scenarios.flatMap((id) => {
        const entry = byId.get(id);
        if (!entry?.summary || placed.has(id)) return [];
        placed.add(id);
        return [entry];
      });
      if (inModule.length > 0) groups.push({ id: module.id, title: module.title, entries: inModule });
    }
  }
  const rest = entries.filter((e) => !placed.has(e.id));
  const playable = rest.filter((e) => e.summary).sort(natural);
  const broken = rest.filter((e) => !e.summary).sort(natural);
  if (playable.length + broken.length > 0) {
    groups.push({
      id: undefined,
      title: groups.length > 0 ? 'More scenarios' : 'Scenarios',
      entries: [...playable, ...broken],
    });
  }
  return groups;
}
