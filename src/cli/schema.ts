/** npm run schema: regenerates dialogues/schema/*.schema.json from the runtime schema. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALOGUES_DIR } from '../content/library';
import { EDITOR_SCHEMAS, editorSchemaText } from '../engine/authoring/jsonSchema';

const dir = join(DIALOGUES_DIR, 'schema');
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(EDITOR_SCHEMAS) as (keyof typeof EDITOR_SCHEMAS)[]) {
  writeFileSync(join(dir, name), editorSchemaText(name));
  console.log(`wrote dialogues/schema/${name}`);
}
