/**
 * npm run screenshots [outDir] [--only WIDTHxHEIGHT]
 * Captures every screen of the test build at every device size the layouts are built for, for visual
 * review: <outDir>/<size>/<n>-<screen>.png. Phone sizes are emulated as touch devices. Needs
 * `vite build --mode test` first.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { launchChromium } from '../tests/browser/chromium';
import { DEVICES, type Device } from '../tests/browser/devices';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const outDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? 'screenshots';
const SCENARIO = 's8-copay-prior-balance';

async function capture(browser: Browser, url: string, device: Device): Promise<void> {
  const dir = join(outDir, device.name);
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({
    viewport: { width: device.width, height: device.height },
    hasTouch: device.touch,
    isMobile: device.touch,
    reducedMotion: 'reduce',
  });
  const page: Page = await context.newPage();
  const screen = (name: string) =>
    page.waitForFunction((n) => window.__GOOD_TERMS__?.screen === n, name, { polling: 50 });
  const settle = () =>
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  let n = 0;
  const shot = async (name: string) => {
    await settle();
    n += 1;
    const path = join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
  };
  const press = (name: string | RegExp) =>
    page
      .getByRole('button', { name, exact: typeof name === 'string' })
      .first()
      .click();

  await page.goto(`${url}?seed=3`);
  await screen('title');
  await shot('title');
  await press('Settings');
  await screen('settings');
  await shot('settings');
  await press('Done');
  await screen('title');
  await press('Accessibility');
  await screen('accessibility');
  await shot('accessibility');
  await press('Back to title');
  await screen('title');
  await press('Onboarding path');
  await screen('curriculum');
  await shot('onboarding-path');
  await press('Back to title');
  await screen('title');
  await press('Start practising');
  await screen('select');
  await shot('select');
  await page.locator(`[data-scenario-id="${SCENARIO}"]`).click();
  await shot('select-detail');
  await page.locator('[data-start-scenario]').click();
  await screen('conversation');
  await page.locator('.speech').click();
  await shot('conversation');
  for (let turn = 1; turn <= 2; turn++) {
    await page.locator('.choice').first().click();
    await page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, turn, { polling: 50 });
  }
  await page.getByRole('button', { name: /feeling\?$/ }).click();
  await shot('conversation-coach-and-hint');
  while ((await page.getByRole('button', { name: 'See your debrief' }).count()) === 0) {
    const before = await page.evaluate(() => window.__GOOD_TERMS__?.turn ?? 0);
    await page.locator('.choice').last().click();
    await page.waitForFunction((t) => (window.__GOOD_TERMS__?.turn ?? 0) > t, before, { polling: 50 });
  }
  await shot('conversation-ended');
  await press('See your debrief');
  await screen('debrief');
  await shot('debrief');
  await page.locator('.chart-card').scrollIntoViewIfNeeded();
  await shot('debrief-chart');
  await press('Choose another scenario');
  await screen('select');
  await shot('select-after-an-attempt');
  await press('Back to title');
  await screen('title');
  await press('My progress');
  await screen('progress');
  await shot('progress');
  await context.close();
}

const server = await preview({
  configLoader: 'runner',
  mode: 'test',
  build: { outDir: 'dist-test' },
  preview: { port: 0 },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview did not report a URL');
const browser = await launchChromium();
try {
  for (const device of DEVICES.filter((d) => !only || `${d.width}x${d.height}` === only)) {
    await capture(browser, url, device);
  }
} finally {
  await browser.close();
  await server.close();
}
