/**
 * Content hashing that gives the same answer in Node and the browser without crypto APIs:
 * FNV-1a (64-bit, two 32-bit halves) over a canonical JSON form with sorted keys.
 *
 * A bundle's hash covers its structure, not its words: ids, effects, tags, conditions, routes, ledger
 * changes, rules' severities, persona traits and meters. Rewording a line, translating a scenario or
 * correcting a citation keeps every save and replay code valid; changing what a choice does does not.
 */

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 24), 0x01000193) >>> 0;
  }
  return h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
}

function hashContent(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}

/** Keys whose values are words for people: they never change what a conversation does. */
const TEXT_KEYS = new Set([
  'title',
  'summary',
  'objectives',
  'facts',
  'text',
  'thought',
  'feedback',
  'better',
  'note',
  'statement',
  'source',
  'name',
  'pronoun',
  'look',
  'phrases',
  '$schema',
]);

/** The value with every word for people removed; a line or cue keeps only the fact that it exists. */
export function structureOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structureOf);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (TEXT_KEYS.has(key)) continue;
    // A node's single line, an ending's last words, a cue's label: present or not is all that matters.
    out[key] = (key === 'line' || key === 'cue') && typeof v === 'string' ? true : structureOf(v);
  }
  return out;
}

export function hashStructure(value: unknown): string {
  return hashContent(structureOf(value));
}
