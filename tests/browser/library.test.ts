/**
 * The select screen as a library (issue 17): at 50 scenarios (the test build's generated library,
 * `?library=50`) it lists them in curriculum order, filters by setting, level and area, searches text,
 * names each card by its title with its details as the description, and opens the details before
 * starting.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { generatedEntries } from '../../src/content/generatedLibrary';
import type { ScenarioSummary } from '../../src/engine/runtime/types';
import { watchConsole } from './chromium';
import { axe, baseUrl, useBrowser, waitForScreen } from './helpers';

const source = fileContentSource();
const library = generatedEntries(source.scenarios(), 50).flatMap((e) => (e.summary ? [e.summary] : []));
const curriculum = source.curriculum();
const pathOrder = curriculum.ok ? curriculum.curriculum.modules.flatMap((m) => m.scenarios) : [];

const visibleIds = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-scenario-id]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.dataset.scenarioId ?? ''),
  );
const ids = (summaries: ScenarioSummary[]) => summaries.map((s) => s.id).sort();

describe('the scenario library', () => {
  const browserOf = useBrowser();

  it('lists, filters and searches 50 scenarios, and opens one before starting it', async () => {
    expect(library).toHaveLength(50);
    const context = await browserOf().newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${baseUrl()}?seed=5&library=50`);
    await waitForScreen(page, 'title');
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');

    // The mode picker comes before the library in the tab order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('mode');

    // Curriculum order first, then the rest in natural order (case 2 before case 10).
    const shown = await visibleIds(page);
    expect(shown).toHaveLength(50);
    expect(shown.slice(0, pathOrder.length)).toEqual(pathOrder);
    const rest = shown.slice(pathOrder.length);
    expect(rest.indexOf('library-case-2')).toBeLessThan(rest.indexOf('library-case-10'));
    await expect.poll(() => page.locator('#library-count').textContent()).toContain('50 scenarios');
    await axe(page, 'library of 50');

    // Each card: named by its title, described by its details and its status.
    const card = page.locator('[data-scenario-id="library-case-7"]');
    const summary = library.find((s) => s.id === 'library-case-7') as ScenarioSummary;
    const described = await card.evaluate((el) => ({
      // The button's only content is the title, and nothing else names it.
      name: el.getAttribute('aria-label') ?? el.getAttribute('aria-labelledby') ?? el.textContent,
      description: (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    }));
    expect(described.name).toBe(summary.title);
    expect(described.description).toMatch(/about \d+ min/);
    expect(described.description).toContain('Not tried');
    expect(await page.getByRole('button', { name: summary.title, exact: true }).count()).toBe(1);

    // Filters: by setting, then also by level; the count says how many are shown.
    await page.getByLabel('Setting').selectOption('phone-inbound');
    const inbound = library.filter((s) => s.setting === 'phone-inbound');
    expect(ids(inbound).length).toBeGreaterThan(5);
    expect((await visibleIds(page)).sort()).toEqual(ids(inbound));
    await page.getByLabel('Level').selectOption('3');
    const hard = inbound.filter((s) => s.difficulty === 3);
    expect((await visibleIds(page)).sort()).toEqual(ids(hard));
    expect(await page.locator('#library-count').textContent()).toBe(
      `Showing ${hard.length} of 50 scenarios.`,
    );
    await page.getByLabel('Area').selectOption('account-resolution');
    const area = hard.filter((s) => s.domain === 'account-resolution');
    expect((await visibleIds(page)).sort()).toEqual(ids(area));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await visibleIds(page)).toHaveLength(50);

    // Search: every word must appear (title, summary, patient, objectives).
    await page.getByLabel('Search').fill('Linda');
    const linda = library.filter((s) => s.personaName.includes('Linda'));
    expect(linda.length).toBeGreaterThan(1);
    expect((await visibleIds(page)).sort()).toEqual(ids(linda));
    await page.getByLabel('Search').fill('library case 27');
    // "27" also occurs in some scenarios' own text (a date, an amount), so other cases may match too.
    const found = await visibleIds(page);
    expect(found).toContain('library-case-27');
    expect(found.length).toBeLessThan(10);
    await page.getByLabel('Search').fill('no scenario says zyzzyva');
    expect(await visibleIds(page)).toEqual([]);
    expect(await page.getByText('No scenario matches.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await visibleIds(page)).toHaveLength(50);

    // Details before starting: the objectives, a start button for the chosen mode, back to the list.
    await page.getByLabel('Search').fill('Linda');
    await page.locator('[data-scenario-id="s8-copay-prior-balance"]').click();
    const s8 = library.find((s) => s.id === 's8-copay-prior-balance') as ScenarioSummary;
    expect(await page.locator('#detail-heading').textContent()).toBe(s8.title);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    for (const objective of s8.objectives)
      expect(await page.getByText(objective, { exact: true }).count()).toBe(1);
    expect(await page.locator('[data-start-scenario]').textContent()).toBe('Start practice');
    await page.getByLabel(/^Assessment/).check();
    expect(await page.locator('[data-start-scenario]').textContent()).toBe('Start assessment');
    await page.getByLabel(/^Practice/).check();
    await axe(page, 'scenario details');
    await page.getByRole('button', { name: 'All scenarios' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.scenarioId)).toBe(
      's8-copay-prior-balance',
    );
    expect((await visibleIds(page)).sort()).toEqual(ids(linda));

    // A generated case plays as the scenario it was made from.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('[data-scenario-id="library-case-1"]').click();
    await page.locator('[data-start-scenario="library-case-1"]').click();
    await waitForScreen(page, 'conversation');
    expect(await page.locator('#convo-heading').textContent()).toBe(
      library.find((s) => s.id === 'library-case-1')?.title,
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
