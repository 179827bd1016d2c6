/**
 * Fuzz: everything a browser can hand the app from outside. Replay codes and URL fragments, progress
 * import files, stored settings and stored progress records: each gives a clear message or a clean
 * rejection, never an uncaught exception, and nothing already stored is lost.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeReplayCode, encodeReplayCode, ReplayCodeError } from '../../src/engine/runtime/replayCode';
import { Session } from '../../src/engine/runtime/session';
import { importInto, parseJsonImport, toJsonExport } from '../../src/progress/exportImport';
import { MIGRATORS } from '../../src/progress/migrations';
import { openProgressStore } from '../../src/progress/store';
import { replayCodeFromHash, seedFromSearch } from '../../src/ui/links';
import { DEFAULT_SETTINGS, loadSettings, TEXT_SIZES, TYPING_SPEEDS } from '../../src/ui/settings';
import { fixtureBundle } from '../unit/helpers';
import { attempt, rawPut } from '../unit/progress/helpers';

const bundle = fixtureBundle();
const real = encodeReplayCode(bundle, {
  ...Session.start(bundle, 5).attempt(),
  choices: ['warm', 'ask-copay'],
});

/** Text that looks like a code: the real one with random damage, or anything at all. */
const codeLike = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc
    .tuple(fc.nat({ max: real.length }), fc.string({ maxLength: 12 }), fc.nat({ max: 6 }))
    .map(([at, insert, cut]) => real.slice(0, at) + insert + real.slice(at + cut)),
  fc.constantFrom(`${real}.`, real.replace('GT1', 'GT2'), real.toUpperCase(), `${'x'.repeat(5000)}`),
);

describe('replay codes and links', () => {
  it('decode to an attempt or fail with a short ReplayCodeError, never anything else', () => {
    fc.assert(
      fc.property(codeLike, (code) => {
        try {
          const attempt = decodeReplayCode(code, bundle);
          Session.replay(bundle, attempt.seed, attempt.choices).stop();
        } catch (error) {
          if (error instanceof ReplayCodeError) expect(error.message.length).toBeLessThan(200);
          else expect((error as Error).name).toBe('ReplayError');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any hash and any query string without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (tail, search) => {
        const link = replayCodeFromHash(`#replay=${tail}`);
        expect(link).toBeDefined();
        expect(replayCodeFromHash(tail.startsWith('#replay=') ? '' : `#${tail}`)).toBeUndefined();
        const seed = seedFromSearch(`?seed=${search}`);
        expect(seed.seed === undefined || (Number.isInteger(seed.seed) && seed.seed >= 1)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('progress import', () => {
  it('rejects any JSON that is not an export with a message, and a rejected file changes nothing', async () => {
    const store = await openProgressStore({
      indexedDB: new IDBFactory(),
      name: 'fuzz-import',
      mirror: undefined,
    });
    const kept = attempt();
    await store.addAttempt(kept);
    const shapes = fc.oneof(
      fc.jsonValue(),
      fc.record({
        format: fc.constant('good-terms-progress'),
        exportVersion: fc.jsonValue(),
        attempts: fc.jsonValue(),
      }),
      fc.array(fc.oneof(fc.jsonValue(), fc.constant(attempt())), { maxLength: 4 }).map((attempts) => ({
        format: 'good-terms-progress',
        exportVersion: 1,
        profile: { displayName: 'x' },
        attempts,
      })),
    );
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const parsed = parseJsonImport(JSON.stringify(shape));
        if (parsed.ok) return;
        expect(parsed.error).toMatch(/^Nothing was imported\./);
        const outcome = await importInto(store, parsed);
        expect(outcome.ok).toBe(false);
        expect(await store.attempts()).toEqual([kept]);
      }),
      { numRuns: 300 },
    );
    expect(parseJsonImport(toJsonExport({ displayName: '' }, [kept])).ok).toBe(true);
  });
});

describe('stored settings', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('always read as a valid settings object, whatever is stored', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ play: fc.jsonValue(), textSize: fc.jsonValue() })),
        (stored) => {
          Object.defineProperty(globalThis, 'localStorage', {
            configurable: true,
            value: { getItem: () => JSON.stringify(stored), setItem: () => undefined },
          });
          const s = loadSettings();
          expect(TEXT_SIZES).toContain(s.textSize);
          expect(Object.keys(TYPING_SPEEDS)).toContain(s.typingSpeed);
          expect(['practice', 'assessment']).toContain(s.play.mode);
          expect(typeof s.play.hints).toBe('boolean');
          expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('stored progress records', () => {
  it('migrate or explain themselves, never throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('attempts', 'inProgress', 'profile' as const),
        fc.anything(),
        (from, raw) => {
          const result = MIGRATORS[from](raw);
          if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leave every good record loading when damaged ones sit beside them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }), async (junk) => {
        const factory = new IDBFactory();
        const first = await openProgressStore({
          indexedDB: factory,
          name: 'fuzz-records',
          mirror: undefined,
        });
        const good = attempt();
        await first.addAttempt(good);
        first.close();
        for (const [i, raw] of junk.entries())
          await rawPut(factory, 'fuzz-records', 'attempts', `junk-${i}`, raw);
        const store = await openProgressStore({
          indexedDB: factory,
          name: 'fuzz-records',
          mirror: undefined,
        });
        expect((await store.attempts()).map((a) => a.id)).toContain(good.id);
        expect((await store.setAside()).length).toBeLessThanOrEqual(junk.length);
        store.close();
      }),
      { numRuns: 60 },
    );
  });
});
