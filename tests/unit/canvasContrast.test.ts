/**
 * WCAG 1.4.3 / 1.4.11 for the drawn meters (issue 22, item 4): their labels, numbers, words and floating
 * changes sit on the meter's card, which is paper drawn over the scene at the opacity MeterBar.ts uses. The
 * contrast is computed against that card over the darkest and the lightest scene possible, so it holds on
 * every backdrop.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE, TEXT } from '../../src/game/art/palette';

const channels = (c: number): [number, number, number] => [(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff];
const luminance = (rgb: readonly number[]): number => {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r = 0, g = 0, b = 0] = rgb;
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: readonly number[], b: readonly number[]): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
const css = (hex: string): number => Number.parseInt(hex.slice(1), 16);

describe('the drawn meters', () => {
  const source = readFileSync('src/game/art/MeterBar.ts', 'utf8');
  const cardOpacity = Number(/fillStyle\(PALETTE\.paper, ([\d.]+)\)/.exec(source)?.[1]);

  it('draw every label at 4.5:1 or more on their card, whatever the scene behind it', () => {
    expect(cardOpacity).toBeGreaterThan(0.5);
    const paper = channels(PALETTE.paper);
    const cards = [0x000000, 0xffffff].map((behind) =>
      paper.map((p, i) => p * cardOpacity + (channels(behind)[i] ?? 0) * (1 - cardOpacity)),
    );
    // The label and number (ink), the word (muted) and the floating change (good or bad).
    for (const [name, colour] of Object.entries({
      ink: TEXT.ink,
      muted: TEXT.muted,
      good: TEXT.good,
      bad: TEXT.bad,
    })) {
      for (const card of cards)
        expect(
          contrast(channels(css(colour)), card),
          `${name} on ${card.map(Math.round)}`,
        ).toBeGreaterThanOrEqual(4.5);
    }
  });
});
