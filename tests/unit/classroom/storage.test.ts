/**
 * The storage layer, on both backends (the same Kysely code and migrations): SQLite in a temporary
 * folder and PostgreSQL in a throwaway server. Appends from many rooms at once are written in order and
 * read back after reopening; a write that does not follow a room's stored log (another node took the
 * room over) is refused for that room only, and the other rooms' events in the same batch go in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEvent } from '../../../server/room/machine';
import type { KyselyStorage } from '../../../server/storage/kyselyStorage';
import { openPostgresStorage } from '../../../server/storage/postgres';
import { openSqliteStorage } from '../../../server/storage/sqlite';
import { LogConflictError, type RoomRecord } from '../../../server/storage/storage';
import { tempDir } from '../../classroom/server';
import { PostgresService, skipWithoutServices } from '../../classroom/services';

const record = (code: string): RoomRecord => ({
  code,
  scenarioId: 's13-ed-cost-before-screening',
  contentHash: 'hash',
  seed: 2 ** 40 + 3,
  mode: 'practice',
  voteMs: 30_000,
  hostTokenHash: 'token-hash',
  createdAt: 1_700_000_000_000,
  endedAt: undefined,
});
const lock = (at: number): RoomEvent => ({ type: 'lock', at });

let postgres: PostgresService | undefined;
let databases = 0;
const skipPostgres = skipWithoutServices();
beforeAll(async () => {
  if (!skipPostgres) postgres = await PostgresService.start();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

interface Backend {
  name: string;
  skip: boolean;
  /** A fresh store; `reopen` opens the same one again. */
  fresh(): Promise<{ storage: KyselyStorage; reopen: () => Promise<KyselyStorage> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async fresh() {
      const dir = tempDir('storage');
      return { storage: await openSqliteStorage(dir), reopen: () => openSqliteStorage(dir) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: skipPostgres,
    async fresh() {
      databases += 1;
      const url = (postgres as PostgresService).database(`storage_${databases}`);
      return { storage: await openPostgresStorage(url), reopen: () => openPostgresStorage(url) };
    },
  },
];

describe.each(backends)('$name storage', (backend) => {
  it.skipIf(backend.skip)(
    'writes appends from many rooms in one go, in order, and reads them back',
    async () => {
      const { storage, reopen } = await backend.fresh();
      const codes = ['ROOMA2', 'ROOMB3', 'ROOMC4'];
      for (const code of codes) await storage.createRoom(record(code));
      await expect(storage.createRoom(record('ROOMA2'))).rejects.toThrow();
      const writes: Promise<void>[] = [];
      for (let seq = 1; seq <= 400; seq++) {
        for (const code of codes) writes.push(storage.append(code, seq, lock(seq)));
      }
      writes.push(storage.append('ROOMB3', 401, { type: 'end', at: 999 }));
      await Promise.all(writes);
      await expect(storage.append('ROOMA2', 5, lock(5))).rejects.toThrow(LogConflictError);
      await storage.close();

      const reopened = await reopen();
      expect((await reopened.events('ROOMA2')).map((e) => e.at)).toEqual(
        Array.from({ length: 400 }, (_, i) => i + 1),
      );
      expect((await reopened.openRooms()).map((r) => r.code)).toEqual(['ROOMA2', 'ROOMC4']);
      const ended = await reopened.room('ROOMB3');
      expect(ended).toEqual({ ...record('ROOMB3'), endedAt: 999 });
      expect(await reopened.hasRoom('NOPE22')).toBe(false);
      await reopened.markEnded('ROOMC4', 1234);
      expect((await reopened.room('ROOMC4'))?.endedAt).toBe(1234);
      await reopened.close();
    },
  );

  it.skipIf(backend.skip)('refuses a write that forks a room’s log, and only for that room', async () => {
    const { storage, reopen } = await backend.fresh();
    for (const code of ['FORK22', 'CALM33']) await storage.createRoom(record(code));
    await Promise.all([storage.append('FORK22', 1, lock(1)), storage.append('FORK22', 2, lock(2))]);
    // A node that lost the room still thinks its log ends at 1; its events 2 and 3 arrive with another room's.
    const results = await Promise.allSettled([
      storage.append('FORK22', 2, lock(20)),
      storage.append('FORK22', 3, lock(30)),
      storage.append('CALM33', 1, lock(1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(LogConflictError);
    await storage.close();
    const reopened = await reopen();
    expect((await reopened.events('FORK22')).map((e) => e.at)).toEqual([1, 2]);
    expect((await reopened.events('CALM33')).map((e) => e.at)).toEqual([1]);
    await reopened.close();
  });
});
