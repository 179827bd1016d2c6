/**
 * Nothing piles up across play-throughs: after 10 play-throughs of different scenarios (each to its
 * ending, the debrief and back to the select screen), the live Phaser game objects, tweens, listeners on
 * the game, the scenes and the session's actor, the textures, the overlay's DOM nodes and Chromium's JS
 * event listener count are what they were after the first. Baked art (src/game/art/bake.ts) is a cache
 * that grows with each new look and setting: playing the first scenario again the same way adds nothing
 * to it. Counts only, no timings.
 */
import { describe, expect, it } from 'vitest';
import type { LiveCounts } from '../../src/ui/testHooks';
import { openGame, useBrowser, waitForScreen } from './helpers';
import { counts, heapAfterGc, NON_GROWING, play, preparePage, scenarioIds } from './playthrough';

function pick(c: LiveCounts): Pick<LiveCounts, (typeof NON_GROWING)[number]> {
  return Object.fromEntries(NON_GROWING.map((k) => [k, c[k]])) as Pick<
    LiveCounts,
    (typeof NON_GROWING)[number]
  >;
}

describe('play-throughs leave nothing behind', () => {
  const browser = useBrowser();

  it('has the same live objects, tweens, listeners and DOM nodes after 10 play-throughs as after 1', async () => {
    const { page, problems } = await openGame(browser(), 4);
    await preparePage(page);
    const cdp = await page.context().newCDPSession(page);
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    const ids = await scenarioIds(page);
    expect(ids.length).toBeGreaterThan(1);

    const first = await play(page, { scenarioId: ids[0] as string, choiceSeed: 1 });
    expect(first.debrief).toBe(true);
    const afterFirst = await counts(page);
    const heapFirst = await heapAfterGc(cdp);
    // Sanity: the counters see the select screen's scene and panel.
    expect(afterFirst.gameObjects).toBeGreaterThan(0);
    expect(afterFirst.overlayNodes).toBeGreaterThan(0);
    expect(afterFirst.actorListeners).toBe(0);
    expect(afterFirst.openSessionListeners).toBe(0);

    for (let i = 1; i < 10; i++) {
      const result = await play(page, { scenarioId: ids[i % ids.length] as string, choiceSeed: i + 1 });
      expect(result.debrief, `play-through ${i + 1} (${result.scenarioId})`).toBe(true);
    }
    const afterTenth = await counts(page);
    expect(pick(afterTenth)).toEqual(pick(afterFirst));
    // The live region keeps its last few messages by design (src/ui/announcer.ts).
    expect(afterTenth.announcerNodes).toBeLessThanOrEqual(6);
    const heapTenth = await heapAfterGc(cdp);
    expect(heapTenth.jsEventListeners).toBe(heapFirst.jsEventListeners);

    expect(afterFirst.bakedTextures, 'the first play-through baked its art').toBeGreaterThan(0);
    const again = await play(page, { scenarioId: ids[0] as string, choiceSeed: 1 });
    expect(again.debrief).toBe(true);
    const afterAgain = await counts(page);
    expect(afterAgain.bakedTextures, 'the same play-through again reuses its baked art').toBe(
      afterTenth.bakedTextures,
    );
    expect(pick(afterAgain)).toEqual(pick(afterFirst));
    expect(problems).toEqual([]);
    await page.close();
  });
});
