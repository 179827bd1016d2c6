import { describe, expect, it } from 'vitest';
import { hashToken, isRoomCode, newRoomCode, normaliseCode } from '../../../server/codes';
import { checkNickname, generateNickname, isBlocked } from '../../../server/nicknames';

describe('nicknames', () => {
  it('generates two friendly words the filter accepts, never one already taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const name = generateNickname(taken);
      expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(checkNickname(name)).toEqual({ ok: true, nickname: name });
      expect(taken.has(name.toLowerCase())).toBe(false);
      taken.add(name.toLowerCase());
    }
  });

  it('catches disguised words and leaves innocent ones alone', () => {
    for (const bad of ['FUCK', 'f.u.c.k', 'Sh1t', 'B!tch Please', 'dick', 'Big Ass'])
      expect(isBlocked(bad), bad).toBe(true);
    for (const fine of ['Scunthorpe', 'Dickens', 'Peacock', 'Assistant', 'Cocktail Hour', 'Classy Otter']) {
      expect(isBlocked(fine), fine).toBe(false);
    }
  });

  it('trims, normalises and bounds an edit', () => {
    expect(checkNickname('  Jos\u0065\u0301   M ')).toEqual({ ok: true, nickname: 'Jos\u00e9 M' });
    expect(checkNickname('\u5c0f\u660e')).toEqual({ ok: true, nickname: '\u5c0f\u660e' });
    expect(checkNickname('tab\there')).toEqual({ ok: true, nickname: 'tab here' });
    for (const bad of ['a', 'x'.repeat(25), '<script>', '=cmd()', 'bell\u0007', '\u{1F600}\u{1F600}']) {
      expect(checkNickname(bad).ok, bad).toBe(false);
    }
  });
});

describe('room codes and tokens', () => {
  it('uses six characters with no 0, O, 1, I or L', () => {
    for (let i = 0; i < 500; i++) {
      const code = newRoomCode();
      expect(isRoomCode(code)).toBe(true);
      expect(code).not.toMatch(/[01OIL]/);
    }
    expect(normaliseCode(' abc-def ')).toBe('ABCDEF');
    expect(isRoomCode('ABCDE0')).toBe(false);
  });

  it('stores tokens as hashes', () => {
    expect(hashToken('secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken('secret')).not.toContain('secret');
  });
});
