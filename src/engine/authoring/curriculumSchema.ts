/** The onboarding path's file format (dialogues/curriculum.yaml): ordered modules of scenario ids. */
import { z } from 'zod';
import { idSchema } from './ids';

const id = idSchema('foundations');

export const curriculumModuleSchema = z
  .object({
    id,
    title: z.string().min(1),
    description: z.string().min(1),
    scenarios: z.array(id).min(1).describe('scenario ids, in the order a trainee should play them'),
    passMark: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('overrides each scenario\u2019s own pass mark for mastery of this module'),
  })
  .strict();

export const curriculumSchema = z
  .object({
    $schema: z.string().optional(),
    title: z.string().min(1),
    modules: z.array(curriculumModuleSchema).min(1),
  })
  .strict();

export type Curriculum = z.infer<typeof curriculumSchema>;
export type CurriculumModule = z.infer<typeof curriculumModuleSchema>;
