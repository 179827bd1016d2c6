/**
 * The content source over dialogues/ on disk (Node): what the CLI, the classroom server and the Vite
 * plugin read. Loads and validates everything once; `reload()` picks up edits.
 */
import { formatDiagnostic, summarize } from '../engine/authoring/loader';
import type { ScenarioBundle } from '../engine/runtime/types';
import { loadCurriculumFile, scenarioIdsOf } from './curriculumFile';
import { DIALOGUES_DIR, type Library, loadLibrary } from './library';
import type { CatalogEntry, ContentSource, CurriculumLoad } from './source';

export interface FileContentSource extends ContentSource {
  /** The validated library behind this source (diagnostics included), for authoring tools. */
  readonly library: Library;
  /** A playable scenario, synchronously (Node callers need not await). */
  bundle(id: string): ScenarioBundle | undefined;
  reload(): void;
}

export function fileContentSource(dir = DIALOGUES_DIR): FileContentSource {
  let library = loadLibrary(dir);
  let entries: CatalogEntry[] = [];
  let curriculum: CurriculumLoad = { ok: false, errors: [] };
  let bundles = new Map<string, ScenarioBundle>();
  const build = (): void => {
    entries = library.scenarios.map((s) =>
      s.ok
        ? { id: s.bundle.scenario.id, file: s.file, summary: summarize(s.bundle), errors: [] }
        : {
            id: s.id,
            file: s.file,
            summary: undefined,
            errors: [...library.catalogueDiagnostics, ...s.diagnostics].map(formatDiagnostic),
          },
    );
    bundles = new Map(library.scenarios.flatMap((s) => (s.ok ? [[s.bundle.scenario.id, s.bundle]] : [])));
    const path = loadCurriculumFile(scenarioIdsOf(library), dir);
    curriculum = path.curriculum
      ? { ok: true, curriculum: path.curriculum }
      : { ok: false, errors: path.diagnostics.map(formatDiagnostic) };
  };
  build();
  return {
    get library() {
      return library;
    },
    scenarios: () => entries,
    bundle: (id) => bundles.get(id),
    async loadScenario(id) {
      const found = bundles.get(id);
      if (!found) throw new Error(`scenario "${id}" is not available`);
      return found;
    },
    curriculum: () => curriculum,
    reload() {
      library = loadLibrary(dir);
      build();
    },
  };
}
