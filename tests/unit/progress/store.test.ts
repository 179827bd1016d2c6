// idb recognises requests and databases by the global IDB classes: install fake-indexeddb's, then give
// each test its own factory (a fresh, empty set of databases).
import 'fake-indexeddb/auto';
import { IDBDatabase, IDBFactory, IDBObjectStore, IDBOpenDBRequest } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION } from '../../../src/progress/backends';
import { LEGACY_MIRROR_KEY } from '../../../src/progress/inProgressMirror';
import { describeSetAside, NOTICES, openProgressStore } from '../../../src/progress/store';
import { FORMAT_VERSION } from '../../../src/progress/types';
import { attempt, fixtureJson, inProgress, rawGetAll, rawKeys, rawPut, schemaOneDatabase } from './helpers';

const NAME = 'progress-test';

/** A Storage over a Map; `full` makes every write throw as a full localStorage does. */
function mapStorage(items = new Map<string, string>(), full = false): Storage {
  return {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  } as Storage;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the progress store on IndexedDB', () => {
  it('keeps the profile, attempts (newest first) and the conversation in progress across a reload', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(store.persistent).toBe(true);
    expect(store.notice).toBeUndefined();
    expect(await store.profile()).toEqual({ displayName: '' });
    expect(await store.unfinished()).toEqual([]);

    await store.setProfile({ displayName: '  Zoë Ñúñez  ' });
    const older = attempt({ finishedAt: '2026-01-02T10:00:00.000Z' });
    const newer = attempt({ finishedAt: '2026-01-03T10:00:00.000Z', mode: 'assessment' });
    await store.addAttempt(older);
    await store.addAttempt(newer);
    await store.saveInProgress(inProgress());
    store.close();

    const reloaded = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(await reloaded.profile()).toEqual({ displayName: 'Zoë Ñúñez' });
    expect(await reloaded.attempts()).toEqual([newer, older]);
    expect(await reloaded.unfinished()).toEqual([inProgress()]);
    await reloaded.clearInProgress(inProgress().attemptId);
    expect(await reloaded.unfinished()).toEqual([]);
    expect(await reloaded.setAside()).toEqual([]);
    // Every stored record carries its format version.
    for (const raw of await rawGetAll(factory, NAME, 'attempts'))
      expect(raw).toMatchObject({ formatVersion: FORMAT_VERSION });
    expect(await rawGetAll(factory, NAME, 'meta')).toEqual([
      { formatVersion: FORMAT_VERSION, displayName: 'Zoë Ñúñez' },
    ]);
  });

  it('keeps one conversation in progress per attempt: two tabs never overwrite each other, finishing one keeps the other', async () => {
    const factory = new IDBFactory();
    const tabA = await openProgressStore({ indexedDB: factory, name: NAME, mirror: undefined });
    const tabB = await openProgressStore({ indexedDB: factory, name: NAME, mirror: undefined });
    const a = inProgress({ attemptId: 'a', savedAt: '2026-01-01T10:00:20.000Z' });
    const b = inProgress({ attemptId: 'b', savedAt: '2026-01-01T10:00:30.000Z', mode: 'practice' });
    await tabA.saveInProgress(a);
    await tabB.saveInProgress(b);
    await tabA.saveInProgress({ ...a, save: { ...a.save, choices: ['warm', 'ask-copay'] } });
    // Newest save first.
    expect((await tabB.unfinished()).map((e) => [e.attemptId, e.save.choices.length])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    await tabB.clearInProgress('b');
    expect((await tabA.unfinished()).map((e) => e.attemptId)).toEqual(['a']);
  });

  it('writes a batch all or nothing, and overwrites an attempt stored again under the same id', async () => {
    const store = await openProgressStore({ indexedDB: new IDBFactory(), name: NAME });
    const a = attempt();
    await store.addAttempts([a, attempt()]);
    await store.addAttempt({ ...a, total: 12 });
    const list = await store.attempts();
    expect(list).toHaveLength(2);
    expect(list.find((x) => x.id === a.id)?.total).toBe(12);
  });

  it('rejects an invalid record from the caller, naming the field (a bug, not a storage problem)', async () => {
    const store = await openProgressStore({ indexedDB: new IDBFactory(), name: NAME });
    await expect(store.addAttempt({ ...attempt(), total: 140 })).rejects.toThrow(
      /total must be a number between 0 and 100/,
    );
    expect(await store.attempts()).toEqual([]);
  });

  it('reads a format-1 attempt left by an earlier build, migrated, without rewriting it', async () => {
    const factory = new IDBFactory();
    (await openProgressStore({ indexedDB: factory, name: NAME })).close();
    const v1 = fixtureJson('v1-attempt.json') as { id: string; score: number };
    await rawPut(factory, NAME, 'attempts', v1.id, v1);
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    const [read] = await store.attempts();
    expect(read).toMatchObject({
      formatVersion: FORMAT_VERSION,
      id: v1.id,
      total: v1.score,
      mode: 'practice',
    });
    expect(await rawGetAll(factory, NAME, 'attempts')).toEqual([v1]);
  });
});

describe('unreadable records', () => {
  async function seeded() {
    const factory = new IDBFactory();
    const first = await openProgressStore({ indexedDB: factory, name: NAME });
    const good = attempt();
    await first.addAttempt(good);
    first.close();
    await rawPut(factory, NAME, 'attempts', 'bad-total', { ...attempt({ id: 'bad-total' }), total: 'lots' });
    await rawPut(factory, NAME, 'attempts', 'bad-string', 'not even an object');
    await rawPut(factory, NAME, 'attempts', 'no-version', { id: 'no-version' });
    await rawPut(factory, NAME, 'attempts', 'from-the-future', { formatVersion: 9, id: 'from-the-future' });
    await rawPut(factory, NAME, 'meta', 'profile', { formatVersion: 2, displayName: 42 });
    await rawPut(factory, NAME, 'inProgress', 'broken-attempt', {
      ...inProgress({ attemptId: 'broken-attempt' }),
      save: 'broken',
    });
    return { factory, good };
  }

  it('are set aside with their reason, kept verbatim, and everything else still loads', async () => {
    const { factory, good } = await seeded();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(await store.attempts()).toEqual([good]);
    expect(await store.profile()).toEqual({ displayName: '' });
    expect(await store.unfinished()).toEqual([]);

    const aside = await store.setAside();
    const byKey = Object.fromEntries(aside.map((r) => [r.key, r]));
    expect(Object.keys(byKey).sort()).toEqual([
      'bad-string',
      'bad-total',
      'broken-attempt',
      'from-the-future',
      'no-version',
      'profile',
    ]);
    expect(byKey['bad-total']).toMatchObject({
      from: 'attempts',
      kept: 'set-aside',
      reason: 'total must be a number between 0 and 100',
    });
    expect(byKey['bad-total']?.raw).toMatchObject({ id: 'bad-total', total: 'lots' });
    expect(byKey['bad-string']).toMatchObject({
      raw: 'not even an object',
      reason: 'not a saved attempt (found text)',
    });
    expect(byKey['no-version']?.reason).toBe('the attempt has no valid formatVersion');
    expect(byKey.profile).toMatchObject({ from: 'profile', reason: 'displayName must be text' });
    expect(byKey['broken-attempt']).toMatchObject({ from: 'inProgress' });
    expect(byKey['broken-attempt']?.reason).toBe('save must be an object');
    // A newer build's record stays where it is: that build can still read it.
    expect(byKey['from-the-future']).toMatchObject({ kept: 'in-place' });
    expect(byKey['from-the-future']?.reason).toMatch(/newer version of Good Terms \(format 9/);

    // Moved, not deleted: out of the attempts store, into the set-aside store, exactly as they were.
    expect((await rawKeys(factory, NAME, 'attempts')).sort()).toEqual(['from-the-future', good.id].sort());
    const stored = (await rawGetAll(factory, NAME, 'setAside')) as { key: string; raw: unknown }[];
    expect(stored.map((r) => r.key).sort()).toEqual([
      'bad-string',
      'bad-total',
      'broken-attempt',
      'no-version',
      'profile',
    ]);
    expect(stored.find((r) => r.key === 'bad-string')?.raw).toBe('not even an object');
    expect(describeSetAside(aside)).toBe(
      '5 saved records could not be read and were set aside (kept, not deleted). One record was saved by a newer version of Good Terms and is hidden here. Everything else loaded normally.',
    );
    expect(describeSetAside([])).toBeUndefined();
  });

  it('are set aside once when several reads find them at the same time', async () => {
    const { factory } = await seeded();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    const [aside] = await Promise.all([
      store.setAside(),
      store.attempts(),
      store.unfinished(),
      store.profile(),
    ]);
    expect(aside).toHaveLength(6);
    expect(await store.setAside()).toHaveLength(6);
    expect(await rawGetAll(factory, NAME, 'setAside')).toHaveLength(5);
    expect(describeSetAside(await store.setAside())).toMatch(/^5 saved records could not be read/);
  });

  it('are never deleted by later use, nor listed twice', async () => {
    const { factory } = await seeded();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    const once = await store.setAside();
    await store.setProfile({ displayName: 'Ana' });
    await store.addAttempt(attempt());
    store.close();
    const again = await openProgressStore({ indexedDB: factory, name: NAME });
    expect((await again.setAside()).map((r) => r.key).sort()).toEqual(once.map((r) => r.key).sort());
    expect(await again.profile()).toEqual({ displayName: 'Ana' });
    expect(await again.attempts()).toHaveLength(2);
  });
});

describe('storage trouble', () => {
  it('without IndexedDB (private mode) gives a working in-memory store with a notice', async () => {
    const store = await openProgressStore({ indexedDB: undefined });
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.unavailable);
    const a = attempt();
    await store.addAttempt(a);
    await store.setProfile({ displayName: 'Sam' });
    await store.saveInProgress(inProgress());
    expect(await store.attempts()).toEqual([a]);
    expect(await store.profile()).toEqual({ displayName: 'Sam' });
    expect(await store.unfinished()).toEqual([inProgress()]);
  });

  it('when opening throws (storage blocked) falls back to memory instead of throwing', async () => {
    const blocked = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const store = await openProgressStore({ indexedDB: blocked });
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.unavailable);
  });

  it('when opening never completes gives up after the timeout, saying storage is not responding', async () => {
    const hanging = { open: () => new IDBOpenDBRequest() } as unknown as IDBFactory;
    const store = await openProgressStore({ indexedDB: hanging, openTimeoutMs: 20 });
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.slow);
  });

  it('when another tab holds an older version open, starts at once and says so (not "private browsing")', async () => {
    const factory = new IDBFactory();
    await schemaOneDatabase(factory, NAME);
    // An old build's tab: its connection stays open and never steps aside for an upgrade.
    const old = await new Promise<IDBDatabase>((resolve) => {
      const req = factory.open(NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    const started = Date.now();
    const store = await openProgressStore({ indexedDB: factory, name: NAME, openTimeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.blocked);
    expect(store.notice).not.toMatch(/private/);
    old.close();
  });

  it('when a newer build upgraded the database, says to reload', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve) => {
      const req = factory.open(NAME, 5);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
    });
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.newerDatabase);
  });

  it('storage full: the failed write lands in memory, earlier records stay, and a notice is raised', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    const before = attempt();
    await store.addAttempt(before);
    await store.setProfile({ displayName: 'Ana' });
    const notices: string[] = [];
    store.onNotice((n) => notices.push(n));

    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const after = attempt();
    await store.addAttempt(after);
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.quota);
    expect(notices).toEqual([NOTICES.quota]);
    expect((await store.attempts()).map((a) => a.id).sort()).toEqual([before.id, after.id].sort());
    expect(await store.profile()).toEqual({ displayName: 'Ana' });
    await store.saveInProgress(inProgress()); // later writes go to memory without complaint
    expect(await store.unfinished()).toEqual([inProgress()]);

    put.mockRestore();
    const nextVisit = await openProgressStore({ indexedDB: factory, name: NAME });
    expect((await nextVisit.attempts()).map((a) => a.id)).toEqual([before.id]);
  });

  it('a transaction that aborts later (as browsers report quota errors) also falls back', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    await store.addAttempt(attempt());
    const original = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = original.apply(this, args as Parameters<typeof original>);
      this.transaction.abort();
      return request;
    });
    await store.addAttempt(attempt());
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.failed);
    expect(await store.attempts()).toHaveLength(2);
  });

  it('a database closed under the store falls back, saying earlier progress returns on reload', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    const kept = attempt();
    await store.addAttempt(kept);
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(() => {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    });
    await store.setProfile({ displayName: 'Kim' });
    expect(store.persistent).toBe(false);
    expect(await store.profile()).toEqual({ displayName: 'Kim' });
    expect(store.notice).toBe(NOTICES.failed + NOTICES.earlierNotCopied);
    transaction.mockRestore();
    const nextVisit = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(await nextVisit.attempts()).toEqual([kept]);
  });

  it('steps aside when another tab upgrades the database, and says to reload', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    await new Promise<void>((resolve, reject) => {
      const req = factory.open(NAME, DB_VERSION + 1);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onblocked = () => reject(new Error('the store did not close its connection'));
    });
    await store.addAttempt(attempt());
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.updatedElsewhere + NOTICES.earlierNotCopied);
    expect(await store.attempts()).toHaveLength(1);
  });
});

describe('the previous release\u2019s storage (schema 1, record format 2)', () => {
  it('upgrades the database and offers its one conversation in progress, keyed by the attempt it becomes', async () => {
    const factory = new IDBFactory();
    await schemaOneDatabase(factory, NAME);
    const v2 = fixtureJson('v2-in-progress.json') as { save: { choices: string[] }; startedAt: string };
    await rawPut(factory, NAME, 'meta', 'inProgress', v2);
    const v2attempt = fixtureJson('v2-attempt.json') as { id: string };
    await rawPut(factory, NAME, 'attempts', v2attempt.id, v2attempt);

    const store = await openProgressStore({ indexedDB: factory, name: NAME, mirror: undefined });
    const [entry, ...rest] = await store.unfinished();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      formatVersion: FORMAT_VERSION,
      attemptId: `mini-${Date.parse(v2.startedAt).toString(36)}-resumed`,
      save: { format: 2, scenarioId: 'mini', seed: 4242, choices: v2.save.choices },
      mode: 'assessment',
    });
    expect(entry?.save).not.toHaveProperty('snapshot');
    expect(await store.attempts()).toMatchObject([{ id: v2attempt.id, formatVersion: FORMAT_VERSION }]);
    // Re-filed under its id once read; the old meta slot is gone.
    expect(await rawKeys(factory, NAME, 'inProgress')).toEqual([entry?.attemptId]);
    expect(await rawKeys(factory, NAME, 'meta')).toEqual([]);
    await store.clearInProgress(entry?.attemptId ?? '');
    expect(await store.unfinished()).toEqual([]);
  });

  it('reads the previous release\u2019s synchronous copy and removes it once its conversation is cleared', async () => {
    const mirror = new Map<string, string>();
    const storage = mapStorage(mirror);
    storage.setItem(LEGACY_MIRROR_KEY, JSON.stringify(fixtureJson('v2-in-progress.json')));
    const store = await openProgressStore({ indexedDB: new IDBFactory(), name: NAME, mirror: storage });
    const [entry] = await store.unfinished();
    expect(entry?.save.choices).toEqual(['warm', 'ask-dob-again']);
    await store.clearInProgress(entry?.attemptId ?? '');
    expect(mirror.size).toBe(0);
    expect(await store.unfinished()).toEqual([]);
  });

  it('says whether each save of a conversation in progress is mirrored before it returns (a reload finds it)', async () => {
    const entry = inProgress({ attemptId: 'a' });
    const cases = [
      { mirror: mapStorage(), survives: true },
      { mirror: mapStorage(new Map(), true), survives: false },
      { mirror: undefined, survives: false },
    ];
    for (const [i, { mirror, survives }] of cases.entries()) {
      const store = await openProgressStore({ indexedDB: new IDBFactory(), name: `${NAME}-${i}`, mirror });
      expect(store.lastSaveSurvivesReload).toBe(false);
      // Known as soon as the call returns, before the database write has finished.
      const saving = store.saveInProgress(entry);
      expect(store.lastSaveSurvivesReload).toBe(survives);
      await saving;
      store.close();
    }
  });
});
