/**
 * Reads dialogues/curriculum.yaml from disk (Node only: the Vite plugin and `npm run validate`), checked
 * against the scenarios the library found. The browser gets the result through the catalogue module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../engine/authoring/loader';
import type { Curriculum } from '../progress/curriculum';
import { parseCurriculum } from './curriculumParse';
import { CURRICULUM_FILE, DIALOGUES_DIR, type Library } from './library';

/** Every scenario id the library knows, playable or not (a broken scenario is reported on its own file). */
export function scenarioIdsOf(library: Library): string[] {
  return library.scenarios.map((s) => (s.ok ? s.bundle.scenario.id : s.id));
}

export function loadCurriculumFile(
  scenarioIds: readonly string[],
  dir = DIALOGUES_DIR,
  root = process.cwd(),
): { curriculum: Curriculum | undefined; diagnostics: Diagnostic[] } {
  const path = join(dir, CURRICULUM_FILE);
  const file = relative(root, path) || path;
  if (!existsSync(path)) {
    return {
      curriculum: undefined,
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          node: undefined,
          message: `${CURRICULUM_FILE} is missing`,
          hint: 'the onboarding path lists its modules and scenarios there',
        },
      ],
    };
  }
  return parseCurriculum(file, readFileSync(path, 'utf8'), scenarioIds);
}
