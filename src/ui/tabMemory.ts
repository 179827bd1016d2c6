/**
 * Which conversation this tab is playing, remembered per tab (sessionStorage survives a reload but is not
 * shared with other tabs), so a reload offers this tab's own conversation first and two tabs each keep
 * theirs. Storage that is blocked only means the tab forgets; every unfinished conversation is still listed.
 */
import type { InProgress } from '../progress';

const KEY = 'good-terms:tab-attempt';

export interface TabMemory {
  current(): string | undefined;
  remember(attemptId: string | undefined): void;
  /** The unfinished conversations with this tab's own first. */
  ownFirst(list: readonly InProgress[]): InProgress[];
}

export function tabMemory(storage: Storage | undefined = sessionStore()): TabMemory {
  let fallback: string | undefined;
  const current = (): string | undefined => {
    try {
      return storage?.getItem(KEY) ?? fallback;
    } catch {
      return fallback;
    }
  };
  return {
    current,
    remember(attemptId) {
      fallback = attemptId;
      try {
        if (attemptId) storage?.setItem(KEY, attemptId);
        else storage?.removeItem(KEY);
      } catch {
        // Blocked: remembered for this page only.
      }
    },
    ownFirst(list) {
      const own = current();
      return [...list].sort((a, b) => Number(b.attemptId === own) - Number(a.attemptId === own));
    },
  };
}

function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}
