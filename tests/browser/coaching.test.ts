import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { offered, type PlayState, startState, stepState } from '../../src/engine/runtime/stepper';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import { watchConsole } from './chromium';
import {
  baseUrl,
  bundleFor,
  openGame,
  playChoices,
  startScenario,
  useBrowser,
  waitForScreen,
} from './helpers';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 11;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));

/** A path that continues `prefix` with a different next choice than `was` and reaches an ending other than `avoid`. */
function pathToOtherEnding(
  b: ScenarioBundle,
  prefix: string[],
  was: string | undefined,
  avoid: string,
): string[] {
  let state: PlayState = startState(b, SEED);
  for (const id of prefix) state = stepState(b, state, offered(b, state).find((c) => c.id === id) as never);
  const search = (s: PlayState, path: string[]): string[] | undefined => {
    if (s.done) return s.ctx.nodeId === avoid ? undefined : path;
    for (const c of offered(b, s).filter((c) => path.length > 0 || c.id !== was)) {
      const found = search(stepState(b, s, c), [...path, c.id]);
      if (found) return found;
    }
    return undefined;
  };
  const rest = search(state, []);
  if (!rest) throw new Error('no other ending reachable');
  return rest;
}

describe('practice, assessment, replay', () => {
  const browser = useBrowser();
  let page: Page;
  let problems: string[];

  beforeEach(async () => {
    ({ page, problems } = await openGame(browser(), SEED));
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
  });

  async function start(mode: 'Practice' | 'Assessment'): Promise<void> {
    await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
    await startScenario(page, SCENARIO);
    expect(await page.getByTestId('mode-badge').textContent()).toBe(mode);
  }

  async function finish(): Promise<number> {
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    return Number(await page.getByTestId('score-total').textContent());
  }

  it('practice: a hint, a coach note after a choice, taking it back, then the debrief', async () => {
    await start('Practice');
    const first = bundle.scenario.nodes[bundle.scenario.start];
    await page.getByRole('button', { name: /What is Linda feeling/ }).click();
    expect(await page.getByRole('complementary', { name: 'What Linda is feeling' }).textContent()).toBe(
      first?.thought,
    );

    const firstChoice = first?.choices.find((c) => c.id === best.choices[0]);
    await page.getByRole('button', { name: firstChoice?.text, exact: true }).click();
    await page.waitForFunction(() => window.__GOOD_TERMS__?.turn === 1);
    const coach = page.getByRole('region', { name: 'Coach' });
    expect(await coach.textContent()).toContain(firstChoice?.feedback.slice(0, 40));

    await page.getByRole('button', { name: 'Take back my last choice' }).click();
    await page.waitForFunction(
      () => window.__GOOD_TERMS__?.screen === 'conversation' && window.__GOOD_TERMS__?.turn === 0,
    );
    expect(await page.getByRole('region', { name: 'Coach' }).isVisible()).toBe(false);

    await playChoices(page, bundle, best.choices);
    expect(await finish()).toBe(best.total);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('replays from a middle decision to a different ending and compares the two attempts', async () => {
    await start('Practice');
    await playChoices(page, bundle, best.choices);
    await finish();
    const from = 5;
    await page.getByRole('button', { name: `Replay from turn ${from}` }).click();
    await page.waitForFunction(
      (t) => window.__GOOD_TERMS__?.screen === 'conversation' && window.__GOOD_TERMS__?.turn === t,
      from - 1,
    );

    const prefix = best.choices.slice(0, from - 1);
    const rest = pathToOtherEnding(bundle, prefix, best.choices[from - 1], best.endingId);
    await playChoices(page, bundle, rest, from - 1);
    const second = await finish();
    expect(await page.getByRole('heading', { level: 2, name: /·/ }).first().textContent()).not.toContain(
      bundle.scenario.endings[best.endingId]?.title,
    );
    const comparison = page.getByTestId('comparison');
    expect(await comparison.textContent()).toContain(`Your choices differed from turn ${from}.`);
    expect(await comparison.locator('tr', { hasText: 'Score' }).textContent()).toBe(
      `Score${best.total}${second}`,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('assessment: no help on screen, and a hard-fail choice fails whatever was collected', async () => {
    await start('Assessment');
    expect(await page.getByRole('button', { name: /What is Linda feeling/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Take back my last choice' }).count()).toBe(0);
    const collectAll = explore(bundle, { seed: SEED }).shortestTo['paid-under-protest'];
    if (!collectAll) throw new Error('S8 should have a paid-under-protest ending');
    await playChoices(page, bundle, collectAll.choices);
    await finish();
    expect(await page.getByTestId('assessment-result').textContent()).toContain(
      'a compliance failure always fails',
    );
    expect(await page.getByRole('region', { name: 'Outcome' }).textContent()).toContain(
      'Collected today: $290',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a replay code reproduces the attempt on another page, and a damaged code explains itself', async () => {
    await start('Practice');
    const path = explore(bundle, { seed: SEED }).shortestTo['copay-only'];
    if (!path) throw new Error('S8 should have a copay-only ending');
    await playChoices(page, bundle, path.choices);
    const score = await finish();
    const code = (await page.getByTestId('replay-code').textContent()) ?? '';
    const turns = await page.locator('.turns > li').count();

    const other = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const otherProblems = watchConsole(other);
    await other.goto(`${baseUrl()}#replay=${code}`);
    await waitForScreen(other, 'debrief');
    expect(Number(await other.getByTestId('score-total').textContent())).toBe(score);
    expect(await other.locator('.turns > li').count()).toBe(turns);
    expect(await other.getByTestId('replay-code').textContent()).toBe(code);

    await other.goto(`${baseUrl()}#replay=${code.replace(/\.[0-9a-f]{8}\./, '.00000000.')}`);
    await waitForScreen(other, 'title');
    expect(await other.locator('.title-card .notice').textContent()).toMatch(
      /another version of .*cannot be replayed exactly/,
    );
    expect(otherProblems).toEqual([]);
    expect(problems).toEqual([]);
    await other.close();
    await page.close();
  });
});
