/**
 * The conversation this tab is playing, kept in the tab's own history entry. `history.state` is
 * synchronous, survives a reload and belongs to this tab alone, so:
 *   - a reload offers this tab's conversation first, and two tabs each keep theirs;
 *   - a choice made just before a reload is never lost, even where localStorage is unavailable and the
 *     IndexedDB write had not finished: the tab's copy is newer, and it is the one resumed.
 *
 * The history entry is written only when it says something the store's own copy does not. Each write
 * is a same-document navigation: the browser updates its record of the page, and Chromium composites a
 * frame of its own for it, which the reply's paint then waits behind (docs/performance.md, round 6). So
 * when the store has already mirrored a save to synchronous storage, the tab's entry is written only
 * when the attempt changes; an older copy of the same attempt there is harmless, because the newer of
 * the two copies is the one resumed.
 */
import type { InProgress } from '../progress';

const KEY = 'goodTermsInProgress';

export interface RememberOptions {
  /** The store's copy of this entry already survives a reload (see ProgressStore.lastSaveSurvivesReload). */
  survivesReload?: boolean;
}

export interface TabMemory {
  /** The attempt id of this tab's conversation, if it has one. */
  current(): string | undefined;
  /** Keeps this tab's copy (undefined once the conversation is finished or abandoned). */
  remember(entry: InProgress | undefined, options?: RememberOptions): void;
  /**
   * The unfinished conversations with this tab's own first, its copy taking the place of an older stored
   * one (or filling in for one the store never received).
   */
  ownFirst(stored: readonly InProgress[]): InProgress[];
}

interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string): void;
}

export function tabMemory(history: HistoryLike | undefined = globalThis.history): TabMemory {
  const inHistory = (): InProgress | undefined => {
    const state = history?.state as Record<string, unknown> | null | undefined;
    const entry = state?.[KEY] as InProgress | undefined;
    return entry && typeof entry.attemptId === 'string' ? entry : undefined;
  };
  // What this page remembered last, which is newer than the history entry when a write was skipped (or
  // refused); before the first remember, the history entry is all there is (after a reload).
  let latest: { entry: InProgress | undefined } | undefined;
  const own = (): InProgress | undefined => (latest ? latest.entry : inHistory());
  return {
    current: () => own()?.attemptId,
    remember(entry, { survivesReload = false } = {}) {
      latest = { entry };
      if (survivesReload && entry && inHistory()?.attemptId === entry.attemptId) return;
      try {
        const state = (history?.state as Record<string, unknown> | null) ?? {};
        history?.replaceState({ ...state, [KEY]: entry }, '');
      } catch {
        // A browser that refuses history writes: remembered for this page only.
      }
    },
    ownFirst(stored) {
      const mine = own();
      if (!mine) return [...stored];
      const others = stored.filter((e) => e.attemptId !== mine.attemptId);
      const saved = stored.find((e) => e.attemptId === mine.attemptId);
      const newest = saved && Date.parse(saved.savedAt) >= Date.parse(mine.savedAt) ? saved : mine;
      return [newest, ...others];
    },
  };
}
