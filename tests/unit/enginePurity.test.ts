import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = new URL('../../src/engine/', import.meta.url).pathname;
const ALLOWED = new Set(['xstate', 'yaml', 'zod']);

describe('src/engine stays pure', () => {
  const files = readdirSync(ENGINE).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only the engine and its allowed packages', (file) => {
    const text = readFileSync(join(ENGINE, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    for (const spec of imports) {
      if (spec.startsWith('./')) continue;
      expect(ALLOWED, `${file} imports "${spec}"`).toContain(spec);
    }
    expect(text, `${file} touches a browser global`).not.toMatch(
      /\b(window|document|localStorage|navigator)\./,
    );
    expect(text, `${file} touches a Node global`).not.toMatch(/\bprocess\.(env|argv|cwd|exit)\b|require\(/);
  });
});
