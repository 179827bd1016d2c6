/**
 * One live room: its machine, its stored log and its clock. A change is decided at once against the
 * room as it stands (so the next one already sees it), written to storage, and only after the write is
 * it visible: every view, acknowledgement and broadcast reads the room as last committed (persist before
 * broadcast). Writes from all rooms are grouped into one transaction per tick by the storage layer. A
 * restart rebuilds the room by replaying the stored events, then re-arms the vote deadline from the
 * absolute time in the context.
 */
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import type { ScenarioPlay } from '../engine';
import type { RoomRecord, Storage } from '../storage/storage';
import {
  accepts,
  activeSeats,
  choicesOf,
  createRoomMachine,
  type RoomContext,
  type RoomEvent,
  type RoomMachine,
  type Step,
  stepOf,
} from './machine';

/** How long a restored room waits for its pages before "everyone has voted" counts again. */
export const RECONNECT_GRACE_MS = 3_000;

export type Submitted = { ok: true; event: RoomEvent } | { ok: false; reason: 'refused' | 'unchanged' };

/** What a room tells the socket layer; called once an event is stored. */
export interface RoomListener {
  changed(room: Room, event: RoomEvent): void;
  /** The facilitator's outlook for the turn being voted on became known. */
  outlookReady(room: Room): void;
  /** Storage refused a write: the room stops taking events (it is intact up to its last stored event). */
  failed(room: Room, error: unknown): void;
}

type Snapshot = SnapshotFrom<RoomMachine>;

/** A room at one moment: as committed (what anyone may see) or as decided so far (what guards see). */
export class RoomState {
  constructor(
    private readonly snapshot: Snapshot,
    private readonly connectedSeat: (seat: string) => boolean,
  ) {}

  get context(): Readonly<RoomContext> {
    return this.snapshot.context;
  }

  get step(): Step {
    return stepOf(this.snapshot);
  }

  get choices(): string[] {
    return choicesOf(this.snapshot.context);
  }

  /** Seats that count for "everyone has voted": connected now, or already voted. */
  voteCount(): { voted: number; eligible: number; seated: number } {
    const { votes } = this.context;
    const seats = activeSeats(this.context);
    const eligible = seats.filter((seat) => this.connectedSeat(seat) || votes[seat] !== undefined).length;
    return { voted: Object.keys(votes).length, eligible, seated: seats.length };
  }
}

export interface Clock {
  now(): number;
}

export class Room {
  private readonly actor: Actor<RoomMachine>;
  /** Events applied to the machine; `committedSeq` of them are stored. */
  private seq = 0;
  private committedSeq = 0;
  private committed: RoomState;
  private lastStoredAt: number;
  private timer: NodeJS.Timeout | undefined;
  /** Open connections per seat: presence is not part of the record, it is rebuilt as phones reconnect. */
  private readonly connections = new Map<string, number>();
  private readonly seatByToken = new Map<string, string>();
  /** Best reachable totals per path prefix, once worked out (see ScenarioPlay.outlook). */
  private readonly outlooks = new Map<string, Record<string, number>>();
  private closed = false;
  /** A restored room does not close a vote as "everyone has voted" until its pages had time to come back. */
  private settlingUntil = 0;
  private settling: NodeJS.Timeout | undefined;

  private constructor(
    readonly record: RoomRecord,
    readonly play: ScenarioPlay,
    private readonly storage: Storage,
    private readonly listener: RoomListener,
    private readonly clock: Clock,
  ) {
    this.actor = createActor(createRoomMachine(play), { input: { voteMs: record.voteMs } });
    this.actor.start();
    this.committed = this.stateOf(this.actor.getSnapshot());
    this.lastStoredAt = record.createdAt;
  }

  private stateOf(snapshot: Snapshot): RoomState {
    return new RoomState(snapshot, (seat) => this.isConnected(seat));
  }

  static async create(
    record: RoomRecord,
    play: ScenarioPlay,
    storage: Storage,
    listener: RoomListener,
    clock: Clock,
  ): Promise<Room> {
    await storage.createRoom(record);
    return new Room(record, play, storage, listener, clock);
  }

  /** Rebuilds a stored room: its events replayed through a fresh machine, nothing broadcast. */
  static restore(
    record: RoomRecord,
    events: readonly RoomEvent[],
    play: ScenarioPlay,
    storage: Storage,
    listener: RoomListener,
    clock: Clock,
  ): Room {
    const room = new Room(record, play, storage, listener, clock);
    for (const event of events) {
      if (!accepts(room.actor.getSnapshot(), event)) {
        throw new Error(
          `room ${record.code}: stored event ${room.seq + 1} (${event.type}) no longer applies`,
        );
      }
      room.apply(event);
      room.lastStoredAt = event.at;
    }
    room.committedSeq = room.seq;
    room.committed = room.live;
    room.armTimer();
    room.watchOutlook();
    room.awaitReconnects();
    return room;
  }

  get code(): string {
    return this.record.code;
  }

  /** When the room last stored an event (or was created): idle rooms are closed by the sweep. */
  get lastActivity(): number {
    return this.lastStoredAt;
  }

  /** The number of events stored: every view carries it as its version. */
  get version(): number {
    return this.committedSeq;
  }

  /** The room as stored: everything shown to anyone reads this. */
  get context(): Readonly<RoomContext> {
    return this.committed.context;
  }

  get step(): Step {
    return this.committed.step;
  }

  get choices(): string[] {
    return this.committed.choices;
  }

  voteCount(): { voted: number; eligible: number; seated: number } {
    return this.committed.voteCount();
  }

  /** The room with every accepted event applied, stored or not: what the next event is decided against. */
  private get live(): RoomState {
    return this.stateOf(this.actor.getSnapshot());
  }

  seatOfToken(tokenHash: string): string | undefined {
    return this.seatByToken.get(tokenHash);
  }

  /**
   * Applies one change. `build` sees the room with every earlier change applied and returns the event
   * (with the time it is accepted at), or undefined to do nothing. The promise settles once the event is
   * stored, and only then is anyone told.
   */
  async submit(build: (room: RoomState, at: number) => RoomEvent | undefined): Promise<Submitted> {
    if (this.closed) return { ok: false, reason: 'refused' };
    const event = build(this.live, this.clock.now());
    if (!event) return { ok: false, reason: 'unchanged' };
    if (!accepts(this.actor.getSnapshot(), event)) return { ok: false, reason: 'refused' };
    this.apply(event);
    const seq = this.seq;
    const snapshot = this.actor.getSnapshot();
    // Queued before anything it causes (the timer, "everyone has voted"), so it is stored first.
    const stored = this.storage.append(this.code, seq, event);
    this.armTimer();
    if (event.type === 'vote') this.closeIfEveryoneVoted();
    try {
      await stored;
    } catch (error) {
      if (!this.closed) {
        this.close();
        this.listener.failed(this, error);
      }
      throw error;
    }
    // Writes settle in the order they were queued, so the committed room only moves forward.
    if (seq > this.committedSeq) {
      this.committedSeq = seq;
      this.committed = this.stateOf(snapshot);
      this.lastStoredAt = event.at;
    }
    if (event.type === 'open-vote' || event.type === 'rewind') this.watchOutlook();
    this.listener.changed(this, event);
    return { ok: true, event };
  }

  private apply(event: RoomEvent): void {
    this.actor.send(event);
    this.seq += 1;
    if (event.type === 'join') this.seatByToken.set(event.tokenHash, event.seat);
  }

  /** The server fires deadlines itself, at the absolute time the context holds. */
  private armTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const live = this.live;
    const { deadline } = live.context;
    if (live.step !== 'voting' || deadline === undefined || this.closed) return;
    this.timer = setTimeout(
      () => void this.submit((_room, at) => ({ type: 'deadline', deadline, at })).catch(() => undefined),
      Math.max(0, deadline - this.clock.now()),
    );
  }

  connected(seat: string): void {
    this.connections.set(seat, (this.connections.get(seat) ?? 0) + 1);
  }

  disconnected(seat: string): void {
    const left = (this.connections.get(seat) ?? 0) - 1;
    if (left > 0) this.connections.set(seat, left);
    else this.connections.delete(seat);
    this.closeIfEveryoneVoted();
  }

  isConnected(seat: string): boolean {
    return (this.connections.get(seat) ?? 0) > 0;
  }

  /**
   * Right after a restore nobody is connected yet (and when a node dies, its pages are gone at once), so
   * "everyone connected has voted" would close an open vote on the next vote. Until the pages have had
   * RECONNECT_GRACE_MS to come back, it is not checked; then it is checked once.
   */
  awaitReconnects(): void {
    if (this.live.step !== 'voting' || this.closed) return;
    clearTimeout(this.settling);
    this.settlingUntil = this.clock.now() + RECONNECT_GRACE_MS;
    this.settling = setTimeout(() => {
      this.settlingUntil = 0;
      this.closeIfEveryoneVoted();
    }, RECONNECT_GRACE_MS);
  }

  /** A dropped phone does not hold the room up: only connected seats are waited for. */
  private closeIfEveryoneVoted(): void {
    if (this.clock.now() < this.settlingUntil) return;
    void this.submit((room, at) => {
      const now = room.voteCount();
      return room.step === 'voting' && now.voted > 0 && now.voted >= now.eligible
        ? { type: 'everyone-voted', at }
        : undefined;
    }).catch(() => undefined);
  }

  /** Best totals after each reply on offer now, when known. */
  outlookNow(): Record<string, number> | undefined {
    return this.outlooks.get(this.choices.join('\n'));
  }

  /** Best totals after each reply offered at turn `turn` (1-based) of the current path. */
  async outlookAt(turn: number): Promise<Record<string, number>> {
    const prefix = this.choices.slice(0, turn - 1);
    const key = prefix.join('\n');
    const known = this.outlooks.get(key);
    if (known) return known;
    const outlook = await this.play.outlook(prefix);
    this.outlooks.set(key, outlook);
    return outlook;
  }

  private watchOutlook(): void {
    if (this.step === 'ended') return;
    const turn = this.choices.length + 1;
    if (this.play.offered(this.choices).length === 0) return;
    void this.outlookAt(turn).then(() => {
      if (!this.closed) this.listener.outlookReady(this);
    });
  }

  /** Stops the clock; a restored copy carries on from storage. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.settling);
    this.timer = undefined;
  }
}
