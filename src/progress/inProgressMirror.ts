/**
 * A synchronous copy of each conversation in progress (localStorage). IndexedDB writes are asynchronous,
 * and one still pending when the tab closes or reloads is lost; a localStorage write has finished before
 * the next line of code runs. The store keeps both and reads back the newer. One key per attempt, so two
 * tabs never overwrite each other's copy.
 */
import { type InProgress, legacyAttemptId } from './types';

const PREFIX = 'good-terms:in-progress:';
/** Format 2 kept one copy per browser under this key; it is read (and removed once re-saved) like any other. */
export const LEGACY_MIRROR_KEY = `${PREFIX}mirror`;

export function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // Reading localStorage throws when storage is blocked.
  }
}

const keyOf = (attemptId: string): string => `${PREFIX}${attemptId}`;

/** Returns whether the copy was written (a reload right after finds it). */
export function writeMirror(storage: Storage | undefined, entry: InProgress): boolean {
  try {
    if (!storage) return false;
    storage.setItem(keyOf(entry.attemptId), JSON.stringify(entry));
    return true;
  } catch {
    // Full or blocked: the IndexedDB copy (or the in-memory store) still has it.
    return false;
  }
}

export function clearMirror(storage: Storage | undefined, attemptId: string): void {
  try {
    storage?.removeItem(keyOf(attemptId));
    // The format-2 copy belongs to the conversation it migrates to.
    const legacy = JSON.parse(storage?.getItem(LEGACY_MIRROR_KEY) ?? 'null') as {
      startedAt?: unknown;
      save?: { scenarioId?: unknown };
    } | null;
    if (
      typeof legacy?.save?.scenarioId === 'string' &&
      typeof legacy.startedAt === 'string' &&
      legacyAttemptId(legacy.save.scenarioId, legacy.startedAt) === attemptId
    )
      storage?.removeItem(LEGACY_MIRROR_KEY);
  } catch {
    // Blocked: nothing to clear.
  }
}

/** Every mirrored record, raw (the store migrates them), with the key it sits under. */
export function readMirrors(storage: Storage | undefined): { key: string; raw: unknown }[] {
  const out: { key: string; raw: unknown }[] = [];
  try {
    if (!storage) return out;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        out.push({ key, raw: JSON.parse(storage.getItem(key) ?? 'null') });
      } catch {
        // A damaged copy: the IndexedDB record, if any, is the one to use.
      }
    }
  } catch {
    // Blocked mid-read: what was read is still good.
  }
  return out;
}

/** The newer of two saves of the same conversation. */
export function newer(a: InProgress | undefined, b: InProgress | undefined): InProgress | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.savedAt) > Date.parse(a.savedAt) ? b : a;
}
