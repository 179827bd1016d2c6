/**
 * Raw storage under the progress store: IndexedDB (through idb) or memory, with the same small API.
 * Backends store and return records as they are, unvalidated; migration and setting aside happen in
 * store.ts, so the rules are written once for both.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, wrap } from 'idb';
import type { SetAsideRecord } from './types';

export type MetaKey = 'profile';

export interface RawEntry {
  key: IDBValidKey;
  raw: unknown;
}

/** A record to move to the set-aside store, with the key it had where it was found. */
export interface SetAsideMove {
  record: SetAsideRecord;
  sourceKey: IDBValidKey;
}

/**
 * Where a moved record sits in the set-aside store: derived from where it came from, so two reads that
 * both find the same unreadable record (they run concurrently) store it once, not twice.
 */
const asideKey = (record: SetAsideRecord): string => `${record.from}:${record.key}`;

export interface Backend {
  readonly persistent: boolean;
  readAttempts(): Promise<RawEntry[]>;
  /** All or nothing: one transaction. */
  writeAttempts(records: readonly { id: string }[]): Promise<void>;
  readMeta(key: MetaKey): Promise<unknown>;
  writeMeta(key: MetaKey, value: unknown): Promise<void>;
  /** Conversations in progress, keyed by the id of the attempt each will become. */
  readInProgress(): Promise<RawEntry[]>;
  writeInProgress(key: string, value: unknown): Promise<void>;
  deleteInProgress(key: IDBValidKey): Promise<void>;
  /** Copies each record to the set-aside store and removes it from where it was, in one transaction. */
  setAside(moves: readonly SetAsideMove[]): Promise<void>;
  readSetAside(): Promise<SetAsideRecord[]>;
  close(): void;
}

export class MemoryBackend implements Backend {
  readonly persistent = false;
  private readonly attempts = new Map<IDBValidKey, unknown>();
  private readonly meta = new Map<MetaKey, unknown>();
  private readonly inProgress = new Map<IDBValidKey, unknown>();
  private readonly aside = new Map<IDBValidKey, SetAsideRecord>();

  // Cloned in and out like IndexedDB does, so a caller mutating a record cannot change what is stored.
  async readAttempts(): Promise<RawEntry[]> {
    return [...this.attempts].map(([key, raw]) => ({ key, raw: structuredClone(raw) }));
  }
  async writeAttempts(records: readonly { id: string }[]): Promise<void> {
    const copies = records.map((r) => structuredClone(r));
    for (const r of copies) this.attempts.set(r.id, r);
  }
  /** Seeds the copy made when a persistent store falls back to memory (keys kept as they were). */
  putRaw(attempts: readonly RawEntry[], inProgress: readonly RawEntry[]): void {
    for (const { key, raw } of attempts) this.attempts.set(key, structuredClone(raw));
    for (const { key, raw } of inProgress) this.inProgress.set(key, structuredClone(raw));
  }
  /** Seeds set-aside records as they are (the copy made on falling back to memory). */
  putSetAside(records: readonly SetAsideRecord[]): void {
    for (const record of records) this.aside.set(asideKey(record), structuredClone(record));
  }
  async readMeta(key: MetaKey): Promise<unknown> {
    return structuredClone(this.meta.get(key));
  }
  async writeMeta(key: MetaKey, value: unknown): Promise<void> {
    this.meta.set(key, structuredClone(value));
  }
  async readInProgress(): Promise<RawEntry[]> {
    return [...this.inProgress].map(([key, raw]) => ({ key, raw: structuredClone(raw) }));
  }
  async writeInProgress(key: string, value: unknown): Promise<void> {
    this.inProgress.set(key, structuredClone(value));
  }
  async deleteInProgress(key: IDBValidKey): Promise<void> {
    this.inProgress.delete(key);
  }
  async setAside(moves: readonly SetAsideMove[]): Promise<void> {
    for (const { record, sourceKey } of moves) {
      this.aside.set(asideKey(record), structuredClone(record));
      if (record.from === 'attempts') this.attempts.delete(sourceKey);
      else if (record.from === 'inProgress') this.inProgress.delete(sourceKey);
      else this.meta.delete(record.from);
    }
  }
  async readSetAside(): Promise<SetAsideRecord[]> {
    return structuredClone([...this.aside.values()]);
  }
  close(): void {}
}

interface ProgressDB extends DBSchema {
  /** Out-of-line keys (the attempt id), so even a record without an id can sit here and be set aside. */
  attempts: { key: string; value: unknown };
  meta: { key: MetaKey; value: unknown };
  /** Out-of-line keys: the attempt id (a record moved from the one-slot format 2 keeps the key "legacy"). */
  inProgress: { key: string; value: unknown };
  /** Keyed `from:key` (schema 1 builds added auto-numbered keys; both kinds are read). */
  setAside: { key: number | string; value: SetAsideRecord };
}

/**
 * The IndexedDB schema version (object stores), independent of the record format version.
 * 1: attempts, meta (profile and the one conversation in progress), setAside. 2: conversations in
 * progress get a store of their own, keyed by attempt.
 */
export const DB_VERSION = 2;
/** Where the upgrade puts the single in-progress record of schema 1; the store re-keys it on first read. */
export const LEGACY_IN_PROGRESS_KEY = 'legacy';

/** Runs `work` in `tx` and waits for the commit; a failure aborts the transaction so nothing half-lands. */
async function inTransaction<T>(
  tx: Pick<IDBPTransaction, 'done' | 'abort'>,
  work: () => Promise<T>,
): Promise<T> {
  const done = tx.done;
  done.catch(() => undefined); // awaited below; this only stops an abort being reported as unhandled
  try {
    const result = await work();
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborting.
    }
    throw error;
  }
}

export class IdbBackend implements Backend {
  readonly persistent = true;
  /** Why the connection went away, when it did: the store words its notice from this. */
  closedBecause: 'versionchange' | 'terminated' | undefined;

  constructor(private readonly db: IDBPDatabase<ProgressDB>) {
    const raw = db as unknown as IDBDatabase;
    // Another tab is opening a newer schema: step aside so it is not blocked; later writes here fail
    // and the store falls back to memory with a notice.
    raw.addEventListener('versionchange', () => {
      this.closedBecause = 'versionchange';
      raw.close();
    });
    raw.addEventListener('close', () => {
      this.closedBecause ??= 'terminated';
    });
  }

  async readAttempts(): Promise<RawEntry[]> {
    const tx = this.db.transaction('attempts');
    return inTransaction(tx, async () => {
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keys.map((key, i) => ({ key, raw: values[i] }));
    });
  }

  async writeAttempts(records: readonly { id: string }[]): Promise<void> {
    const tx = this.db.transaction('attempts', 'readwrite');
    await inTransaction(tx, async () => {
      await Promise.all(records.map((r) => tx.store.put(r, r.id)));
    });
  }

  async readMeta(key: MetaKey): Promise<unknown> {
    return this.db.get('meta', key);
  }

  async writeMeta(key: MetaKey, value: unknown): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    await inTransaction(tx, async () => {
      await tx.store.put(value, key);
    });
  }

  async readInProgress(): Promise<RawEntry[]> {
    const tx = this.db.transaction('inProgress');
    return inTransaction(tx, async () => {
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keys.map((key, i) => ({ key, raw: values[i] }));
    });
  }

  async writeInProgress(key: string, value: unknown): Promise<void> {
    const tx = this.db.transaction('inProgress', 'readwrite');
    await inTransaction(tx, async () => {
      await tx.store.put(value, key);
    });
  }

  async deleteInProgress(key: IDBValidKey): Promise<void> {
    const tx = this.db.transaction('inProgress', 'readwrite');
    await inTransaction(tx, () => tx.store.delete(key as string));
  }

  async setAside(moves: readonly SetAsideMove[]): Promise<void> {
    const tx = this.db.transaction(['setAside', 'attempts', 'meta', 'inProgress'], 'readwrite');
    await inTransaction(tx, async () => {
      await Promise.all(
        moves.flatMap(({ record, sourceKey }) => [
          tx.objectStore('setAside').put(record, asideKey(record)),
          record.from === 'attempts'
            ? tx.objectStore('attempts').delete(sourceKey as string)
            : record.from === 'inProgress'
              ? tx.objectStore('inProgress').delete(sourceKey as string)
              : tx.objectStore('meta').delete(record.from),
        ]),
      );
    });
  }

  async readSetAside(): Promise<SetAsideRecord[]> {
    return this.db.getAll('setAside');
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Opens the database with the given factory. idb's openDB always uses the global indexedDB, so this
 * repeats its few lines with an injectable factory (tests pass fake-indexeddb's).
 */
export async function openIdbBackend(
  factory: IDBFactory,
  name: string,
  onBlocked: () => void = () => undefined,
): Promise<IdbBackend> {
  const request = factory.open(name, DB_VERSION);
  // Another tab holds an older version open and has not stepped aside: say so at once, do not wait.
  request.addEventListener('blocked', onBlocked);
  request.addEventListener('upgradeneeded', (event) => {
    const db = request.result;
    if (!db.objectStoreNames.contains('attempts')) db.createObjectStore('attempts');
    if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    if (!db.objectStoreNames.contains('setAside')) db.createObjectStore('setAside', { autoIncrement: true });
    if (!db.objectStoreNames.contains('inProgress')) {
      const inProgress = db.createObjectStore('inProgress');
      if (event.oldVersion >= 1) {
        // Schema 1 kept the one conversation in progress in meta: move it, unread (the store migrates it).
        const meta = request.transaction?.objectStore('meta');
        const read = meta?.get('inProgress');
        read?.addEventListener('success', () => {
          if (read.result === undefined) return;
          inProgress.put(read.result, LEGACY_IN_PROGRESS_KEY);
          meta?.delete('inProgress');
        });
      }
    }
  });
  const db = (await wrap(request)) as unknown as IDBPDatabase<ProgressDB>;
  return new IdbBackend(db);
}
