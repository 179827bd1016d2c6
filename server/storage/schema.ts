/** The tables, as Kysely sees them. Times are epoch milliseconds (bigint, so PostgreSQL can hold them). */
type Millis = number;

export interface RoomsTable {
  code: string;
  scenario_id: string;
  content_hash: string;
  seed: number;
  mode: string;
  vote_ms: number;
  host_token_hash: string;
  created_at: Millis;
  last_event_at: Millis;
  ended_at: Millis | null;
}

export interface RoomEventsTable {
  room_code: string;
  seq: number;
  type: string;
  at: Millis;
  /** The event as JSON. */
  payload: string;
}

export interface Database {
  rooms: RoomsTable;
  room_events: RoomEventsTable;
}
