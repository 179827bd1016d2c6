/**
 * The content schema: what a scenario, persona and rule look like on disk (YAML in `dialogues/`).
 * It is the runtime truth; the editor JSON Schema is generated from it, never written by hand.
 */
import { z } from 'zod';
import { LEDGER_FIELDS, LEDGER_KEYS, type LedgerChange, type LedgerField } from '../runtime/ledger';
import { checklistItems, DOMAINS, SETTINGS, TECHNIQUES } from '../runtime/vocabulary';
import { dictionary, idSchema } from './ids';

export * from '../runtime/vocabulary';

const id = idSchema('ask-copay');

const meterValue = z.number().int().min(0).max(100);

/** A condition on the patient's state. All listed parts must hold. */
export const conditionSchema = z
  .object({
    stress: z.object({ gte: meterValue.optional(), lte: meterValue.optional() }).strict().optional(),
    trust: z.object({ gte: meterValue.optional(), lte: meterValue.optional() }).strict().optional(),
    flags: z.array(id).optional().describe('facts that must be set'),
    notFlags: z.array(id).optional().describe('facts that must not be set'),
  })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

/** A choice's `ledger:` block, derived from the one declaration of the ledger (runtime/ledger.ts). */
const ledgerChangeSchema = z
  .object(
    Object.fromEntries(
      LEDGER_KEYS.map((key) => {
        const { type, describe } = LEDGER_FIELDS[key];
        const base =
          type === 'flag'
            ? z.boolean()
            : type === 'money'
              ? z.number().min(0)
              : type === 'months'
                ? z.number().int().min(1).max(480)
                : z.number().int().min(0);
        return [key, base.optional().describe(describe)];
      }),
    ) as unknown as { [K in LedgerField]: z.ZodOptional<z.ZodType<Exclude<LedgerChange[K], undefined>>> },
  )
  .strict();

export type { LedgerChange };

/**
 * Text that can depend on the patient's state, written as a list read from the top: the first entry
 * whose `when` holds is used, so the last entry usually has no `when` (the "otherwise").
 */
const conditionalText = z
  .object({
    when: conditionSchema
      .optional()
      .describe('use this text when the condition holds; leave out for "otherwise"'),
    text: z.string().min(1),
  })
  .strict();

/** Choice feedback and its stronger alternative: plain text, or a list of conditional texts. */
function saidSchema(description: string) {
  return z
    .union([z.string().min(1), z.array(conditionalText).min(1)])
    .describe(`${description}; or a list of { when, text } read from the top, the first that holds is shown`);
}
export type Said = z.infer<ReturnType<typeof saidSchema>>;

/** One thing the patient can say at a node, with an id test plans and the transcript refer to. */
export const lineVariantSchema = z
  .object({
    id,
    when: conditionSchema.optional().describe('say this when the condition holds; leave out for "otherwise"'),
    text: z.string().min(1),
  })
  .strict();
export type LineVariant = z.infer<typeof lineVariantSchema>;

/** Variety on purpose: one of these lines, picked at random by the attempt's seed. */
export const randomLinesSchema = z
  .object({
    pick: z.literal('random').describe('say one of the lines under "from", picked at random'),
    when: conditionSchema.optional().describe('pick from this group when the condition holds'),
    from: z
      .array(
        z
          .object({
            id,
            text: z.string().min(1),
            weight: z
              .number()
              .positive()
              .default(1)
              .describe('how often, relative to the others (default 1)'),
          })
          .strict(),
      )
      .min(2)
      .describe('two or more lines without conditions'),
  })
  .strict();
export type RandomLines = z.infer<typeof randomLinesSchema>;

export const lineSchema = z
  .union([
    z.string().min(1),
    randomLinesSchema,
    z.array(z.union([lineVariantSchema, randomLinesSchema])).min(1),
  ])
  .describe(
    'what the patient says: one line; a "pick: random" group; or a list read from the top, where the first entry whose "when" holds is said',
  );
export type LineDef = z.infer<typeof lineSchema>;

export const choiceSchema = z
  .object({
    id,
    text: z.string().min(1).describe('what the rep says'),
    tags: z.array(z.enum(TECHNIQUES)).default([]),
    effects: z
      .object({
        stress: z.number().int().min(-100).max(100).optional(),
        trust: z.number().int().min(-100).max(100).optional(),
      })
      .strict()
      .default({}),
    ledger: ledgerChangeSchema.optional(),
    set: z.array(id).optional().describe('facts this choice establishes (e.g. "verified")'),
    asks: id
      .optional()
      .describe('the piece of information this choice asks for; asking twice annoys the patient'),
    rules: z.array(id).optional().describe('rule ids this choice breaks (from rules.yaml)'),
    when: conditionSchema.optional().describe('the choice is offered only when this holds'),
    feedback: saidSchema('why this choice helps or hurts, naming the technique or rule'),
    better: saidSchema('a stronger alternative, for weak choices').optional(),
    next: z.union([id, z.array(z.object({ when: conditionSchema.optional(), goto: id }).strict()).min(1)]),
  })
  .strict();
export type ChoiceDef = z.infer<typeof choiceSchema>;

export const nodeSchema = z
  .object({
    line: lineSchema,
    cue: z.string().optional().describe('an emotional cue in this line that the rep should respond to'),
    thought: z.string().optional().describe('what the patient feels but does not say (practice hints)'),
    choices: z.array(choiceSchema).min(1),
  })
  .strict();
export type NodeDef = z.infer<typeof nodeSchema>;

export const endingSchema = z
  .object({
    title: z.string().min(1),
    line: z.string().min(1).describe('the patient\u2019s last words'),
    outcome: z.enum(['good', 'mixed', 'bad']),
    summary: z.string().min(1).describe('what happened, for the debrief'),
  })
  .strict();
export type EndingDef = z.infer<typeof endingSchema>;

export const reactionSchema = z
  .object({
    when: conditionSchema,
    goto: id.describe('a node or an ending'),
    note: z.string().optional().describe('for reviewers: shown by npm run graph, never to trainees'),
  })
  .strict();

/** A seeded variant of the persona: a different mood, or a fact that only comes out when trust is high. */
export const personaVariantSchema = z
  .object({
    id,
    weight: z.number().positive().default(1),
    note: z.string().min(1).describe('what differs in this variant, for authors and the debrief'),
    meters: z
      .object({ stress: meterValue, trust: meterValue })
      .strict()
      .optional()
      .describe('starting meters instead of the persona\u2019s'),
    flags: z
      .array(id)
      .default([])
      .describe('facts true from the start in this variant (conditions can test them)'),
  })
  .strict();

/** Numbers the scenario states, so a test can recompute them (domain.md: numbers must be consistent). */
const estimateSchema = z
  .object({
    allowed: z.number().min(0).describe('contracted or allowed amount for the service'),
    deductibleRemaining: z.number().min(0),
    coinsurance: z.number().min(0).max(1).describe('patient share after the deductible, e.g. 0.2'),
    copay: z.number().min(0).default(0),
    outOfPocketRemaining: z.number().min(0).optional(),
    expected: z.number().min(0).describe('the estimate the scenario shows; must equal the computed figure'),
  })
  .strict();

const householdSchema = z
  .object({
    size: z.number().int().min(1).max(12),
    annualIncome: z.number().min(0),
    guidelineYear: z
      .union([z.literal(2025), z.literal(2026)])
      .describe('HHS poverty guidelines year used (48 contiguous states)'),
    fplPercent: z
      .number()
      .min(0)
      .describe('income as a percentage of the guideline; must match within 1 point'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    id,
    version: z.number().int().min(1),
    title: z.string().min(1),
    summary: z.string().min(1),
    setting: z.enum(SETTINGS),
    domain: z.enum(DOMAINS),
    difficulty: z.number().int().min(1).max(3),
    format: z
      .enum(['full', 'short'])
      .default('full')
      .describe('short scenarios (like S13) need 4+ decisions on the best path instead of 8+'),
    estimatedMinutes: z.number().int().min(1).max(60),
    rulesAsOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-01-01'),
    objectives: z.array(z.string().min(1)).min(1),
    persona: id.describe('a persona id from personas.yaml'),
    variants: z
      .array(personaVariantSchema)
      .default([])
      .describe('persona variants; the seed picks one at the start'),
    account: z
      .object({
        facts: z.array(z.object({ label: z.string(), value: z.string() }).strict()).min(1),
        owed: z.number().min(0).describe('what the patient appropriately owes and could pay or commit to'),
        routable: z
          .number()
          .min(0)
          .default(0)
          .describe('dollars that should go to assistance, coverage or correction'),
        estimate: estimateSchema.optional(),
        household: householdSchema.optional(),
      })
      .strict(),
    checklist: z
      .array(z.enum(checklistItems))
      .min(1)
      .describe('the process steps this conversation should include'),
    targetTurns: z.number().int().min(1).max(60),
    passMark: z.number().int().min(0).max(100).default(80).describe('assessment pass mark'),
    hideMetersInAssessment: z
      .boolean()
      .default(false)
      .describe('hide the stress and trust meters in assessment mode'),
    phrases: z
      .array(
        z
          .object({
            lang: z
              .string()
              .regex(
                /^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|\d{3}))?$/,
                'a language tag like "es", "es-MX" or "zh-Hant"',
              )
              .describe('the BCP 47 language tag of the phrase'),
            text: z.string().min(1).describe('the words exactly as a line, a reply or an ending says them'),
          })
          .strict(),
      )
      .optional()
      .describe(
        'phrases said in another language than English; wherever a line, reply or ending says one, it is marked with its language for screen readers',
      ),
    start: id,
    reactions: z.array(reactionSchema).default([]).describe('checked after every choice, in order'),
    nodes: dictionary(id, nodeSchema),
    endings: dictionary(id, endingSchema),
  })
  .strict();
export type ScenarioDef = z.infer<typeof scenarioSchema>;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are "#rrggbb"');
const hairStyle = z.enum(['short', 'long', 'bun', 'ponytail', 'curly', 'bald', 'cropped']);
const outfit = z
  .enum(['crew', 'vneck', 'collar', 'cardigan', 'tee', 'hoodie', 'hi-vis'])
  .describe(
    'what the top is; left out: a cardigan when elderly, a tee for a child, else crew, vneck or collar',
  );

/** How the portrait draws a persona (src/game/art/portrait: every value here has a drawing there). */
export const lookSchema = z
  .object({
    skin: colour,
    hair: colour,
    hairStyle,
    top: colour.describe('the colour of the top (under a hi-vis vest, the shirt)'),
    eyes: colour.default('#3b2a1e'),
    age: z
      .enum(['child', 'young', 'adult', 'older', 'elderly'])
      .describe('child: about 6 to 12, drawn smaller; young: 18 to 30; older: greying; elderly: grey'),
    build: z.enum(['slim', 'medium', 'broad']).default('medium'),
    outfit: outfit.optional(),
    glasses: z.boolean().default(false),
    beard: z.boolean().default(false),
    companion: z
      .enum(['none', 'toddler', 'child', 'parent', 'spouse'])
      .default('none')
      .describe('someone who came along and stands behind, to the left'),
    companionLook: z
      .object({
        skin: colour,
        hair: colour,
        hairStyle,
        top: colour,
        eyes: colour,
        outfit,
        glasses: z.boolean(),
      })
      .partial()
      .strict()
      .optional()
      .describe('how the companion looks; anything left out follows from the persona\u2019s look'),
  })
  .strict();

export const personaSchema = z
  .object({
    name: z.string().min(1),
    age: z.number().int().min(0).max(120),
    pronoun: z.enum(['she', 'he', 'they']),
    summary: z.string().min(1),
    traits: z
      .object({
        anxiety: z.number().min(0).max(1).describe('how hard stress lands'),
        skepticism: z.number().min(0).max(1).describe('how slowly trust is earned'),
        pride: z.number().min(0).max(1).describe('how much judgment or pressure stings'),
        literacy: z
          .number()
          .min(0)
          .max(1)
          .describe('financial and health literacy: jargon costs more when low'),
      })
      .strict(),
    meters: z.object({ stress: meterValue, trust: meterValue }).strict(),
    look: lookSchema,
  })
  .strict();
export type PersonaDef = z.infer<typeof personaSchema>;

export const personasFileSchema = z
  .object({ $schema: z.string().optional(), personas: dictionary(id, personaSchema) })
  .strict();

export const ruleSchema = z
  .object({
    statement: z.string().min(1),
    severity: z.enum(['hard-fail', 'warning']),
    source: z.string().min(1),
  })
  .strict();
export type RuleDef = z.infer<typeof ruleSchema>;
export const rulesFileSchema = z
  .object({ $schema: z.string().optional(), rules: dictionary(id, ruleSchema) })
  .strict();
