/**
 * The game draws on demand and, between scene changes, redraws only the rectangle around the live art
 * (src/game/renderOnDemand.ts). A partial frame must leave exactly the picture a full frame draws: with
 * reduced motion nothing moves between turns, so the canvas right after the partial frames of a turn
 * must equal the canvas after the next full frame, pixel for pixel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watchConsole } from './chromium';
import { baseUrl, startScenario, useBrowser, waitForScreen } from './helpers';
import { preparePage } from './playthrough';

interface Picture {
  hash: string;
  full: number;
  partial: number;
  last: string;
}

/** A hash of every pixel of the game canvas (its drawing buffer is preserved), and the draw counters. */
function picture(page: Page): Promise<Picture> {
  return page.evaluate(() => {
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
    const frames = window.__GOOD_TERMS__?.frames;
    if (!frames) throw new Error('window.__GOOD_TERMS__.frames is missing');
    return { hash: `${(h1 >>> 0).toString(16)}-${h2.toString(16)}`, ...frames };
  });
}

describe('drawing on demand', () => {
  const browser = useBrowser();

  it('leaves the same picture after partial frames as after a full frame', async () => {
    // Reduced motion: no breathing or blinking, so the picture holds still between turns.
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    const problems = watchConsole(page);
    await preparePage(page);
    await page.goto(`${baseUrl()}?seed=7`);
    await waitForScreen(page, 'title');
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, 's8-copay-prior-balance');

    let checkedAfterPartial = 0;
    for (let turn = 1; turn <= 3; turn++) {
      await page.locator('button.choice').first().click();
      await page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, turn, { polling: 50 });
      // Reduced motion: meters and face change at once; the delta labels go after a timer. Then nothing moves.
      await page.waitForFunction(() => window.__GOOD_TERMS__?.counts.timers === 0, undefined, {
        polling: 50,
      });
      const settled = await picture(page);
      await page.waitForFunction((full) => (window.__GOOD_TERMS__?.frames.full ?? 0) > full, settled.full, {
        polling: 50,
      });
      const redrawn = await picture(page);
      expect(redrawn.last).toBe('full');
      expect(redrawn.hash, `turn ${turn}: partial frames left a different picture`).toBe(settled.hash);
      if (settled.last === 'partial') checkedAfterPartial += 1;
    }
    expect(checkedAfterPartial, 'no turn ended on a partial frame').toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
