/**
 * Every device a trainee has (issue 17): at each size a scenario is played to the debrief, by tap on
 * phones and tablets and by mouse and keyboard on laptops and desktops, and every screen on the way is
 * checked: no sideways scrolling, no clipped text, every control reachable (and 44 x 44 px on touch), axe
 * clean. A rotation mid-conversation changes the layout and keeps the conversation.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { watchConsole } from './chromium';
import { DEVICES, type Device } from './devices';
import { axe, baseUrl, bundleFor, pageInOwnContext, useBrowser, waitForScreen } from './helpers';
import { layoutProblems } from './layoutChecks';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 5;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));
const choiceText = new Map(
  Object.values(bundle.scenario.nodes).flatMap((n) => n.choices.map((c) => [c.id, c.text] as const)),
);

async function open(browser: Browser, device: Device): Promise<Page> {
  const page = await pageInOwnContext(browser, {
    viewport: { width: device.width, height: device.height },
    hasTouch: device.touch,
    isMobile: device.touch,
  });
  await page.goto(`${baseUrl()}?seed=${SEED}`);
  await waitForScreen(page, 'title');
  return page;
}

async function checkScreen(page: Page, device: Device, screen: string): Promise<void> {
  expect(await layoutProblems(page, { touch: device.touch }), `${device.name}: ${screen}`).toEqual([]);
  await axe(page, `${device.name}: ${screen}`);
}

/** A tap on touch devices, a mouse click elsewhere. */
async function press(target: Locator, device: Device): Promise<void> {
  if (device.touch) await target.tap();
  else await target.click();
}

const turnIs = (page: Page, turn: number) =>
  page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, turn, { polling: 50 });

describe('every device', () => {
  const browserOf = useBrowser();

  it.each(DEVICES.map((d) => [d.name, d] as const))(
    '%s: plays a scenario to the debrief',
    async (_, device) => {
      const page = await open(browserOf(), device);
      const problems = watchConsole(page);
      const expected =
        device.width < device.height * 1.1 || device.width < 600
          ? 'tall'
          : device.height < 560
            ? 'compact'
            : 'wide';
      expect(await page.evaluate(() => document.documentElement.dataset.layout)).toBe(expected);
      const canvas = await page.locator('#game canvas').boundingBox();
      if (expected === 'tall') {
        expect(canvas?.width).toBe(device.width);
        expect(canvas?.height).toBeLessThan(device.height * 0.5);
      } else {
        // Not letterboxed: the canvas fills the window whatever its aspect.
        expect(canvas).toMatchObject({ x: 0, y: 0, width: device.width, height: device.height });
      }
      await checkScreen(page, device, 'title');

      await press(page.getByRole('button', { name: 'Start practising' }), device);
      await waitForScreen(page, 'select');
      await checkScreen(page, device, 'select');
      await press(page.locator(`[data-scenario-id="${SCENARIO}"]`), device);
      await checkScreen(page, device, 'scenario details');
      await press(page.locator(`[data-start-scenario="${SCENARIO}"]`), device);
      await waitForScreen(page, 'conversation');
      await checkScreen(page, device, 'conversation');

      for (const [turn, id] of best.choices.entries()) {
        const reply = page.getByRole('button', { name: choiceText.get(id), exact: true });
        if (device.touch || turn % 2 === 0) {
          await press(reply, device);
        } else {
          // The keyboard: focus starts on the first reply; arrows move between replies, Enter picks.
          const ids = await page
            .locator('.choice')
            .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.choiceId));
          for (let k = 0; k < ids.indexOf(id); k++) await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Enter');
        }
        await turnIs(page, turn + 1);
        if (turn === 1) {
          await press(page.getByRole('button', { name: /feeling\?$/ }), device);
          await checkScreen(page, device, 'conversation with coach note and hint');
        }
      }
      await checkScreen(page, device, 'conversation ended');
      await press(page.getByRole('button', { name: 'See your debrief' }), device);
      await waitForScreen(page, 'debrief');
      await checkScreen(page, device, 'debrief');
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('a rotation mid-conversation changes the layout and keeps the conversation', async () => {
    const phone = DEVICES.find((d) => d.name === 'phone-390x844') as Device;
    const page = await open(browserOf(), phone);
    const problems = watchConsole(page);
    await press(page.getByRole('button', { name: 'Start practising' }), phone);
    await waitForScreen(page, 'select');
    await press(page.locator(`[data-scenario-id="${SCENARIO}"]`), phone);
    await press(page.locator(`[data-start-scenario="${SCENARIO}"]`), phone);
    await waitForScreen(page, 'conversation');
    for (const [turn, id] of best.choices.slice(0, 2).entries()) {
      await press(page.getByRole('button', { name: choiceText.get(id), exact: true }), phone);
      await turnIs(page, turn + 1);
    }
    const state = () =>
      page.evaluate(() => ({
        turn: window.__GOOD_TERMS__?.turn,
        meters: window.__GOOD_TERMS__?.meters,
        nodeId: window.__GOOD_TERMS__?.nodeId,
        choices: [...document.querySelectorAll<HTMLElement>('.choice')].map((c) => c.dataset.choiceId),
        layout: document.documentElement.dataset.layout,
        canvas: (() => {
          const r = document.querySelector('#game canvas')?.getBoundingClientRect();
          return r ? { width: Math.round(r.width), height: Math.round(r.height) } : undefined;
        })(),
      }));
    const portrait = await state();
    expect(portrait.layout).toBe('tall');

    await page.setViewportSize({ width: phone.height, height: phone.width });
    await page.waitForFunction(() => document.documentElement.dataset.layout === 'compact', undefined, {
      polling: 50,
    });
    await page.waitForFunction(
      (w) => document.querySelector('#game canvas')?.getBoundingClientRect().width === w,
      phone.height,
      { polling: 50 },
    );
    const landscape = await state();
    expect(landscape).toEqual({
      ...portrait,
      layout: 'compact',
      canvas: { width: phone.height, height: phone.width },
    });
    expect(await layoutProblems(page, { touch: true })).toEqual([]);

    await page.setViewportSize({ width: phone.width, height: phone.height });
    await page.waitForFunction(() => document.documentElement.dataset.layout === 'tall', undefined, {
      polling: 50,
    });
    expect(await state()).toMatchObject({
      turn: portrait.turn,
      meters: portrait.meters,
      choices: portrait.choices,
    });
    // The conversation goes on from where it was.
    const next = best.choices[2] as string;
    await press(page.getByRole('button', { name: choiceText.get(next), exact: true }), phone);
    await turnIs(page, 3);
    expect(problems).toEqual([]);
    await page.close();
  });
});
