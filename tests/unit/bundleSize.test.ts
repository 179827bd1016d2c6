/**
 * The first-load budget (docs: architecture, Budgets): application code at most 120 kB gzipped, Phaser in
 * its own chunk and trimmed to at most 195 kB gzipped, scenario content loaded on demand. Builds the production site in memory with the
 * project's own Vite config, so it needs nothing built beforehand. `npm run bench:bundle` prints the
 * same figures in full.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_GZIP_BUDGET,
  type BundleReport,
  bundleReport,
  JOIN_PAGE_GZIP_BUDGET,
  NOT_IN_FIRST_LOAD,
  PHASER_GZIP_BUDGET,
} from '../../scripts/bench/bundleReport';

describe('bundle budget', () => {
  let report: BundleReport;
  beforeAll(async () => {
    report = await bundleReport();
  }, 120_000);

  it('keeps the application code in the first load within 120 kB gzipped', () => {
    const detail = report.app.map((f) => `${f.file} ${f.gzip} B`).join(', ');
    expect(report.app.length, 'no application chunk found').toBeGreaterThan(0);
    expect(report.totals.appGzip, `application chunks: ${detail}`).toBeLessThanOrEqual(APP_GZIP_BUDGET);
  });

  it('puts Phaser in a chunk of its own', () => {
    expect(report.phaser).toHaveLength(1);
    expect(report.app.some((f) => f.file.includes('phaser'))).toBe(false);
  });

  it('ships the trimmed Phaser, within 195 kB gzipped', () => {
    const phaser = report.phaser[0];
    expect(phaser, 'no Phaser chunk').toBeDefined();
    expect(phaser?.gzip, `${phaser?.file}`).toBeLessThanOrEqual(PHASER_GZIP_BUDGET);
  });

  it('loads every scenario on demand, none in the first load', () => {
    expect(report.scenarios.length).toBeGreaterThan(0);
    expect(report.scenariosInFirstLoad).toEqual([]);
    for (const file of report.htmlLoads) {
      expect(report.scenarios.map((s) => s.file)).not.toContain(file);
    }
  });

  it('leaves zod and the saved-progress migrations out of the first load', () => {
    expect(report.firstLoadModules.length, 'no modules found in the first load').toBeGreaterThan(0);
    expect(report.firstLoadModules).toContain('xstate');
    expect(report.firstLoadModules.filter((m) => NOT_IN_FIRST_LOAD.includes(m))).toEqual([]);
    // They are in the build, loaded later (so the check above looks for names the build really uses).
    for (const m of NOT_IN_FIRST_LOAD) expect(report.modulesOnDemand).toContain(m);
  });

  it('keeps the classroom phone page within 80 kB gzipped on first load, without Phaser or the engine', () => {
    const join = report.pages.find((p) => p.html.endsWith('classroom/join.html'));
    expect(join, 'no classroom/join.html in the build').toBeDefined();
    const detail = join?.files.map((f) => `${f.file} ${f.gzip} B`).join(', ');
    expect(join?.gzip, `join page: ${detail}`).toBeLessThanOrEqual(JOIN_PAGE_GZIP_BUDGET);
    // The DOM helpers mark phrases in other languages with the engine's one text module; nothing else of it.
    const engine = (m: string) => m.startsWith('src/engine/') && m !== 'src/engine/runtime/languages.ts';
    expect(join?.modules.filter((m) => m === 'phaser' || m === 'xstate' || engine(m))).toEqual([]);
    expect(join?.modules).toContain('socket.io-client');
  });
});
