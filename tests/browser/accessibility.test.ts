/**
 * WCAG 2.2 AA in the browser (issue 22): axe on every screen in both themes at every text size, a whole
 * scenario played with the keyboard alone, what the live region announces over a turn, reduced motion, the
 * structure axe cannot judge (heading order, short names), and words in another language.
 * Contrast measured from computed styles is in contrast.test.ts; reflow in reflow.test.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { linesOf } from '../../src/engine/runtime/conditions';
import { watchConsole } from './chromium';
import {
  axe,
  baseUrl,
  bundleFor,
  pageInOwnContext,
  playChoices,
  startScenario,
  useBrowser,
  waitForScreen,
} from './helpers';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 5;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));

const TEXT_SIZES = [100, 125, 150, 175, 200] as const;
/**
 * The axe rules whose outcome a theme or a text size can change (the others read only the DOM, so they run
 * once per screen). Colours change with the theme, not the size: colour contrast runs in each theme at the
 * smallest and the largest text; sizes and scroll boxes change with both, so those rules run everywhere.
 */
const STYLE_RULES = ['color-contrast', 'link-in-text-block', 'scrollable-region-focusable', 'target-size'];
const SIZE_RULES = ['scrollable-region-focusable', 'target-size'];

interface Stored {
  highContrast?: boolean;
  textSize?: number;
  reducedMotion?: boolean;
  numberKeys?: boolean;
}

async function open(browser: Browser, stored: Stored = {}, systemReducedMotion = false): Promise<Page> {
  const page = await pageInOwnContext(browser, {
    viewport: { width: 1280, height: 720 },
    reducedMotion: systemReducedMotion ? 'reduce' : 'no-preference',
  });
  await page.addInitScript((settings) => {
    window.localStorage.setItem('good-terms:settings:v1', JSON.stringify(settings));
  }, stored);
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
      inReplies: Boolean(el?.closest('.choices')),
    };
  });

/** Why the focus is not where a keyboard user can see it, or undefined when it is. */
const focusProblem = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return 'focus is lost to <body>';
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return `focus is on a hidden ${el.tagName}`;
    if (r.bottom <= 0 || r.top >= window.innerHeight || r.right <= 0 || r.left >= window.innerWidth)
      return `focus is on ${el.tagName} "${el.textContent?.trim()}" outside the window`;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 12), 0), window.innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (el.tagName === 'MAIN' || (top && (el.contains(top) || top.contains(el)))) return undefined;
    // The scenario cards' hit area is the card (an ::after): what is on top is still the card.
    if (top && el.closest('.scenario-card')?.contains(top)) return undefined;
    return `focus on ${el.tagName} "${el.textContent?.trim()}" is covered by ${top?.tagName}.${top?.className}`;
  });

/** The overlay's headings in DOM order, as levels and text. */
const headings = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#overlay h1, #overlay h2, #overlay h3, #overlay h4')]
      .filter((el) => !el.closest('[hidden], dialog:not([open])'))
      .map((el) => ({ level: Number(el.tagName.slice(1)), text: el.textContent?.trim() ?? '' })),
  );

async function expectHeadingOrder(page: Page, screen: string): Promise<void> {
  const list = await headings(page);
  expect(list[0]?.level, `${screen}: the first heading is the page's h1 (${list[0]?.text})`).toBe(1);
  list.forEach((h, i) => {
    const before = list[i - 1];
    if (before) expect(h.level - before.level, `${screen}: "${h.text}" skips a level`).toBeLessThanOrEqual(1);
  });
}

/**
 * Clicks the first reply and reads the patient's line as the answer is put in, before any animation frame
 * can type a character: the answer comes a frame after the click (src/ui/afterPaint.ts), and a mutation
 * observer's callback runs in the task that puts it in. `top`: where the first new reply is then.
 */
function answerAsPutIn(page: Page): Promise<{ text: string; typing: boolean; top: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const line = document.querySelector<HTMLElement>('[data-testid=patient-line]') as HTMLElement;
        new MutationObserver((_, observer) => {
          observer.disconnect();
          resolve({
            text: line.textContent ?? '',
            typing: line.dataset.typing === 'true',
            top: document.querySelector('.choice')?.getBoundingClientRect().top ?? Number.NaN,
          });
        }).observe(line, { childList: true, characterData: true, subtree: true });
        (document.querySelector('.choice') as HTMLButtonElement).click();
      }),
  );
}

describe('accessibility', () => {
  const browserOf = useBrowser();

  it('axe finds no WCAG 2.2 A/AA violation on any screen, in both themes at every text size', {
    timeout: 900_000,
  }, async () => {
    const page = await open(browserOf());
    const problems = watchConsole(page);
    /** Every rule in the default theme at 100%; the rules styles can change in every other combination. */
    const check = async (screen: string): Promise<void> => {
      await axe(page, screen);
      for (const highContrast of [false, true]) {
        for (const size of TEXT_SIZES) {
          if (!highContrast && size === 100) continue;
          await page.evaluate(
            ({ size, highContrast }) => {
              // What applySettings does (src/ui/settings.ts).
              document.documentElement.style.fontSize = `${size}%`;
              document.documentElement.classList.toggle('theme-high-contrast', highContrast);
            },
            { size, highContrast },
          );
          const theme = highContrast ? 'high contrast' : 'default theme';
          await axe(page, `${screen} (${theme}, ${size}%)`, {
            rules: size === 100 || size === 200 ? STYLE_RULES : SIZE_RULES,
          });
        }
      }
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '100%';
        document.documentElement.classList.remove('theme-high-contrast');
      });
    };
    await check('title');
    await page.getByRole('button', { name: 'Settings' }).click();
    await waitForScreen(page, 'settings');
    await check('settings');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Accessibility' }).click();
    await waitForScreen(page, 'accessibility');
    await check('accessibility');
    await page.getByRole('button', { name: 'Back to title' }).click();
    await page.getByRole('button', { name: 'My progress' }).click();
    await waitForScreen(page, 'progress');
    await check('progress');
    // WCAG 2.5.8: the import field is a full-size target, clear of the buttons above it.
    const target = await page.evaluate(() => {
      const file = document.getElementById('import-file') as HTMLElement;
      const box = file.getBoundingClientRect();
      const overlapping = [...document.querySelectorAll<HTMLElement>('#overlay button, #overlay input')]
        .filter((other) => other !== file)
        .filter((other) => {
          const r = other.getBoundingClientRect();
          return r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
        })
        .map((other) => other.textContent?.trim() || other.id);
      return { width: box.width, height: box.height, overlapping };
    });
    expect(target.width).toBeGreaterThanOrEqual(24);
    expect(target.height).toBeGreaterThanOrEqual(24);
    expect(target.overlapping).toEqual([]);
    await page.getByRole('button', { name: 'Back to title' }).click();
    await page.getByRole('button', { name: 'Onboarding path' }).click();
    await waitForScreen(page, 'curriculum');
    await check('onboarding path');
    await page.getByRole('button', { name: 'Back to title' }).click();
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await check('select');
    await startScenario(page, SCENARIO);
    await page.getByRole('button', { name: /What is Linda feeling/ }).click();
    await check('conversation');
    await playChoices(page, bundle, best.choices.slice(0, 2));
    await expectHeadingOrder(page, 'conversation with coach note');
    await check('conversation with coach note');
    await page.getByRole('button', { name: 'Leave conversation' }).click();
    await axe(page, 'leave conversation dialog');
    await page.keyboard.press('Escape');
    await playChoices(page, bundle, best.choices.slice(2), 2);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    await page.locator('.component summary').first().click();
    await page.locator('.chart-marker').first().focus();
    await expectHeadingOrder(page, 'debrief');
    const debrief = await page.evaluate(() => {
      const total = document.querySelector('.score-total') as HTMLElement;
      const label = (el: Element) => el.getAttribute('aria-label') ?? '';
      return {
        totalLabel: total.getAttribute('aria-label'),
        totalRole: total.getAttribute('role'),
        totalText: total.textContent,
        markers: [...document.querySelectorAll('.chart-marker')].map(label),
        described: [...document.querySelectorAll('.chart-marker')].map(
          (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
        ),
        labelSize: (document.querySelector('.chart-label') as Element).getBoundingClientRect().height,
      };
    });
    // WCAG 4.1.2: the score is text (partly visually hidden), not an aria-label on a role-less div.
    expect(debrief.totalLabel).toBeNull();
    expect(debrief.totalText).toMatch(/^Score \d+ of 100$/);
    // WCAG 1.3.1: a marker is named in a few words; the details are in the tip and the table.
    expect(debrief.markers.length).toBe(best.choices.length);
    for (const name of debrief.markers) expect(name).toMatch(/^Turn \d+: stress \d+, trust \d+$/);
    for (const said of debrief.described) expect(said).toMatch(/^You said: \u201c.+\u201d$/);
    await check('debrief');
    // WCAG 1.4.4: the chart's axis labels grow with the text size.
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    const grown = await page.evaluate(
      () => (document.querySelector('.chart-label') as Element).getBoundingClientRect().height,
    );
    expect(grown / debrief.labelSize).toBeGreaterThan(1.8);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('plays a whole scenario with the keyboard alone: focus always visible, number keys only in the replies, and off when turned off', async () => {
    const page = await open(browserOf());
    const problems = watchConsole(page);
    const turn = () => page.evaluate(() => window.__GOOD_TERMS__?.turn ?? -1);
    expect((await focused(page)).text).toBe('Start practising');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'select');
    expect(await focusProblem(page)).toBeUndefined();
    expect((await focused(page)).text).toBe('Choose a conversation');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('mode');
    for (let i = 0; i < 80 && (await focused(page)).scenario !== SCENARIO; i++) {
      await page.keyboard.press('Tab');
      expect(await focusProblem(page)).toBeUndefined();
    }
    expect((await focused(page)).scenario).toBe(SCENARIO);
    await page.keyboard.press('Space');
    expect((await focused(page)).text).toBe(bundle.scenario.title);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Start practice');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'conversation');

    for (const [at, id] of best.choices.entries()) {
      expect(await focusProblem(page), `turn ${at + 1}`).toBeUndefined();
      const now = await focused(page);
      const firstChoice = await page.locator('.choice').first().getAttribute('data-choice-id');
      expect(now.choice, `focus on the first reply at turn ${at + 1}`).toBe(firstChoice);
      const ids = await page
        .locator('.choice')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.choiceId));
      const index = ids.indexOf(id);
      expect(index, `${id} offered`).toBeGreaterThanOrEqual(0);
      if (at === 1) {
        // Out of the reply list (onto the tools above it), a digit picks nothing (WCAG 2.1.4).
        await page.keyboard.press('Shift+Tab');
        expect((await focused(page)).inReplies).toBe(false);
        expect(await focusProblem(page)).toBeUndefined();
        for (const key of ['1', '2', '3']) await page.keyboard.press(key);
        // A pick marks its reply at once and is answered a frame later: neither happened.
        expect(await page.locator('.choice[data-chosen]').count()).toBe(0);
        expect(await turn()).toBe(at);
        // "Leave conversation" asks first; Escape keeps the conversation and gives focus back.
        for (let i = 0; i < 10 && (await focused(page)).text !== 'Leave conversation'; i++)
          await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Enter');
        expect(await page.locator('dialog[open]').count()).toBe(1);
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(
          true,
        );
        expect((await focused(page)).text).toBe('Stay in the conversation');
        for (const key of ['1', '2']) await page.keyboard.press(key);
        await page.keyboard.press('Escape');
        expect(await page.locator('dialog[open]').count()).toBe(0);
        expect((await focused(page)).text).toBe('Leave conversation');
        expect(await page.evaluate(() => window.__GOOD_TERMS__?.screen)).toBe('conversation');
        expect(await turn()).toBe(at);
        for (let i = 0; i < 30 && !(await focused(page)).inReplies; i++) {
          await page.keyboard.press('Tab');
          expect(await focusProblem(page)).toBeUndefined();
        }
        expect((await focused(page)).choice).toBe(firstChoice);
      }
      if (at % 2 === 0) {
        await page.keyboard.press(String(index + 1));
      } else {
        for (let k = 0; k < index; k++) await page.keyboard.press('ArrowDown');
        expect((await focused(page)).choice).toBe(id);
        await page.keyboard.press(at % 4 === 1 ? 'Enter' : 'Space');
      }
      await page.waitForFunction((t) => window.__GOOD_TERMS__?.turn === t, at + 1, { polling: 50 });
    }
    expect(await focusProblem(page)).toBeUndefined();
    expect((await focused(page)).text).toBe('See your debrief');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'debrief');
    expect((await focused(page)).text).toMatch(/^Debrief:/);
    for (let i = 0; i < 200 && (await focused(page)).text !== 'Choose another scenario'; i++) {
      await page.keyboard.press('Tab');
      expect(await focusProblem(page)).toBeUndefined();
    }
    expect((await focused(page)).text).toBe('Choose another scenario');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).text).toBe('Replay this scenario');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'select');
    expect(await focusProblem(page)).toBeUndefined();

    // Settings: turn the number keys off, then a digit picks nothing even in the reply list.
    for (let i = 0; i < 80 && (await focused(page)).text !== 'Back to title'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'title');
    for (let i = 0; i < 20 && (await focused(page)).text !== 'Settings'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'settings');
    for (
      let i = 0;
      i < 40 &&
      (await page.evaluate(() => (document.activeElement as HTMLInputElement).name)) !== 'number-keys';
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByLabel(/Number keys 1 to 9/).isChecked()).toBe(false);
    await page.keyboard.press('Shift+Tab');
    for (let i = 0; i < 40 && (await focused(page)).text !== 'Done'; i++)
      await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'title');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    expect((await focused(page)).inReplies).toBe(true);
    for (const key of ['1', '2', '3']) await page.keyboard.press(key);
    expect(await page.locator('.choice[data-chosen]').count()).toBe(0);
    expect(await turn()).toBe(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__GOOD_TERMS__?.turn === 1, undefined, { polling: 50 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('at 200% text the meters are text in the panel, and the replies and transcript fit without sideways scrolling', async () => {
    const page = await open(browserOf(), { textSize: 200 });
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    // WCAG 1.4.4: the canvas meter labels do not grow with the text, so the meters are text here.
    expect(await page.getByTestId('meter-readout').isVisible()).toBe(true);
    expect(await page.getByTestId('meter-readout').textContent()).toMatch(/^Stress \d+ \(\w+\) · Trust \d+/);
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

  it('reduced motion: the whole line at once, and the in-app setting stills the title and select scenes', async () => {
    const firstLine = async (page: Page) => {
      await page.getByRole('button', { name: 'Start practising' }).click();
      await waitForScreen(page, 'select');
      await startScenario(page, SCENARIO);
      return answerAsPutIn(page);
    };
    /** Tweens and timers alive in the scene: breathing is a tween, blinking a timer. */
    const motion = (page: Page) =>
      page.evaluate(() => {
        const counts = window.__GOOD_TERMS__?.counts;
        return { tweens: counts?.tweens ?? -1, timers: counts?.timers ?? -1 };
      });
    /**
     * Still: no tween or timer is left once the scene has settled (a portrait made before its motion is
     * switched off drops its blink timer on the clock's next step); moving: the patients breathe.
     */
    const expectMotion = async (page: Page, scene: string, still: boolean): Promise<void> => {
      if (still)
        await expect
          .poll(() => motion(page), { message: scene, timeout: 15_000 })
          .toEqual({ tweens: 0, timers: 0 });
      else expect((await motion(page)).tweens, `${scene} breathes`).toBeGreaterThan(0);
    };
    const stillScenes = async (page: Page, still: boolean): Promise<void> => {
      await expectMotion(page, 'title', still);
      await page.getByRole('button', { name: 'Start practising' }).click();
      await waitForScreen(page, 'select');
      await expectMotion(page, 'select', still);
      await page.getByRole('button', { name: 'Back to title' }).click();
      await waitForScreen(page, 'title');
    };

    // WCAG 2.2.2: the in-app switch, with the system asking for motion.
    const inApp = await open(browserOf(), { reducedMotion: true });
    await stillScenes(inApp, true);
    const whole = await firstLine(inApp);
    const nodeId = await inApp.evaluate(() => window.__GOOD_TERMS__?.nodeId);
    const node = bundle.scenario.nodes[nodeId ?? ''];
    const variants = node ? linesOf(node.line, nodeId ?? '').map((v) => v.text) : [];
    expect(variants).toContain(whole.text);
    expect(whole.typing).toBe(false);
    await inApp.close();

    const system = await open(browserOf(), {}, true);
    await stillScenes(system, true);
    await system.close();

    const moving = await open(browserOf(), { reducedMotion: false });
    await stillScenes(moving, false);
    expect((await firstLine(moving)).typing).toBe(true);
    await moving.close();
  });

  it('the replies stay where they are while the line types', async () => {
    const page = await open(browserOf(), { reducedMotion: false });
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    const before = await answerAsPutIn(page);
    expect(before.typing).toBe(true);
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

  it('announces each status once: the line, the meter change, the coach note, a take-back and the ending; progress messages arrive after their region', async () => {
    const page = await open(browserOf());
    const problems = watchConsole(page);
    // WCAG 4.1.3 on the progress screen: each status region enters the page empty, then gets its text.
    await page.evaluate(() => {
      const seen: { empty: boolean; text: string }[] = [];
      (window as unknown as { statusRegions: typeof seen }).statusRegions = seen;
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes)
            if (node instanceof HTMLElement)
              for (const el of [node, ...node.querySelectorAll('[role=status]')])
                if (el.getAttribute('role') === 'status') {
                  const entry = { empty: el.textContent === '', text: el.textContent ?? '' };
                  seen.push(entry);
                  new MutationObserver(() => {
                    entry.text = el.textContent ?? '';
                  }).observe(el, { childList: true, characterData: true, subtree: true });
                }
      }).observe(document.getElementById('overlay') as HTMLElement, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'My progress' }).click();
    await waitForScreen(page, 'progress');
    await page.getByLabel('Your name for the certificate (optional)').fill('Sam');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Name saved.');
    const regions = await page.evaluate(
      () => (window as unknown as { statusRegions: { empty: boolean; text: string }[] }).statusRegions,
    );
    expect(regions).toContainEqual({ empty: true, text: 'Name saved.' });
    expect(regions.filter((r) => !r.empty)).toEqual([]);
    await page.getByRole('button', { name: 'Back to title' }).click();

    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, SCENARIO);
    expect(await page.locator('#announcer').getAttribute('aria-live')).toBe('polite');
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes) said.push((node.textContent ?? '').replace(/\s+/g, ' ').trim());
      }).observe(document.getElementById('announcer') as HTMLElement, { childList: true });
    });
    /** Everything announced since the last call. */
    const announced = async (): Promise<string[]> =>
      page.evaluate(() => {
        const said = (window as unknown as { said: string[] }).said;
        return said.splice(0, said.length);
      });
    const lineOf = async (): Promise<string> =>
      `Linda: ${(await page.evaluate(() => window.__GOOD_TERMS__?.line))?.replace(/\s+/g, ' ').trim()}`;
    await announced();

    // One turn: the meter change, the coach note and the line, each once, and nothing else.
    await playChoices(page, bundle, best.choices.slice(0, 1));
    const meters = await page.evaluate(() => window.__GOOD_TERMS__?.meters);
    const turn1 = await announced();
    expect(turn1).toHaveLength(3);
    expect(turn1[0]).toMatch(new RegExp(`^Stress (rose|fell) to ${meters?.stress} \\(`));
    expect(turn1[0]).toMatch(new RegExp(`Trust (rose to|fell to|steady at) ${meters?.trust} `));
    expect(turn1[0]).toMatch(/Linda looks (calm|worried|irritated|distressed|relieved)\.$/);
    expect(turn1[1]).toMatch(/^Coach: Stress [+\u2212\u00b1]\d+, trust [+\u2212\u00b1]\d+\. \S/);
    expect(turn1[1]).toContain(
      (await page.locator('.coach p').first().textContent())?.replace(/\s+/g, ' ').trim() ?? 'no coach note',
    );
    expect(turn1[2]).toBe(await lineOf());

    // A take-back: said once, then the earlier line again; the old coach note is not repeated.
    await page.getByRole('button', { name: 'Take back my last choice' }).click();
    await page.waitForFunction(() => window.__GOOD_TERMS__?.turn === 0, undefined, { polling: 50 });
    await expect
      .poll(async () => (await page.evaluate(() => (window as unknown as { said: string[] }).said)).length)
      .toBe(2);
    expect(await announced()).toEqual(['You took back your last choice. Back to turn 1.', await lineOf()]);

    // The ending: the last turn's messages and "the conversation has ended", each once.
    await playChoices(page, bundle, best.choices.slice(0, -1));
    await announced();
    await playChoices(page, bundle, best.choices.slice(-1), best.choices.length - 1);
    const last = await announced();
    const ending = await page.locator('.choices strong').first().textContent();
    expect(last.filter((m) => m.startsWith('The conversation has ended'))).toEqual([
      `The conversation has ended: ${ending}. Your debrief is next.`,
    ]);
    expect(last.filter((m) => m.startsWith('Coach: '))).toHaveLength(1);
    expect(last.filter((m) => m.startsWith('Stress '))).toHaveLength(1);
    const finalLine = await lineOf();
    expect(last.filter((m) => m === finalLine)).toHaveLength(1);
    expect(last).toHaveLength(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('marks the Spanish in S10 with lang="es" (WCAG 3.1.2)', async () => {
    const page = await open(browserOf());
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, 's10-interpreter-language-access');
    const marked = await page.evaluate(() =>
      [...document.querySelectorAll('#overlay [lang]')].map((el) => [
        el.getAttribute('lang'),
        el.textContent,
      ]),
    );
    expect(marked).toContainEqual(['es', 'Buenos días']);
    expect(marked).toContainEqual(['es', 'Sra.']);
    expect(marked.every(([lang]) => lang === 'es')).toBe(true);
    await page.close();
  });
});
