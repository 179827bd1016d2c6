/**
 * Plays the test build (dist-test/) from inside the page, by clicking the overlay's DOM buttons the way a
 * trainee does, and waits on the test hooks' state (never on fixed sleeps). Shared by the leak check
 * (tests/browser/leak.test.ts) and the browser benchmarks (scripts/bench-browser.ts).
 *
 * One play-through runs inside a single page.evaluate: driving each click over the protocol would make
 * 200-run soaks take most of the time budget in round trips.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { LiveCounts } from '../../src/ui/testHooks';

export interface PlayOptions {
  scenarioId: string;
  /** Seeds the choice picker (mulberry32): the same seed and patient seed make the same play-through. */
  choiceSeed: number;
  /** Give up (and throw in the page) when one step takes longer than this. */
  stepTimeoutMs?: number;
}

export interface PlayResult {
  scenarioId: string;
  turns: number;
  /** The ending's title as the overlay showed it. */
  ending: string;
  /** True when the debrief screen showed its heading. */
  debrief: boolean;
  ms: number;
}

/**
 * tsx / esbuild wrap named functions in `__name(fn, "name")`; functions sent to the page by toString()
 * then need that helper there. Call once per page: it serves the current document and every later one.
 */
/** Waits until the art a scene paints after it is ready is all in (src/game/paintLater.ts). */
export async function artPainted(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__GOOD_TERMS__?.artPending === 0, undefined, { polling: 20 });
}

export async function preparePage(page: Page): Promise<void> {
  const shim = (): void => {
    const g = globalThis as unknown as { __name?: (f: unknown) => unknown };
    g.__name ??= (f: unknown) => f;
  };
  await page.addInitScript(shim);
  await page.evaluate(shim);
}

/**
 * Runs in the page. From the select screen: picks the scenario, plays random available choices until the
 * conversation ends, opens the debrief, then goes back to the select screen.
 */
export async function playInPage(options: PlayOptions): Promise<PlayResult> {
  const started = performance.now();
  const timeout = options.stepTimeoutMs ?? 15_000;
  const hooks = () => {
    const h = window.__GOOD_TERMS__;
    if (!h) throw new Error('window.__GOOD_TERMS__ is missing: is this the test build?');
    return h;
  };
  const until = (what: string, test: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const poll = (): void => {
        if (test()) resolve();
        else if (performance.now() - t0 > timeout) reject(new Error(`timed out waiting for ${what}`));
        else setTimeout(poll, 4);
      };
      poll();
    });
  const buttonNamed = (name: string): HTMLButtonElement | undefined =>
    [...document.querySelectorAll<HTMLButtonElement>('#overlay button')].find(
      (b) => b.textContent?.trim() === name && !b.hidden,
    );
  let state = options.choiceSeed >>> 0 || 1;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  await until('the select screen', () => hooks().screen === 'select');
  const card = document.querySelector<HTMLButtonElement>(`[data-scenario-id="${options.scenarioId}"]`);
  if (!card) throw new Error(`no scenario card for ${options.scenarioId}`);
  card.click();
  const start = document.querySelector<HTMLButtonElement>(`[data-start-scenario="${options.scenarioId}"]`);
  if (!start) throw new Error(`the details of ${options.scenarioId} have no start button`);
  start.click();
  await until('the conversation', () => hooks().screen === 'conversation' && hooks().turn === 0);

  let turns = 0;
  for (;;) {
    const toDebrief = buttonNamed('See your debrief');
    if (toDebrief) {
      const ending = toDebrief.parentElement?.textContent?.replace('See your debrief', '').trim() ?? '';
      toDebrief.click();
      await until('the debrief', () => hooks().screen === 'debrief');
      await until('the debrief heading', () =>
        [...document.querySelectorAll('#overlay h1')].some((h) => h.textContent?.startsWith('Debrief')),
      );
      const back = buttonNamed('Choose another scenario');
      if (!back) throw new Error('the debrief has no "Choose another scenario" button');
      back.click();
      await until('the select screen again', () => hooks().screen === 'select');
      return {
        scenarioId: options.scenarioId,
        turns,
        ending,
        debrief: true,
        ms: performance.now() - started,
      };
    }
    const choices = [...document.querySelectorAll<HTMLButtonElement>('#overlay button.choice')];
    if (choices.length === 0) throw new Error(`no choices and no debrief button at turn ${turns}`);
    const pick = choices[Math.floor(random() * choices.length)] as HTMLButtonElement;
    const before = hooks().turn ?? 0;
    pick.click();
    await until(`turn ${before + 1}`, () => (hooks().turn ?? 0) > before);
    turns += 1;
  }
}

/** Plays one scenario from the select screen back to the select screen. */
export function play(page: Page, options: PlayOptions): Promise<PlayResult> {
  return page.evaluate(playInPage, options);
}

/** Reads every live count the test hooks offer. */
/**
 * Live counts that must not grow from one play-through to the next. Timers are not among them: a blink
 * holds one for 120 ms, so the count depends on the moment it is read.
 */
export const NON_GROWING = [
  'gameObjects',
  'updating',
  'tweens',
  'textures',
  'glTextures',
  'gameListeners',
  'sceneListeners',
  'actorListeners',
  'openSessionListeners',
  'overlayNodes',
  'documentNodes',
] as const satisfies readonly (keyof LiveCounts)[];

export function counts(page: Page): Promise<LiveCounts> {
  return page.evaluate(() => {
    const c = window.__GOOD_TERMS__?.counts;
    if (!c) throw new Error('window.__GOOD_TERMS__.counts is missing: is this the test build?');
    return c;
  });
}

export interface HeapSample {
  /** JS heap in use after a forced full garbage collection, in bytes. */
  heapUsed: number;
  /** Chromium's DOM counters after that collection: nodes alive (attached or not) and JS event listeners. */
  domNodes: number;
  jsEventListeners: number;
  documents: number;
}

/** One precise collection, then the counters. */
async function sampleAfterGc(cdp: CDPSession): Promise<HeapSample> {
  // A heap snapshot is the one collection that is precise for the DOM: HeapProfiler.collectGarbage
  // scans the renderer's stack conservatively and can keep a few detached screens (and their listeners)
  // counted, by a number that varies from run to run. The snapshot itself is discarded.
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const dom = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  return {
    heapUsed: heap.usedSize,
    domNodes: dom.nodes,
    jsEventListeners: dom.jsEventListeners,
    documents: dom.documents,
  };
}

/**
 * Forces garbage collection through the DevTools protocol (no --expose-gc needed) and samples until two
 * samples agree on the DOM counters: work still finishing when a play-through returns (a database write
 * holds listeners on its request and transaction) is waited out, not counted.
 */
export async function heapAfterGc(cdp: CDPSession): Promise<HeapSample> {
  let sample = await sampleAfterGc(cdp);
  for (let round = 0; round < 5; round++) {
    const next = await sampleAfterGc(cdp);
    const settled = next.domNodes === sample.domNodes && next.jsEventListeners === sample.jsEventListeners;
    sample = next;
    if (settled) break;
  }
  return sample;
}

/** The ids on the select screen's scenario cards, in order. */
export function scenarioIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-scenario-id]')].map((e) => e.dataset.scenarioId ?? ''),
  );
}
