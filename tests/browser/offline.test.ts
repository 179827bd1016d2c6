/**
 * Offline after the first visit (issue 17): the page is loaded once with the service worker (`?sw`),
 * then the server is stopped and the browser set offline; a reload still starts the game, and a whole
 * scenario (its chunk never fetched before) plays to the debrief. Runs on a server of its own, so
 * stopping it leaves the rest of the suite alone.
 */
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { watchConsole } from './chromium';
import { previewTestBuild } from './globalSetup';
import { bundleFor, playChoices, startScenario, useBrowser, waitForScreen } from './helpers';

const SCENARIO = 's13-ed-cost-before-screening';
const SEED = 5;

describe('offline', () => {
  const browserOf = useBrowser();

  it('plays a whole scenario offline after one visit', async () => {
    const { url, close } = await previewTestBuild();
    const context = await browserOf().newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${url}?sw&seed=${SEED}`);
      await waitForScreen(page, 'title');
      // Installed and active: everything is in the cache.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const urls: string[] = [];
        for (const name of names) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
        return urls;
      });
      expect(cached.some((u) => /\/assets\/phaser-[\w-]+\.js/.test(u))).toBe(true);
      expect(cached.some((u) => u.includes(`/assets/${SCENARIO}-`))).toBe(true);
      expect(cached.some((u) => u.includes('/manifest.webmanifest'))).toBe(true);

      await close();
      await context.setOffline(true);
      const problems = watchConsole(page);
      await page.reload();
      await waitForScreen(page, 'title');
      // The network is really gone: a file the service worker never cached cannot be fetched. (Chromium
      // 150 keeps navigator.onLine true after a reload under the context's offline emulation.) The probe's
      // own failed request and its console line are not problems of the game.
      const beforeProbe = problems.length;
      const fetched = await page.evaluate(
        (u) =>
          fetch(u, { cache: 'no-store' }).then(
            () => 'reached',
            () => 'unreachable',
          ),
        `${url}never-cached-${Date.now()}.txt`,
      );
      expect(fetched).toBe('unreachable');
      await expect.poll(() => problems.length).toBe(beforeProbe + 2);
      expect(problems.splice(beforeProbe).join('\n')).toMatch(
        /never-cached-[\s\S]*ERR_INTERNET_DISCONNECTED/,
      );
      await page.getByRole('button', { name: 'Start practising' }).click();
      await waitForScreen(page, 'select');
      await startScenario(page, SCENARIO);
      const bundle = bundleFor(SCENARIO);
      await playChoices(page, bundle, bestOf(explore(bundle, { seed: SEED })).choices);
      await page.getByRole('button', { name: 'See your debrief' }).click();
      await waitForScreen(page, 'debrief');
      expect(await page.locator('h1').first().textContent()).toMatch(/^Debrief/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await close();
    }
  });
});
