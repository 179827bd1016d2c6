import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings } from '../../src/ui/settings';

/** A localStorage stand-in holding what a damaged, older or hand-edited browser might have stored. */
function storing(raw: string | null): void {
  const values = new Map<string, string>(raw === null ? [] : [['good-terms:settings:v1', raw]]);
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    value: { getItem: (k: string) => values.get(k) ?? null, setItem: () => undefined },
  });
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('stored settings', () => {
  it('falls back to the default for each unknown value, keeping the valid ones', () => {
    storing(
      JSON.stringify({
        textSize: 300,
        reducedMotion: 'sometimes',
        typingSpeed: 'warp',
        highContrast: true,
        metersAsText: 'yes',
        numberKeys: 'off',
        play: { mode: 'exam', hints: false, coachFeedback: 1 },
      }),
    );
    expect(loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      highContrast: true,
      play: { mode: 'practice', hints: false, coachFeedback: true },
    });
  });

  it('keeps number keys turned off', () => {
    storing(JSON.stringify({ numberKeys: false }));
    expect(loadSettings()).toEqual({ ...DEFAULT_SETTINGS, numberKeys: false });
  });

  it.each([
    ['nothing stored', null],
    ['unreadable JSON', '{oops'],
    ['a list', '[1,2]'],
    ['a play that is not an object', '{"play":"assessment"}'],
  ])('gives the defaults for %s', (_, raw) => {
    storing(raw);
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
