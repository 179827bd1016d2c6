// The record checks (./migrations, with the schema library) are the largest part of the progress layer;
// a first visit's title must not wait for them. Their own file: a module, once loaded, stays loaded.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openProgressStore } from '../../../src/progress/store';
import { inProgress } from './helpers';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/progress/migrations', async (original) => {
  loads.count += 1;
  return original();
});

describe('a first visit', () => {
  it('lists no unfinished conversations without loading the record checks, and loads them to save', async () => {
    const store = await openProgressStore({
      indexedDB: new IDBFactory(),
      name: 'first-visit',
      mirror: undefined,
    });
    expect(await store.unfinished()).toEqual([]);
    expect(await store.attempts()).toEqual([]);
    expect(loads.count).toBe(0);

    await store.saveInProgress(inProgress());
    expect(loads.count).toBe(1);
    expect(await store.unfinished()).toEqual([inProgress()]);
    store.close();
  });
});
