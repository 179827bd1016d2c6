/**
 * tsx scripts/bench/capture.ts <outDir> [--compare <hashes.json>] [--only id,id]
 * Captures every canvas picture of the test build in dist-test/ (tests/browser/screens.ts: the title,
 * each scenario's preview and opening turn, a debrief) as PNGs plus hashes.json, and with --compare lists
 * the pictures that differ from an earlier capture: proof that a refactor of the art changed no pixel.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';
import { launchChromium } from '../../tests/browser/chromium';
import { captureScreens } from '../../tests/browser/screens';

const argv = process.argv.slice(2);
const outDir = argv[0];
if (!outDir || outDir.startsWith('--'))
  throw new Error('usage: capture.ts <outDir> [--compare <hashes.json>]');
const compareAt = argv.indexOf('--compare');
const compareFile = compareAt >= 0 ? argv[compareAt + 1] : undefined;
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : undefined;
if (!existsSync('dist-test/index.html')) throw new Error('run `vite build --mode test` first');

mkdirSync(outDir, { recursive: true });
const server = await preview({
  configLoader: 'runner',
  mode: 'test',
  build: { outDir: 'dist-test' },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview did not report a URL');
const browser = await launchChromium();
try {
  const pictures = await captureScreens(browser, url, { png: true, scenarios: only });
  const hashes: Record<string, string> = {};
  for (const p of pictures) {
    hashes[p.name] = p.hash;
    if (p.png) writeFileSync(join(outDir, `${p.name}.png`), Buffer.from(p.png.split(',')[1] ?? '', 'base64'));
  }
  writeFileSync(join(outDir, 'hashes.json'), `${JSON.stringify(hashes, null, 2)}\n`);
  console.log(`captured ${pictures.length} pictures into ${outDir}`);
  if (compareFile) {
    const before = JSON.parse(readFileSync(compareFile, 'utf8')) as Record<string, string>;
    const differ = Object.keys({ ...before, ...hashes }).filter((k) => before[k] !== hashes[k]);
    console.log(
      differ.length === 0
        ? `identical to ${compareFile}`
        : `${differ.length} of ${pictures.length} differ from ${compareFile}: ${differ.join(', ')}`,
    );
    if (differ.length > 0) process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
