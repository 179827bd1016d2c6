/**
 * Schema migrations, written once with Kysely's schema builder so every backend runs the same ones.
 * Add a migration; never edit one that has shipped.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-rooms-and-events': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rooms')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('scenario_id', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('seed', 'bigint', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('vote_ms', 'integer', (c) => c.notNull())
        .addColumn('host_token_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_event_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .execute();
      await db.schema.createIndex('rooms_open').on('rooms').column('ended_at').execute();
      await db.schema
        .createTable('room_events')
        .addColumn('room_code', 'text', (c) => c.notNull().references('rooms.code'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('room_events_pk', ['room_code', 'seq'])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
