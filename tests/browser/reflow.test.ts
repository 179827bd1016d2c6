/**
 * WCAG 1.4.10 Reflow (issue 22, item 3): at 320 CSS px wide, and at 400 % zoom of a 1280 x 720 window
 * (320 x 180 CSS px at four device pixels each), every screen reflows: nothing scrolls sideways, nothing
 * is clipped, every control can be reached. Every screen includes the certificate (after importing a
 * finished path) and the dialog that asks before leaving a conversation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { toJsonExport } from '../../src/progress/exportImport';
import { watchConsole } from './chromium';
import { finishedPathAttempts } from './finishedPath';
import { baseUrl, bundleFor, playChoices, startScenario, useBrowser, waitForScreen } from './helpers';
import { layoutProblems } from './layoutChecks';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 5;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));

const SIZES = [
  { name: '320 CSS px wide', width: 320, height: 640, scale: 1 },
  { name: '400% zoom of 1280 x 720', width: 320, height: 180, scale: 4 },
] as const;

async function reflows(page: Page, screen: string): Promise<void> {
  expect(await layoutProblems(page, { touch: false, words: true }), screen).toEqual([]);
}

describe('reflow', () => {
  const browserOf = useBrowser();

  it.each(SIZES.map((s) => [s.name, s] as const))('every screen reflows at %s', async (_, size) => {
    const context = await browserOf().newContext({
      viewport: { width: size.width, height: size.height },
      deviceScaleFactor: size.scale,
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${baseUrl()}?seed=${SEED}`);
    await waitForScreen(page, 'title');
    await reflows(page, 'title');
    for (const [button, screen, back] of [
      ['Settings', 'settings', 'Done'],
      ['Accessibility', 'accessibility', 'Back to title'],
      ['Onboarding path', 'curriculum', 'Back to title'],
      ['My progress', 'progress', 'Back to title'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await waitForScreen(page, screen);
      await reflows(page, screen);
      await page.getByRole('button', { name: back }).click();
      await waitForScreen(page, 'title');
    }
    // The certificate needs a finished path: imported on the progress screen, as a trainee moving devices would.
    await page.getByRole('button', { name: 'My progress' }).click();
    await waitForScreen(page, 'progress');
    await page.getByLabel(/Import a JSON export/).setInputFiles({
      name: 'export.json',
      mimeType: 'application/json',
      buffer: Buffer.from(toJsonExport({ displayName: 'Jordan Lee' }, finishedPathAttempts())),
    });
    await expect
      .poll(() => page.getByTestId('completion').textContent())
      .toMatch(/(\d+) of \1 modules mastered/);
    await page.getByRole('button', { name: 'View your certificate' }).click();
    await waitForScreen(page, 'certificate');
    await reflows(page, 'certificate');
    await page.getByRole('button', { name: 'Back to progress' }).click();
    await waitForScreen(page, 'progress');
    await page.getByRole('button', { name: 'Back to title' }).click();
    await waitForScreen(page, 'title');
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await reflows(page, 'select');
    await page.locator(`[data-scenario-id="${SCENARIO}"]`).click();
    await reflows(page, 'scenario details');
    await page.getByRole('button', { name: 'All scenarios' }).click();
    await startScenario(page, SCENARIO);
    await reflows(page, 'conversation');
    await page.getByRole('button', { name: 'Leave conversation' }).click();
    await reflows(page, 'the leave dialog');
    await page.getByRole('button', { name: 'Stay in the conversation' }).click();
    await page.locator('.account-box summary').click();
    await playChoices(page, bundle, best.choices.slice(0, 2));
    await page.getByRole('button', { name: /feeling\?$/ }).click();
    await page.locator('.transcript summary').click();
    await reflows(page, 'conversation with account, coach note, hint and transcript');
    await playChoices(page, bundle, best.choices.slice(2), 2);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    for (const summary of await page.locator('.panel summary, .chart-card summary').all())
      await summary.click();
    await reflows(page, 'debrief, every section open');
    expect(problems).toEqual([]);
    await context.close();
  });
});
