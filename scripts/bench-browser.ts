/**
 * npm run bench:browser [-- --compare <results.json>] [--only load,frames,memory,soak] [--quick]
 * (`npm run bench -- --compare <file>` runs every benchmark and compares all of them; keep a copy of
 * bench/results/latest.json from an earlier run to compare with.)
 *
 * Load, frame-time, memory and soak benchmarks in headless Chromium (tests/browser/chromium.ts flags:
 * WebGL through SwiftShader, so every frame is software-rendered). Prints figures and budget verdicts
 * and writes them to bench/results/latest.json; it is not a test and never fails on a budget. Figures
 * that depend on this machine's speed are quoted next to a baseline measured in the same run:
 *
 * - load: navigation to the title screen being interactive (the `good-terms:title-interactive` mark) in
 *   the production build, against a bare Phaser page (scripts/bench/bare: one scene, one text, the same
 *   Phaser and game settings), alternating, fresh browser context per run; medians.
 * - frames: requestAnimationFrame deltas during scripted conversation turns (choice, meter tweens, the
 *   typed line, the portrait's expression), against the idle title screen, the bare Phaser page and
 *   the cheapest animated canvas there is (a WebGL clear per frame). Run twice: with the project's
 *   Chromium flags (the verdict) and, as a diagnostic, with software compositing added.
 * - memory: 50 play-throughs back to back (each to its ending, the debrief and back to the select
 *   screen) with garbage collection forced through the DevTools protocol before each sample.
 * - soak: 200 seeded random play-throughs across every scenario in one browser.
 *
 * Builds everything it serves into a temporary folder, so it never races `npm test` over dist-test/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import type { LiveCounts } from '../src/ui/testHooks';
import { CHROMIUM_ARGS, findChromium } from '../tests/browser/chromium';
import {
  counts,
  type HeapSample,
  heapAfterGc,
  NON_GROWING,
  type PlayResult,
  play,
  preparePage,
  scenarioIds,
} from '../tests/browser/playthrough';
import { compareArg, printComparison, writeSection } from './bench/results';

const argv = process.argv.slice(2);
const compare = compareArg(argv);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = new Set(
  onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : ['load', 'frames', 'memory', 'soak'],
);

const LOAD_RUNS = quick ? 3 : 7;
const MEMORY_PLAYS = quick ? 10 : 50;
const SOAK_PLAYS = quick ? 20 : 200;
const SOAK_PAGES = quick ? 1 : 4;
const FRAME_TURNS = quick ? 3 : 5;
const FRAME_SCENARIOS = ['s8-copay-prior-balance', 's4-denial-anger'];
const VIEWPORT = { width: 1280, height: 720 };
const BARE_ROOT = resolve('scripts/bench/bare');
const PHASER_CHUNK = { codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] } };

const BUDGET = { loadRatio: 1.25, frameP95: 16.7, heapGrowthBytes: 5_000_000 };

// ------------------------------------------------------------------------------------------------
// Statistics
// ------------------------------------------------------------------------------------------------

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}
const median = (xs: readonly number[]): number => percentile(xs, 50);

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  /** Share of frames longer than 33 ms (two refreshes or more at 60 Hz), in percent. */
  over33: number;
  fps: number;
  /** long-animation-frame entries (Chromium's LoAF API) seen while sampling. */
  longFrames: number;
  /** Share of game steps that drew the picture, in percent (the game draws on demand); NaN without hooks. */
  drawn: number;
  /** Share of the draws that redrew only the live art's rectangle, in percent. */
  partial: number;
}

interface Sample {
  deltas: number[];
  longFrames: number;
  steps: number;
  drawn: number;
  partial: number;
}

function frameStats(sample: Sample): FrameStats {
  const { deltas, longFrames } = sample;
  const total = deltas.reduce((n, d) => n + d, 0);
  return {
    frames: deltas.length,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    p99: percentile(deltas, 99),
    over33: deltas.length ? (100 * deltas.filter((d) => d > 33).length) / deltas.length : Number.NaN,
    fps: total > 0 ? (1000 * deltas.length) / total : Number.NaN,
    longFrames,
    drawn: sample.steps > 0 ? (100 * sample.drawn) / sample.steps : Number.NaN,
    partial: sample.drawn > 0 ? (100 * sample.partial) / sample.drawn : Number.NaN,
  };
}

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-');
const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const pct = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(0)}%` : '-');

// ------------------------------------------------------------------------------------------------
// In-page helpers (sent with page.evaluate; preparePage() provides tsx's __name helper there)
// ------------------------------------------------------------------------------------------------

interface SamplerState {
  deltas: number[];
  last: number;
  on: boolean;
  longFrames: number;
  observer: PerformanceObserver | undefined;
  frames: { steps: number; full: number; partial: number; last: string } | undefined;
}
declare global {
  interface Window {
    __benchSampler?: SamplerState;
    __benchRejections?: string[];
  }
}

function startSampler(): void {
  const state: SamplerState = {
    deltas: [],
    last: 0,
    on: true,
    longFrames: 0,
    observer: undefined,
    frames: window.__GOOD_TERMS__?.frames,
  };
  window.__benchSampler = state;
  const tick = (t: number): void => {
    if (!state.on) return;
    if (state.last) state.deltas.push(t - state.last);
    state.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    state.observer = new PerformanceObserver((list) => {
      state.longFrames += list.getEntries().length;
    });
    state.observer.observe({ type: 'long-animation-frame' });
  } catch {
    // No LoAF in this browser: the count stays 0.
  }
}

function stopSampler(): Sample {
  const state = window.__benchSampler;
  if (!state) return { deltas: [], longFrames: 0, steps: 0, drawn: 0, partial: 0 };
  state.on = false;
  state.observer?.disconnect();
  const now = window.__GOOD_TERMS__?.frames;
  const before = state.frames;
  return {
    deltas: state.deltas,
    longFrames: state.longFrames,
    steps: now && before ? now.steps - before.steps : 0,
    drawn: now && before ? now.full + now.partial - before.full - before.partial : 0,
    partial: now && before ? now.partial - before.partial : 0,
  };
}

async function sampleFor(page: Page, durationMs: number): Promise<FrameStats> {
  await page.evaluate(startSampler);
  await page.waitForTimeout(durationMs);
  return frameStats(await page.evaluate(stopSampler));
}

/** The cheapest animated canvas: a 1280x720 WebGL canvas cleared to a new colour every frame. */
const FLOOR_PAGE = `<!doctype html><html><body style="margin:0;overflow:hidden">
<canvas id="c" width="1280" height="720"></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: true, preserveDrawingBuffer: true });
let i = 0; const f = () => { gl.clearColor((i++ % 120) / 120, 0.6, 0.7, 1); gl.clear(gl.COLOR_BUFFER_BIT); requestAnimationFrame(f); }; f();
</script></body></html>`;

// ------------------------------------------------------------------------------------------------
// Builds and servers
// ------------------------------------------------------------------------------------------------

interface Targets {
  app: string;
  test: string;
  bare: string;
  close(): Promise<void>;
}

async function buildAndServe(tmp: string): Promise<Targets> {
  const outApp = join(tmp, 'app');
  const outTest = join(tmp, 'test');
  const outBare = join(tmp, 'bare');
  const t0 = performance.now();
  await build({
    configLoader: 'runner',
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: outApp, emptyOutDir: true },
  });
  await build({
    configLoader: 'runner',
    mode: 'test',
    logLevel: 'warn',
    build: { outDir: outTest, emptyOutDir: true },
  });
  await build({
    root: BARE_ROOT,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: {
      outDir: outBare,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 1600,
      rolldownOptions: { output: PHASER_CHUNK },
    },
  });
  console.log(
    `built the production site, the test build and the bare Phaser page in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const servers: PreviewServer[] = [];
  const serve = async (config: Parameters<typeof preview>[0]): Promise<string> => {
    const server = await preview({
      ...config,
      preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
      logLevel: 'warn',
    });
    servers.push(server);
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report a URL');
    return url;
  };
  return {
    app: await serve({ configLoader: 'runner', mode: 'production', build: { outDir: outApp } }),
    test: await serve({ configLoader: 'runner', mode: 'test', build: { outDir: outTest } }),
    bare: await serve({ root: BARE_ROOT, configFile: false, build: { outDir: outBare } }),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await preparePage(page);
  return page;
}

async function openTestBuild(page: Page, url: string, seed: number): Promise<void> {
  await page.goto(`${url}?seed=${seed}`);
  await page.waitForFunction(() => window.__GOOD_TERMS__?.screen === 'title', undefined, { polling: 50 });
}

async function toSelect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start practising' }).click();
  await page.waitForFunction(() => window.__GOOD_TERMS__?.screen === 'select', undefined, { polling: 50 });
}

// ------------------------------------------------------------------------------------------------
// Load
// ------------------------------------------------------------------------------------------------

async function timeToMark(browser: Browser, url: string, mark: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { polling: 20 });
    return await page.evaluate((m) => performance.getEntriesByName(m)[0]?.startTime ?? Number.NaN, mark);
  } finally {
    await context.close();
  }
}

async function benchLoad(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    `\nLoad: navigation to an interactive title screen (${LOAD_RUNS} runs each after a warm-up, alternating, fresh context per run)`,
  );
  const browser = await launch();
  const app: number[] = [];
  const bare: number[] = [];
  try {
    await timeToMark(browser, targets.bare, 'bare:title-interactive');
    await timeToMark(browser, targets.app, 'good-terms:title-interactive');
    for (let i = 0; i < LOAD_RUNS; i++) {
      const order = i % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
      for (const which of order) {
        if (which === 'bare') bare.push(await timeToMark(browser, targets.bare, 'bare:title-interactive'));
        else app.push(await timeToMark(browser, targets.app, 'good-terms:title-interactive'));
      }
    }
  } finally {
    await browser.close();
  }
  const ratio = median(app) / median(bare);
  const row = (label: string, xs: number[]): void =>
    console.log(
      `  ${label.padEnd(34)} median ${ms(median(xs)).padStart(7)} ms   min ${ms(Math.min(...xs)).padStart(7)}   max ${ms(Math.max(...xs)).padStart(7)}`,
    );
  row('bare Phaser page (one scene, text)', bare);
  row('Good Terms title screen', app);
  console.log(
    `  ratio ${ratio.toFixed(2)} (budget at most ${BUDGET.loadRatio}): ${verdict(ratio <= BUDGET.loadRatio)}`,
  );
  return {
    runs: LOAD_RUNS,
    bareMs: { median: median(bare), min: Math.min(...bare), max: Math.max(...bare), all: bare },
    appMs: { median: median(app), min: Math.min(...app), max: Math.max(...app), all: app },
    ratio,
    budget: { ratio: BUDGET.loadRatio, ok: ratio <= BUDGET.loadRatio },
  };
}

// ------------------------------------------------------------------------------------------------
// Frames
// ------------------------------------------------------------------------------------------------

/** Plays scripted turns and samples frames from each click until the line is typed and the meters settle. */
async function conversationTurns(
  page: Page,
  scenarioId: string,
  turns: number,
  seed: number,
): Promise<Sample> {
  await page.locator(`[data-scenario-id="${scenarioId}"]`).click();
  await page.locator(`[data-start-scenario="${scenarioId}"]`).click();
  await page.waitForFunction(() => window.__GOOD_TERMS__?.screen === 'conversation', undefined, {
    polling: 50,
  });
  // Let the first line finish typing before the first scripted choice.
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="patient-line"]')?.dataset.typing === undefined,
    undefined,
    { polling: 50, timeout: 30_000 },
  );
  const total: Sample = { deltas: [], longFrames: 0, steps: 0, drawn: 0, partial: 0 };
  let state = seed;
  for (let turn = 0; turn < turns; turn++) {
    const choices = await page.locator('button.choice').count();
    if (choices === 0) break;
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const pick = state % choices;
    await page.evaluate(startSampler);
    const clickedAt = Date.now();
    await page.locator('button.choice').nth(pick).click();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="patient-line"]')?.dataset.typing === undefined,
      undefined,
      { polling: 50, timeout: 30_000 },
    );
    // Meter fill 450 ms, delta label 1.1 s, expression blend 280 ms: sample at least until they are done.
    const rest = 1500 - (Date.now() - clickedAt);
    if (rest > 0) await page.waitForTimeout(rest);
    const sample = await page.evaluate(stopSampler);
    total.deltas.push(...sample.deltas);
    total.longFrames += sample.longFrames;
    total.steps += sample.steps;
    total.drawn += sample.drawn;
    total.partial += sample.partial;
  }
  return total;
}

/**
 * The conversation page's own floor: the game paused, its canvas changed by a 4x4 pixel clear every
 * frame and nothing else. Every frame then costs what the browser needs to composite this page (the
 * canvas under the DOM overlay) once its canvas has changed; no drawing of ours can be cheaper.
 */
async function pageFloor(page: Page, scenarioId: string): Promise<FrameStats> {
  await page.locator(`[data-scenario-id="${scenarioId}"]`).click();
  await page.locator(`[data-start-scenario="${scenarioId}"]`).click();
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="patient-line"]')?.dataset.typing === undefined,
    undefined,
    { polling: 50, timeout: 30_000 },
  );
  await page.evaluate(() => {
    const hooks = window.__GOOD_TERMS__;
    const canvas = document.querySelector('#game canvas') as HTMLCanvasElement | null;
    const gl = (canvas?.getContext('webgl2') ?? canvas?.getContext('webgl')) as WebGLRenderingContext | null;
    if (!hooks || !gl) throw new Error('pageFloor needs the test build and a WebGL canvas');
    hooks.paused = true;
    let i = 0;
    const tick = (): void => {
      if (!hooks.paused) return;
      i += 1;
      gl.enable(gl.SCISSOR_TEST);
      gl.scissor(0, 0, 4, 4);
      gl.clearColor((i % 60) / 60, 0.5, 0.5, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.disable(gl.SCISSOR_TEST);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.waitForTimeout(500);
  const stats = await sampleFor(page, 3000);
  await page.evaluate(() => {
    if (window.__GOOD_TERMS__) window.__GOOD_TERMS__.paused = false;
  });
  await page.getByRole('button', { name: 'Leave conversation' }).click();
  // Leaving asks first (a dialog): confirm.
  await page.getByRole('dialog').getByRole('button', { name: 'Leave', exact: true }).click();
  await page.waitForFunction(() => window.__GOOD_TERMS__?.screen === 'select', undefined, { polling: 50 });
  return stats;
}

async function benchFramesWith(
  targets: Targets,
  label: string,
  extraArgs: string[],
): Promise<Record<string, FrameStats>> {
  const browser = await launch(extraArgs);
  const out: Record<string, FrameStats> = {};
  try {
    const floor = await newPage(browser);
    await floor.setContent(FLOOR_PAGE);
    await floor.evaluate('globalThis.__name ??= (f) => f'); // setContent runs no init scripts
    await floor.waitForTimeout(500);
    out.floor = await sampleFor(floor, 3000);
    await floor.close();

    const bare = await newPage(browser);
    await bare.goto(targets.bare);
    await bare.waitForFunction(
      () => performance.getEntriesByName('bare:title-interactive').length > 0,
      undefined,
      { polling: 50 },
    );
    await bare.waitForTimeout(500);
    out.bareIdle = await sampleFor(bare, 3000);
    await bare.close();

    const page = await newPage(browser);
    await openTestBuild(page, targets.test, 3);
    await page.waitForTimeout(500);
    out.titleIdle = await sampleFor(page, 3000);
    await toSelect(page);
    const all: Sample = { deltas: [], longFrames: 0, steps: 0, drawn: 0, partial: 0 };
    for (const [i, id] of FRAME_SCENARIOS.entries()) {
      const turns = await conversationTurns(page, id, FRAME_TURNS, 17 + i);
      all.deltas.push(...turns.deltas);
      all.longFrames += turns.longFrames;
      all.steps += turns.steps;
      all.drawn += turns.drawn;
      all.partial += turns.partial;
      await page.getByRole('button', { name: 'Leave conversation' }).click();
      // Leaving asks first (a dialog): confirm.
      await page.getByRole('dialog').getByRole('button', { name: 'Leave', exact: true }).click();
      await page.waitForFunction(() => window.__GOOD_TERMS__?.screen === 'select', undefined, {
        polling: 50,
      });
    }
    out.conversationTurns = frameStats(all);
    out.pageFloor = await pageFloor(page, FRAME_SCENARIOS[0] as string);
    await page.close();
  } finally {
    await browser.close();
  }
  console.log(`\n  ${label}`);
  console.log(
    `  ${'scene'.padEnd(40)} ${'frames'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'>33ms'.padStart(7)} ${'fps'.padStart(6)} ${'LoAF'.padStart(5)} ${'drawn'.padStart(6)} ${'part'.padStart(5)}`,
  );
  const names: Record<string, string> = {
    floor: 'WebGL clear per frame (machine floor)',
    bareIdle: 'bare Phaser page, idle',
    titleIdle: 'title screen, idle (baseline)',
    conversationTurns: `conversation turns (${FRAME_SCENARIOS.length} x ${FRAME_TURNS})`,
    pageFloor: 'conversation page floor (4 px change)',
  };
  for (const [key, s] of Object.entries(out)) {
    console.log(
      `  ${(names[key] ?? key).padEnd(40)} ${String(s.frames).padStart(6)} ${ms(s.p50).padStart(7)} ${ms(s.p95).padStart(7)} ${ms(s.p99).padStart(7)} ${`${ms(s.over33)}%`.padStart(7)} ${ms(s.fps).padStart(6)} ${String(s.longFrames).padStart(5)} ${pct(s.drawn).padStart(6)} ${pct(s.partial).padStart(5)}`,
    );
  }
  return out;
}

async function benchFrames(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    '\nFrame time: requestAnimationFrame deltas in ms (p50 / p95 / p99), share of frames over 33 ms',
  );
  const flags = await benchFramesWith(
    targets,
    'with the project\u2019s Chromium flags (CHROMIUM_ARGS): the verdict',
    [],
  );
  const software = await benchFramesWith(
    targets,
    'diagnostic: the same plus --disable-gpu-compositing (the page compositor off SwiftShader; WebGL still on it)',
    ['--disable-gpu-compositing'],
  );
  const p95 = flags.conversationTurns?.p95 ?? Number.NaN;
  console.log(
    `\n  conversation p95 ${ms(p95)} ms (budget at most ${BUDGET.frameP95} ms): ${verdict(p95 <= BUDGET.frameP95)}; ` +
      `ratio to the idle title ${((flags.conversationTurns?.p95 ?? 0) / (flags.titleIdle?.p95 ?? 1)).toFixed(2)}, ` +
      `to the machine floor ${((flags.conversationTurns?.p95 ?? 0) / (flags.floor?.p95 ?? 1)).toFixed(2)}, ` +
      `to this page's floor ${((flags.conversationTurns?.p95 ?? 0) / (flags.pageFloor?.p95 ?? 1)).toFixed(2)}`,
  );
  // A p95 of a refresh and a half or more means frames are already being missed with none of our drawing.
  const floorP95 = flags.pageFloor?.p95 ?? Number.NaN;
  if (floorP95 >= 1.5 * BUDGET.frameP95) {
    console.log(
      `  this page's own floor has p95 ${ms(floorP95)} ms: compositing it after any canvas change already misses refreshes here`,
    );
  }
  return {
    flags,
    softwareCompositing: software,
    budget: { p95: BUDGET.frameP95, ok: p95 <= BUDGET.frameP95 },
  };
}

// ------------------------------------------------------------------------------------------------
// Memory
// ------------------------------------------------------------------------------------------------

/** Must not grow at all from the first play-through to the last (timers are read at a quiet moment here). */
const STRICT: (keyof LiveCounts)[] = [...NON_GROWING, 'timers'];
/** Fill up to a ceiling by design (the live region keeps 6 messages; Phaser pools Text canvases): checked from the end of the first round. */
const POOLED: (keyof LiveCounts)[] = ['announcerNodes', 'canvasPool'];

/** Counts at a quiet moment: the element-wise minimum of a few reads (a blink holds a timer for 120 ms). */
async function steadyCounts(page: Page): Promise<LiveCounts> {
  let low = await counts(page);
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(100);
    const next = await counts(page);
    low = Object.fromEntries(
      Object.entries(low).map(([k, v]) => [k, Math.min(v, next[k as keyof LiveCounts])]),
    ) as unknown as LiveCounts;
  }
  return low;
}

async function benchMemory(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    `\nMemory: ${MEMORY_PLAYS} play-throughs back to back, garbage collected before each sample (at the select screen)`,
  );
  const browser = await launch();
  const samples: { after: number; heap: HeapSample; counts: LiveCounts }[] = [];
  try {
    const page = await newPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await openTestBuild(page, targets.test, 5);
    await toSelect(page);
    const ids = await scenarioIds(page);
    const sampleAt = new Set([1, ids.length, Math.round(MEMORY_PLAYS / 2), MEMORY_PLAYS]);
    for (let i = 0; i < MEMORY_PLAYS; i++) {
      await play(page, { scenarioId: ids[i % ids.length] as string, choiceSeed: 1000 + i });
      if (sampleAt.has(i + 1))
        samples.push({ after: i + 1, heap: await heapAfterGc(cdp), counts: await steadyCounts(page) });
    }
  } finally {
    await browser.close();
  }
  samples.sort((a, b) => a.after - b.after);
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) throw new Error('no memory samples');
  console.log(`  ${'after play'.padEnd(24)} ${samples.map((s) => String(s.after).padStart(10)).join(' ')}`);
  console.log(
    `  ${'JS heap used'.padEnd(24)} ${samples.map((s) => mb(s.heap.heapUsed).padStart(10)).join(' ')}`,
  );
  console.log(
    `  ${'DOM nodes (Chromium)'.padEnd(24)} ${samples.map((s) => String(s.heap.domNodes).padStart(10)).join(' ')}`,
  );
  console.log(
    `  ${'JS event listeners'.padEnd(24)} ${samples.map((s) => String(s.heap.jsEventListeners).padStart(10)).join(' ')}`,
  );
  for (const key of [...STRICT, ...POOLED]) {
    console.log(`  ${key.padEnd(24)} ${samples.map((s) => String(s.counts[key]).padStart(10)).join(' ')}`);
  }
  // The first full round has met every scenario, setting and persona: pools are full from there on.
  const round = samples.find((s) => s.after >= (samples[1]?.after ?? 0)) ?? first;
  const growth = last.heap.heapUsed - first.heap.heapUsed;
  const grew: string[] = STRICT.filter((k) => last.counts[k] > first.counts[k]);
  if (last.heap.jsEventListeners > first.heap.jsEventListeners) grew.push('jsEventListeners');
  const poolsGrew: string[] = POOLED.filter((k) => last.counts[k] > round.counts[k]);
  if (last.heap.domNodes > round.heap.domNodes) poolsGrew.push('DOM nodes (Chromium)');
  console.log(
    `  heap growth from play 1 to play ${last.after}: ${mb(growth)} (budget at most ${mb(BUDGET.heapGrowthBytes)}): ${verdict(growth <= BUDGET.heapGrowthBytes)}; ` +
      `from play ${round.after} (every scenario loaded once) to ${last.after}: ${mb(last.heap.heapUsed - round.heap.heapUsed)}`,
  );
  console.log(
    `  object counts from play 1 to play ${last.after}: ${grew.length === 0 ? 'no growth: PASS' : `grew: ${grew.join(', ')}: FAIL`}`,
  );
  console.log(
    `  pooled (live region, Phaser canvas pool, Chromium's DOM node count) from play ${round.after} to ${last.after}: ${poolsGrew.length === 0 ? 'no growth: PASS' : `grew: ${poolsGrew.join(', ')}: FAIL`}`,
  );
  return {
    plays: MEMORY_PLAYS,
    samples: samples.map((s) => ({ after: s.after, ...s.heap, counts: s.counts })),
    heapAfterFirstBytes: first.heap.heapUsed,
    heapAfterLastBytes: last.heap.heapUsed,
    heapGrowthBytes: growth,
    heapGrowthAfterFirstRoundBytes: last.heap.heapUsed - round.heap.heapUsed,
    countsThatGrew: grew,
    poolsThatGrew: poolsGrew,
    budget: {
      heapGrowthBytes: BUDGET.heapGrowthBytes,
      heapOk: growth <= BUDGET.heapGrowthBytes,
      countsOk: grew.length === 0 && poolsGrew.length === 0,
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Soak
// ------------------------------------------------------------------------------------------------

async function benchSoak(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    `\nSoak: ${SOAK_PLAYS} seeded random play-throughs across every scenario, one browser (${SOAK_PAGES} page loads, patient seeds 1..${SOAK_PAGES})`,
  );
  const browser = await launch();
  const problems: string[] = [];
  const results: PlayResult[] = [];
  const failures: string[] = [];
  const t0 = performance.now();
  try {
    const perPage = Math.ceil(SOAK_PLAYS / SOAK_PAGES);
    for (let p = 0; p < SOAK_PAGES; p++) {
      const page = await newPage(browser);
      await page.addInitScript(() => {
        window.addEventListener('unhandledrejection', (event) => {
          window.__benchRejections ??= [];
          window.__benchRejections.push(String(event.reason));
        });
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await openTestBuild(page, targets.test, p + 1);
      await toSelect(page);
      const ids = await scenarioIds(page);
      for (let i = 0; i < perPage && results.length + failures.length < SOAK_PLAYS; i++) {
        const n = p * perPage + i;
        const scenarioId = ids[n % ids.length] as string;
        try {
          results.push(await play(page, { scenarioId, choiceSeed: 7919 * (n + 1) }));
        } catch (error) {
          failures.push(
            `${scenarioId} (play ${n + 1}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
          await openTestBuild(page, targets.test, p + 1);
          await toSelect(page);
        }
      }
      for (const reason of await page.evaluate(() => window.__benchRejections ?? [])) {
        problems.push(`unhandled rejection: ${reason}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const debriefs = results.filter((r) => r.debrief).length;
  const consoleErrors = problems.filter((p) => p.startsWith('console.error')).length;
  const uncaught = problems.filter((p) => p.startsWith('uncaught')).length;
  const rejections = problems.filter((p) => p.startsWith('unhandled rejection')).length;
  const turns = results.reduce((n, r) => n + r.turns, 0);
  const endings = new Set(results.map((r) => `${r.scenarioId}:${r.ending}`)).size;
  console.log(
    `  play-throughs ${results.length + failures.length}, reached a debrief ${debriefs}, failed ${failures.length}`,
  );
  console.log(
    `  turns played ${turns}, distinct endings ${endings}, ${seconds.toFixed(0)} s (${((1000 * seconds) / Math.max(1, results.length)).toFixed(0)} ms per play-through)`,
  );
  console.log(
    `  console errors ${consoleErrors}, uncaught exceptions ${uncaught}, unhandled rejections ${rejections}`,
  );
  for (const line of [...failures, ...problems].slice(0, 10)) console.log(`    ${line}`);
  const ok = failures.length === 0 && problems.length === 0 && debriefs === SOAK_PLAYS;
  console.log(`  every run reaches a debrief with no error: ${verdict(ok)}`);
  return {
    plays: SOAK_PLAYS,
    debriefs,
    failures,
    consoleErrors,
    uncaught,
    rejections,
    problems: problems.slice(0, 50),
    turns,
    endings,
    seconds,
    ok,
  };
}

// ------------------------------------------------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), 'good-terms-bench-'));
let failed = false;
let targets: Targets | undefined;
try {
  console.log(
    `Browser benchmarks in headless Chromium (${findChromium()}), ${VIEWPORT.width}x${VIEWPORT.height}${quick ? ', --quick' : ''}`,
  );
  targets = await buildAndServe(tmp);
  const sections: [string, (t: Targets) => Promise<Record<string, unknown>>][] = [
    ['load', benchLoad],
    ['frames', benchFrames],
    ['memory', benchMemory],
    ['soak', benchSoak],
  ];
  const written: string[] = [];
  for (const [name, run] of sections) {
    if (!only.has(name)) continue;
    const t0 = performance.now();
    try {
      const data = await run(targets);
      writeSection(name, { ...data, quick, seconds: (performance.now() - t0) / 1000 });
      written.push(name);
    } catch (error) {
      failed = true;
      console.error(
        `\n${name} benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  console.log(`\nwrote ${written.join(', ')} to bench/results/latest.json`);
  if (compare) printComparison(compare, ['engine', 'bundle', ...written]);
} finally {
  await targets?.close();
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
