/**
 * npm run screenshots [outDir]
 * Captures every screen of the test build at 1280x720 for visual review (title, select, a conversation
 * turn, the debrief). Needs `vite build --mode test` first.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';
import { launchChromium } from '../tests/browser/chromium';

const outDir = process.argv[2] ?? 'screenshots';
mkdirSync(outDir, { recursive: true });
const server = await preview({
  configLoader: 'runner',
  mode: 'test',
  build: { outDir: 'dist-test' },
  preview: { port: 0 },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const screen = (name: string) => page.waitForFunction((n) => window.__GOOD_TERMS__?.screen === n, name);
  const shot = async (name: string) => {
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    console.log(`wrote ${join(outDir, `${name}.png`)}`);
  };
  await page.goto(`${url}?seed=3`);
  await screen('title');
  await shot('1-title');
  await page.getByRole('button', { name: 'Start practising' }).click();
  await screen('select');
  await shot('2-select');
  await page.locator('[data-scenario-id]').first().click();
  await screen('conversation');
  await page.locator('.speech').click();
  await shot('3-conversation');
  for (let turn = 1; turn <= 3; turn++) {
    await page.locator('.choice').first().click();
    await page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, turn);
  }
  await page.locator('.speech').click();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 600))));
  await shot('4-conversation-later');
  while ((await page.getByRole('button', { name: 'See your debrief' }).count()) === 0) {
    await page.locator('.choice').last().click();
  }
  await page.getByRole('button', { name: 'See your debrief' }).click();
  await screen('debrief');
  await shot('5-debrief');
} finally {
  await browser.close();
  await server.close();
}
