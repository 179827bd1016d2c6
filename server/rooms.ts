/**
 * The rooms this server runs: created on a facilitator's request, restored from storage at start (every
 * room that had not ended, with every vote), and ended rooms loaded on demand so a facilitator can still
 * export them. With several nodes, a room runs on the node holding its lease (`claim`): a node creates
 * and restores only rooms it has claimed, and lets a room go when another node takes it over.
 */
import type { Mode } from '../src/classroom/protocol';
import { randomSeed } from '../src/engine/runtime';
import type { ScenarioBundle } from '../src/engine/runtime/types';
import { hashToken, newRoomCode, newToken } from './codes';
import { ScenarioPlay } from './engine';
import type { Log } from './log';
import { type Clock, Room, type RoomListener } from './room/room';
import type { RoomRecord, Storage } from './storage/storage';

/** Takes a room's lease for this node; false when another node holds it. One node: always true. */
export type Claim = (code: string) => Promise<boolean>;

/** Open rooms one server keeps; creating more is refused with a clear message. */
export const MAX_OPEN_ROOMS = 500;
/** A room nobody is connected to and nothing happened in for this long is ended (its code stops working). */
export const IDLE_ROOM_MS = 2 * 60 * 60 * 1000;

export class RoomCreationError extends Error {}

export class Rooms {
  private readonly live = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | undefined>>();

  constructor(
    private readonly storage: Storage,
    private readonly library: ReadonlyMap<string, ScenarioBundle>,
    private readonly listener: RoomListener,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly claim: Claim = async () => true,
  ) {}

  /**
   * Restores every room that had not ended and that no other node runs; a room whose scenario changed
   * since is closed, and said so.
   */
  async restoreOpen(): Promise<number> {
    let restored = 0;
    for (const record of await this.storage.openRooms()) {
      if (this.live.has(record.code) || !(await this.claim(record.code))) continue;
      const room = await this.loadOnce(record.code, async () => record);
      if (room) restored += 1;
    }
    return restored;
  }

  private async load(record: RoomRecord): Promise<Room | undefined> {
    const bundle = this.library.get(record.scenarioId);
    if (!bundle || bundle.contentHash !== record.contentHash) {
      this.log(
        `scenario "${record.scenarioId}" ${bundle ? 'has changed' : 'is gone'} since the room was created; the room is closed`,
        { level: 'warn', room: record.code },
      );
      if (record.endedAt === undefined) await this.storage.markEnded(record.code, this.clock.now());
      return undefined;
    }
    const events = await this.storage.events(record.code);
    const room = Room.restore(
      record,
      events,
      new ScenarioPlay(bundle, record.seed),
      this.storage,
      this.listener,
      this.clock,
    );
    this.live.set(record.code, room);
    this.log(`restored from the database (${events.length} events)`, { room: record.code });
    return room;
  }

  async create(options: {
    scenarioId: string;
    mode: Mode;
    seed: number | undefined;
    voteMs: number;
  }): Promise<{ room: Room; token: string }> {
    const bundle = this.library.get(options.scenarioId);
    if (!bundle) throw new RoomCreationError(`There is no scenario "${options.scenarioId}".`);
    const open = [...this.live.values()].filter((r) => r.step !== 'ended').length;
    if (open >= MAX_OPEN_ROOMS) {
      throw new RoomCreationError(`This server already runs ${open} rooms; end one before starting another.`);
    }
    let code = newRoomCode();
    while (this.live.has(code) || (await this.storage.hasRoom(code)) || !(await this.claim(code)))
      code = newRoomCode();
    const token = newToken();
    const seed = options.seed ?? randomSeed();
    const record: RoomRecord = {
      code,
      scenarioId: bundle.scenario.id,
      contentHash: bundle.contentHash,
      seed,
      mode: options.mode,
      voteMs: options.voteMs,
      hostTokenHash: hashToken(token),
      createdAt: this.clock.now(),
      endedAt: undefined,
    };
    const room = await Room.create(
      record,
      new ScenarioPlay(bundle, seed),
      this.storage,
      this.listener,
      this.clock,
    );
    this.live.set(code, room);
    return { room, token };
  }

  /** A running room, or an ended one read back from storage. */
  async find(code: string): Promise<Room | undefined> {
    return this.loadOnce(code, () => this.storage.room(code));
  }

  /**
   * The live room, or one load of it however many ask at once: a page's request that arrives while the
   * start-up restore is loading the room must not load a second copy.
   */
  private async loadOnce(
    code: string,
    record: () => Promise<RoomRecord | undefined>,
  ): Promise<Room | undefined> {
    const live = this.live.get(code);
    if (live) return live;
    let pending = this.loading.get(code);
    if (!pending) {
      pending = record().then((found) => (found ? this.load(found) : undefined));
      this.loading.set(code, pending);
      void pending.finally(() => this.loading.delete(code));
    }
    return pending;
  }

  all(): Room[] {
    return [...this.live.values()];
  }

  isLive(code: string): boolean {
    return this.live.has(code);
  }

  /** Stops this node's copy of a room (another node runs it now, or it is unloaded); storage keeps it. */
  drop(code: string): void {
    const room = this.live.get(code);
    if (!room) return;
    room.close();
    room.play.dispose();
    this.live.delete(code);
  }

  /**
   * Ends rooms left open with nobody in them for IDLE_ROOM_MS (a forgotten session should not keep a
   * join code alive for ever), and lets go of ended rooms nobody is looking at (storage still has them).
   */
  async sweep(isWatched: (room: Room) => boolean): Promise<{ ended: string[]; unloaded: string[] }> {
    const ended: string[] = [];
    const unloaded: string[] = [];
    const now = this.clock.now();
    for (const room of [...this.live.values()]) {
      if (isWatched(room)) continue;
      if (room.step === 'ended') {
        this.drop(room.code);
        unloaded.push(room.code);
      } else if (now - room.lastActivity >= IDLE_ROOM_MS) {
        const result = await room.submit((_r, at) => ({ type: 'end', at }));
        if (result.ok) ended.push(room.code);
      }
    }
    return { ended, unloaded };
  }

  close(): void {
    for (const code of [...this.live.keys()]) this.drop(code);
  }
}
