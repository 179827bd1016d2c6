/**
 * A classroom session end to end in headless Chromium against the real server: the facilitator's console,
 * the projector and three phones (one at 360x640) play a scenario to the debrief. One phone reloads in
 * the middle of a vote and keeps its vote; the facilitator overrides the class once; no page logs an
 * error; the phone page is axe clean at phone size.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { shippedBundle, startTestServer, tempDir } from '../classroom/server';
import { watchConsole } from './chromium';
import { axe, canvasStats, useBrowser } from './helpers';

const SCENARIO = 's13-ed-cost-before-screening';
const SEED = 7;
const best = bestOf(explore(shippedBundle(SCENARIO), { seed: SEED })).choices;
const OVERRIDE_TURN = 3;
const RELOAD_TURN = 2;

describe('classroom session in the browser', () => {
  const browserOf = useBrowser();
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dataDir: tempDir('e2e'), staticDir: 'dist-test' });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await server?.close();
  });

  /** Each page in its own context: its own localStorage, so each phone holds its own seat. */
  async function open(browser: Browser, path: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.url}${path}`);
    return { page, problems };
  }

  const projectorAt = (page: Page, phase: string, turn?: number) =>
    page.waitForFunction(
      ([p, t]) => {
        const el = document.getElementById('overlay');
        return el?.dataset.phase === p && (t === null || el?.dataset.turn === String(t));
      },
      [phase, turn ?? null] as const,
      { polling: 50 },
    );

  it('plays to the debrief with a reload mid-vote and one override', { timeout: 240_000 }, async () => {
    const browser = browserOf();
    const facilitator = await open(browser, '/classroom/', { width: 1280, height: 900 });
    const f = facilitator.page;
    await f.locator('#scenario').selectOption(SCENARIO);
    await f.locator('#seed').fill(String(SEED));
    await f.locator('#seconds').fill('90');
    await f.getByRole('button', { name: 'Create room' }).click();
    const code = (await f.getByTestId('join-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    const projector = await open(browser, `/classroom/projector.html#room=${code}`, {
      width: 1280,
      height: 720,
    });
    const p = projector.page;
    await projectorAt(p, 'lobby');
    await expect.poll(() => p.getByTestId('join-code').textContent()).toBe(code);
    expect(await p.locator('.projector__join svg path').getAttribute('d')).toMatch(/^M\d/);

    const phones = [
      await open(browser, `/join/${code}`, { width: 360, height: 640 }),
      await open(browser, `/join/${code}`, { width: 1024, height: 768 }),
      // The third types the code in, as someone who could not scan the QR code would.
      await open(browser, '/join', { width: 412, height: 915 }),
    ];
    const third = phones[2]?.page as Page;
    await third.getByLabel('Room code').fill(code.toLowerCase());
    await third.getByRole('button', { name: 'Join' }).click();
    for (const phone of phones) await phone.page.getByTestId('nickname').waitFor();
    const small = phones[0]?.page as Page;
    await axe(small, 'phone lobby');
    // The canvas draws the patient: not blank, many colours.
    await expect.poll(async () => (await canvasStats(p)).colours, { timeout: 30_000 }).toBeGreaterThan(40);
    await f.getByText('3 joined').waitFor();

    for (const [index, choiceId] of best.entries()) {
      const turn = index + 1;
      await f.getByRole('button', { name: `Open vote for turn ${turn}` }).click();
      await projectorAt(p, 'voting', turn);
      const options = await small
        .locator('button[data-choice-id]')
        .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.choiceId ?? ''));
      const other = options.find((id) => id !== choiceId) as string;
      const pick = turn === OVERRIDE_TURN ? other : choiceId;
      const vote = async (page: Page) => {
        await page.locator(`button[data-choice-id="${pick}"]`).click();
        // The last vote closes the round at once, so the confirmation is either the pressed reply or the closed note.
        await page.waitForFunction(
          (id) =>
            document.querySelector(`button[data-choice-id="${id}"][aria-pressed="true"]`) !== null ||
            /You voted \d/.test(document.querySelector('[data-testid="closed-note"]')?.textContent ?? ''),
          pick,
          { polling: 50 },
        );
      };
      if (turn === RELOAD_TURN) {
        await vote(small);
        await small.reload();
        await small.locator(`button[data-choice-id="${pick}"][aria-pressed="true"]`).waitFor();
        await expect.poll(() => small.getByTestId('vote-note').textContent()).toMatch(/^Your vote: \d/);
        await axe(small, 'phone voting');
        for (const phone of phones.slice(1)) await vote(phone.page);
      } else {
        for (const phone of phones) await vote(phone.page);
      }
      // Everyone has voted: the vote closes by itself.
      await projectorAt(p, 'closed', turn);
      await f.getByRole('button', { name: 'Reveal the vote' }).click();
      await projectorAt(p, 'revealed', turn);
      if (turn === OVERRIDE_TURN) {
        // The class picked another reply; the trainer lands the one the scenario rewards.
        await f.locator(`[data-focus="override-${choiceId}"]`).click();
      } else {
        await f.getByRole('button', { name: /^Accept the class choice/ }).click();
      }
      await p.getByTestId('decision').waitFor();
      await expect
        .poll(() => p.getByTestId('decision').textContent())
        .toContain(turn === OVERRIDE_TURN ? 'The trainer chose' : 'The class chose');
      await small.getByTestId('decision').waitFor();
      if (turn === 1) {
        await p.getByTestId('coach-note').waitFor();
        await p.getByTestId('meter-change').waitFor();
      }
    }

    await f.getByRole('button', { name: 'Show the debrief and end' }).click();
    await projectorAt(p, 'ended');
    await p.getByTestId('class-score').waitFor();
    expect(await p.getByTestId('strongest-rate').textContent()).toContain(
      `in ${best.length - 1} of ${best.length} turns`,
    );
    for (const phone of phones) {
      await phone.page.getByTestId('my-summary').waitFor();
      expect(await phone.page.getByTestId('my-summary').textContent()).toContain(
        `voted in ${best.length} of ${best.length}`,
      );
    }
    await axe(small, 'phone debrief');
    await f.getByTestId('class-score').waitFor();

    const download = f.waitForEvent('download');
    await f.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`classroom-${code}.csv`);

    for (const page of [facilitator, projector, ...phones]) expect(page.problems).toEqual([]);
  });
});
