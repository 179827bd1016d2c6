/** The embedded default: one SQLite file in the data folder (better-sqlite3 under Kysely). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStorage } from './kyselyStorage';
import type { Database } from './schema';

export const DATABASE_FILE = 'classroom.sqlite';

export async function openSqliteStorage(dataDir: string): Promise<KyselyStorage> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const database = new Sqlite(file);
  // WAL with synchronous=NORMAL: a commit survives a crash or kill of the server (what "a restart loses
  // nothing" needs) without an fsync per vote; only a power cut can lose the last moments.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const storage = new KyselyStorage(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }));
  await storage.migrate();
  return storage;
}
