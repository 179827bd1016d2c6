import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { loadLibrary } from '../../src/content/library';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { launchChromium, watchConsole } from './chromium';

export function baseUrl(): string {
  return inject('baseUrl');
}

export function bundleFor(id: string): ScenarioBundle {
  const found = loadLibrary().scenarios.find((s) => s.ok && s.bundle.scenario.id === id);
  if (!found?.ok) throw new Error(`scenario ${id} did not load`);
  return found.bundle;
}

export async function waitForScreen(page: Page | Frame, screen: string): Promise<void> {
  // Interval polling: requestAnimationFrame polling stalls in a page that is not in front.
  await page.waitForFunction((name) => window.__GOOD_TERMS__?.screen === name, screen, { polling: 50 });
}

/** Distinct colours and luminance spread of the game canvas: a blank or single-colour canvas fails. */
export async function canvasStats(page: Page): Promise<{ colours: number; spread: number }> {
  return page.evaluate(() => {
    const source = document.querySelector('#game canvas') as HTMLCanvasElement | null;
    if (!source) return { colours: 0, spread: 0 };
    const copy = document.createElement('canvas');
    copy.width = 320;
    copy.height = 180;
    const ctx = copy.getContext('2d');
    if (!ctx) return { colours: 0, spread: 0 };
    ctx.drawImage(source, 0, 0, copy.width, copy.height);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const colours = new Set<number>();
    let sum = 0;
    let sumSq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      colours.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
      const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += lum;
      sumSq += lum * lum;
    }
    return { colours: colours.size, spread: Math.sqrt(sumSq / n - (sum / n) ** 2) };
  });
}

/** Plays a list of choice ids by clicking the buttons whose text the scenario gives them (in a page or a frame). */
export async function playChoices(
  page: Page | Frame,
  bundle: ScenarioBundle,
  choiceIds: readonly string[],
  fromTurn = 0,
): Promise<void> {
  const texts = new Map(
    Object.values(bundle.scenario.nodes).flatMap((n) => n.choices.map((c) => [c.id, c.text] as const)),
  );
  for (const [i, id] of choiceIds.entries()) {
    const text = texts.get(id);
    if (!text) throw new Error(`no choice ${id} in ${bundle.scenario.id}`);
    const button = page.getByRole('button', { name: text, exact: true });
    await button.click();
    await page.waitForFunction((turn) => window.__GOOD_TERMS__?.turn === turn, fromTurn + i + 1, {
      polling: 50,
    });
  }
}

/** From the select screen: opens the scenario's details and starts it (in the mode picked on the screen). */
export async function startScenario(page: Page, id: string): Promise<void> {
  await page.locator(`[data-scenario-id="${id}"]`).click();
  await page.locator(`[data-start-scenario="${id}"]`).click();
  await waitForScreen(page, 'conversation');
}

/**
 * One Chromium per test file: launched before the first test and closed after the last. `extraArgs`:
 * switches added to CHROMIUM_ARGS for this file's browser.
 */
export function useBrowser(extraArgs: readonly string[] = []): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(extraArgs);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser)
      throw new Error('the browser is not running (use useBrowser() at the top of a describe block)');
    return browser;
  };
}

/**
 * A page in a context of its own that closes with it. Not `browser.newPage`: axe opens pages in the page's
 * context, which playwright refuses for that one. The file's last page closes as the browser shuts down,
 * which closes its context too: the later close has nothing left to do and is not an error.
 */
export async function pageInOwnContext(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined));
  return page;
}

/** A fresh page on the game at 1280x720 with `?seed=`, on the title screen, its console watched. */
export async function openGame(
  browser: Browser,
  seed: number,
  options: { reducedMotion?: 'reduce' } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, ...options });
  const problems = watchConsole(page);
  await page.goto(`${baseUrl()}?seed=${seed}`);
  await waitForScreen(page, 'title');
  return { page, problems };
}

/**
 * axe-core with the WCAG 2.0-2.2 A and AA rules on the DOM (the canvas is decorative); zero violations.
 * The canvas is hidden while axe runs, so text contrast is measured against the page's own backgrounds
 * (axe cannot see into a canvas and would only report "needs review"). `rules` narrows the run to rules
 * that depend on colours and sizes, for the extra theme and text-size combinations.
 */
export async function axe(page: Page, screen: string, options: { rules?: string[] } = {}): Promise<void> {
  await page.evaluate(() => document.getElementById('game')?.style.setProperty('visibility', 'hidden'));
  try {
    const builder = new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
      .exclude('#game');
    const result = await (options.rules ? builder.withRules(options.rules) : builder).analyze();
    const summary = result.violations.map(
      (v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary).toEqual([]);
    expect(result.passes.length, `${screen}: axe checked nothing`).toBeGreaterThan(options.rules ? 0 : 10);
  } finally {
    await page.evaluate(() => document.getElementById('game')?.style.removeProperty('visibility'));
  }
}
