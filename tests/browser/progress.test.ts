import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { toJsonExport } from '../../src/progress/exportImport';
import { watchConsole } from './chromium';
import { finishedPathAttempts } from './finishedPath';
import { axe, baseUrl, bundleFor, playChoices, startScenario, useBrowser, waitForScreen } from './helpers';

const SEED = 9;

describe('progress, resume and the onboarding path', () => {
  const browser = useBrowser();
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  async function fresh(): Promise<void> {
    context = await browser().newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    page = await context.newPage();
    problems = watchConsole(page);
    await page.goto(`${baseUrl()}?seed=${SEED}`);
    await waitForScreen(page, 'title');
  }

  it('reloading mid-conversation offers to continue at the same line, meters and choices', async () => {
    await fresh();
    const bundle = bundleFor('s8-copay-prior-balance');
    const best = bestOf(explore(bundle, { seed: SEED }));
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await startScenario(page, 's8-copay-prior-balance');
    await playChoices(page, bundle, best.choices.slice(0, 3));
    const before = await page.evaluate(() => ({
      node: window.__GOOD_TERMS__?.nodeId,
      meters: window.__GOOD_TERMS__?.meters,
      choices: [...document.querySelectorAll<HTMLElement>('.choice')].map((b) => b.dataset.choiceId),
      line: document.querySelector('[data-testid=patient-line]')?.textContent,
    }));

    await page.reload();
    await waitForScreen(page, 'title');

    expect(await page.getByRole('heading', { name: 'Continue where you left off?' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: `Continue \u201c${bundle.scenario.title}\u201d` }).click();
    await waitForScreen(page, 'conversation');
    await page.locator('.speech').click();
    const after = await page.evaluate(() => ({
      node: window.__GOOD_TERMS__?.nodeId,
      meters: window.__GOOD_TERMS__?.meters,
      choices: [...document.querySelectorAll<HTMLElement>('.choice')].map((b) => b.dataset.choiceId),
      line: document.querySelector('[data-testid=patient-line]')?.textContent,
    }));
    expect(after).toEqual({ ...before, line: after.line });
    expect(await page.evaluate(() => window.__GOOD_TERMS__?.turn)).toBe(3);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('mastering the first module in assessment opens the next one', async () => {
    await fresh();
    await page.getByRole('button', { name: 'Onboarding path' }).click();
    await waitForScreen(page, 'curriculum');
    expect(await page.getByTestId('state-time-of-service').textContent()).toContain('Locked');
    for (const id of ['s8-copay-prior-balance', 's13-ed-cost-before-screening']) {
      const bundle = bundleFor(id);
      const best = bestOf(explore(bundle, { seed: SEED }));
      await page.getByRole('button', { name: `${bundle.scenario.title}: Assess` }).click();
      await waitForScreen(page, 'conversation');
      expect(await page.getByTestId('mode-badge').textContent()).toBe('Assessment');
      await playChoices(page, bundle, best.choices);
      await page.getByRole('button', { name: 'See your debrief' }).click();
      await waitForScreen(page, 'debrief');
      expect(await page.getByTestId('assessment-result').textContent()).toContain('Assessment passed');
      await page.getByRole('button', { name: 'Choose another scenario' }).click();
      await waitForScreen(page, 'select');
      await page.getByRole('button', { name: 'Back to title' }).click();
      await waitForScreen(page, 'title');
      await page.getByRole('button', { name: 'Onboarding path' }).click();
      await waitForScreen(page, 'curriculum');
    }
    expect(await page.getByTestId('state-foundations').textContent()).toContain('Mastered');
    expect(await page.getByTestId('state-time-of-service').textContent()).toContain('Open');
    expect(await page.getByTestId('next-step').textContent()).toContain('Uninsured');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('imports a finished path, prints the certificate with the right name and scores, and exports CSV rows that match', async () => {
    const attempts = finishedPathAttempts();
    await fresh();
    await page.getByRole('button', { name: 'My progress' }).click();
    await waitForScreen(page, 'progress');
    await page.getByLabel('Your name for the certificate (optional)').fill('=Jordan "JJ" Lee, RN');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Name saved.');
    await page.getByLabel(/Import a JSON export/).setInputFiles({
      name: 'export.json',
      mimeType: 'application/json',
      buffer: Buffer.from(toJsonExport({ displayName: 'Someone Else' }, attempts)),
    });
    await expect
      .poll(() => page.getByTestId('completion').textContent())
      .toContain('5 of 5 modules mastered');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Attempts (CSV)' }).click();
    const csv = await (await download)
      .path()
      .then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows.length).toBe(attempts.length + 1);
    for (const a of attempts) expect(csv).toContain(a.id);
    expect(csv).toContain(`"'=Jordan ""JJ"" Lee, RN"`);

    await page.getByRole('button', { name: 'View your certificate' }).click();
    await waitForScreen(page, 'certificate');
    expect(await page.getByTestId('certificate-name').textContent()).toBe('=Jordan "JJ" Lee, RN');
    for (const a of attempts)
      expect(await page.getByTestId(`score-${a.scenarioId}`).textContent()).toBe(String(a.total));
    await axe(page, 'certificate');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#game').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
