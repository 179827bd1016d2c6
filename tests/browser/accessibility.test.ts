import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { linesOf } from '../../src/engine/runtime/conditions';
import { watchConsole } from './chromium';
import { axe, baseUrl, bundleFor, playChoices, startScenario, useBrowser, waitForScreen } from './helpers';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 5;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));

async function open(
  browser: Browser,
  options: { highContrast?: boolean; textSize?: number; reducedMotion?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
  });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  await page.addInitScript(
    (stored) => {
      window.localStorage.setItem('good-terms:settings:v1', JSON.stringify(stored));
    },
    { highContrast: Boolean(options.highContrast), textSize: options.textSize ?? 100 },
  );
  await page.goto(`${baseUrl()}?seed=${SEED}`);
  await waitForScreen(page, 'title');
  return page;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName,
      text: el?.textContent?.trim() ?? '',
      choice: el?.dataset.choiceId,
      scenario: el?.dataset.scenarioId,
    };
  });

describe('accessibility', () => {
  const browserOf = useBrowser();

  it.each([false, true])(
    'axe finds no WCAG 2.2 A/AA violation on any screen (high contrast: %s)',
    async (highContrast) => {
      const page = await open(browserOf(), { highContrast });
      const problems = watchConsole(page);
      await axe(page, 'title');
      await page.getByRole('button', { name: 'Settings' }).click();
      await waitForScreen(page, 'settings');
      await axe(page, 'settings');
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Accessibility' }).click();
      await waitForScreen(page, 'accessibility');
      await axe(page, 'accessibility');
      await page.getByRole('button', { name: 'Back to title' }).click();
      await page.getByRole('button', { name: 'My progress' }).click();
      await waitForScreen(page, 'progress');
      await axe(page, 'progress');
      await page.getByRole('button', { name: 'Back to title' }).click();
      await page.getByRole('button', { name: 'Onboarding path' }).click();
      await waitForScreen(page, 'curriculum');
      await axe(page, 'onboarding path');
      await page.getByRole('button', { name: 'Back to title' }).click();
      await page.getByRole('button', { name: 'Start practising' }).click();
      await waitForScreen(page, 'select');
      await axe(page, 'select');
      await startScenario(page, SCENARIO);
      await page.getByRole('button', { name: /What is Linda feeling/ }).click();
      await axe(page, 'conversation');
      await playChoices(page, bundle, best.choices.slice(0, 2));
      await axe(page, 'conversation with coach note');
      await playChoices(page, bundle, best.choices.slice(2), 2);
      await page.getByRole('button', { name: 'See your debrief' }).click();
      await waitForScreen(page, 'debrief');
      await page.locator('.component summary').first().click();
      await page.locator('.chart-marker').first().focus();
      await axe(page, 'debrief');
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('plays a whole scenario with the keyboard alone, with focus where it should be at every turn', async () => {
    const page = await open(browserOf());
    const problems = watchConsole(page);
    expect((await focused(page)).text).toBe('Start practising');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'select');
    expect((await focused(page)).text).toBe('Choose a conversation');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('mode');
    for (let i = 0; i < 40 && (await focused(page)).scenario !== SCENARIO; i++)
      await page.keyboard.press('Tab');
    expect((await focused(page)).scenario).toBe(SCENARIO);
    await page.keyboard.press('Space');
    expect((await focused(page)).text).toBe(bundle.scenario.title);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Start practice');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'conversation');

    for (const [turn, id] of best.choices.entries()) {
      const now = await focused(page);
      expect(now.tag, `turn ${turn + 1}`).toBe('BUTTON');
      const firstChoice = await page.locator('.choice').first().getAttribute('data-choice-id');
      expect(now.choice, `focus on the first reply at turn ${turn + 1}`).toBe(firstChoice);
      const ids = await page
        .locator('.choice')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.choiceId));
      const index = ids.indexOf(id);
      expect(index, `${id} offered`).toBeGreaterThanOrEqual(0);
      if (turn % 2 === 0) {
        await page.keyboard.press(String(index + 1));
      } else {
        for (let k = 0; k < index; k++) await page.keyboard.press('ArrowDown');
        expect((await focused(page)).choice).toBe(id);
        await page.keyboard.press(turn % 4 === 1 ? 'Enter' : 'Space');
      }
      await page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, turn + 1, { polling: 50 });
    }
    expect((await focused(page)).text).toBe('See your debrief');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'debrief');
    expect((await focused(page)).text).toMatch(/^Debrief:/);
    for (let i = 0; i < 200 && (await focused(page)).text !== 'Choose another scenario'; i++)
      await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Choose another scenario');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).text).toBe('Replay this scenario');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'select');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('at 200% text the replies and the transcript stay fully visible without sideways scrolling', async () => {
    const page = await open(browserOf(), { textSize: 200 });
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    await playChoices(page, bundle, best.choices.slice(0, 3));
    await page.locator('.transcript summary').click();
    const layout = await page.evaluate(() => {
      const panel = document.querySelector('.panel') as HTMLElement;
      const box = panel.getBoundingClientRect();
      const items = [...document.querySelectorAll<HTMLElement>('.choice, .transcript li')];
      return {
        fontSize: getComputedStyle(document.documentElement).fontSize,
        pageScrolls: document.scrollingElement
          ? document.scrollingElement.scrollWidth > window.innerWidth
          : false,
        // Screen-reader-only text is clipped to 1px by design; everything else must fit its box.
        panelScrolls: [...panel.querySelectorAll<HTMLElement>('*:not(.visually-hidden)')].some(
          (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible',
        ),
        outside: items.filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < box.left - 1 || r.right > box.right + 1;
        }).length,
        count: items.length,
      };
    });
    expect(layout.fontSize).toBe('32px');
    expect(layout).toMatchObject({ pageScrolls: false, panelScrolls: false, outside: 0 });
    expect(layout.count).toBeGreaterThan(6);
    for (const choice of await page.locator('.choice').all()) {
      await choice.scrollIntoViewIfNeeded();
      expect(await choice.isVisible()).toBe(true);
    }
    await page.close();
  });

  it('reduced motion shows the whole line at once; otherwise it types', async () => {
    const firstLine = async (page: Page) => {
      await page.getByRole('button', { name: 'Start practising' }).click();
      await waitForScreen(page, 'select');
      await startScenario(page, SCENARIO);
      // Click and read in the same task, before any animation frame can run.
      return page.evaluate(() => {
        (document.querySelector('.choice') as HTMLButtonElement).click();
        const line = document.querySelector<HTMLElement>('[data-testid=patient-line]');
        return { text: line?.textContent ?? '', typing: line?.dataset.typing === 'true' };
      });
    };
    const reduced = await open(browserOf(), { reducedMotion: true });
    const whole = await firstLine(reduced);
    const nodeId = await reduced.evaluate(() => window.__GOOD_TERMS__?.nodeId);
    const node = bundle.scenario.nodes[nodeId ?? ''];
    const variants = node ? linesOf(node.line, nodeId ?? '').map((v) => v.text) : [];
    expect(variants).toContain(whole.text);
    expect(whole.typing).toBe(false);
    await reduced.close();

    const moving = await open(browserOf(), { reducedMotion: false });
    expect((await firstLine(moving)).typing).toBe(true);
    await moving.close();
  });

  it('the replies stay where they are while the line types', async () => {
    const page = await open(browserOf(), { reducedMotion: false });
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    // Click and measure in the same task: the new line has not typed a character yet.
    const before = await page.evaluate(() => {
      (document.querySelector('.choice') as HTMLButtonElement).click();
      return {
        typing: document.querySelector<HTMLElement>('[data-testid=patient-line]')?.dataset.typing,
        top: document.querySelector('.choice')?.getBoundingClientRect().top ?? Number.NaN,
      };
    });
    expect(before.typing).toBe('true');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid=patient-line]')?.dataset.typing === undefined,
      undefined,
      { polling: 50 },
    );
    const after = await page.evaluate(() => ({
      top: document.querySelector('.choice')?.getBoundingClientRect().top ?? Number.NaN,
      reserved: (document.querySelector('.speech') as HTMLElement).style.minHeight,
      line: document.querySelector('[data-testid=patient-line]')?.textContent,
    }));
    expect(after.top).toBe(before.top);
    expect(after.reserved, 'no height is left reserved once the line is typed').toBe('');
    expect(after.line).toBe(await page.evaluate(() => window.__GOOD_TERMS__?.line));
    await page.close();
  });

  it('announces the patient\u2019s line and the meter change in the live region after a choice', async () => {
    const page = await open(browserOf());
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    await playChoices(page, bundle, best.choices.slice(0, 1));
    const meters = await page.evaluate(() => window.__GOOD_TERMS__?.meters);
    const line = await page.evaluate(() => window.__GOOD_TERMS__?.nodeId);
    const announced = await page.locator('#announcer').textContent();
    expect(await page.locator('#announcer').getAttribute('aria-live')).toBe('polite');
    expect(announced).toMatch(new RegExp(`Stress (rose|fell) to ${meters?.stress} \\(`));
    expect(announced).toMatch(new RegExp(`Trust (rose|fell|steady at) (to )?${meters?.trust}`));
    expect(announced).toMatch(/Linda looks (calm|worried|irritated|distressed|relieved)\./);
    const node = bundle.scenario.nodes[line ?? ''];
    const variants = node ? linesOf(node.line, line ?? '').map((v) => v.text) : [];
    expect(variants.some((text) => announced?.includes(`Linda: ${text}`))).toBe(true);
    await page.close();
  });
});
