/**
 * JSON Schemas for authors' editors, generated from the runtime schema so they can never drift.
 * `npm run schema` writes them to dialogues/schema/; a unit test fails when the files are stale.
 */
import { z } from 'zod';
import { personasFileSchema, rulesFileSchema, scenarioSchema } from './schema';
import { testPlanFileSchema } from './testPlan';

export const EDITOR_SCHEMAS = {
  'scenario.schema.json': { title: 'Good Terms scenario', schema: scenarioSchema },
  'personas.schema.json': { title: 'Good Terms personas catalogue', schema: personasFileSchema },
  'rules.schema.json': { title: 'Good Terms rules catalogue', schema: rulesFileSchema },
  'testplan.schema.json': { title: 'Good Terms scenario test plan', schema: testPlanFileSchema },
} as const;

export function editorSchemaText(name: keyof typeof EDITOR_SCHEMAS): string {
  const { title, schema } = EDITOR_SCHEMAS[name];
  // "input" describes what authors write: fields with defaults are optional there.
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}
