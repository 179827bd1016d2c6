/**
 * Ids in content: lower-case words with dashes, never a name every JavaScript object already has
 * (`constructor`, `__proto__`, `toString`...), which an id-keyed lookup would find without the author
 * having written it. Id-keyed records parse into objects without a prototype, so a lookup of such a name
 * finds nothing even where a check was missed.
 */
import { z } from 'zod';

export const RESERVED_IDS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
]);

export function idSchema(example: string) {
  return z
    .string()
    .refine((v) => !RESERVED_IDS.has(v), {
      error: (issue) =>
        `"${String(issue.input)}" is a reserved name (every JavaScript object has it), so it cannot be an id; choose another`,
      abort: true,
    })
    .regex(/^[a-z0-9][a-z0-9-]*$/, `ids are lower-case letters, digits and dashes (like "${example}")`);
}

/** A record keyed by id whose parsed value has no prototype: `record.constructor` is undefined. */
export function dictionary<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
  return z
    .record(key, value)
    .transform((r) => Object.assign(Object.create(null) as Record<string, z.output<V>>, r));
}
