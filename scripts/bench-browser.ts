/**
 * npm run bench:browser [-- --compare <results.json>] [--only load,frames,inp,memory,soak] [--quick]
 * (`npm run bench -- --compare <file>` runs every benchmark and compares all of them; keep a copy of
 * bench/results/latest.json from an earlier run to compare with.)
 *
 * Load, frame-time, memory and soak benchmarks in headless Chromium (tests/browser/chromium.ts flags:
 * WebGL through SwiftShader, so every frame is software-rendered). Prints figures and budget verdicts
 * and writes them to bench/results/latest.json; it is not a test and never fails on a budget. Figures
 * that depend on this machine's speed are quoted next to a baseline measured in the same run:
 *
 * - load: navigation to the title screen being interactive (the `good-terms:title-interactive` mark) in
 *   the production build, against a bare Phaser page on the stock Phaser bundle (scripts/bench/bare: one
 *   scene, one text, the same game settings), alternating, a fresh browser context (a cold cache) per
 *   run; medians. Twice: as the machine is, and as a hospital thin client (CPU 4x slower through the
 *   DevTools protocol, Chrome's "Fast 3G" network).
 * - frames: requestAnimationFrame deltas during scripted conversation turns (choice, meter tweens, the
 *   typed line, the portrait's expression), against the idle title screen, the bare Phaser page and
 *   the cheapest animated canvas there is (a WebGL clear per frame), and the conversation page's own
 *   floor. Run twice: with the project's Chromium flags, and with software compositing added (the
 *   diagnostic configuration, which takes SwiftShader's compositor out of the figures so they show our
 *   own cost: the frame targets are judged there; long animation frames in both).
 * - inp: Interaction to Next Paint (Event Timing API) of reply clicks and number keys, p98, at normal
 *   speed and with the CPU 4x slower, each beside the same run's interaction floor (INP_FLOOR_PAGE: the
 *   same kind of change on a page with no code of ours). Beside it, when the patient's answer was on
 *   screen (Element Timing): the next paint shows the reply pressed, and the answer follows a frame later.
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
import { TITLE_DRAWN } from '../src/game/events';
import type { LiveCounts } from '../src/ui/testHooks';
import { CHROMIUM_ARGS, findChromium } from '../tests/browser/chromium';
import {
  artPainted,
  counts,
  type HeapSample,
  heapAfterGc,
  NON_GROWING,
  type PlayResult,
  play,
  preparePage,
  scenarioIds,
} from '../tests/browser/playthrough';
import {
  findProcess,
  type MachineTicks,
  machineTicks,
  stealPercent,
  ticksSince,
  treeCpuMs,
} from './bench/processCpu';
import { compareArg, printComparison, writeSection } from './bench/results';

const argv = process.argv.slice(2);
const compare = compareArg(argv);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = new Set(
  onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : ['load', 'frames', 'inp', 'memory', 'soak'],
);

const LOAD_RUNS = quick ? 3 : 9;
const MEMORY_PLAYS = quick ? 10 : 50;
const SOAK_PLAYS = quick ? 20 : 200;
const SOAK_PAGES = quick ? 1 : 4;
const FRAME_TURNS = quick ? 3 : 5;
const FRAME_SCENARIOS = ['s8-copay-prior-balance', 's4-denial-anger'];
const VIEWPORT = { width: 1280, height: 720 };
const BARE_ROOT = resolve('scripts/bench/bare');
const PHASER_CHUNK = { codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] } };

const INP_TURNS = quick ? 4 : 8;
const INP_SCENARIOS = [
  's8-copay-prior-balance',
  's4-denial-anger',
  's6-hardship-assistance',
  's1-uninsured-ed-discharge',
  's12-distrusts-estimate',
];

export const BROWSER_TARGETS = {
  /** App over bare Phaser page, time to an interactive title (both profiles). */
  loadRatio: 1.15,
  /** Conversation turns p95 over the same run's page floor (diagnostic configuration). */
  turnsOverFloor: 1.5,
  /** Share of frames over 33 ms during turns, percent (diagnostic configuration). */
  turnsOver33: 5,
  /** Idle title p95 over the page floor (diagnostic configuration). */
  titleOverFloor: 1.2,
  /** Long animation frames (over 50 ms) during turns, in both configurations. */
  longFrames: 0,
  /** INP p98 (ms) at normal speed and with the CPU 4x slower. */
  inpP98: 100,
  inpP98Throttled: 200,
  heapGrowthBytes: 5_000_000,
};

/** Chrome DevTools' "Fast 3G" preset (its network panel's numbers). */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.44 * 1024 * 1024) / 8,
  uploadThroughput: (0.675 * 1024 * 1024) / 8,
};

interface Profile {
  label: string;
  cpu: number;
  network?: typeof FAST_3G;
}
const MACHINE: Profile = { label: 'as the machine is', cpu: 1 };
const THIN_CLIENT: Profile = {
  label: 'thin client: CPU 4x slower, Fast 3G, cold cache',
  cpu: 4,
  network: FAST_3G,
};

/** Applies a profile to a page through the DevTools protocol, before it navigates. */
async function applyProfile(page: Page, profile: Profile): Promise<void> {
  if (profile.cpu === 1 && !profile.network) return;
  const cdp = await page.context().newCDPSession(page);
  if (profile.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  if (profile.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', profile.network);
  }
}

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
const p50p98 = (xs: readonly number[]) => ({ p50: median(xs), p98: percentile(xs, 98) });

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
  /** Share of the canvas drawn per game step on average, in percent (100 = every step drew it all). */
  canvasDrawn: number;
  /**
   * CPU time the whole browser (every process) used per frame shown, in ms: our work without the time
   * spent waiting for a core on a shared machine. NaN where /proc is not readable.
   */
  cpuPerFrame: number;
  /** Share (%) of the machine's CPU time the hypervisor gave to other machines while sampling. */
  steal: number;
}

interface Sample {
  deltas: number[];
  longFrames: number;
  steps: number;
  drawn: number;
  partial: number;
  /** Canvas pixels drawn. */
  pixels: number;
  /** CPU time of the browser's processes while sampling (ms). */
  cpuMs: number;
  /** The machine's CPU ticks while sampling: all, and stolen by the hypervisor. */
  machine: MachineTicks;
}

const emptySample = (): Sample => ({
  deltas: [],
  longFrames: 0,
  steps: 0,
  drawn: 0,
  partial: 0,
  pixels: 0,
  cpuMs: 0,
  machine: { total: 0, steal: 0 },
});

function addSample(total: Sample, sample: Sample): void {
  total.deltas.push(...sample.deltas);
  total.longFrames += sample.longFrames;
  total.steps += sample.steps;
  total.drawn += sample.drawn;
  total.partial += sample.partial;
  total.pixels += sample.pixels;
  total.cpuMs += sample.cpuMs;
  total.machine = {
    total: total.machine.total + sample.machine.total,
    steal: total.machine.steal + sample.machine.steal,
  };
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
    canvasDrawn:
      sample.steps > 0
        ? (100 * sample.pixels) / (sample.steps * VIEWPORT.width * VIEWPORT.height)
        : Number.NaN,
    cpuPerFrame: deltas.length ? sample.cpuMs / deltas.length : Number.NaN,
    steal: stealPercent(sample.machine),
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
  frames: { steps: number; full: number; partial: number; pixels: number; last: string } | undefined;
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

/** The page's half of a sample (the CPU time is read outside the page). */
function stopSampler(): Omit<Sample, 'cpuMs' | 'machine'> {
  const state = window.__benchSampler;
  if (!state) return { deltas: [], longFrames: 0, steps: 0, drawn: 0, partial: 0, pixels: 0 };
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
    pixels: now && before ? now.pixels - before.pixels : 0,
  };
}

/** The browser process of each browser this script launched (its CPU time covers every page's). */
const browserProcess = new WeakMap<Browser, number | undefined>();

/** CPU time (ms) the browser behind `page` has used so far, across all its processes. */
function cpuOf(page: Page): number {
  const browser = page.context().browser();
  return treeCpuMs(browser ? browserProcess.get(browser) : undefined);
}

interface SampleStart {
  cpuMs: number;
  machine: MachineTicks;
}

async function startSample(page: Page): Promise<SampleStart> {
  await page.evaluate(startSampler);
  return { cpuMs: cpuOf(page), machine: machineTicks() };
}

async function stopSample(page: Page, start: SampleStart): Promise<Sample> {
  const sample = await page.evaluate(stopSampler);
  return { ...sample, cpuMs: cpuOf(page) - start.cpuMs, machine: ticksSince(start.machine) };
}

async function sampleFor(page: Page, durationMs: number): Promise<FrameStats> {
  const cpu = await startSample(page);
  await page.waitForTimeout(durationMs);
  return frameStats(await stopSample(page, cpu));
}

/** The cheapest animated canvas: a 1280x720 WebGL canvas cleared to a new colour every frame. */
const FLOOR_PAGE = `<!doctype html><html><body style="margin:0;overflow:hidden">
<canvas id="c" width="1280" height="720"></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: true, preserveDrawingBuffer: true });
let i = 0; const f = () => { gl.clearColor((i++ % 120) / 120, 0.6, 0.7, 1); gl.clear(gl.COLOR_BUFFER_BIT); requestAnimationFrame(f); }; f();
</script></body></html>`;

/**
 * An interaction's floor: a button that replaces a line and four reply buttons in a panel over a still
 * 1280x720 WebGL canvas, and changes 4 canvas pixels, with no code of ours. What this machine and
 * browser need to show a reply's answer at all (Interaction to Next Paint of the same kind of change).
 */
const INP_FLOOR_PAGE = `<!doctype html><html><body style="margin:0;overflow:hidden;font:17px/1.45 system-ui,sans-serif">
<canvas id="c" width="1280" height="720" style="position:absolute;inset:0"></canvas>
<main style="position:absolute;left:582px;top:18px;width:640px;height:660px;padding:0 19px;background:#fff;border-radius:12px">
<p id="line" style="min-height:4em"></p><div id="replies"></div></main><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
gl.clearColor(0.87, 0.9, 0.93, 1); gl.clear(gl.COLOR_BUFFER_BIT);
const words = 'we can set up a payment plan today and I will check whether you qualify for financial assistance first'.split(' ');
let turn = 0;
const say = (n) => Array.from({ length: n }, (_, i) => words[(i * 7 + turn * 3) % words.length]).join(' ');
const answer = () => {
  turn += 1;
  document.getElementById('line').textContent = say(24);
  document.getElementById('replies').replaceChildren(...[0, 1, 2, 3].map((i) => {
    const b = document.createElement('button');
    b.className = 'choice';
    b.style.cssText = 'display:block;width:100%;margin:10px 0;padding:10px 14px;font:inherit;text-align:left;border:2px solid #1e4e79;border-radius:8px;background:#fff';
    b.textContent = (i + 1) + '. ' + say(18 + i * 3);
    b.onclick = answer;
    return b;
  }));
  document.querySelector('button.choice').focus();
  gl.enable(gl.SCISSOR_TEST); gl.scissor(0, 0, 4, 4); gl.clearColor((turn % 8) / 8, 0.5, 0.5, 1);
  gl.clear(gl.COLOR_BUFFER_BIT); gl.disable(gl.SCISSOR_TEST);
};
answer();
</script></body></html>`;

/** Shows one of the pages above; setContent runs no init scripts, so tsx's __name helper is added here. */
async function showPage(page: Page, html: string): Promise<void> {
  await page.setContent(html);
  await page.evaluate('globalThis.__name ??= (f) => f');
}

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

let launched = 0;
async function launch(extraArgs: string[] = []): Promise<Browser> {
  // A switch Chromium ignores, so this browser's process can be found for its CPU time.
  const marker = `--good-terms-bench=${process.pid}-${++launched}`;
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs, marker],
  });
  browserProcess.set(browser, findProcess(marker));
  return browser;
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await preparePage(page);
  return page;
}

const waitForScreen = (page: Page, screen: string) =>
  page.waitForFunction((name) => window.__GOOD_TERMS__?.screen === name, screen, { polling: 50 });

/** Opens the test build on its title, its faces painted (they follow the usable title, see paintLater.ts). */
async function openTestBuild(page: Page, url: string, seed: number): Promise<void> {
  await page.goto(`${url}?seed=${seed}`);
  await waitForScreen(page, 'title');
  await artPainted(page);
}

async function toSelect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start practising' }).click();
  await waitForScreen(page, 'select');
}

// ------------------------------------------------------------------------------------------------
// Load
// ------------------------------------------------------------------------------------------------

/**
 * Time to `mark` from navigation, and the CPU time the browser (every process) used until then; with
 * `drawnMark`, also the time to that later mark (the app's title fully painted).
 */
async function timeToMark(
  browser: Browser,
  url: string,
  mark: string,
  profile: Profile,
  drawnMark?: string,
): Promise<{ ms: number; cpuMs: number; drawnMs: number | undefined }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await applyProfile(page, profile);
    const cpu = cpuOf(page);
    await page.goto(url, { timeout: 120_000 });
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, {
      polling: 20,
      timeout: 120_000,
    });
    const at = (m: string) =>
      page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN, m);
    const ms = await at(mark);
    const cpuMs = cpuOf(page) - cpu;
    if (!drawnMark) return { ms, cpuMs, drawnMs: undefined };
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, drawnMark, {
      polling: 20,
      timeout: 120_000,
    });
    return { ms, cpuMs, drawnMs: await at(drawnMark) };
  } finally {
    await context.close();
  }
}

interface LoadFigures {
  profile: string;
  runs: number;
  bareMs: { median: number; min: number; max: number; all: number[] };
  appMs: { median: number; min: number; max: number; all: number[] };
  /** Median CPU time of every browser process until the mark: the work, without waiting for a core. */
  cpuMs: { bare: number; app: number; ratio: number };
  /** The app's title with its faces painted (they follow the usable title), median. */
  appDrawnMs: number;
  ratio: number;
  /** Share (%) of the machine's CPU time the hypervisor gave to other machines during these runs. */
  steal: number;
  ok: boolean;
}

async function loadWith(browser: Browser, targets: Targets, profile: Profile): Promise<LoadFigures> {
  const machineAtStart = machineTicks();
  const app: number[] = [];
  const bare: number[] = [];
  const appCpu: number[] = [];
  const bareCpu: number[] = [];
  const appDrawn: number[] = [];
  // A warm-up of each (the browser's own first-use costs), then alternating runs.
  await timeToMark(browser, targets.bare, 'bare:title-interactive', profile);
  await timeToMark(browser, targets.app, 'good-terms:title-interactive', profile);
  for (let i = 0; i < LOAD_RUNS; i++) {
    const order = i % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
    for (const which of order) {
      const [url, mark, times, cpus] =
        which === 'bare'
          ? [targets.bare, 'bare:title-interactive', bare, bareCpu]
          : [targets.app, 'good-terms:title-interactive', app, appCpu];
      const run = await timeToMark(browser, url, mark, profile, which === 'app' ? TITLE_DRAWN : undefined);
      times.push(run.ms);
      cpus.push(run.cpuMs);
      if (run.drawnMs !== undefined) appDrawn.push(run.drawnMs);
    }
  }
  const ratio = median(app) / median(bare);
  const summary = (xs: number[]) => ({
    median: median(xs),
    min: Math.min(...xs),
    max: Math.max(...xs),
    all: xs,
  });
  const row = (label: string, xs: number[]): void =>
    console.log(
      `  ${label.padEnd(40)} median ${ms(median(xs)).padStart(8)} ms   min ${ms(Math.min(...xs)).padStart(8)}   max ${ms(Math.max(...xs)).padStart(8)}`,
    );
  console.log(`\n  ${profile.label}`);
  row('bare Phaser page (stock bundle)', bare);
  row('Good Terms title screen', app);
  const ok = ratio <= BROWSER_TARGETS.loadRatio;
  console.log(`  ratio ${ratio.toFixed(2)} (target at most ${BROWSER_TARGETS.loadRatio}): ${verdict(ok)}`);
  const cpuMs = { bare: median(bareCpu), app: median(appCpu), ratio: median(appCpu) / median(bareCpu) };
  console.log(
    `  CPU time of the browser until the mark (no waiting for a core), medians: bare ${ms(cpuMs.bare)} ms, app ${ms(cpuMs.app)} ms, ratio ${cpuMs.ratio.toFixed(2)}`,
  );
  const appDrawnMs = median(appDrawn);
  console.log(
    `  the title's faces, painted in the frames after it is usable: all in at ${ms(appDrawnMs)} ms (median), ${(appDrawnMs / median(bare)).toFixed(2)} x the bare page`,
  );
  const steal = stealPercent(ticksSince(machineAtStart));
  console.log(`  the hypervisor took ${pct(steal)} of the machine's CPU time during these runs (steal)`);
  return {
    profile: profile.label,
    runs: LOAD_RUNS,
    bareMs: summary(bare),
    appMs: summary(app),
    cpuMs,
    appDrawnMs,
    ratio,
    steal,
    ok,
  };
}

async function benchLoad(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    `\nLoad: navigation to an interactive title screen (${LOAD_RUNS} runs each after a warm-up, alternating, a fresh context and cold cache per run)`,
  );
  const browser = await launch();
  try {
    const machine = await loadWith(browser, targets, MACHINE);
    const thinClient = await loadWith(browser, targets, THIN_CLIENT);
    return {
      machine,
      thinClient,
      targets: { ratio: BROWSER_TARGETS.loadRatio },
      ok: machine.ok && thinClient.ok,
    };
  } finally {
    await browser.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Frames
// ------------------------------------------------------------------------------------------------

/** True once the patient's line has finished typing. Runs in the page. */
const typed = (): boolean =>
  document.querySelector<HTMLElement>('[data-testid="patient-line"]')?.dataset.typing === undefined;

const waitTyped = (page: Page, timeout = 30_000) =>
  page.waitForFunction(typed, undefined, { polling: 50, timeout });

/** From the select screen: the scenario's details, then its start button. */
async function startScenario(page: Page, scenarioId: string): Promise<void> {
  await page.locator(`[data-scenario-id="${scenarioId}"]`).click();
  await page.locator(`[data-start-scenario="${scenarioId}"]`).click();
  await waitForScreen(page, 'conversation');
}

/** Leaving asks first (a dialog): confirm, and wait for the select screen. */
async function leaveConversation(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Leave conversation' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Leave', exact: true }).click();
  await waitForScreen(page, 'select');
}

/** The scripted trainee's next pick among `choices`, from a seeded linear congruential state. */
function nextPick(state: number, choices: number): { state: number; pick: number } {
  const next = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return { state: next, pick: next % choices };
}

/** Plays scripted turns and samples frames from each click until the line is typed and the meters settle. */
async function conversationTurns(
  page: Page,
  scenarioId: string,
  turns: number,
  seed: number,
): Promise<Sample> {
  await startScenario(page, scenarioId);
  // Let the first line finish typing before the first scripted choice.
  await waitTyped(page);
  const total = emptySample();
  let state = seed;
  for (let turn = 0; turn < turns; turn++) {
    const choices = await page.locator('button.choice').count();
    if (choices === 0) break;
    const next = nextPick(state, choices);
    state = next.state;
    const cpu = await startSample(page);
    const clickedAt = Date.now();
    await page.locator('button.choice').nth(next.pick).click();
    await waitTyped(page);
    // Meter fill 450 ms, delta label 1.1 s, expression blend 280 ms: sample at least until they are done.
    const rest = 1500 - (Date.now() - clickedAt);
    if (rest > 0) await page.waitForTimeout(rest);
    addSample(total, await stopSample(page, cpu));
  }
  return total;
}

/**
 * The conversation page's own floor: the game paused, its canvas changed by a 4x4 pixel clear every
 * frame and nothing else. Every frame then costs what the browser needs to composite this page (the
 * canvas under the DOM overlay) once its canvas has changed; no drawing of ours can be cheaper.
 */
async function pageFloor(page: Page, scenarioId: string): Promise<FrameStats> {
  await startScenario(page, scenarioId);
  await waitTyped(page);
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
  await leaveConversation(page);
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
    await showPage(floor, FLOOR_PAGE);
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
    const all = emptySample();
    for (const [i, id] of FRAME_SCENARIOS.entries()) {
      addSample(all, await conversationTurns(page, id, FRAME_TURNS, 17 + i));
      await leaveConversation(page);
    }
    out.conversationTurns = frameStats(all);
    out.pageFloor = await pageFloor(page, FRAME_SCENARIOS[0] as string);
    await page.close();
  } finally {
    await browser.close();
  }
  console.log(`\n  ${label}`);
  console.log(
    `  ${'scene'.padEnd(40)} ${'frames'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'>33ms'.padStart(7)} ${'fps'.padStart(6)} ${'LoAF'.padStart(5)} ${'drawn'.padStart(6)} ${'part'.padStart(5)} ${'canvas'.padStart(7)} ${'cpu/f'.padStart(6)} ${'steal'.padStart(6)}`,
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
      `  ${(names[key] ?? key).padEnd(40)} ${String(s.frames).padStart(6)} ${ms(s.p50).padStart(7)} ${ms(s.p95).padStart(7)} ${ms(s.p99).padStart(7)} ${`${ms(s.over33)}%`.padStart(7)} ${ms(s.fps).padStart(6)} ${String(s.longFrames).padStart(5)} ${pct(s.drawn).padStart(6)} ${pct(s.partial).padStart(5)} ${`${ms(s.canvasDrawn)}%`.padStart(7)} ${ms(s.cpuPerFrame).padStart(6)} ${pct(s.steal).padStart(6)}`,
    );
  }
  return out;
}

/** A figure against its target (at most): NaN, a figure not measured, is never met. */
const judge = (value: number, target: number) => ({ value, target, ok: value <= target });

/** The frame verdicts: our own cost in the diagnostic configuration, long frames in both. */
function frameVerdicts(
  flags: Record<string, FrameStats>,
  diagnostic: Record<string, FrameStats>,
  floor: number,
) {
  const turns = diagnostic.conversationTurns;
  return {
    turnsOverFloor: judge((turns?.p95 ?? Number.NaN) / floor, BROWSER_TARGETS.turnsOverFloor),
    turnsOver33: judge(turns?.over33 ?? Number.NaN, BROWSER_TARGETS.turnsOver33),
    titleOverFloor: judge((diagnostic.titleIdle?.p95 ?? Number.NaN) / floor, BROWSER_TARGETS.titleOverFloor),
    longFramesFlags: judge(flags.conversationTurns?.longFrames ?? Number.NaN, BROWSER_TARGETS.longFrames),
    longFramesDiagnostic: judge(turns?.longFrames ?? Number.NaN, BROWSER_TARGETS.longFrames),
  };
}

async function benchFrames(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    '\nFrame time: requestAnimationFrame deltas in ms (p50 / p95 / p99), share of frames over 33 ms',
  );
  const flags = await benchFramesWith(targets, 'with the project\u2019s Chromium flags (CHROMIUM_ARGS)', []);
  const diagnostic = await benchFramesWith(
    targets,
    'diagnostic configuration: the same plus --disable-gpu-compositing (the page compositor off SwiftShader; WebGL still on it)',
    ['--disable-gpu-compositing'],
  );
  const floor = diagnostic.pageFloor?.p95 ?? Number.NaN;
  const v = frameVerdicts(flags, diagnostic, floor);
  console.log(`
  in the diagnostic configuration (page floor p95 ${ms(floor)} ms):
    conversation turns p95 ${ms(diagnostic.conversationTurns?.p95 ?? Number.NaN)} ms = ${v.turnsOverFloor.value.toFixed(2)} x the floor (target at most ${v.turnsOverFloor.target}): ${verdict(v.turnsOverFloor.ok)}
    conversation turns, frames over 33 ms ${ms(v.turnsOver33.value)}% (target at most ${v.turnsOver33.target}%): ${verdict(v.turnsOver33.ok)}
    idle title p95 ${ms(diagnostic.titleIdle?.p95 ?? Number.NaN)} ms = ${v.titleOverFloor.value.toFixed(2)} x the floor (target at most ${v.titleOverFloor.target}): ${verdict(v.titleOverFloor.ok)}
  long animation frames (over 50 ms) during turns: ${v.longFramesFlags.value} with the project's flags, ${v.longFramesDiagnostic.value} in the diagnostic configuration (target ${BROWSER_TARGETS.longFrames} in both): ${verdict(v.longFramesFlags.ok && v.longFramesDiagnostic.ok)}
  with the project's flags (for reference): turns p95 ${ms(flags.conversationTurns?.p95 ?? Number.NaN)} ms against this page's floor ${ms(flags.pageFloor?.p95 ?? Number.NaN)} ms`);
  // Wall-clock frame times include waiting for a core that another user holds; CPU time does not.
  const cpu = {
    turnsMs: diagnostic.conversationTurns?.cpuPerFrame ?? Number.NaN,
    floorMs: diagnostic.pageFloor?.cpuPerFrame ?? Number.NaN,
    titleMs: diagnostic.titleIdle?.cpuPerFrame ?? Number.NaN,
  };
  const cpuRatios = { turnsOverFloor: cpu.turnsMs / cpu.floorMs, titleOverFloor: cpu.titleMs / cpu.floorMs };
  console.log(
    `  our cost without the machine's contention (diagnostic configuration, CPU time of every browser process per frame shown): ` +
      `turns ${ms(cpu.turnsMs)} ms = ${cpuRatios.turnsOverFloor.toFixed(2)} x the page floor's ${ms(cpu.floorMs)} ms; idle title ${ms(cpu.titleMs)} ms = ${cpuRatios.titleOverFloor.toFixed(2)} x`,
  );
  return {
    flags,
    softwareCompositing: diagnostic,
    verdicts: v,
    cpuPerFrame: { ...cpu, ...cpuRatios },
    ok: Object.values(v).every((x) => x.ok),
  };
}

// ------------------------------------------------------------------------------------------------
// Interaction to Next Paint
// ------------------------------------------------------------------------------------------------

interface InpEntry {
  start: number;
  duration: number;
  /** From the input to its first handler: the main thread was busy with something else. */
  delay: number;
  /** The handlers themselves (ours). */
  processing: number;
  /** From the handlers' end to the next paint: style, layout, our canvas draw and the compositor. */
  presentation: number;
}
interface InpState {
  entries: InpEntry[];
  /** When elements added to the page were first shown (Element Timing's render time): a reply's answer adds some. */
  shown: number[];
}
declare global {
  interface Window {
    __benchInp?: InpState;
  }
}

function startInpObserver(): void {
  const state: InpState = { entries: [], shown: [] };
  window.__benchInp = state;
  // Element Timing reports an element's first paint only if it is marked before it is painted (a
  // mutation observer's callback runs before the next rendering step), and text under the element that
  // holds it: a reply button's words are in a span of their own, so every added element is marked.
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof Element)
          for (const added of [node, ...node.querySelectorAll('*')])
            added.setAttribute('elementtiming', 'answer');
  }).observe(document.body, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    // PerformanceElementTiming is not in this TypeScript DOM library yet.
    for (const e of list.getEntries() as (PerformanceEntry & { renderTime: number })[])
      if (e.renderTime > 0) state.shown.push(e.renderTime);
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    // interactionId is not in this TypeScript DOM library yet.
    for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
      if (e.interactionId)
        state.entries.push({
          start: e.startTime,
          duration: e.duration,
          delay: e.processingStart - e.startTime,
          processing: e.processingEnd - e.processingStart,
          presentation: e.startTime + e.duration - e.processingEnd,
        });
    }
    // Event Timing reports no event under 16 ms: an interaction without an entry was quicker than that.
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
}

type InpParts = Pick<InpEntry, 'delay' | 'processing' | 'presentation'>;
interface Latency {
  latency: number;
  part: InpParts;
  /**
   * From the input to the first paint of what its answer added to the page (the coach's note, the new
   * replies; Element Timing): when the patient's answer was on screen, which may be a frame after the
   * next paint that INP measures. NaN when nothing new was shown.
   */
  answerShown: number;
}

/** When one interaction ran, on the page's clock: its events start between `from` and `to`. */
interface InteractionSpan {
  from: number;
  to: number;
}

/** Runs `act` (an input and whatever waits for its handlers), and returns when its events can have started. */
async function interaction(page: Page, act: () => Promise<void>): Promise<InteractionSpan> {
  const from = await page.evaluate(() => performance.now());
  await act();
  return { from, to: await page.evaluate(() => performance.now()) };
}

/**
 * Each interaction's latency: the longest event that started in its span (16 ms when Event Timing reported
 * none, because it was quicker) and that event's parts. Read after the last interaction: an entry arrives
 * only once the paint it waited for is presented, which through a software compositor can be hundreds of
 * milliseconds after the input (read a frame after the handlers, as rounds 4 and 5 did, the slow ones were
 * missed and counted as quick). The page must run startInpObserver.
 */
async function latenciesOf(page: Page, spans: readonly InteractionSpan[]): Promise<Latency[]> {
  const last = spans.at(-1);
  if (last) {
    // The last one's entries, if it was slow enough to have any; a quick one has none to wait for.
    await page
      .waitForFunction((from) => (window.__benchInp?.entries ?? []).some((e) => e.start >= from), last.from, {
        timeout: 2_000,
        polling: 50,
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      });
  }
  const { entries, shown } = await page.evaluate(() => window.__benchInp ?? { entries: [], shown: [] });
  return spans.map(({ from, to }, i) => {
    const mine = entries.filter((e) => e.start >= from && e.start <= to);
    const longest = mine.reduce<InpEntry | null>((m, e) => (m && m.duration >= e.duration ? m : e), null);
    // The input's own time when Event Timing has it; a quick interaction has no entry, so the span's start.
    const input = mine.length > 0 ? Math.min(...mine.map((e) => e.start)) : from;
    const until = spans[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    const answered = shown.filter((t) => t >= input && t < until);
    return {
      latency: Math.max(16, longest?.duration ?? 0),
      part: longest ?? { delay: 0, processing: 0, presentation: 0 },
      answerShown: answered.length > 0 ? Math.min(...answered) - input : Number.NaN,
    };
  });
}

/** Interactions on INP_FLOOR_PAGE, clicks and keys alternating, each after the same pause as a turn's. */
async function inpFloor(page: Page, count: number): Promise<Latency[]> {
  await showPage(page, INP_FLOOR_PAGE);
  await page.evaluate(startInpObserver);
  const spans: InteractionSpan[] = [];
  for (let i = 0; i < count; i++) {
    await page.waitForTimeout(700);
    spans.push(
      await interaction(page, async () => {
        // The page focuses its first reply after each answer, as the conversation does.
        if (i % 2 === 1) await page.keyboard.press('Enter');
        else
          await page
            .locator('button.choice')
            .nth(i % 4)
            .click();
      }),
    );
  }
  return latenciesOf(page, spans);
}

/**
 * Plays turns, alternating a click on a reply and its number key, each after the line has typed and the
 * meters have settled (a trainee reads first); returns each interaction's latency (latenciesOf), the
 * kinds (click or key) in the same order, and as many interactions on the floor page.
 */
async function inpWith(
  targets: Targets,
  profile: Profile,
  extraArgs: string[],
): Promise<{ measured: Latency[]; kinds: string[]; floor: Latency[] }> {
  const browser = await launch(extraArgs);
  let measured: Latency[] = [];
  const kinds: string[] = [];
  let floor: Latency[] = [];
  try {
    const page = await newPage(browser);
    await applyProfile(page, profile);
    await openTestBuild(page, targets.test, 11);
    await page.evaluate(startInpObserver);
    await toSelect(page);
    const spans: InteractionSpan[] = [];
    let state = 29;
    for (const id of INP_SCENARIOS) {
      await startScenario(page, id);
      for (let turn = 0; turn < INP_TURNS; turn++) {
        await waitTyped(page, 60_000);
        await page.waitForTimeout(700);
        const choices = await page.locator('button.choice').count();
        if (choices === 0) break;
        const next = nextPick(state, choices);
        state = next.state;
        const pick = next.pick;
        const turnBefore = await page.evaluate(() => window.__GOOD_TERMS__?.turn ?? 0);
        const byKey = turn % 2 === 1;
        spans.push(
          await interaction(page, async () => {
            if (byKey) await page.keyboard.press(String(pick + 1));
            else await page.locator('button.choice').nth(pick).click();
            await page.waitForFunction((t) => (window.__GOOD_TERMS__?.turn ?? 0) > t, turnBefore, {
              polling: 20,
            });
          }),
        );
        kinds.push(byKey ? 'key' : 'click');
      }
      await leaveConversation(page);
    }
    measured = await latenciesOf(page, spans);
    await page.close();
    const floorPage = await newPage(browser);
    await applyProfile(floorPage, profile);
    floor = await inpFloor(floorPage, measured.length);
  } finally {
    await browser.close();
  }
  return { measured, kinds, floor };
}

async function benchInp(targets: Targets): Promise<Record<string, unknown>> {
  console.log(
    `\nResponsiveness: Interaction to Next Paint (Event Timing API) of reply clicks and number keys, ${INP_SCENARIOS.length} scenarios x ${INP_TURNS} turns`,
  );
  const out: Record<string, unknown> = {};
  let ok = true;
  // The verdicts are on the project's flags; the diagnostic configuration (the page compositor off
  // SwiftShader) shows how much of the wait for the next paint is the compositor's and not ours.
  for (const [key, profile, target, extraArgs, judged] of [
    ['machine', MACHINE, BROWSER_TARGETS.inpP98, [], true],
    ['throttled', { label: 'CPU 4x slower', cpu: 4 }, BROWSER_TARGETS.inpP98Throttled, [], true],
    [
      'diagnostic',
      { label: 'diagnostic config.', cpu: 1 },
      BROWSER_TARGETS.inpP98,
      ['--disable-gpu-compositing'],
      false,
    ],
  ] as const) {
    const machineAtStart = machineTicks();
    const { measured, kinds, floor: floorRun } = await inpWith(targets, profile, [...extraArgs]);
    const latencies = measured.map((l) => l.latency);
    const floor = floorRun.map((l) => l.latency);
    const steal = stealPercent(ticksSince(machineAtStart));
    const p98 = percentile(latencies, 98);
    const pass = p98 <= target;
    if (judged) ok &&= pass;
    const of = (kind: string) => latencies.filter((_, i) => kinds[i] === kind);
    console.log(
      `  ${profile.label.padEnd(20)} ${latencies.length} interactions: p50 ${ms(percentile(latencies, 50))} ms, p98 ${ms(p98)} ms, max ${ms(Math.max(...latencies))} ms ` +
        `(clicks p98 ${ms(percentile(of('click'), 98))}, keys p98 ${ms(percentile(of('key'), 98))}) (target p98 at most ${target} ms): ${judged ? verdict(pass) : `${verdict(pass)} (diagnostic, not a verdict)`}`,
    );
    // Where the time went: waiting for the main thread, our handlers, and rendering up to the paint.
    const part = (k: keyof InpParts) => p50p98(measured.map((l) => l.part[k]));
    const breakdown = {
      inputDelay: part('delay'),
      processing: part('processing'),
      presentation: part('presentation'),
    };
    console.log(
      `  ${''.padEnd(20)} of which input delay p50/p98 ${ms(breakdown.inputDelay.p50)}/${ms(breakdown.inputDelay.p98)} ms, ` +
        `our handlers ${ms(breakdown.processing.p50)}/${ms(breakdown.processing.p98)} ms, until the paint ${ms(breakdown.presentation.p50)}/${ms(breakdown.presentation.p98)} ms`,
    );
    // The same kind of change on a page with no code of ours: the machine's and the browser's share.
    const floorP98 = percentile(floor, 98);
    console.log(
      `  ${''.padEnd(20)} this machine's floor (a line and four buttons replaced over a still WebGL canvas, no code of ours): ` +
        `p50 ${ms(percentile(floor, 50))} ms, p98 ${ms(floorP98)} ms; our p98 is ${(p98 / floorP98).toFixed(2)} x the floor's; ` +
        `the hypervisor took ${pct(steal)} of the machine's CPU time (steal)`,
    );
    // INP ends at the next paint, which shows the reply pressed; the patient's answer can come a frame
    // later. Reported beside it so the first paint cannot be made quick at the answer's expense.
    const answers = measured.map((l) => l.answerShown);
    const shown = answers.filter(Number.isFinite);
    const answer = {
      ...p50p98(shown),
      measured: shown.length,
      floor: p50p98(floorRun.map((l) => l.answerShown).filter(Number.isFinite)),
      latencies: answers,
    };
    console.log(
      `  ${''.padEnd(20)} the answer on screen (what it added first painted, Element Timing), ${shown.length} of ${answers.length} measured: ` +
        `p50 ${ms(answer.p50)} ms, p98 ${ms(answer.p98)} ms; the floor's p50 ${ms(answer.floor.p50)} ms, p98 ${ms(answer.floor.p98)} ms (report)`,
    );
    out[key] = {
      profile: profile.label,
      interactions: latencies.length,
      p50: percentile(latencies, 50),
      p98,
      floor: { p50: percentile(floor, 50), p98: floorP98, latencies: floor, overFloor: p98 / floorP98 },
      steal,
      max: Math.max(...latencies),
      ...breakdown,
      answer,
      latencies,
      kinds,
      target,
      ok: pass,
    };
  }
  return { ...out, ok };
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
    `  heap growth from play 1 to play ${last.after}: ${mb(growth)} (target at most ${mb(BROWSER_TARGETS.heapGrowthBytes)}): ${verdict(growth <= BROWSER_TARGETS.heapGrowthBytes)}; ` +
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
      heapGrowthBytes: BROWSER_TARGETS.heapGrowthBytes,
      heapOk: growth <= BROWSER_TARGETS.heapGrowthBytes,
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
    ['inp', benchInp],
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
