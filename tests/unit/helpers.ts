import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/content/library';
import type { ScenarioLoad } from '../../src/engine/authoring/loader';
import type { ConversationView, ScenarioBundle } from '../../src/engine/runtime/types';

export const FIXTURES = new URL('../fixtures/dialogues/', import.meta.url).pathname;

export function loadFrom(dir: string, file: string): ScenarioLoad {
  const load = loadLibrary(dir, [join(dir, file)], dir).scenarios[0];
  if (!load) throw new Error(`nothing loaded from ${file}`);
  return load;
}

export function fixtureBundle(file = 'mini.yaml'): ScenarioBundle {
  const load = loadFrom(FIXTURES, file);
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  return load.bundle;
}

/** Copies the fixture folder, applies `edit` to mini.yaml's text, and loads the result. */
export function loadEditedMini(edit: (text: string) => string): ScenarioLoad {
  const dir = mkdtempSync(join(tmpdir(), 'good-terms-'));
  for (const f of ['personas.yaml', 'rules.yaml']) copyFileSync(join(FIXTURES, f), join(dir, f));
  writeFileSync(join(dir, 'mini.yaml'), edit(readFileSync(join(FIXTURES, 'mini.yaml'), 'utf8')));
  return loadFrom(dir, 'mini.yaml');
}

/** The ids of the replies on offer, in shown order (none once the conversation has ended). */
export function offeredIds(view: ConversationView): string[] {
  return view.status === 'active' ? view.choices.map((c) => c.id) : [];
}

/** The ending's id, or undefined while the conversation goes on. */
export function endingIdOf(view: ConversationView): string | undefined {
  return view.status === 'ended' ? view.ending.id : undefined;
}
