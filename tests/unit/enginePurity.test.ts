import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = new URL('../../src/engine/', import.meta.url).pathname;

/**
 * The runtime plays conversations in the browser, the classroom server and LMS packages, so it carries
 * neither the YAML parser nor the schema library; authoring (loading, validating, analysing) may use both.
 * Type-only imports are erased at build time and allowed anywhere inside the engine.
 */
const ALLOWED: Record<string, Set<string>> = {
  runtime: new Set(['xstate']),
  authoring: new Set(['xstate', 'yaml', 'zod']),
};

const valueImports = (text: string): string[] =>
  [...text.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?from '([^']+)'/gms)].map((m) => m[1] ?? '');

describe.each(Object.keys(ALLOWED))('src/engine/%s stays pure', (part) => {
  const dir = join(ENGINE, part);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const allowed = ALLOWED[part] as Set<string>;

  it.each(files)('%s imports only the engine and its allowed packages', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const spec of valueImports(text)) {
      if (spec.startsWith('./')) continue;
      if (spec.startsWith('../')) {
        // The runtime never reaches into authoring; authoring may use the runtime.
        expect(spec, `${part}/${file} imports "${spec}"`).toMatch(
          part === 'runtime' ? /^$/ : /^\.\.\/runtime\//,
        );
        continue;
      }
      expect(allowed, `${part}/${file} imports "${spec}"`).toContain(spec);
    }
    expect(text, `${file} touches a browser global`).not.toMatch(
      /\b(window|document|localStorage|navigator)\./,
    );
    expect(text, `${file} touches a Node global`).not.toMatch(/\bprocess\.(env|argv|cwd|exit)\b|require\(/);
  });

  it('has no files outside runtime/ and authoring/', () => {
    expect(readdirSync(ENGINE).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });
});
