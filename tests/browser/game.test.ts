import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { bestOf, explore, playStrategy, STRATEGIES } from '../../src/engine/authoring/analysis';
import { bundleFor, canvasStats, openGame, playChoices, useBrowser, waitForScreen } from './helpers';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 7;

describe('the game in a real browser', () => {
  const browser = useBrowser();
  let page: Page;
  let problems: string[];

  beforeEach(async () => {
    ({ page, problems } = await openGame(browser(), SEED));
  });

  async function playToDebrief(choices: readonly string[]): Promise<number> {
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await page.locator(`[data-scenario-id="${SCENARIO}"]`).click();
    await waitForScreen(page, 'conversation');
    await playChoices(page, bundleFor(SCENARIO), choices);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    await expect.poll(() => page.getByRole('heading', { name: /^Debrief:/ }).isVisible()).toBe(true);
    return Number(await page.getByTestId('score-total').textContent());
  }

  it('boots on WebGL and draws a real title screen', async () => {
    expect(await page.evaluate(() => window.__GOOD_TERMS__?.rendererType)).toBe('webgl');
    const stats = await canvasStats(page);
    expect(stats.colours).toBeGreaterThan(40);
    expect(stats.spread).toBeGreaterThan(10);
    await expect.poll(() => page.getByRole('heading', { name: 'Good Terms' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists every scenario in dialogues/ on the select screen', async () => {
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    const title = bundleFor(SCENARIO).scenario.title;
    expect(
      await page
        .getByRole('button', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
        .count(),
    ).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('plays the balanced and the hardline path to the debrief, and the balanced one scores higher', async () => {
    const bundle = bundleFor(SCENARIO);
    const best = bestOf(explore(bundle, { seed: SEED }));
    const hardline = playStrategy(bundle, STRATEGIES.hardline, { seed: SEED });

    const balancedScore = await playToDebrief(best.choices);
    expect(balancedScore).toBe(best.total);
    const conversationStats = await canvasStats(page);
    expect(conversationStats.colours).toBeGreaterThan(40);
    expect(await page.getByRole('region', { name: 'Rules' }).textContent()).toContain('No rule was broken');

    await page.getByRole('button', { name: 'Choose another scenario' }).click();
    await waitForScreen(page, 'select');
    await page.locator(`[data-scenario-id="${SCENARIO}"]`).click();
    await waitForScreen(page, 'conversation');
    await playChoices(page, bundle, hardline.choices);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    const hardlineScore = Number(await page.getByTestId('score-total').textContent());
    expect(hardlineScore).toBe(hardline.total);
    expect(balancedScore - hardlineScore).toBeGreaterThanOrEqual(20);
    expect(problems).toEqual([]);
    await page.close();
  });
});
