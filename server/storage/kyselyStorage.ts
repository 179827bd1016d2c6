/** The storage layer over any Kysely dialect: SQLite (sqlite.ts, the default) and PostgreSQL (postgres.ts). */
import { type Kysely, Migrator, type Selectable, sql, type Transaction } from 'kysely';
import type { Mode } from '../../src/classroom/protocol';
import type { RoomEvent } from '../room/machine';
import { migrationProvider } from './migrations';
import type { Database, RoomsTable } from './schema';
import { LogConflictError, type RoomRecord, type Storage } from './storage';

const recordOf = (row: Selectable<RoomsTable>): RoomRecord => ({
  code: row.code,
  scenarioId: row.scenario_id,
  contentHash: row.content_hash,
  // Drivers may hand 64-bit columns back as strings (pg does); the values fit a double.
  seed: Number(row.seed),
  mode: row.mode as Mode,
  voteMs: Number(row.vote_ms),
  hostTokenHash: row.host_token_hash,
  createdAt: Number(row.created_at),
  endedAt: row.ended_at === null ? undefined : Number(row.ended_at),
});

interface PendingAppend {
  code: string;
  seq: number;
  event: RoomEvent;
  resolve(): void;
  reject(error: unknown): void;
}

/** Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_INSERT = 500;

export class KyselyStorage implements Storage {
  /** Appends waiting for the next write, and the write in progress: one transaction per tick. */
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<Database>) {}

  /** Brings the schema up to date; throws with the failing migration's name. */
  async migrate(): Promise<void> {
    const { error, results } = await new Migrator({
      db: this.db,
      provider: migrationProvider,
    }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`classroom storage: migration ${failed} failed: ${String(error)}`);
    }
  }

  async createRoom(room: RoomRecord): Promise<void> {
    await this.db
      .insertInto('rooms')
      .values({
        code: room.code,
        scenario_id: room.scenarioId,
        content_hash: room.contentHash,
        seed: room.seed,
        mode: room.mode,
        vote_ms: room.voteMs,
        host_token_hash: room.hostTokenHash,
        created_at: room.createdAt,
        last_event_at: room.createdAt,
        ended_at: room.endedAt ?? null,
      })
      .execute();
  }

  async hasRoom(code: string): Promise<boolean> {
    const row = await this.db.selectFrom('rooms').select('code').where('code', '=', code).executeTakeFirst();
    return row !== undefined;
  }

  async room(code: string): Promise<RoomRecord | undefined> {
    const row = await this.db.selectFrom('rooms').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? recordOf(row) : undefined;
  }

  async openRooms(): Promise<RoomRecord[]> {
    const rows = await this.db
      .selectFrom('rooms')
      .selectAll()
      .where('ended_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(recordOf);
  }

  /**
   * Group commit: every append made in the same tick, from every room, goes into one transaction. Each
   * promise settles when its transaction has committed (or failed), in the order the appends were made.
   */
  append(code: string, seq: number, event: RoomEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ code, seq, event, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const batch = this.pending;
        this.pending = [];
        this.writing = this.writing.then(() => this.write(batch));
      });
    });
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    let conflicts: Map<string, LogConflictError>;
    try {
      conflicts = await this.db.transaction().execute((trx) => this.writeIn(trx, batch));
    } catch (error) {
      // Two nodes appending to one room at the very same moment: the loser's whole transaction fails on
      // the key; written again, the check below sets that room aside and the other rooms' events go in.
      if (!isKeyViolation(error)) return rejectAll(batch, error);
      try {
        conflicts = await this.db.transaction().execute((trx) => this.writeIn(trx, batch));
      } catch (again) {
        return rejectAll(batch, again);
      }
    }
    for (const item of batch) {
      const conflict = conflicts.get(item.code);
      if (conflict) item.reject(conflict);
      else item.resolve();
    }
  }

  /**
   * Writes the batch, except the rooms whose log does not end where their first event expects: another
   * node took the room over and wrote there (the log is the fence, so a node that lost its lease cannot
   * write a fork). Returns those rooms with their error.
   */
  private async writeIn(
    trx: Transaction<Database>,
    batch: PendingAppend[],
  ): Promise<Map<string, LogConflictError>> {
    const firstSeq = new Map<string, number>();
    for (const { code, seq } of batch) if (!firstSeq.has(code)) firstSeq.set(code, seq);
    const codes = [...firstSeq.keys()];
    const stored = new Map<string, number>();
    for (let i = 0; i < codes.length; i += ROWS_PER_INSERT) {
      const rows = await trx
        .selectFrom('room_events')
        .select((eb) => ['room_code', eb.fn.max('seq').as('last')])
        .where('room_code', 'in', codes.slice(i, i + ROWS_PER_INSERT))
        .groupBy('room_code')
        .execute();
      for (const row of rows) stored.set(row.room_code, Number(row.last));
    }
    const conflicts = new Map<string, LogConflictError>();
    for (const [code, seq] of firstSeq) {
      const last = stored.get(code) ?? 0;
      if (last !== seq - 1) conflicts.set(code, new LogConflictError(code, seq, last));
    }
    const writes = batch.filter((item) => !conflicts.has(item.code));
    for (let i = 0; i < writes.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('room_events')
        .values(
          writes.slice(i, i + ROWS_PER_INSERT).map(({ code, seq, event }) => ({
            room_code: code,
            seq,
            type: event.type,
            at: event.at,
            payload: JSON.stringify(event),
          })),
        )
        .execute();
    }
    const lastByRoom = new Map<string, RoomEvent>();
    const endedByRoom = new Map<string, number>();
    for (const { code, event } of writes) {
      lastByRoom.set(code, event);
      if (event.type === 'end') endedByRoom.set(code, event.at);
    }
    for (const [code, last] of lastByRoom) {
      const ended = endedByRoom.get(code);
      await trx
        .updateTable('rooms')
        .set(ended === undefined ? { last_event_at: last.at } : { last_event_at: last.at, ended_at: ended })
        .where('code', '=', code)
        .execute();
    }
    return conflicts;
  }

  async events(code: string): Promise<RoomEvent[]> {
    const rows = await this.db
      .selectFrom('room_events')
      .select('payload')
      .where('room_code', '=', code)
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.payload) as RoomEvent);
  }

  async markEnded(code: string, at: number): Promise<void> {
    await this.db.updateTable('rooms').set({ ended_at: at }).where('code', '=', code).execute();
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) await new Promise((resolve) => setImmediate(resolve));
    await this.writing;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Waits for every append made so far to be written, then closes the database. */
  async close(): Promise<void> {
    await this.flush();
    await this.db.destroy();
  }
}

function rejectAll(batch: PendingAppend[], error: unknown): void {
  for (const item of batch) item.reject(error);
}

/** A primary-key violation, in PostgreSQL's words (23505) or SQLite's. */
function isKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
