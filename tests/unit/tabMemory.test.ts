import { describe, expect, it } from 'vitest';
import { tabMemory } from '../../src/ui/tabMemory';
import { inProgress } from './progress/helpers';

/** A tab's history entry: its state survives a "reload" (a new tabMemory over the same history). */
function fakeHistory(refuse = false) {
  const history = {
    state: null as unknown,
    writes: 0,
    replaceState(data: unknown) {
      if (refuse) throw new DOMException('refused', 'SecurityError');
      history.writes += 1;
      history.state = structuredClone(data);
    },
  };
  return history;
}

const save = (attemptId: string, second: number) =>
  inProgress({ attemptId, savedAt: `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z` });

describe('the tab’s own copy of its conversation', () => {
  it('writes every save to the history entry when the store’s copy would not survive a reload', () => {
    const history = fakeHistory();
    const tab = tabMemory(history);
    tab.remember(save('a', 1));
    tab.remember(save('a', 2));
    expect(history.writes).toBe(2);
    // Reloaded: the tab's copy is newer than what the store kept, so it is the one offered.
    const reloaded = tabMemory(history);
    expect(reloaded.current()).toBe('a');
    expect(reloaded.ownFirst([save('b', 9), save('a', 1)])).toEqual([save('a', 2), save('b', 9)]);
  });

  it('writes the history entry only when the attempt changes while the store’s copy survives a reload', () => {
    const history = fakeHistory();
    const tab = tabMemory(history);
    tab.remember(save('a', 1), { survivesReload: true });
    tab.remember(save('a', 2), { survivesReload: true });
    tab.remember(save('a', 3), { survivesReload: true });
    expect(history.writes).toBe(1);
    // This page still knows the newest save.
    expect(tab.ownFirst([])).toEqual([save('a', 3)]);
    tab.remember(save('b', 4), { survivesReload: true });
    expect(history.writes).toBe(2);
    expect(tab.current()).toBe('b');
    // Reloaded: the stored copy is newer than the tab's and takes its place, still first.
    const reloaded = tabMemory(history);
    expect(reloaded.current()).toBe('b');
    expect(reloaded.ownFirst([save('a', 3), save('b', 6)])).toEqual([save('b', 6), save('a', 3)]);
  });

  it('forgets the conversation in the history entry too, so a reload does not offer it first', () => {
    const history = fakeHistory();
    const tab = tabMemory(history);
    tab.remember(save('a', 1), { survivesReload: true });
    tab.remember(undefined);
    expect(tab.current()).toBeUndefined();
    expect(tabMemory(history).current()).toBeUndefined();
    expect(tabMemory(history).ownFirst([save('a', 1)])).toEqual([save('a', 1)]);
  });

  it('remembers for this page alone when the browser refuses history writes', () => {
    const tab = tabMemory(fakeHistory(true));
    tab.remember(save('a', 1));
    expect(tab.current()).toBe('a');
    expect(tab.ownFirst([])).toEqual([save('a', 1)]);
  });
});
