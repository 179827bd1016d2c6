/**
 * The trimmed Phaser (src/game/phaser/slim.js) draws every screen exactly as the stock bundle does: the
 * test build (dist-test/, trimmed) and a build with the stock bundle (GOOD_TERMS_STOCK_PHASER=1, made
 * here) show the same canvas, pixel for pixel, on the title, the select screen's preview of every
 * scenario, the opening turn of a scenario in each setting and with each kind of companion, and a debrief.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import { baseUrl, useBrowser } from './helpers';
import { captureScreens } from './screens';

/** One scenario per setting and per kind of companion: every backdrop and every figure drawing. */
function coveringScenarios(): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const load of loadLibrary().scenarios) {
    if (!load.ok) continue;
    const { scenario, persona } = load.bundle;
    const keys = [
      `setting:${scenario.setting}`,
      `companion:${persona.look.companion}`,
      `age:${persona.look.age}`,
    ];
    if (keys.every((k) => seen.has(k))) continue;
    for (const k of keys) seen.add(k);
    ids.push(scenario.id);
  }
  return ids;
}

describe('the trimmed Phaser build', () => {
  const browser = useBrowser();
  let dir = '';
  let stock: PreviewServer | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'good-terms-stock-phaser-'));
    const before = process.env.GOOD_TERMS_STOCK_PHASER;
    process.env.GOOD_TERMS_STOCK_PHASER = '1';
    try {
      await build({
        configLoader: 'runner',
        mode: 'test',
        logLevel: 'warn',
        build: { outDir: dir, emptyOutDir: true },
      });
    } finally {
      if (before === undefined) delete process.env.GOOD_TERMS_STOCK_PHASER;
      else process.env.GOOD_TERMS_STOCK_PHASER = before;
    }
    stock = await preview({
      configLoader: 'runner',
      mode: 'test',
      build: { outDir: dir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
      logLevel: 'warn',
    });
  }, 300_000);

  afterAll(async () => {
    await stock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every screen pixel for pixel as the stock bundle does', async () => {
    const stockUrl = stock?.resolvedUrls?.local[0];
    if (!stockUrl) throw new Error('the stock build is not being served');
    const scenarios = coveringScenarios();
    const trimmed = await captureScreens(browser(), baseUrl(), { scenarios });
    const reference = await captureScreens(browser(), stockUrl, { scenarios });
    expect(trimmed.map((p) => p.name)).toEqual(reference.map((p) => p.name));
    expect(trimmed.length).toBeGreaterThan(scenarios.length * 2);
    const differ = trimmed.filter((p, i) => p.hash !== reference[i]?.hash).map((p) => p.name);
    expect(differ, 'pictures that differ from the stock bundle').toEqual([]);
  }, 600_000);
});
