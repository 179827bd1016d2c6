/**
 * What the classroom keeps: one row per room and an append-only log of every event a room accepted.
 * A room is rebuilt by replaying its log through the room machine, so the log is the whole record and
 * nothing stores an XState snapshot. The interface is asynchronous and the SQL is written once through
 * Kysely, so the embedded SQLite default and the PostgreSQL backend share one implementation.
 */
import type { Mode } from '../../src/classroom/protocol';
import type { RoomEvent } from '../room/machine';

export interface RoomRecord {
  code: string;
  scenarioId: string;
  contentHash: string;
  seed: number;
  mode: Mode;
  voteMs: number;
  /** SHA-256 of the facilitator's token. */
  hostTokenHash: string;
  createdAt: number;
  endedAt: number | undefined;
}

export interface Storage {
  /** Fails when the code is taken. */
  createRoom(room: RoomRecord): Promise<void>;
  hasRoom(code: string): Promise<boolean>;
  room(code: string): Promise<RoomRecord | undefined>;
  /** Rooms that have not ended, oldest first. */
  openRooms(): Promise<RoomRecord[]>;
  /**
   * Appends the room's event number `seq` (1, 2, ...). Fails with LogConflictError when the room's log
   * does not end at `seq - 1` (another node has taken the room over and written to it).
   */
  append(code: string, seq: number, event: RoomEvent): Promise<void>;
  /** The room's events in order. */
  events(code: string): Promise<RoomEvent[]>;
  /** Closes a room without an event of its own (its content can no longer be replayed). */
  markEnded(code: string, at: number): Promise<void>;
  /** Resolves once every append made so far is written (or has failed). */
  flush(): Promise<void>;
  /** Fails when the database cannot be reached (the readiness check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Another writer got to the room's log first: this copy of the room is stale and must let go of it. */
export class LogConflictError extends Error {
  constructor(
    readonly code: string,
    seq: number,
    stored: number,
  ) {
    super(`room ${code}: event ${seq} does not follow the stored log, which ends at ${stored}`);
  }
}
