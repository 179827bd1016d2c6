/**
 * tsx scripts/bench/portraits.ts <outDir> [--personas] [--expressions calm,distressed] [--zoom]
 * Screenshots portraits for review: the looks the new personas need (a 9-year-old with a parent, a
 * 67-year-old with a spouse, a young adult, a warehouse worker in a hi-vis vest) and, with --personas,
 * every persona in dialogues/personas.yaml, each in its setting and in the given expressions.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { loadLibrary } from '../../src/content/library';
import { lookSchema, type Setting } from '../../src/engine/authoring/schema';
import type { Expression } from '../../src/engine/runtime/expression';
import { launchChromium } from '../../tests/browser/chromium';
import type { PortraitRequest } from './portraits/main';

const argv = process.argv.slice(2);
const outDir = argv[0];
if (!outDir || outDir.startsWith('--')) throw new Error('usage: portraits.ts <outDir> [--personas]');
const exprAt = argv.indexOf('--expressions');
const zoom = argv.includes('--zoom');
const expressions = (exprAt >= 0 ? (argv[exprAt + 1] ?? '') : 'calm,distressed').split(',') as Expression[];

/** Looks for the personas issue 20's scenarios need (the scenarios' authors will settle the final ones). */
const SAMPLES: { name: string; setting: Setting; look: unknown }[] = [
  {
    name: 'child-9-with-parent',
    setting: 'front-desk',
    look: {
      skin: '#d9a47e',
      hair: '#6b4226',
      hairStyle: 'ponytail',
      top: '#e8644a',
      age: 'child',
      build: 'slim',
      companion: 'parent',
      companionLook: { hair: '#3a2516', hairStyle: 'long', top: '#4f6d8a' },
    },
  },
  {
    name: 'child-9-boy-with-parent',
    setting: 'counselor-office',
    look: {
      skin: '#8d5a3b',
      hair: '#1b120c',
      hairStyle: 'cropped',
      top: '#3d8bd4',
      age: 'child',
      build: 'slim',
      outfit: 'hoodie',
      companion: 'parent',
      companionLook: { hairStyle: 'short', glasses: true },
    },
  },
  {
    name: 'couple-67',
    setting: 'front-desk',
    look: {
      skin: '#e9c2a6',
      hair: '#6e5a48',
      hairStyle: 'short',
      top: '#3f6e8c',
      eyes: '#4f6b7a',
      age: 'older',
      build: 'medium',
      glasses: true,
      companion: 'spouse',
      companionLook: { hairStyle: 'bun', top: '#b5657a' },
    },
  },
  {
    name: 'young-adult',
    setting: 'phone-inbound',
    look: {
      skin: '#b97b56',
      hair: '#231813',
      hairStyle: 'curly',
      top: '#5b6b7c',
      age: 'young',
      build: 'slim',
      outfit: 'hoodie',
    },
  },
  {
    name: 'warehouse-worker',
    setting: 'ed-discharge',
    look: {
      skin: '#c99572',
      hair: '#3b2b20',
      hairStyle: 'short',
      top: '#3a4a5c',
      age: 'adult',
      build: 'broad',
      beard: true,
      outfit: 'hi-vis',
    },
  },
];

const requests: { name: string; request: PortraitRequest }[] = [];
for (const sample of SAMPLES) {
  const look = lookSchema.parse(sample.look);
  for (const expression of expressions)
    requests.push({
      name: `${sample.name}-${expression}`,
      request: { look, setting: sample.setting, expression },
    });
}
if (argv.includes('--personas')) {
  const library = loadLibrary();
  for (const load of library.scenarios) {
    if (!load.ok) continue;
    const { persona, scenario } = load.bundle;
    for (const expression of expressions)
      requests.push({
        name: `${scenario.id}-${expression}`,
        request: { look: persona.look, setting: scenario.setting, expression },
      });
  }
}

mkdirSync(outDir, { recursive: true });
const root = resolve('scripts/bench/portraits');
const out = join(tmpdir(), `good-terms-portraits-${process.pid}`);
await build({
  root,
  configFile: false,
  base: './',
  logLevel: 'warn',
  build: { outDir: out, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
});
const server = await preview({
  root,
  configFile: false,
  build: { outDir: out },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview did not report a URL');
const browser = await launchChromium();
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: zoom ? 2 : 1,
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.showPortrait === 'function');
  for (const { name, request } of requests) {
    await page.evaluate((r) => window.showPortrait?.(r), request);
    await page.screenshot({
      path: join(outDir, `${name}.png`),
      clip: zoom ? { x: 130, y: 200, width: 400, height: 400 } : { x: 0, y: 100, width: 640, height: 520 },
      scale: 'device',
    });
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  console.log(`wrote ${requests.length} portraits to ${outDir}`);
} finally {
  await browser.close();
  await server.close();
}
