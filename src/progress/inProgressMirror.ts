/**
 * A synchronous copy of the conversation in progress (localStorage). IndexedDB writes are asynchronous,
 * and one still pending when the tab closes or reloads is lost; a localStorage write has finished before
 * the next line of code runs. The store keeps both and reads back the newer.
 */
import { migrateInProgress } from './migrations';
import type { InProgress } from './types';

const KEY = 'good-terms:in-progress:mirror';

export function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // Reading localStorage throws when storage is blocked.
  }
}

export function writeMirror(storage: Storage | undefined, entry: InProgress | undefined): void {
  try {
    if (entry) storage?.setItem(KEY, JSON.stringify(entry));
    else storage?.removeItem(KEY);
  } catch {
    // Full or blocked: the IndexedDB copy (or the in-memory store) still has it.
  }
}

export function readMirror(storage: Storage | undefined): InProgress | undefined {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return undefined;
    const migrated = migrateInProgress(JSON.parse(raw));
    return migrated.ok ? migrated.record : undefined;
  } catch {
    return undefined;
  }
}

/** The newer of two saves of the same conversation slot. */
export function newer(a: InProgress | undefined, b: InProgress | undefined): InProgress | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.savedAt) > Date.parse(a.savedAt) ? b : a;
}
