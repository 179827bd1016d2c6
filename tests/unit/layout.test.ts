import { describe, expect, it } from 'vitest';
import { frameScene, layoutKind, placeMeters, portraitSubject } from '../../src/game/layout';

/** The portrait's anchor and desk line in the backdrops (src/game/art/backdrops.ts). */
const PORTRAIT_SUBJECT = portraitSubject({ x: 330, y: 420 }, 600);

describe('the layout kind', () => {
  it.each([
    [1920, 1080, 'wide'],
    [1280, 720, 'wide'],
    [1024, 768, 'wide'],
    [844, 390, 'compact'],
    [740, 360, 'compact'],
    [820, 1180, 'tall'],
    [390, 844, 'tall'],
    [320, 180, 'tall'],
    [900, 900, 'tall'],
  ] as const)('%i x %i is %s', (width, height, kind) => {
    expect(layoutKind(width, height)).toBe(kind);
  });
});

/** Where the subject lands on the canvas under a frame. */
function placed(frame: { zoom: number; x: number; y: number }) {
  const s = PORTRAIT_SUBJECT;
  return {
    left: frame.x + s.x * frame.zoom,
    right: frame.x + (s.x + s.width) * frame.zoom,
    top: frame.y + s.y * frame.zoom,
    bottom: frame.y + (s.y + s.height) * frame.zoom,
  };
}

describe('framing the art', () => {
  it('keeps the 16:9 design exactly as drawn at 1280 x 720 and scales it at 1920 x 1080', () => {
    const at = (width: number, height: number) =>
      frameScene({ kind: 'wide', canvas: { width, height }, subject: PORTRAIT_SUBJECT, reserveTop: 96 });
    expect(at(1280, 720)).toEqual({ zoom: 1, x: 0, y: 0 });
    expect(at(1920, 1080)).toEqual({ zoom: 1.5, x: 0, y: 0 });
  });

  it.each([
    ['wide', 1024, 768],
    ['wide', 1600, 720],
    ['compact', 844, 390],
    ['tall', 390, 300],
    ['tall', 820, 420],
    ['tall', 320, 144],
  ] as const)('%s %i x %i: the subject is in the free part, below the meters', (kind, width, height) => {
    const canvas = { width, height };
    const meters = placeMeters(kind, canvas, 60);
    const frame = frameScene({ kind, canvas, subject: PORTRAIT_SUBJECT, reserveTop: meters.height });
    const box = placed(frame);
    const free = kind === 'tall' ? width : width * (kind === 'wide' ? 0.455 : 0.4);
    expect(box.left).toBeGreaterThanOrEqual(-1);
    expect(box.right).toBeLessThanOrEqual(free + 1);
    expect(box.top).toBeGreaterThanOrEqual(meters.height - 1);
    expect(box.bottom).toBeLessThanOrEqual(height + 1);
    // Both meters fit the free part side by side.
    expect(meters.trust.x + meters.width * meters.scale).toBeLessThanOrEqual(free);
  });
});
