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
import { canvasPicture } from './screens';

interface Picture {
  hash: string;
  full: number;
  partial: number;
  last: string;
}

/** A hash of every pixel of the game canvas and the draw counters, read together. */
async function picture(page: Page): Promise<Picture> {
  const { hash, frames } = await page.evaluate(canvasPicture, false);
  if (!frames) throw new Error('window.__GOOD_TERMS__.frames is missing');
  return { hash, ...frames };
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
      await page.evaluate(() => window.__GOOD_TERMS__?.redraw());
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
