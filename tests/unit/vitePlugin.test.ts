import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goodTermsContent } from '../../src/content/vitePlugin';
import { FIXTURES } from './helpers';

const INVALID = new URL('../fixtures/invalid/', import.meta.url).pathname;

function pluginFor(dir: string) {
  const plugin = goodTermsContent(`${dir}/`);
  const call = <T>(hook: unknown, ...args: unknown[]): T =>
    (hook as (...a: unknown[]) => T).call(
      {
        addWatchFile: () => undefined,
        error: (m: string) => {
          throw new Error(m);
        },
      },
      ...args,
    );
  call(plugin.buildStart);
  return {
    load: (id: string) => call<string | undefined>(plugin.load, `\0${id}`),
  };
}

describe('the content plugin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'good-terms-plugin-'));
  for (const f of ['personas.yaml', 'rules.yaml', 'mini.yaml']) copyFileSync(join(FIXTURES, f), join(dir, f));
  copyFileSync(join(INVALID, 'missing-target.yaml'), join(dir, 'missing-target.yaml'));
  const plugin = pluginFor(dir);

  it('lists a broken scenario as unavailable with its diagnostics, and the rest as playable', () => {
    const catalog = plugin.load('virtual:good-terms/catalog') ?? '';
    const entries = JSON.parse(/export const entries = (.*);\n/.exec(catalog)?.[1] ?? '[]');
    expect(
      entries.map((e: { file: string; errors: string[] }) => [
        e.file.replace(/^.*\//, ''),
        e.errors.length > 0,
      ]),
    ).toEqual([
      ['mini.yaml', false],
      ['missing-target.yaml', true],
    ]);
    expect(entries[1].errors[0]).toContain(
      'missing-target.yaml:51:15  greet  "next" goes to unknown "refusde"',
    );
    expect(catalog).toContain('"mini": () => import("virtual:good-terms/scenario/mini")');
  });

  it('serves each playable scenario as its own module with the resolved persona and rules', () => {
    const code = plugin.load('virtual:good-terms/scenario/mini') ?? '';
    const bundle = JSON.parse(code.replace(/^export default /, '').replace(/;\n$/, ''));
    expect(bundle.persona.name).toBe('Sam Rivera');
    expect(Object.keys(bundle.rules)).toEqual(['counter-privacy', 'no-care-deferral']);
  });
});
