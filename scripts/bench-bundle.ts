/**
 * npm run bench:bundle [-- --compare <results.json>]
 * Builds the production site into dist/ (the same as `npm run build`) and prints raw and gzipped sizes of
 * the Phaser chunk, the application chunk(s) and each scenario's content chunk, with the budget verdicts:
 * application code at most 120 kB gzipped, the trimmed Phaser at most 195 kB gzipped (against the stock
 * bundle, node_modules/phaser/dist/phaser.esm.min.js), and no scenario content in the first load.
 * Prints figures; tests/unit/bundleSize.test.ts enforces the same budgets.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  APP_GZIP_BUDGET,
  bundleReport,
  type FileSize,
  JOIN_PAGE_GZIP_BUDGET,
  PHASER_GZIP_BUDGET,
} from './bench/bundleReport';
import { compareArg, printComparison, writeSection } from './bench/results';

const compare = compareArg();
const report = await bundleReport({ outDir: 'dist' });

const kb = (n: number): string => `${(n / 1000).toFixed(1)} kB`;
const row = (label: string, s: Pick<FileSize, 'raw' | 'gzip'>): void =>
  console.log(`${label.padEnd(48)} ${kb(s.raw).padStart(11)} ${kb(s.gzip).padStart(11)}`);
const total = (xs: FileSize[]) => ({
  raw: xs.reduce((n, x) => n + x.raw, 0),
  gzip: xs.reduce((n, x) => n + x.gzip, 0),
});

console.log('Bundle sizes (production build in dist/; gzip at zlib default level)\n');
console.log(`${'file'.padEnd(48)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
console.log('first load');
row('  index.html', report.html);
for (const f of report.phaser) row(`  ${f.file} (Phaser)`, f);
for (const f of report.app) row(`  ${f.file} (application)`, f);
for (const f of report.css) row(`  ${f.file}`, f);
row('  total', { raw: report.totals.firstLoadRaw, gzip: report.totals.firstLoadGzip });
console.log('on demand (one chunk per scenario)');
for (const s of report.scenarios) row(`  ${s.id}`, s);
row('  all scenarios', total(report.scenarios));
for (const f of report.lazyOther) row(`  ${f.file} (other lazy chunk)`, f);

console.log(
  '\nlargest modules in the application chunk(s) (bytes as rendered into the chunk, before minification)',
);
for (const m of report.topModules) console.log(`  ${m.module.padEnd(46)} ${kb(m.bytes).padStart(11)}`);

console.log('\nclassroom pages, first load (HTML, scripts and styles)');
for (const page of report.pages)
  row(`  ${page.html}`, { raw: page.files.reduce((n, f) => n + f.raw, 0), gzip: page.gzip });

const appOk = report.totals.appGzip <= APP_GZIP_BUDGET;
const joinGzip = report.pages.find((p) => p.html.endsWith('join.html'))?.gzip ?? Number.POSITIVE_INFINITY;
const joinOk = joinGzip <= JOIN_PAGE_GZIP_BUDGET;
const phaserGzip = report.phaser.reduce((n, f) => n + f.gzip, 0);
const stockGzip = gzipSync(readFileSync('node_modules/phaser/dist/phaser.esm.min.js')).length;
const phaserOk = phaserGzip <= PHASER_GZIP_BUDGET;
const lazyOk = report.scenariosInFirstLoad.length === 0;
console.log('\nbudgets');
console.log(
  `  application code ${kb(report.totals.appGzip)} gzipped, budget ${kb(APP_GZIP_BUDGET)} (${((100 * report.totals.appGzip) / APP_GZIP_BUDGET).toFixed(0)}%): ${appOk ? 'PASS' : 'FAIL'}`,
);
console.log(
  `  Phaser (trimmed) ${kb(phaserGzip)} gzipped, budget ${kb(PHASER_GZIP_BUDGET)}; the stock bundle is ${kb(stockGzip)} (${(100 * (1 - phaserGzip / stockGzip)).toFixed(0)}% smaller, target at least 45%): ${phaserOk ? 'PASS' : 'FAIL'}`,
);
console.log(
  `  scenario content on demand, none in the first load: ${lazyOk ? 'PASS' : `FAIL (${report.scenariosInFirstLoad.join(', ')})`}`,
);
console.log(
  `  classroom phone page ${kb(joinGzip)} gzipped, budget ${kb(JOIN_PAGE_GZIP_BUDGET)}: ${joinOk ? 'PASS' : 'FAIL'}`,
);

const file = writeSection('bundle', {
  phaserGzip,
  stockPhaserGzip: stockGzip,
  phaserRaw: report.phaser.reduce((n, f) => n + f.raw, 0),
  appGzip: report.totals.appGzip,
  appRaw: report.totals.appRaw,
  firstLoadGzip: report.totals.firstLoadGzip,
  firstLoadRaw: report.totals.firstLoadRaw,
  scenariosGzip: total(report.scenarios).gzip,
  scenariosRaw: total(report.scenarios).raw,
  scenarios: Object.fromEntries(report.scenarios.map((s) => [s.id, { raw: s.raw, gzip: s.gzip }])),
  budgets: {
    appGzip: APP_GZIP_BUDGET,
    appOk,
    phaserGzip: PHASER_GZIP_BUDGET,
    phaserOk,
    joinGzip: JOIN_PAGE_GZIP_BUDGET,
    joinOk,
    lazyOk,
  },
});
console.log(`\nwrote ${file}`);
if (compare) printComparison(compare, ['bundle']);
