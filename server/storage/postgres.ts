/**
 * PostgreSQL, when DATABASE_URL is set: the same Kysely storage and migrations as the SQLite default,
 * over a `pg` pool, so every node of a cluster reads and writes one record.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStorage } from './kyselyStorage';
import type { Database } from './schema';

/** How long to wait for the database at start before giving up with a clear message. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Where a connection string points, without its password: for messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '');
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${database ? `/${database}` : ''}`;
  } catch {
    throw new Error('DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)');
  }
}

export async function openPostgresStorage(url: string): Promise<KyselyStorage> {
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection that breaks (the database restarts) is dropped by the pool; the next query fails
  // and the server fail-stops as with any storage failure. Without a listener it would crash unlogged.
  pool.on('error', (error) => console.error(`PostgreSQL at ${where}: ${error.message}`));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message || error.constructor.name : String(error);
    throw new Error(`DATABASE_URL: cannot reach PostgreSQL at ${where} (${reason})`);
  }
  const storage = new KyselyStorage(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  await storage.migrate();
  return storage;
}
