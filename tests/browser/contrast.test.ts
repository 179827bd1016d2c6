/**
 * WCAG 1.4.11 Non-text Contrast (issue 22, item 4), measured in the page from computed styles: on every
 * screen, in both themes, every control is focused from the keyboard and its focus indicator (the dark ring
 * and its white halo) is compared with what is really behind it at eight points around it, the game canvas
 * included (its pixels are read back); every text field and select has a border of at least 3:1 against the
 * field and against what surrounds it. The drawn meters' labels are checked in tests/unit/canvasContrast.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bestOf, explore } from '../../src/engine/authoring/analysis';
import { bundleFor, openGame, playChoices, startScenario, useBrowser, waitForScreen } from './helpers';

const SCENARIO = 's8-copay-prior-balance';
const SEED = 5;
const bundle = bundleFor(SCENARIO);
const best = bestOf(explore(bundle, { seed: SEED }));

/** Contrast problems on the screen as it is, in the page's current theme. */
function contrastProblems(page: Page, screen: string): Promise<string[]> {
  return page.evaluate((screen) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba | undefined => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
      return m
        ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])]
        : undefined;
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (below[i] ?? 0) * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const contrast = (a: Rgba, b: Rgba): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const show = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(',')})`;

    // The canvas, read back once (its drawing buffer is preserved).
    const canvas = document.querySelector<HTMLCanvasElement>('#game canvas');
    const copy = document.createElement('canvas');
    let pixels: ImageData | undefined;
    if (canvas && canvas.width > 0) {
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      ctx?.drawImage(canvas, 0, 0);
      pixels = ctx?.getImageData(0, 0, copy.width, copy.height);
    }
    const canvasPixel = (x: number, y: number): Rgba | undefined => {
      if (!canvas || !pixels) return undefined;
      const r = canvas.getBoundingClientRect();
      const px = Math.floor(((x - r.left) / r.width) * canvas.width);
      const py = Math.floor(((y - r.top) / r.height) * canvas.height);
      if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) return undefined;
      const i = (py * canvas.width + px) * 4;
      const d = pixels.data;
      return [d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0, 1];
    };
    const rootBackground = parse(getComputedStyle(document.documentElement).backgroundColor) ?? [0, 0, 0, 1];

    /** The colour painted at (x, y) by everything under it except `skip` and what is inside it. */
    const backgroundAt = (x: number, y: number, skip: Element): { colour: Rgba; canvas: boolean } => {
      const layers: Rgba[] = [];
      let base: Rgba | undefined;
      let onCanvas = false;
      for (const el of document.elementsFromPoint(x, y)) {
        if (skip.contains(el)) continue;
        if (el instanceof HTMLCanvasElement && el.closest('#game')) {
          if (getComputedStyle(el).visibility === 'hidden') continue;
          base = canvasPixel(x, y);
          onCanvas = base !== undefined;
          if (base) break;
          continue;
        }
        const bg = parse(getComputedStyle(el).backgroundColor);
        if (!bg || bg[3] === 0) continue;
        if (bg[3] >= 1) {
          base = bg;
          break;
        }
        layers.push(bg);
      }
      let colour = base ?? rootBackground;
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return { colour, canvas: onCanvas };
    };
    /** Eight points at `d` px outside a box: a quarter and three quarters along each side. */
    const around = (r: DOMRect, d: number): [number, number][] => [
      [r.left + r.width / 4, r.top - d],
      [r.left + (3 * r.width) / 4, r.top - d],
      [r.left + r.width / 4, r.bottom + d],
      [r.left + (3 * r.width) / 4, r.bottom + d],
      [r.left - d, r.top + r.height / 4],
      [r.left - d, r.top + (3 * r.height) / 4],
      [r.right + d, r.top + r.height / 4],
      [r.right + d, r.top + (3 * r.height) / 4],
    ];
    const inWindow = ([x, y]: [number, number]) =>
      x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight;

    const problems: string[] = [];
    const visible = (el: Element) => {
      if (el.closest('[hidden], .visually-hidden, details:not([open]) > :not(summary)')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const scope = document.querySelector('dialog[open]') ?? document.getElementById('overlay');
    const name = (el: Element) =>
      `${screen}: ${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || (el as HTMLInputElement).name || el.id}"`;

    const controls = [
      ...(scope?.querySelectorAll<HTMLElement>(
        'button, a[href], input, select, textarea, summary, [tabindex="0"]',
      ) ?? []),
    ].filter(visible);
    let measured = 0;
    for (const el of controls) {
      el.focus();
      if (document.activeElement !== el) continue;
      if (!el.matches(':focus-visible')) {
        problems.push(`${name(el)} shows no focus indicator when focused from the keyboard`);
        continue;
      }
      const card = el.closest('.scenario-card');
      const hit = el.querySelector('.chart-hit');
      let ring: Rgba | undefined;
      let halo: Rgba | undefined;
      let box: DOMRect;
      let distance: number;
      if (hit) {
        // A chart marker: its hit area is stroked in the focus colour, inside the chart.
        ring = parse(getComputedStyle(hit).stroke);
        box = hit.getBoundingClientRect();
        distance = -1.5;
      } else {
        const style = card ? getComputedStyle(el, '::after') : getComputedStyle(el);
        ring = parse(style.outlineColor);
        halo = parse(style.boxShadow);
        if (style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) < 2) {
          problems.push(`${name(el)} has no focus outline of 2 px or more`);
          continue;
        }
        box = (card ?? el).getBoundingClientRect();
        distance = Number.parseFloat(style.outlineOffset) + Number.parseFloat(style.outlineWidth) / 2;
      }
      if (!ring) {
        problems.push(`${name(el)}: no focus colour found`);
        continue;
      }
      measured += 1;
      if (halo && contrast(ring, halo) < 3)
        problems.push(
          `${name(el)}: ring ${show(ring)} on its halo ${show(halo)} is ${contrast(ring, halo).toFixed(2)}:1`,
        );
      const skip = hit ? (el.closest('svg') ?? el) : (card ?? el);
      // Where the ring itself is faint (a dark canvas), the white halo around it (7 px) must stand out.
      const outer = around(box, 9);
      for (const [i, point] of around(box, distance).entries()) {
        const beyond = outer[i] ?? point;
        if (!inWindow(point)) continue;
        const under = backgroundAt(point[0], point[1], skip);
        const ringContrast = contrast(ring, under.colour);
        if (ringContrast >= 3) continue;
        const outside = inWindow(beyond) ? backgroundAt(beyond[0], beyond[1], skip).colour : under.colour;
        if (halo && contrast(halo, outside) >= 3) continue;
        problems.push(
          `${name(el)}: focus ring ${show(ring)} on ${show(under.colour)}${under.canvas ? ' (canvas)' : ''} is ${ringContrast.toFixed(2)}:1${halo ? `, its halo ${show(halo)} on ${show(outside)} ${contrast(halo, outside).toFixed(2)}:1` : ''}`,
        );
        break;
      }
    }
    if (measured === 0) problems.push(`${screen}: no focus indicator was measured`);
    (document.activeElement as HTMLElement | null)?.blur();

    for (const field of [
      ...(scope?.querySelectorAll<HTMLElement>(
        'input:not([type=radio]):not([type=checkbox]), select, textarea',
      ) ?? []),
    ].filter(visible)) {
      field.scrollIntoView({ block: 'nearest' });
      const style = getComputedStyle(field);
      const border = parse(style.borderLeftColor);
      if (!border || Number.parseFloat(style.borderLeftWidth) < 1) {
        problems.push(`${name(field)} has no border`);
        continue;
      }
      const r = field.getBoundingClientRect();
      const outside = backgroundAt(r.left - 2, r.top + r.height / 2, field).colour;
      const inside = over(parse(style.backgroundColor) ?? [0, 0, 0, 0], outside);
      for (const [where, colour] of [
        ['the field', inside],
        ['around it', outside],
      ] as const) {
        if (contrast(border, colour) < 3)
          problems.push(
            `${name(field)}: border ${show(border)} on ${where} (${show(colour)}) is ${contrast(border, colour).toFixed(2)}:1`,
          );
      }
    }
    return problems;
  }, screen);
}

describe('non-text contrast', () => {
  const browserOf = useBrowser();

  it('the focus indicator and field borders are at least 3:1 against what is behind them, on every screen in both themes', async () => {
    const { page, problems } = await openGame(browserOf(), SEED);
    // Focus comes from the keyboard from here on, as for a keyboard user (:focus-visible).
    await page.keyboard.press('Tab');
    const measure = async (screen: string): Promise<void> => {
      for (const highContrast of [false, true]) {
        await page.evaluate(
          (on) => document.documentElement.classList.toggle('theme-high-contrast', on),
          highContrast,
        );
        expect(
          await contrastProblems(page, `${screen} (${highContrast ? 'high contrast' : 'default theme'})`),
        ).toEqual([]);
      }
      await page.evaluate(() => document.documentElement.classList.remove('theme-high-contrast'));
    };
    await measure('title');
    for (const [button, screen, back] of [
      ['Settings', 'settings', 'Done'],
      ['My progress', 'progress', 'Back to title'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await waitForScreen(page, screen);
      await page.keyboard.press('Tab');
      await measure(screen);
      await page.getByRole('button', { name: back }).click();
      await waitForScreen(page, 'title');
    }
    await page.getByRole('button', { name: 'Start practising' }).click();
    await waitForScreen(page, 'select');
    await page.keyboard.press('Tab');
    await measure('select');
    await startScenario(page, SCENARIO);
    await page.keyboard.press('Tab');
    await measure('conversation');
    await page.getByRole('button', { name: 'Leave conversation' }).focus();
    await page.keyboard.press('Enter');
    await measure('leave dialog');
    await page.keyboard.press('Escape');
    await playChoices(page, bundle, best.choices);
    await page.getByRole('button', { name: 'See your debrief' }).click();
    await waitForScreen(page, 'debrief');
    await page.keyboard.press('Tab');
    await measure('debrief');
    expect(problems).toEqual([]);
    await page.close();
  });
});
