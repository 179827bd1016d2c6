/**
 * Serves the dialogues folder to the browser build. Scenarios are validated at build time with the same
 * loader the CLI uses; each becomes its own lazily imported chunk (content loads on demand), and the
 * catalogue module lists every scenario with its summary, or with its errors when it is broken, so a
 * bad file shows up as unavailable instead of breaking the game.
 */
import { basename } from 'node:path';
import type { Plugin } from 'vite';
import { fileContentSource } from './fileSource';
import { CURRICULUM_FILE, DIALOGUES_DIR, isScenarioFile } from './library';

const CATALOG_ID = 'virtual:good-terms/catalog';
const SCENARIO_PREFIX = 'virtual:good-terms/scenario/';
const resolved = (id: string): string => `\0${id}`;

export function goodTermsContent(dir = DIALOGUES_DIR): Plugin {
  const content = fileContentSource(dir);
  const reload = (): void => content.reload();
  return {
    name: 'good-terms-content',
    buildStart() {
      reload();
      for (const file of [
        'personas.yaml',
        'rules.yaml',
        CURRICULUM_FILE,
        ...content.scenarios().map((s) => basename(s.file)),
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
        const entries = content.scenarios();
        const loaders = entries
          .filter((e) => e.summary)
          .map((e) => `${JSON.stringify(e.id)}: () => import(${JSON.stringify(SCENARIO_PREFIX + e.id)})`);
        // The onboarding path (src/content/catalog.ts): the parsed curriculum, or its diagnostics.
        const path = content.curriculum();
        const curriculum = path.ok
          ? { curriculum: path.curriculum, errors: [] }
          : { curriculum: null, errors: path.errors };
        return (
          `export const entries = ${JSON.stringify(entries)};\nexport const loaders = {${loaders.join(',\n')}};\n` +
          `export const curriculum = ${JSON.stringify(curriculum)};\n`
        );
      }
      if (id.startsWith(resolved(SCENARIO_PREFIX))) {
        const scenarioId = id.slice(resolved(SCENARIO_PREFIX).length);
        const found = content.bundle(scenarioId);
        if (!found) this.error(`unknown scenario "${scenarioId}"`);
        return `export default ${JSON.stringify(found)};\n`;
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
