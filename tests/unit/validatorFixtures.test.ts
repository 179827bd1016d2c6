import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import { formatDiagnostic } from '../../src/engine/authoring/loader';

/**
 * One fixture per class of authoring mistake; each ends with the exact diagnostics it must produce
 * (`# expect:` lines, first line of each) and, optionally, the hints they must give (`# expect-hint:`).
 */
const DIR = new URL('../fixtures/invalid/', import.meta.url).pathname;
const fixtures = readdirSync(DIR).filter(
  (f) => f.endsWith('.yaml') && f !== 'personas.yaml' && f !== 'rules.yaml',
);

describe('the validator names file, line, column, node and problem', () => {
  it.each(fixtures)('%s', (file) => {
    const expected = [...readFileSync(join(DIR, file), 'utf8').matchAll(/^# expect: (.*)$/gm)].map(
      (m) => m[1],
    );
    expect(expected.length).toBeGreaterThan(0);
    const load = loadLibrary(DIR, [join(DIR, file)], DIR).scenarios[0];
    if (!load || load.ok) throw new Error(`${file} was accepted`);
    const actual = load.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]);
    expect(actual).toEqual(expected);
    for (const d of load.diagnostics)
      if (!d.message.startsWith('YAML syntax')) expect(d.hint, d.message).toBeTruthy();
    const hints = [...readFileSync(join(DIR, file), 'utf8').matchAll(/^# expect-hint: (.*)$/gm)].map(
      (m) => m[1],
    );
    expect(load.diagnostics.map((d) => d.hint)).toEqual(expect.arrayContaining(hints));
  });
});
