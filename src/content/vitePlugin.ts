/**
 * Serves the dialogues folder to the browser build. Scenarios are validated at build time with the same
 * loader the CLI uses; each becomes its own lazily imported chunk (content loads on demand), and the
 * catalogue module lists every scenario with its summary, or with its errors when it is broken, so a
 * bad file shows up as unavailable instead of breaking the game.
 */
import { basename } from 'node:path';
import type { Plugin } from 'vite';
import { formatDiagnostic, summarize } from '../engine/authoring/loader';
import { loadCurriculumFile, scenarioIdsOf } from './curriculumFile';
import { CURRICULUM_FILE, DIALOGUES_DIR, isScenarioFile, loadLibrary } from './library';

const CATALOG_ID = 'virtual:good-terms/catalog';
const SCENARIO_PREFIX = 'virtual:good-terms/scenario/';
const resolved = (id: string): string => `\0${id}`;

export function goodTermsContent(dir = DIALOGUES_DIR): Plugin {
  let library = loadLibrary(dir);
  const reload = (): void => {
    library = loadLibrary(dir);
  };
  return {
    name: 'good-terms-content',
    buildStart() {
      reload();
      for (const file of [
        'personas.yaml',
        'rules.yaml',
        CURRICULUM_FILE,
        ...library.scenarios.map((s) => basename(s.file)),
      ]) {
        this.addWatchFile(`${dir}${file}`);
      }
    },
    resolveId(id) {
      if (id === CATALOG_ID || id.startsWith(SCENARIO_PREFIX)) return resolved(id);
      return undefined;
    },
    load(id) {
      if (id === resolved(CATALOG_ID)) {
        const entries = library.scenarios.map((s) =>
          s.ok
            ? { id: s.bundle.scenario.id, file: s.file, summary: summarize(s.bundle), errors: [] }
            : {
                id: s.id,
                file: s.file,
                summary: undefined,
                errors: [...library.catalogueDiagnostics, ...s.diagnostics].map(formatDiagnostic),
              },
        );
        const loaders = library.scenarios
          .filter((s) => s.ok)
          .map(
            (s) =>
              `${JSON.stringify(s.ok ? s.bundle.scenario.id : '')}: () => import(${JSON.stringify(SCENARIO_PREFIX + (s.ok ? s.bundle.scenario.id : ''))})`,
          );
        // The onboarding path (src/content/catalog.ts): the parsed curriculum, or its diagnostics.
        const path = loadCurriculumFile(scenarioIdsOf(library), dir);
        const curriculum = {
          curriculum: path.curriculum ?? null,
          errors: path.diagnostics.map(formatDiagnostic),
        };
        return (
          `export const entries = ${JSON.stringify(entries)};\nexport const loaders = {${loaders.join(',\n')}};\n` +
          `export const curriculum = ${JSON.stringify(curriculum)};\n`
        );
      }
      if (id.startsWith(resolved(SCENARIO_PREFIX))) {
        const scenarioId = id.slice(resolved(SCENARIO_PREFIX).length);
        const found = library.scenarios.find((s) => s.ok && s.bundle.scenario.id === scenarioId);
        if (!found?.ok) this.error(`unknown scenario "${scenarioId}"`);
        return `export default ${JSON.stringify(found.bundle)};\n`;
      }
      return undefined;
    },
    handleHotUpdate({ file, server }) {
      if (
        !file.startsWith(dir) ||
        !(isScenarioFile(basename(file)) || /(personas|rules|curriculum)\.yaml$/.test(file))
      )
        return;
      reload();
      for (const mod of server.moduleGraph.idToModuleMap.values()) {
        if (mod.id?.startsWith('\0virtual:good-terms/')) server.moduleGraph.invalidateModule(mod);
      }
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
