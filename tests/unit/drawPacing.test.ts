/**
 * Animated art is drawn at most once per gap, and whatever changed while it waited is drawn by the next
 * draw allowed (src/game/drawPacing.ts, used by renderOnDemand.ts for partial frames).
 */
import { describe, expect, it } from 'vitest';
import { DrawPacing } from '../../src/game/drawPacing';

/** A 60 Hz display's frame times, from `start`. */
const frames = (count: number, start = 1000): number[] =>
  Array.from({ length: count }, (_, i) => start + (i * 1000) / 60);

describe('DrawPacing', () => {
  it('draws a tween that moves every frame on every other frame at 60 Hz', () => {
    const pacing = new DrawPacing<string>(30);
    const drawnAt = frames(30).filter((time) => pacing.take(time, ['meter']) !== undefined);
    expect(drawnAt).toHaveLength(15);
    for (let i = 1; i < drawnAt.length; i++) {
      expect((drawnAt[i] as number) - (drawnAt[i - 1] as number)).toBeGreaterThanOrEqual(30);
    }
  });

  it('draws at once when the last draw is a gap ago, and draws nothing when nothing changed', () => {
    const pacing = new DrawPacing<string>(30);
    expect(pacing.take(0, [])).toBeUndefined();
    expect(pacing.take(10, ['head'])).toEqual(new Set(['head']));
    expect(pacing.take(100, [])).toBeUndefined();
    expect(pacing.take(100, ['head'])).toEqual(new Set(['head']));
  });

  it('keeps what changed between draws and hands all of it to the next draw', () => {
    const pacing = new DrawPacing<string>(30);
    expect(pacing.take(0, ['stress'])).toEqual(new Set(['stress']));
    expect(pacing.take(16, ['trust'])).toBeUndefined();
    expect(pacing.waiting).toBe(1);
    // A tween that ended in the frame that had to wait: its last position is still drawn.
    expect(pacing.take(25, ['head'])).toBeUndefined();
    expect(pacing.waiting).toBe(2);
    expect(pacing.take(33, [])).toEqual(new Set(['trust', 'head']));
    expect(pacing.waiting).toBe(0);
    expect(pacing.take(50, [])).toBeUndefined();
  });

  it('lets a whole frame take everything that waited, and counts it as a draw', () => {
    const pacing = new DrawPacing<string>(30);
    expect(pacing.take(0, ['stress'])).toBeDefined();
    expect(pacing.take(16, ['trust'])).toBeUndefined();
    pacing.drewAll(20);
    expect(pacing.waiting).toBe(0);
    expect(pacing.take(36, ['head'])).toBeUndefined();
    expect(pacing.take(50, [])).toEqual(new Set(['head']));
  });

  it('draws every frame when frames come slower than the gap', () => {
    const pacing = new DrawPacing<string>(30);
    const slow = Array.from({ length: 10 }, (_, i) => i * 33.4);
    expect(slow.every((time) => pacing.take(time, ['meter']) !== undefined)).toBe(true);
  });

  it('draws nothing while held, then everything that changed meanwhile at once', () => {
    const pacing = new DrawPacing<string>(30);
    expect(pacing.take(0, ['head'])).toBeDefined();
    // An input at 40 ms holds the canvas for 100 ms: the meters that start moving wait.
    pacing.holdUntil(140);
    const during = frames(6, 50).map((time) => pacing.take(time, ['stress', 'trust']));
    expect(during.every((drawn) => drawn === undefined)).toBe(true);
    expect(pacing.waiting).toBe(2);
    expect(pacing.take(140, ['head'])).toEqual(new Set(['stress', 'trust', 'head']));
    // After the hold the usual pace holds again.
    expect(pacing.take(150, ['stress'])).toBeUndefined();
    expect(pacing.take(170, [])).toEqual(new Set(['stress']));
  });

  it('keeps a hold through a whole frame, and never shortens a longer hold', () => {
    const pacing = new DrawPacing<string>(30);
    pacing.holdUntil(200);
    pacing.holdUntil(120);
    pacing.drewAll(100);
    expect(pacing.take(150, ['head'])).toBeUndefined();
    expect(pacing.take(200, [])).toEqual(new Set(['head']));
  });
});
