/**
 * The game draws on demand and, between scene changes, redraws only the rectangle around the live art
 * (src/game/renderOnDemand.ts). A partial frame must leave exactly the picture a full frame draws: with
 * reduced motion nothing moves between turns, so the canvas right after the partial frames of a turn
 * must equal the canvas after the next full frame, pixel for pixel. Animated art is drawn every other
 * frame at most (src/game/drawPacing.ts), and what waited is drawn by the next partial frame.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ANIMATION_FRAME_MS, INPUT_HOLD_MS } from '../../src/game/drawPacing';
import { openGame, startScenario, useBrowser, waitForScreen } from './helpers';
import { preparePage } from './playthrough';
import { canvasPicture } from './screens';

/** Each animation frame's time and the draw counters then, recorded in the page. */
interface PaceRecord {
  frames: { time: number; partial: number; steps: number }[];
  on: boolean;
  /** When the reply's pointer went down (the event's time, the frames' clock). */
  pressedAt?: number;
}
type PacedWindow = Window & { __paced?: PaceRecord };

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

/** A page at the start of S8 (seed 7), its console watched. */
async function openS8(
  browser: Browser,
  options: { reducedMotion?: 'reduce' } = {},
): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await openGame(browser, 7, options);
  await preparePage(page);
  await page.getByRole('button', { name: 'Start practising' }).click();
  await waitForScreen(page, 'select');
  await startScenario(page, 's8-copay-prior-balance');
  return { page, problems };
}

describe('drawing on demand', () => {
  const browser = useBrowser();

  it('leaves the same picture after partial frames as after a full frame', async () => {
    // Reduced motion: no breathing or blinking, so the picture holds still between turns.
    const { page, problems } = await openS8(browser(), { reducedMotion: 'reduce' });

    let checkedAfterPartial = 0;
    for (let turn = 1; turn <= 3; turn++) {
      await page.locator('button.choice').first().click();
      await page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, turn, { polling: 50 });
      // Reduced motion: meters and face change at once; the delta labels go after a timer. Then nothing moves.
      await page.waitForFunction(
        () => window.__GOOD_TERMS__?.counts.timers === 0 && window.__GOOD_TERMS__.frames.waiting === 0,
        undefined,
        { polling: 50 },
      );
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

/**
 * In the frame benchmark's diagnostic configuration (the compositor off SwiftShader) frames come at the
 * display's rate, so two partial frames closer than the gap would be seen here; with the compositor on
 * SwiftShader frames are often 33 ms apart and the check would hold whatever the pacing did.
 */
describe('pacing animated art', () => {
  const browser = useBrowser(['--disable-gpu-compositing']);

  it("draws a turn's animations a beat after the reply, at most every other frame, and leaves nothing waiting", async () => {
    const { page, problems } = await openS8(browser());
    await page.evaluate(() => {
      const record: PaceRecord = { frames: [], on: true };
      (window as PacedWindow).__paced = record;
      document.addEventListener('pointerdown', (event) => {
        record.pressedAt = event.timeStamp;
      });
      const tick = (time: number): void => {
        const counts = window.__GOOD_TERMS__?.frames;
        if (!record.on || !counts) return;
        record.frames.push({ time, partial: counts.partial, steps: counts.steps });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // The first reply moves both meters, floats their deltas and fades in a new face. Wait for its
    // animations to be drawn and over: only idle motion left (breathing, the companion's bob), nothing waiting.
    await page.locator('button.choice').first().click();
    await page.waitForFunction(
      () => {
        const hooks = window.__GOOD_TERMS__;
        const frames = (window as PacedWindow).__paced?.frames ?? [];
        const drawn = (frames[frames.length - 1]?.partial ?? 0) - (frames[0]?.partial ?? 0);
        return hooks?.turn === 1 && drawn >= 8 && hooks.counts.tweens <= 2 && hooks.frames.waiting === 0;
      },
      undefined,
      { polling: 50 },
    );
    const { frames, pressedAt } = await page.evaluate(() => {
      const record = (window as PacedWindow).__paced as PaceRecord;
      record.on = false;
      return record;
    });
    const drawnAt = frames
      .filter((f, i) => i > 0 && f.partial > (frames[i - 1]?.partial ?? 0))
      .map((f) => f.time);
    expect(drawnAt.length, 'the turn drew its animations').toBeGreaterThanOrEqual(8);
    // The frames that show the reply's answer in the overlay leave the canvas as it was.
    expect(pressedAt).toBeDefined();
    const firstAfter = drawnAt.find((time) => time > (pressedAt as number));
    expect((firstAfter as number) - (pressedAt as number)).toBeGreaterThanOrEqual(INPUT_HOLD_MS);
    for (let i = 1; i < drawnAt.length; i++) {
      const gap = (drawnAt[i] as number) - (drawnAt[i - 1] as number);
      expect(gap, `partial frames at ${drawnAt[i - 1]} and ${drawnAt[i]} ms`).toBeGreaterThanOrEqual(
        ANIMATION_FRAME_MS,
      );
    }
    // The game still stepped every frame: tweens and timers run at the display's rate.
    const last = frames[frames.length - 1];
    const first = frames[0];
    expect((last?.steps ?? 0) - (first?.steps ?? 0)).toBeGreaterThanOrEqual(frames.length - 2);
    // With the compositor in software, SwiftShader notes each read-back of the canvas as a stall.
    expect(problems.filter((p) => !p.includes('GPU stall due to ReadPixels'))).toEqual([]);
    await page.close();
  });
});
