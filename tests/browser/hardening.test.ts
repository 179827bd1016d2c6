/**
 * Regressions for the reliability and integrity defects of issue 16, each played the way a trainee or
 * a bad link would hit it, plus the Content-Security-Policy over a full playthrough.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { encodeReplayCode } from '../../src/engine/runtime/replayCode';
import { contentSecurityPolicy } from '../../src/security/csp';
import { watchConsole } from './chromium';
import {
  baseUrl,
  bundleFor,
  canvasStats,
  openGame,
  playChoices,
  startScenario,
  useBrowser,
  waitForScreen,
} from './helpers';
import { canvasPicture, settledPicture } from './screens';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 7;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));

/** From the title: the select screen, then the scenario's details and its start button. */
async function startFromTitle(page: Page, id = SCENARIO): Promise<void> {
  await page.getByRole('button', { name: 'Start practising' }).click();
  await waitForScreen(page, 'select');
  await startScenario(page, id);
}

/**
 * Runs in the page (an init script): once `slowSaves` is set, IndexedDB writes of conversations in
 * progress never finish, as a write still pending when the page goes away never lands.
 */
function stallableInProgressSaves(): void {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function slow(this: IDBObjectStore, ...args: Parameters<typeof put>) {
    if (this.name === 'inProgress' && (window as unknown as { slowSaves?: boolean }).slowSaves)
      return new EventTarget() as IDBRequest<IDBValidKey>;
    return put.apply(this, args);
  };
}

/** From now on the database falls behind: it never receives another save of the conversation. */
async function stallSaves(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { slowSaves: boolean }).slowSaves = true;
  });
}

/** Reloads, continues the conversation the title offers first, and says how it was offered and at which turn. */
async function reloadAndResume(page: Page): Promise<{ offered: string; turn: number | undefined }> {
  await page.reload();
  await waitForScreen(page, 'title');
  const first = page.locator('.resume__item').first();
  const offered = (await first.textContent()) ?? '';
  await first.getByRole('button', { name: /^Continue/ }).click();
  await waitForScreen(page, 'conversation');
  return { offered, turn: await page.evaluate(() => window.__GOOD_TERMS__?.turn) };
}

async function titleNotice(page: Page): Promise<string> {
  await waitForScreen(page, 'title');
  return (await page.locator('.title-card .notice').allTextContents()).join(' ');
}

describe('hardening', () => {
  const browser = useBrowser();

  it('plays a whole scenario to the debrief under the strict CSP without a single violation', async () => {
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|unsafe-inline/);
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    await page.goto(`${baseUrl()}?seed=${SEED}`);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      contentSecurityPolicy(),
    );
    await startFromTitle(page);
    await playChoices(page, bundle, best.choices);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    await page.getByRole('button', { name: 'Choose another scenario' }).click();
    await waitForScreen(page, 'select');
    await page.getByRole('button', { name: 'Back to title' }).click();
    await page.getByRole('button', { name: 'My progress' }).click();
    await waitForScreen(page, 'progress');
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a damaged replay link or seed on the title screen, and the game starts', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.goto(`${baseUrl()}#replay=GT1.s8%E0%A4%A.zz`);
    expect(await titleNotice(page)).toMatch(/replay link is damaged/);
    await page.goto(`${baseUrl()}?seed=%zz&x=%#replay=${'x'.repeat(1300)}`);
    const notice = await titleNotice(page);
    expect(notice).toMatch(/too long to be a Good Terms replay code/);
    expect(notice).not.toContain('xxxxxxxxxx');
    await page.goto(`${baseUrl()}?seed=abc`);
    expect(await titleNotice(page)).toMatch(/seed in this link is not a whole number/);
    await startFromTitle(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the same replay link each time it is pasted', async () => {
    const { page, problems } = await openGame(browser(), SEED);
    const code = encodeReplayCode(bundle, {
      scenarioId: SCENARIO,
      contentHash: bundle.contentHash,
      seed: SEED,
      choices: best.choices.slice(0, 2),
    });
    const paste = () =>
      page.evaluate((c) => {
        window.location.hash = `replay=${c}`;
      }, code);
    await paste();
    await page.waitForFunction(() => window.__GOOD_TERMS__?.turn === 2, undefined, { polling: 50 });
    await playChoices(page, bundle, best.choices.slice(2, 3), 2);
    await paste();
    await page.waitForFunction(() => window.__GOOD_TERMS__?.turn === 2, undefined, { polling: 50 });
    expect(await page.evaluate(() => window.location.hash)).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps a replay code that does not decode in its field, marked invalid, with focus and the reason', async () => {
    const { page, problems } = await openGame(browser(), SEED);
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    const field = page.getByLabel('Open a replay code');
    const bad = `GT1.${'q'.repeat(1200)}`;
    await field.fill(bad);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe(bad);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('replay-code');
    expect(await page.locator('#replay-code-error').textContent()).toMatch(
      /too long to be a Good Terms replay code/,
    );
    expect(await page.evaluate(() => window.__GOOD_TERMS__?.screen)).toBe('select');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gives each of two tabs its own conversation, and a reload in each resumes its own', async () => {
    const context: BrowserContext = await browser().newContext({ viewport: { width: 1280, height: 720 } });
    const open = async (): Promise<{ page: Page; problems: string[] }> => {
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(`${baseUrl()}?seed=${SEED}`);
      await waitForScreen(page, 'title');
      return { page, problems };
    };
    const a = await open();
    const b = await open();
    const other = bundleFor('s13-ed-cost-before-screening');
    await startFromTitle(a.page);
    await playChoices(a.page, bundle, best.choices.slice(0, 2));
    await startFromTitle(b.page, other.scenario.id);
    await playChoices(b.page, other, bestOf(explore(other, { seed: SEED })).choices.slice(0, 1));
    for (const [tab, title] of [
      [a, bundle.scenario.title],
      [b, other.scenario.title],
    ] as const) {
      await tab.page.reload();
      await waitForScreen(tab.page, 'title');
      const items = await tab.page.locator('.resume__item').allTextContents();
      expect(items).toHaveLength(2);
      expect(items[0]).toContain(title);
      expect(items[0]).toContain('in this tab');
      await tab.page.getByRole('button', { name: `Continue \u201c${title}\u201d` }).click();
      await waitForScreen(tab.page, 'conversation');
    }
    expect(await a.page.evaluate(() => window.__GOOD_TERMS__?.turn)).toBe(2);
    expect(await b.page.evaluate(() => window.__GOOD_TERMS__?.turn)).toBe(1);
    expect([...a.problems, ...b.problems]).toEqual([]);
    await context.close();
  });

  it('leaves the tab\u2019s history entry alone on a reply while localStorage keeps the save, and still resumes the latest turn', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.addInitScript(stallableInProgressSaves);
    await page.addInitScript(() => {
      const w = window as unknown as { historyWrites: number };
      w.historyWrites = 0;
      const replaceState = History.prototype.replaceState;
      History.prototype.replaceState = function counted(this: History, ...args) {
        w.historyWrites += 1;
        return replaceState.apply(this, args);
      };
    });
    const writes = () => page.evaluate(() => (window as unknown as { historyWrites: number }).historyWrites);
    await page.goto(`${baseUrl()}?seed=${SEED}`);
    await startFromTitle(page);
    // The conversation's first save names this tab's attempt in its history entry.
    expect(await writes()).toBe(1);
    await stallSaves(page);
    await playChoices(page, bundle, best.choices.slice(0, 3));
    expect(await writes()).toBe(1);
    // Only localStorage has the third choice: the database never got it, and the tab's entry is older.
    const { offered, turn } = await reloadAndResume(page);
    expect(offered).toContain('in this tab');
    expect(turn).toBe(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('resumes at the latest turn after a reload right after a choice, with no localStorage and a slow database', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.addInitScript(stallableInProgressSaves);
    await page.addInitScript(() => {
      // No localStorage at all (blocked).
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    await page.goto(`${baseUrl()}?seed=${SEED}`);
    await startFromTitle(page);
    await playChoices(page, bundle, best.choices.slice(0, 2));
    // From now on the stored copy falls behind: only the tab's own copy has the third choice.
    await stallSaves(page);
    await playChoices(page, bundle, best.choices.slice(2, 3), 2);
    const { offered, turn } = await reloadAndResume(page);
    expect(offered).toContain('in this tab');
    expect(turn).toBe(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows storage failing mid-visit on the conversation and the debrief, and saves a copy on request', async () => {
    const { page, problems } = await openGame(browser(), SEED);
    await startFromTitle(page);
    await playChoices(page, bundle, best.choices.slice(0, 1));
    await page.evaluate(() => window.__GOOD_TERMS__?.failStorage());
    await playChoices(page, bundle, best.choices.slice(1, 2), 1);
    const bar = page.locator('#notice-bar');
    await expect.poll(() => bar.isVisible()).toBe(true);
    expect(await bar.textContent()).toMatch(/storage is full/);
    await playChoices(page, bundle, best.choices.slice(2), 2);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    expect(await bar.isVisible()).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByTestId('save-copy-now').click();
    const saved = JSON.parse(readFileSync((await (await download).path()) ?? '', 'utf8')) as {
      attempts: { scenarioId: string; choices: string[] }[];
    };
    expect(saved.attempts.map((a) => [a.scenarioId, a.choices])).toEqual([[SCENARIO, best.choices]]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps drawing after a game step throws, and the canvas follows the next choice', async () => {
    // Reduced motion: nothing breathes or blinks, so the canvas changes only when the conversation does.
    const { page, problems } = await openGame(browser(), SEED, { reducedMotion: 'reduce' });
    await startFromTitle(page);
    const before = await page.evaluate(() => window.__GOOD_TERMS__?.frames);
    await page.evaluate(() => window.__GOOD_TERMS__?.breakNextStep());
    await page.waitForFunction(() => (window.__GOOD_TERMS__?.frames.failed ?? 0) === 1, undefined, {
      polling: 50,
    });
    // What the choice changes on the canvas (meters, face) may be drawn in full or around the live art
    // only: the test asks that the picture moves on, not how it is drawn.
    const { hash: stale } = await settledPicture(page, 'before the choice', false);
    await playChoices(page, bundle, best.choices.slice(0, 1));
    await expect
      .poll(async () => (await page.evaluate(canvasPicture, false)).hash, { interval: 100, timeout: 30_000 })
      .not.toBe(stale);
    const after = await page.evaluate(() => window.__GOOD_TERMS__?.frames);
    expect((after?.steps ?? 0) - (before?.steps ?? 0)).toBeGreaterThan(3);
    expect((await canvasStats(page)).colours).toBeGreaterThan(40);
    expect(problems).toEqual([expect.stringMatching(/a frame failed and was skipped/)]);
    await page.close();
  });

  it('offers the replay link in a selectable field where the clipboard is missing', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined });
    });
    await page.goto(`${baseUrl()}?seed=${SEED}`);
    await startFromTitle(page);
    await playChoices(page, bundle, best.choices);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    await page.getByRole('button', { name: 'Copy link' }).click();
    const field = page.getByLabel('Replay link');
    await expect.poll(() => field.isVisible()).toBe(true);
    expect(await field.inputValue()).toMatch(/#replay=GT1\./);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('replay-link');
    expect(problems).toEqual([]);
    await page.close();
  });
});
