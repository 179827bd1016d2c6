/**
 * One live room: its machine, its stored log and its clock. Every change goes through `submit`, one at a
 * time per room: the machine is asked whether it takes the event, the event is written to storage, and
 * only then is it applied and anyone told (persist before broadcast). A restart rebuilds the room by
 * replaying the stored events, then re-arms the vote deadline from the absolute time in the context.
 */
import { type Actor, createActor } from 'xstate';
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

export type Submitted = { ok: true; event: RoomEvent } | { ok: false; reason: 'refused' | 'unchanged' };

/** What a room tells the socket layer; called after the event is stored and applied. */
export interface RoomListener {
  changed(room: Room, event: RoomEvent): void;
  /** The facilitator's outlook for the turn being voted on became known. */
  outlookReady(room: Room): void;
}

export interface Clock {
  now(): number;
}

export class Room {
  private readonly actor: Actor<RoomMachine>;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Open connections per seat: presence is not part of the record, it is rebuilt as phones reconnect. */
  private readonly connections = new Map<string, number>();
  private readonly seatByToken = new Map<string, string>();
  /** Best reachable totals per path prefix, once worked out (see ScenarioPlay.outlook). */
  private readonly outlooks = new Map<string, Record<string, number>>();
  private closed = false;

  private constructor(
    readonly record: RoomRecord,
    readonly play: ScenarioPlay,
    private readonly storage: Storage,
    private readonly listener: RoomListener,
    private readonly clock: Clock,
  ) {
    this.actor = createActor(createRoomMachine(play), { input: { voteMs: record.voteMs } });
    this.actor.start();
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
    }
    room.armTimer();
    room.watchOutlook();
    return room;
  }

  get code(): string {
    return this.record.code;
  }

  /** The number of events this room has accepted: every view carries it as its version. */
  get version(): number {
    return this.seq;
  }

  get context(): Readonly<RoomContext> {
    return this.actor.getSnapshot().context;
  }

  get step(): Step {
    return stepOf(this.actor.getSnapshot());
  }

  get choices(): string[] {
    return choicesOf(this.context);
  }

  seatOfToken(tokenHash: string): string | undefined {
    return this.seatByToken.get(tokenHash);
  }

  /**
   * Runs one change in the room's queue. `build` sees the room as it is when its turn comes and returns
   * the event to apply (with the time it is accepted at), or undefined to do nothing.
   */
  submit(build: (room: Room, at: number) => RoomEvent | undefined): Promise<Submitted> {
    const run = async (): Promise<Submitted> => {
      if (this.closed) return { ok: false, reason: 'refused' };
      const event = build(this, this.clock.now());
      if (!event) return { ok: false, reason: 'unchanged' };
      if (!accepts(this.actor.getSnapshot(), event)) return { ok: false, reason: 'refused' };
      await this.storage.append(this.code, this.seq + 1, event);
      this.apply(event);
      this.armTimer();
      if (event.type === 'open-vote' || event.type === 'rewind') this.watchOutlook();
      this.listener.changed(this, event);
      if (event.type === 'vote') this.closeIfEveryoneVoted();
      return { ok: true, event };
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
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
    const { deadline } = this.context;
    if (this.step !== 'voting' || deadline === undefined || this.closed) return;
    this.timer = setTimeout(
      () => void this.submit((_room, at) => ({ type: 'deadline', deadline, at })),
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

  /** Seats that count for "everyone has voted": connected now, or already voted. */
  voteCount(): { voted: number; eligible: number; seated: number } {
    const { votes } = this.context;
    const seats = activeSeats(this.context);
    const eligible = seats.filter((seat) => this.isConnected(seat) || votes[seat] !== undefined).length;
    return { voted: Object.keys(votes).length, eligible, seated: seats.length };
  }

  /** A dropped phone does not hold the room up: only connected seats are waited for. */
  private closeIfEveryoneVoted(): void {
    if (this.step !== 'voting') return;
    const { voted, eligible } = this.voteCount();
    if (voted === 0 || voted < eligible) return;
    void this.submit((room, at) => {
      const now = room.voteCount();
      return room.step === 'voting' && now.voted > 0 && now.voted >= now.eligible
        ? { type: 'everyone-voted', at }
        : undefined;
    });
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
    this.timer = undefined;
  }
}
