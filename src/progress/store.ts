/**
 * The trainee's progress in this browser: profile, finished attempts, the conversation in progress.
 *
 * Promises the UI can build on:
 * - Opening never throws. Without IndexedDB (private mode, blocked, broken) the store lives in memory,
 *   `persistent` is false and `notice` says so in plain words.
 * - A write or read that fails later (storage full, the database closed under us) moves the store to
 *   memory for the rest of the visit, carrying over what was stored, and sets `notice`. Nothing stored
 *   before is deleted.
 * - A record that cannot be read (corrupt, or failing validation or migration) is moved verbatim to the
 *   set-aside store with the reason, never deleted; everything else keeps loading. A record written by a
 *   newer build is left in place (that build can still read it) and only listed by setAside().
 * - Conversations in progress are keyed by the attempt they will become: any number can be unfinished
 *   (one per tab, say), and finishing one leaves the others alone.
 * - Record checks and migrations (./migrations, with the schema library) load on first use (reading
 *   stored records, saving) or when prepareRecordChecks() asks, after the title screen is up, so they
 *   are not part of the first load.
 * - Methods reject only on caller bugs (an invalid record passed in), never on storage trouble.
 */
import {
  type Backend,
  IdbBackend,
  LEGACY_IN_PROGRESS_KEY,
  MemoryBackend,
  type MetaKey,
  openIdbBackend,
  type SetAsideMove,
} from './backends';
import { clearMirror, defaultStorage, newer, readMirrors, writeMirror } from './inProgressMirror';
import type { MigrateResult } from './migrations';
import {
  type AttemptSummary,
  FORMAT_VERSION,
  type InProgress,
  type Profile,
  type SetAsideRecord,
} from './types';

export const DEFAULT_DB_NAME = 'good-terms-progress';
export const MAX_NAME_LENGTH = 80;

export const NOTICES = {
  unavailable:
    'Progress can\u2019t be saved in this browser (site storage is turned off or not available in this window), so it lasts only until this tab is closed. Use Export on the progress screen to keep a copy.',
  blocked:
    'Another Good Terms tab is holding an older copy of your saved progress open. Close the other Good Terms tabs and reload this one to keep saving; until then, progress lasts only until this tab is closed.',
  slow: 'Saved progress did not open (this browser\u2019s storage is not responding), so for now progress lasts only until this tab is closed. Reload to try again.',
  newerDatabase:
    'A newer version of Good Terms saved progress in this browser. Reload the page to get it; until then, progress lasts only until this tab is closed.',
  quota:
    'This browser\u2019s storage is full, so from now on progress lasts only until this tab is closed. Everything saved before is kept. Use Export on the progress screen to keep a copy.',
  updatedElsewhere:
    'Good Terms was updated in another tab. Reload this page to keep saving; until then, progress lasts only until this tab is closed.',
  failed:
    'Progress could not be saved to this browser, so from now on it lasts only until this tab is closed. Everything saved before is kept. Use Export on the progress screen to keep a copy.',
  earlierNotCopied: ' Earlier progress is still stored and comes back after a reload.',
} as const;

/** What to tell the trainee about unreadable records (undefined when there are none). */
export function describeSetAside(records: readonly SetAsideRecord[]): string | undefined {
  if (records.length === 0) return undefined;
  const newer = records.filter((r) => r.kept === 'in-place').length;
  const damaged = records.length - newer;
  const parts = [
    damaged > 0
      ? `${damaged === 1 ? 'One saved record' : `${damaged} saved records`} could not be read and ${damaged === 1 ? 'was' : 'were'} set aside (kept, not deleted).`
      : '',
    newer > 0
      ? `${newer === 1 ? 'One record was' : `${newer} records were`} saved by a newer version of Good Terms and ${newer === 1 ? 'is' : 'are'} hidden here.`
      : '',
  ];
  return `${parts.filter(Boolean).join(' ')} Everything else loaded normally.`;
}

export interface ProgressStore {
  /** False when the store lives in memory (nothing survives closing the tab). */
  readonly persistent: boolean;
  /** A plain-language notice for the trainee when storage is degraded; undefined when all is well. */
  readonly notice: string | undefined;
  /** Called when `notice` changes (the store fell back to memory mid-visit). Returns an unsubscribe. */
  onNotice(listener: (notice: string) => void): () => void;
  profile(): Promise<Profile>;
  setProfile(profile: Profile): Promise<void>;
  addAttempt(record: AttemptSummary): Promise<void>;
  /** All or nothing (one transaction); an existing id is overwritten. */
  addAttempts(records: readonly AttemptSummary[]): Promise<void>;
  /** The readable attempts, migrated to the current format, newest first. */
  attempts(): Promise<AttemptSummary[]>;
  /** Records that could not be read, with reasons (scans everything first). */
  setAside(): Promise<SetAsideRecord[]>;
  /** Saves a conversation in progress under its attempt id (synchronously mirrored first). */
  saveInProgress(entry: InProgress): Promise<void>;
  /**
   * Whether the latest saveInProgress was mirrored to synchronous storage before it returned, so that a
   * reload right after it finds that save even if the database write had not finished.
   */
  readonly lastSaveSurvivesReload: boolean;
  /** Every unfinished conversation, newest first. */
  unfinished(): Promise<InProgress[]>;
  /** Forgets one conversation in progress (finished, or abandoned on purpose). */
  clearInProgress(attemptId: string): Promise<void>;
  close(): void;
}

export interface OpenOptions {
  /** The factory to use; pass `undefined` explicitly to simulate a browser without IndexedDB. */
  indexedDB?: IDBFactory | undefined;
  name?: string;
  /** Give up on a blocked or hanging open after this long (another tab holding an old version). */
  openTimeoutMs?: number;
  /** Where the synchronous copy of the conversation in progress goes; localStorage by default. */
  mirror?: Storage | undefined;
}

function globalFactory(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB ?? undefined;
  } catch {
    return undefined; // Some browsers throw SecurityError on merely reading indexedDB when storage is blocked.
  }
}

/** The record checks and migrations: the schema library with them, loaded the first time they are needed. */
const loadMigrations = () => import('./migrations');

/**
 * Loads the record checks ahead of the first save. Call it once the title is up: loading them is a
 * fetch and the schema library's start-up, which a first visit's title does not need.
 */
export function prepareRecordChecks(): void {
  loadMigrations().catch(() => undefined);
}

const errorName = (error: unknown): string =>
  error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';

export async function openProgressStore(options: OpenOptions = {}): Promise<ProgressStore> {
  const factory = 'indexedDB' in options ? options.indexedDB : globalFactory();
  const mirror = 'mirror' in options ? options.mirror : defaultStorage();
  if (!factory) return new Store(new MemoryBackend(), NOTICES.unavailable, mirror);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let blocked: (() => void) | undefined;
  const giveUp = new Promise<'slow' | 'blocked'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), options.openTimeoutMs ?? 1500);
    blocked = () => resolve('blocked');
  });
  const opening = (async () => openIdbBackend(factory, options.name ?? DEFAULT_DB_NAME, () => blocked?.()))();
  try {
    const backend = await Promise.race([opening, giveUp]);
    if (backend === 'slow' || backend === 'blocked') {
      opening.then((late) => late.close()).catch(() => undefined); // Do not hold a connection nobody uses.
      return new Store(new MemoryBackend(), NOTICES[backend], mirror);
    }
    return new Store(backend, undefined, mirror);
  } catch (error) {
    return new Store(
      new MemoryBackend(),
      errorName(error) === 'VersionError' ? NOTICES.newerDatabase : NOTICES.unavailable,
      mirror,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Copies everything the failing backend still lets us read into memory; false if it could not. */
async function copyInto(from: Backend, to: MemoryBackend): Promise<boolean> {
  try {
    const [attempts, profile, inProgress, aside] = await Promise.all([
      from.readAttempts(),
      from.readMeta('profile'),
      from.readInProgress(),
      from.readSetAside(),
    ]);
    to.putRaw(attempts, inProgress);
    if (profile !== undefined) await to.writeMeta('profile', profile);
    to.putSetAside(aside);
    return true;
  } catch {
    return false;
  }
}

class Store implements ProgressStore {
  private listeners = new Set<(notice: string) => void>();
  /** Unreadable records left where they are (newer format), keyed by source and key. */
  private inPlace = new Map<string, SetAsideRecord>();
  private switching: Promise<void> | undefined;
  private mirrored = false;

  constructor(
    private backend: Backend,
    private currentNotice: string | undefined,
    private readonly mirror: Storage | undefined,
  ) {}

  get persistent(): boolean {
    return this.backend.persistent;
  }

  get notice(): string | undefined {
    return this.currentNotice;
  }

  get lastSaveSurvivesReload(): boolean {
    return this.mirrored;
  }

  onNotice(listener: (notice: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs an operation; if the persistent backend fails, falls back to memory and runs it there. */
  private async run<T>(operation: (backend: Backend) => Promise<T>): Promise<T> {
    const backend = this.backend;
    try {
      return await operation(backend);
    } catch (error) {
      if (!backend.persistent) throw error;
      await this.fallBack(backend, error);
      return operation(this.backend);
    }
  }

  private async fallBack(failed: Backend, error: unknown): Promise<void> {
    if (this.backend !== failed) return; // Another operation already switched.
    this.switching ??= (async () => {
      const memory = new MemoryBackend();
      const copied = await copyInto(failed, memory);
      this.backend = memory;
      failed.close();
      const base =
        errorName(error) === 'QuotaExceededError'
          ? NOTICES.quota
          : failed instanceof IdbBackend && failed.closedBecause === 'versionchange'
            ? NOTICES.updatedElsewhere
            : NOTICES.failed;
      this.setNotice(copied ? base : base + NOTICES.earlierNotCopied);
    })();
    await this.switching;
  }

  private setNotice(notice: string): void {
    this.currentNotice = notice;
    for (const listener of this.listeners) listener(notice);
  }

  /** Migrates raw records; moves the unreadable ones aside (or notes them in place) and returns the rest. */
  private async sort<T>(
    backend: Backend,
    from: SetAsideRecord['from'],
    entries: readonly { key: IDBValidKey; raw: unknown }[],
  ): Promise<T[]> {
    // Nothing stored (a first visit): the title need not wait for the record checks to arrive.
    if (entries.length === 0) return [];
    const good: T[] = [];
    const moves: SetAsideMove[] = [];
    const now = new Date().toISOString();
    const { MIGRATORS } = await loadMigrations();
    for (const { key, raw } of entries) {
      const result = MIGRATORS[from](raw) as MigrateResult<T>;
      if (result.ok) {
        good.push(result.record);
        continue;
      }
      const record: SetAsideRecord = {
        from,
        key: String(key),
        reason: result.reason,
        raw,
        setAsideAt: now,
        kept: result.newer ? 'in-place' : 'set-aside',
      };
      if (result.newer) this.inPlace.set(`${from}:${record.key}`, record);
      else moves.push({ record, sourceKey: key });
    }
    if (moves.length > 0) await backend.setAside(moves);
    return good;
  }

  async profile(): Promise<Profile> {
    return this.run(async (backend) => {
      const raw = await backend.readMeta('profile');
      if (raw === undefined) return { displayName: '' };
      const [profile] = await this.sort<Profile>(backend, 'profile', [{ key: 'profile', raw }]);
      return profile ?? { displayName: '' };
    });
  }

  async setProfile(profile: Profile): Promise<void> {
    const displayName = profile.displayName.trim().slice(0, MAX_NAME_LENGTH);
    await this.writeMeta('profile', { formatVersion: FORMAT_VERSION, displayName });
  }

  async addAttempt(record: AttemptSummary): Promise<void> {
    await this.addAttempts([record]);
  }

  async addAttempts(records: readonly AttemptSummary[]): Promise<void> {
    const { attemptSchema, describeIssues } = await loadMigrations();
    const checked = records.map((record) => {
      const parsed = attemptSchema.safeParse(record);
      if (!parsed.success) throw new TypeError(`attempt ${record.id}: ${describeIssues(parsed.error)}`);
      return parsed.data;
    });
    if (checked.length === 0) return;
    await this.run((backend) => backend.writeAttempts(checked));
  }

  async attempts(): Promise<AttemptSummary[]> {
    const list = await this.run(async (backend) =>
      this.sort<AttemptSummary>(backend, 'attempts', await backend.readAttempts()),
    );
    return list.sort(
      (a, b) =>
        Date.parse(b.finishedAt) - Date.parse(a.finishedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  async setAside(): Promise<SetAsideRecord[]> {
    // Reading everything is what finds (and moves) unreadable records.
    await Promise.all([this.attempts(), this.profile(), this.unfinished()]);
    const moved = await this.run((backend) => backend.readSetAside());
    return [...moved, ...this.inPlace.values()];
  }

  async saveInProgress(entry: InProgress): Promise<void> {
    // Mirrored before anything awaits: a reload right after a choice must find it.
    this.mirrored = writeMirror(this.mirror, entry);
    const { inProgressSchema, describeIssues } = await loadMigrations();
    const parsed = inProgressSchema.safeParse(entry);
    if (!parsed.success) throw new TypeError(`conversation in progress: ${describeIssues(parsed.error)}`);
    await this.run((backend) => backend.writeInProgress(entry.attemptId, parsed.data));
  }

  async unfinished(): Promise<InProgress[]> {
    const stored = await this.run(async (backend) => {
      const entries = await backend.readInProgress();
      const records = await this.sort<InProgress>(backend, 'inProgress', entries);
      // The record moved from schema 1's single slot sits under a placeholder key: file it under its id.
      const keys = new Set(entries.map((e) => e.key));
      if (keys.has(LEGACY_IN_PROGRESS_KEY)) {
        for (const record of records) {
          if (!keys.has(record.attemptId)) await backend.writeInProgress(record.attemptId, record);
        }
        await backend.deleteInProgress(LEGACY_IN_PROGRESS_KEY);
      }
      return records;
    });
    const byId = new Map(stored.map((r) => [r.attemptId, r]));
    const mirrors = readMirrors(this.mirror);
    if (mirrors.length > 0) {
      const { migrateInProgress } = await loadMigrations();
      for (const { raw } of mirrors) {
        const migrated = migrateInProgress(raw);
        if (!migrated.ok) continue; // A damaged mirror: the IndexedDB record, if any, is the one to use.
        const record = migrated.record;
        byId.set(record.attemptId, newer(byId.get(record.attemptId), record) as InProgress);
      }
    }
    return [...byId.values()].sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt));
  }

  async clearInProgress(attemptId: string): Promise<void> {
    clearMirror(this.mirror, attemptId);
    await this.run(async (backend) => {
      const entries = await backend.readInProgress();
      for (const { key } of entries) if (key === attemptId) await backend.deleteInProgress(key);
    });
  }

  private async writeMeta(key: MetaKey, value: unknown): Promise<void> {
    await this.run((backend) => backend.writeMeta(key, value));
  }

  close(): void {
    this.backend.close();
  }
}
