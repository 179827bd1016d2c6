import { describe, expect, it } from 'vitest';
import {
  decodeReplayCode,
  encodeReplayCode,
  ReplayCodeError,
  scenarioIdOfCode,
} from '../../src/engine/runtime/replayCode';
import { Session } from '../../src/engine/runtime/session';
import { fixtureBundle, loadEditedMini } from './helpers';

describe('replay codes', () => {
  it('round-trips an attempt and replays it to the identical state', () => {
    const s = Session.start(fixtureBundle(), 123456);
    s.choose('warm');
    s.choose('ask-copay');
    const code = encodeReplayCode(fixtureBundle(), s.attempt());
    expect(code).toMatch(/^GT1\.mini\.[0-9a-f]{8}\.[0-9a-z]+\.[0-9a-z-]+$/);
    expect(scenarioIdOfCode(code)).toBe('mini');
    const attempt = decodeReplayCode(code, fixtureBundle());
    expect(attempt).toEqual(s.attempt());
    expect(Session.replay(fixtureBundle(), attempt.seed, attempt.choices).persist()).toEqual(s.persist());
  });

  it('explains that a code from a changed scenario cannot be replayed exactly', () => {
    const code = encodeReplayCode(fixtureBundle(), {
      ...Session.start(fixtureBundle(), 2).attempt(),
      choices: ['cold'],
    });
    const edited = loadEditedMini((t) =>
      t.replace('effects: { stress: 30, trust: -10 }', 'effects: { stress: 25, trust: -10 }'),
    );
    if (!edited.ok) throw new Error('edit failed');
    expect(() => decodeReplayCode(code, edited.bundle)).toThrow(/another version of "Mini copay"/);
  });

  it.each([
    ['hello', /not a Good Terms replay code/],
    ['GT1.mini.00000000', /not a Good Terms replay code/],
  ])('rejects %s with a clear message', (code, message) => {
    expect(() => decodeReplayCode(code, fixtureBundle())).toThrow(message);
  });

  it('rejects damaged choices and seeds', () => {
    const good = encodeReplayCode(fixtureBundle(), {
      ...Session.start(fixtureBundle(), 2).attempt(),
      choices: ['cold'],
    });
    const [p, id, hash] = good.split('.');
    expect(() => decodeReplayCode(`${p}.${id}.${hash}.0.1`, fixtureBundle())).toThrow(ReplayCodeError);
    expect(() => decodeReplayCode(`${p}.${id}.${hash}.2.zz`, fixtureBundle())).toThrow(/choices is damaged/);
  });

  it('refuses a code whose version mark is empty or short instead of skipping the changed-scenario check', () => {
    const good = encodeReplayCode(fixtureBundle(), {
      ...Session.start(fixtureBundle(), 2).attempt(),
      choices: ['cold'],
    });
    const [p, id, , seed, picks] = good.split('.');
    for (const hash of ['', '0', 'ABCDEF12'])
      expect(() => decodeReplayCode([p, id, hash, seed, picks].join('.'), fixtureBundle())).toThrow(
        /version mark is damaged/,
      );
  });

  it('never repeats the pasted text or an internal id in its messages, however long the input', () => {
    const huge = `GT1.${'x'.repeat(5000)}.00000000.1.0`;
    const attempts = [
      huge,
      `GT1.mini.${'0'.repeat(8)}.1.${'z'.repeat(2000)}`,
      'GT1.<img src=x>.1.1.1',
      '%E0%A4%A',
    ];
    for (const code of attempts) {
      let message = '';
      try {
        decodeReplayCode(code, fixtureBundle());
      } catch (error) {
        expect(error).toBeInstanceOf(ReplayCodeError);
        message = (error as Error).message;
      }
      expect(message.length).toBeGreaterThan(10);
      expect(message.length).toBeLessThan(160);
      expect(message).not.toContain('xxxxxxxx');
      expect(message).not.toContain('<img');
    }
    const other = encodeReplayCode(fixtureBundle(), Session.start(fixtureBundle(), 2).attempt()).replace(
      '.mini.',
      '.some-other-scenario.',
    );
    expect(() => decodeReplayCode(other, fixtureBundle())).toThrow(/another scenario, not “Mini copay”/);
  });
});
