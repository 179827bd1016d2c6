/** Curriculum YAML to a checked curriculum, with located diagnostics (build time and CLI). */

import { type Curriculum, curriculumSchema } from '../engine/authoring/curriculumSchema';
import { type Diagnostic, parseContentFile } from '../engine/authoring/loader';

/**
 * Parses curriculum YAML with located diagnostics, then checks what the schema cannot: every scenario id
 * exists (`scenarioIds`), and no module id or scenario is listed twice.
 */
export function parseCurriculum(
  file: string,
  text: string,
  scenarioIds: readonly string[],
): { curriculum: Curriculum | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseContentFile(file, text, curriculumSchema);
  if (!parsed.value) return { curriculum: undefined, diagnostics: parsed.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const known = new Set(scenarioIds);
  const moduleIds = new Set<string>();
  const placed = new Map<string, string>();
  parsed.value.modules.forEach((module, m) => {
    const here = (path: (string | number)[], message: string, hint?: string): void => {
      diagnostics.push({ ...parsed.at(['modules', m, ...path], message, hint), node: module.id });
    };
    if (moduleIds.has(module.id))
      here(['id'], `module id "${module.id}" is used twice`, 'module ids must be unique');
    moduleIds.add(module.id);
    module.scenarios.forEach((scenarioId, s) => {
      if (!known.has(scenarioId)) {
        here(
          ['scenarios', s],
          `unknown scenario "${scenarioId}"`,
          `scenario ids are the dialogues/*.yaml file names without .yaml, e.g. ${[...known].slice(0, 2).join(', ')}`,
        );
      }
      const other = placed.get(scenarioId);
      if (other) here(['scenarios', s], `scenario "${scenarioId}" is already in module "${other}"`);
      placed.set(scenarioId, module.id);
    });
  });
  return { curriculum: diagnostics.length === 0 ? parsed.value : undefined, diagnostics };
}
