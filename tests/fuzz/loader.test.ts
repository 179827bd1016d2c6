/**
 * Fuzz: the YAML loader against random mutations of the real scenarios. Whatever an author (or a bad
 * merge) does to a file, loading gives a playable bundle or located diagnostics: never an exception, never
 * a diagnostic pointing outside the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALOGUES_DIR, scenarioFiles } from '../../src/content/library';
import { loadScenarioFile, parseCatalogues } from '../../src/engine/authoring/loader';

const read = (name: string) => ({
  path: `dialogues/${name}`,
  text: readFileSync(join(DIALOGUES_DIR, name), 'utf8'),
});
const { catalogues } = parseCatalogues(read('personas.yaml'), read('rules.yaml'));
const sources = scenarioFiles().map((file) => read(file.replace(/^.*\//, '')));

/** Edits a line-based YAML text the way people and tools break files. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
  fc.record({
    kind: fc.constant('value' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '~',
        '[]',
        '{}',
        '-1',
        '1e309',
        'constructor',
        '__proto__',
        '*alias',
        '&anchor x',
        '!!binary x',
        '"',
      ),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, edits: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of edits) {
    const i = m.at % Math.max(lines.length, 1);
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (m.kind === 'swap') {
      const j = m.with % Math.max(lines.length, 1);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    } else if (m.kind === 'indent')
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + (lines[i] ?? '') : (lines[i] ?? '').slice(-m.by);
    else if (m.kind === 'insert') lines.splice(i, 0, m.text);
    else if (m.kind === 'value') lines[i] = (lines[i] ?? '').replace(/:\s.*$/, `: ${m.value}`);
    else lines = lines.slice(0, i);
  }
  return lines.join('\n');
}

describe('the scenario loader under random edits', () => {
  it('always returns a bundle or diagnostics inside the file, and never throws', () => {
    if (!catalogues) throw new Error('the shipped catalogues do not load');
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (source, edits) => {
          const text = apply(source.text, edits);
          const lineCount = text.split('\n').length;
          const result = loadScenarioFile({ path: source.path, text }, catalogues);
          if (result.ok) return;
          expect(result.diagnostics.length).toBeGreaterThan(0);
          for (const d of result.diagnostics) {
            expect(d.file).toBe(source.path);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lineCount + 1);
            expect(d.message.length).toBeGreaterThan(0);
          }
        },
      ),
      // Each run validates a whole scenario (with its analysis checks): enough variety, bounded time.
      { numRuns: 120 },
    );
  });
});
