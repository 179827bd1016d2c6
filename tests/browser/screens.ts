/**
 * Every picture the game canvas shows, captured from a test build with motion reduced (nothing breathes,
 * blinks or tweens, so each picture is a pure function of the build): the title, the select screen's
 * preview of every scenario, the opening turn of every conversation and a debrief. Each picture is read
 * back from the canvas (its drawing buffer is preserved) after a full frame and reduced to a hash, and
 * optionally saved as a PNG. Used by the pixel test that compares the trimmed Phaser build with the stock
 * bundle (tests/browser/phaserBuild.test.ts) and by `scripts/bench/screens.ts` to review the art.
 */
import type { Browser, Page } from 'playwright-core';
import type { FrameCounts } from '../../src/game/renderOnDemand';
import { artPainted, preparePage } from './playthrough';

export interface Picture {
  name: string;
  hash: string;
  /** The canvas as a PNG data URL, when asked for. */
  png?: string;
}

/**
 * Runs in the page: a hash of every pixel of the game canvas (its drawing buffer is preserved), the draw
 * counters read in the same task (so they describe the same picture), and the PNG when asked for.
 */
export function canvasPicture(withPng: boolean): { hash: string; png?: string; frames?: FrameCounts } {
  const source = document.querySelector('#game canvas') as HTMLCanvasElement;
  const copy = document.createElement('canvas');
  copy.width = source.width;
  copy.height = source.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(source, 0, 0);
  const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < data.length; i++) {
    h1 = Math.imul(h1 ^ (data[i] ?? 0), 16777619);
    h2 = (h2 + (data[i] ?? 0) * (i + 1)) % 2147483647;
  }
  const hash = `${(h1 >>> 0).toString(16)}-${h2.toString(16)}`;
  const frames = window.__GOOD_TERMS__?.frames;
  return withPng ? { hash, frames, png: copy.toDataURL('image/png') } : { hash, frames };
}

/**
 * Asks for a whole frame and waits for the game to draw it (the game otherwise redraws only what
 * changed, and only when it changed), then reads the canvas.
 */
export async function settledPicture(page: Page, name: string, withPng: boolean): Promise<Picture> {
  await artPainted(page);
  const full = await page.evaluate(() => {
    window.__GOOD_TERMS__?.redraw();
    return window.__GOOD_TERMS__?.frames.full ?? 0;
  });
  await page.waitForFunction((n) => (window.__GOOD_TERMS__?.frames.full ?? 0) > n, full, { polling: 20 });
  const { hash, png } = await page.evaluate(canvasPicture, withPng);
  return png === undefined ? { name, hash } : { name, hash, png };
}

async function waitForScreen(page: Page, screen: string): Promise<void> {
  await page.waitForFunction((name) => window.__GOOD_TERMS__?.screen === name, screen, { polling: 50 });
}

/** Opens `url` in a fresh page and captures every picture, in a fixed order. */
export async function captureScreens(
  browser: Browser,
  url: string,
  options: { png?: boolean; scenarios?: readonly string[] } = {},
): Promise<Picture[]> {
  const withPng = options.png ?? false;
  const page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  try {
    await preparePage(page);
    await page.goto(`${url}?seed=7`);
    await waitForScreen(page, 'title');
    const pictures: Picture[] = [await settledPicture(page, 'title', withPng)];
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    const all = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-scenario-id]')].map(
        (e) => e.dataset.scenarioId ?? '',
      ),
    );
    const ids = options.scenarios ? all.filter((id) => options.scenarios?.includes(id)) : all;
    for (const id of ids) {
      await page.locator(`[data-scenario-id="${id}"]`).focus();
      pictures.push(await settledPicture(page, `select-${id}`, withPng));
    }
    for (const id of ids) {
      await page.locator(`[data-scenario-id="${id}"]`).click();
      await page.locator(`[data-start-scenario="${id}"]`).click();
      await waitForScreen(page, 'conversation');
      pictures.push(await settledPicture(page, `conversation-${id}`, withPng));
      await page.getByRole('button', { name: 'Leave conversation' }).click();
      // Leaving asks first (a dialog): confirm.
      await page.getByRole('dialog').getByRole('button', { name: 'Leave', exact: true }).click();
      await waitForScreen(page, 'select');
    }
    const last = ids.at(-1);
    if (last) {
      await page.locator(`[data-scenario-id="${last}"]`).click();
      await page.locator(`[data-start-scenario="${last}"]`).click();
      await waitForScreen(page, 'conversation');
      while ((await page.getByRole('button', { name: 'See your debrief' }).count()) === 0) {
        const turn = await page.evaluate(() => window.__GOOD_TERMS__?.turn ?? 0);
        await page.locator('button.choice').first().click();
        await page.waitForFunction((t) => (window.__GOOD_TERMS__?.turn ?? 0) > t, turn, { polling: 50 });
      }
      await page.getByRole('button', { name: 'See your debrief' }).click();
      await waitForScreen(page, 'debrief');
      pictures.push(await settledPicture(page, `debrief-${last}`, withPng));
    }
    if (problems.length > 0) throw new Error(`the page reported errors: ${problems.join('; ')}`);
    return pictures;
  } finally {
    await page.close();
  }
}
