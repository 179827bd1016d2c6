/**
 * A synchronous copy of the conversation in progress in localStorage. IndexedDB writes are asynchronous,
 * and one still pending when the tab closes or reloads is lost; a localStorage write has finished before
 * the next line of code runs. On load the newer of the two copies wins.
 */
import { type InProgress, migrateInProgress } from '../progress';

const KEY = 'good-terms:in-progress:mirror';

export function mirrorInProgress(entry: InProgress | undefined): void {
  try {
    if (entry) window.localStorage.setItem(KEY, JSON.stringify(entry));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage blocked or full: the IndexedDB copy (or the in-memory store) still has it.
  }
}

export function readMirror(): InProgress | undefined {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return undefined;
    const migrated = migrateInProgress(JSON.parse(raw));
    return migrated.ok ? migrated.record : undefined;
  } catch {
    return undefined;
  }
}

/** The newer of the stored entry and the mirror. */
export function newestInProgress(stored: InProgress | undefined): InProgress | undefined {
  const mirror = readMirror();
  if (!mirror) return stored;
  if (!stored) return mirror;
  return Date.parse(mirror.savedAt) > Date.parse(stored.savedAt) ? mirror : stored;
}
