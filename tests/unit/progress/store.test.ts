// idb recognises requests and databases by the global IDB classes: install fake-indexeddb's, then give
// each test its own factory (a fresh, empty set of databases).
import 'fake-indexeddb/auto';
import { IDBDatabase, IDBFactory, IDBObjectStore, IDBOpenDBRequest } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeSetAside, NOTICES, openProgressStore } from '../../../src/progress/store';
import type { InProgress } from '../../../src/progress/types';
import { attempt, fixtureJson, rawGetAll, rawKeys, rawPut } from './helpers';

const NAME = 'progress-test';

afterEach(() => {
  vi.restoreAllMocks();
});

const inProgress = (over: Partial<InProgress> = {}): InProgress => ({
  formatVersion: 2,
  save: {
    format: 1,
    scenarioId: 'mini',
    contentHash: 'abc',
    seed: 42,
    choices: ['warm'],
    snapshot: { x: 1 },
  },
  mode: 'assessment',
  scenarioTitle: 'Mini copay',
  startedAt: '2026-01-01T10:00:00.000Z',
  turnTimes: ['2026-01-01T10:00:20.000Z'],
  savedAt: '2026-01-01T10:00:20.000Z',
  ...over,
});

describe('the progress store on IndexedDB', () => {
  it('keeps the profile, attempts (newest first) and the conversation in progress across a reload', async () => {
    const factory = new IDBFactory();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(store.persistent).toBe(true);
    expect(store.notice).toBeUndefined();
    expect(await store.profile()).toEqual({ displayName: '' });
    expect(await store.inProgress()).toBeUndefined();

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
    expect(await reloaded.inProgress()).toEqual(inProgress());
    await reloaded.clearInProgress();
    expect(await reloaded.inProgress()).toBeUndefined();
    expect(await reloaded.setAside()).toEqual([]);
    // Every stored record carries its format version.
    for (const raw of await rawGetAll(factory, NAME, 'attempts'))
      expect(raw).toMatchObject({ formatVersion: 2 });
    expect(await rawGetAll(factory, NAME, 'meta')).toEqual([{ formatVersion: 2, displayName: 'Zoë Ñúñez' }]);
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
    expect(read).toMatchObject({ formatVersion: 2, id: v1.id, total: v1.score, mode: 'practice' });
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
    await rawPut(factory, NAME, 'meta', 'inProgress', { formatVersion: 2, save: 'broken' });
    return { factory, good };
  }

  it('are set aside with their reason, kept verbatim, and everything else still loads', async () => {
    const { factory, good } = await seeded();
    const store = await openProgressStore({ indexedDB: factory, name: NAME });
    expect(await store.attempts()).toEqual([good]);
    expect(await store.profile()).toEqual({ displayName: '' });
    expect(await store.inProgress()).toBeUndefined();

    const aside = await store.setAside();
    const byKey = Object.fromEntries(aside.map((r) => [r.key, r]));
    expect(Object.keys(byKey).sort()).toEqual([
      'bad-string',
      'bad-total',
      'from-the-future',
      'inProgress',
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
    expect(byKey.inProgress?.reason).toMatch(/^save must be an object/);
    // A newer build's record stays where it is: that build can still read it.
    expect(byKey['from-the-future']).toMatchObject({ kept: 'in-place' });
    expect(byKey['from-the-future']?.reason).toMatch(/newer version of Good Terms \(format 9/);

    // Moved, not deleted: out of the attempts store, into the set-aside store, exactly as they were.
    expect((await rawKeys(factory, NAME, 'attempts')).sort()).toEqual(['from-the-future', good.id].sort());
    const stored = (await rawGetAll(factory, NAME, 'setAside')) as { key: string; raw: unknown }[];
    expect(stored.map((r) => r.key).sort()).toEqual([
      'bad-string',
      'bad-total',
      'inProgress',
      'no-version',
      'profile',
    ]);
    expect(stored.find((r) => r.key === 'bad-string')?.raw).toBe('not even an object');
    expect(describeSetAside(aside)).toBe(
      '5 saved records could not be read and were set aside (kept, not deleted). One record was saved by a newer version of Good Terms and is hidden here. Everything else loaded normally.',
    );
    expect(describeSetAside([])).toBeUndefined();
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
    expect(await store.inProgress()).toEqual(inProgress());
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

  it('when opening never completes (blocked by another tab) gives up after the timeout', async () => {
    const hanging = { open: () => new IDBOpenDBRequest() } as unknown as IDBFactory;
    const store = await openProgressStore({ indexedDB: hanging, openTimeoutMs: 20 });
    expect(store.persistent).toBe(false);
    expect(store.notice).toBe(NOTICES.unavailable);
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
    expect(await store.inProgress()).toEqual(inProgress());

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
      const req = factory.open(NAME, 2);
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
