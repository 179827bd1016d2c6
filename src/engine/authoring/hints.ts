/**
 * Hints for schema problems, in an author's terms: the nearest valid value or field name ("did you mean
 * `pressure`?"), and the real range of a number instead of a guess.
 */
import type { z } from 'zod';

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The closest candidate, when it is close enough to be a likely typo (case-insensitive). */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(w, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return best && best.distance <= allowed && best.distance < word.length ? best.candidate : undefined;
}

/** "did you mean `x`? " or nothing. */
export const didYouMean = (word: string, candidates: Iterable<string>): string => {
  const match = nearest(word, candidates);
  return match ? `did you mean "${match}"? ` : '';
};

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  valueType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  in?: { _zod: { def: Def } };
}

const fieldCache = new WeakMap<z.ZodType, Set<string>>();

/** Every field name any object in the schema allows (for "did you mean" on an unknown field). */
export function fieldNames(schema: z.ZodType): Set<string> {
  const cached = fieldCache.get(schema);
  if (cached) return cached;
  const names = new Set<string>();
  const seen = new Set<Def>();
  const walk = (def: Def | undefined): void => {
    if (!def || seen.has(def)) return;
    seen.add(def);
    for (const [key, child] of Object.entries(def.shape ?? {})) {
      names.add(key);
      walk(child._zod.def);
    }
    for (const inner of [def.innerType, def.element, def.valueType, def.in]) walk(inner?._zod.def);
    for (const option of def.options ?? []) walk(option._zod.def);
  };
  walk((schema as unknown as { _zod: { def: Def } })._zod.def);
  fieldCache.set(schema, names);
  return names;
}

/** The value at a path in parsed YAML data. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let here = data;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

const METER_FIELDS = new Set(['stress', 'trust', 'gte', 'lte']);

/** The problem itself: zod's words, except a long list of allowed values, which the hint points to. */
export function schemaMessage(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_value' && issue.values.length > 12)
    return `${JSON.stringify(valueAt(data, issue.path))} is not an allowed value`;
  return issue.message;
}

/** A hint for one schema problem, given the data it was found in and the schema's field names. */
export function schemaHint(
  issue: z.core.$ZodIssue,
  data: unknown,
  fields: ReadonlySet<string>,
): string | undefined {
  const field = String(issue.path.at(-1) ?? '');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      if (key === 'weight' && issue.path.includes('line'))
        return 'lines are read from the top; "weight" belongs to the lines of a "pick: random" group (see "Lines and feedback that depend on the conversation" in dialogues/README.md)';
      const suggestions = issue.keys.map((k) => didYouMean(k, fields)).filter(Boolean);
      return `${suggestions.join('')}remove or rename ${issue.keys.map((k) => `"${k}"`).join(', ')}; dialogues/schema/*.schema.json lists the allowed fields`;
    }
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? 'this field is required'
        : `write a ${issue.expected} here`;
    case 'invalid_value': {
      const given = valueAt(data, issue.path);
      const values = issue.values.map(String);
      const guess = typeof given === 'string' ? didYouMean(given, values) : '';
      const list =
        values.length <= 12
          ? `allowed: ${values.join(', ')}`
          : 'the full list with one-line definitions is under "Tags" in dialogues/README.md';
      return `${guess}${list}`;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const atLeast = issue.code === 'too_small';
      if (issue.origin === 'array')
        return atLeast ? `list at least ${bound} item(s) here` : `list at most ${bound} item(s) here`;
      if (issue.origin === 'string')
        return atLeast
          ? 'write some text here; it cannot be empty'
          : `keep this to ${bound} characters or fewer`;
      const range = issue.path.includes('effects')
        ? ' (effects move a meter by -100 to 100)'
        : issue.path.some((p) => METER_FIELDS.has(String(p)))
          ? ' (meters run from 0 to 100)'
          : '';
      return `${field || 'this number'} must be ${atLeast ? 'at least' : 'at most'} ${bound}${range}`;
    }
    default:
      return undefined;
  }
}
