/**
 * Test builds only (`?library=N` in the URL, see src/main.ts): the shipped scenarios plus generated
 * library cases up to N entries, so the select screen can be tried and tested at the size of a real
 * library. Each case is a shipped scenario under a new id and title, with its setting, level and area
 * varied in a fixed pattern; it plays as the scenario it was made from. Nothing here ships in `dist/`.
 */
import { DOMAINS, SETTINGS } from '../engine/runtime/vocabulary';
import type { CatalogEntry, ContentSource } from './source';

export const GENERATED_PREFIX = 'library-case-';

export function generatedEntries(base: readonly CatalogEntry[], total: number): CatalogEntry[] {
  const playable = base.filter((e) => e.summary);
  const extra = playable.length > 0 ? Math.max(0, total - base.length) : 0;
  return [
    ...base,
    ...Array.from({ length: extra }, (_, k): CatalogEntry => {
      const from = playable[k % playable.length] as CatalogEntry & {
        summary: NonNullable<CatalogEntry['summary']>;
      };
      const id = `${GENERATED_PREFIX}${k + 1}`;
      return {
        id,
        file: from.file,
        errors: [],
        summary: {
          ...from.summary,
          id,
          title: `Library case ${k + 1}: ${from.summary.title}`,
          setting: SETTINGS[k % SETTINGS.length] ?? from.summary.setting,
          difficulty: 1 + (k % 3),
          domain: DOMAINS[k % DOMAINS.length] ?? from.summary.domain,
        },
      };
    }),
  ];
}

export function withGeneratedLibrary(base: ContentSource, total: number): ContentSource {
  const entries = generatedEntries(base.scenarios(), total);
  const playable = base.scenarios().filter((e) => e.summary);
  return {
    scenarios: () => entries,
    async loadScenario(id) {
      if (!id.startsWith(GENERATED_PREFIX)) return base.loadScenario(id);
      const k = Number(id.slice(GENERATED_PREFIX.length)) - 1;
      const from = playable[k % playable.length];
      const entry = entries.find((e) => e.id === id);
      if (!from || !entry?.summary) throw new Error(`scenario "${id}" is not available`);
      const bundle = await base.loadScenario(from.id);
      return { ...bundle, scenario: { ...bundle.scenario, id, title: entry.summary.title } };
    },
    curriculum: () => base.curriculum(),
  };
}
