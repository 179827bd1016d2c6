/**
 * Persist before broadcast: a room shows nothing of an event until storage has it, and stops when storage
 * fails. Idle rooms are ended and let go. (The storage layer itself: storage.test.ts, on both backends.)
 */
import { describe, expect, it } from 'vitest';
import { ScenarioPlay } from '../../../server/engine';
import { ClassroomHub } from '../../../server/hub';
import type { Peer } from '../../../server/peer';
import type { RoomEvent } from '../../../server/room/machine';
import { Room, type RoomListener } from '../../../server/room/room';
import { IDLE_ROOM_MS, Rooms } from '../../../server/rooms';
import { openSqliteStorage } from '../../../server/storage/sqlite';
import type { RoomRecord, Storage } from '../../../server/storage/storage';
import { shippedBundle, tempDir } from '../../classroom/server';

const bundle = shippedBundle('s13-ed-cost-before-screening');
const record = (code: string): RoomRecord => ({
  code,
  scenarioId: bundle.scenario.id,
  contentHash: bundle.contentHash,
  seed: 3,
  mode: 'practice',
  voteMs: 30_000,
  hostTokenHash: 'hash',
  createdAt: 1,
  endedAt: undefined,
});

/** Storage that holds every append until the test releases it. */
class GatedStorage implements Storage {
  held: { seq: number; release: () => void }[] = [];
  stored: RoomEvent[] = [];
  async createRoom(): Promise<void> {}
  async hasRoom(): Promise<boolean> {
    return false;
  }
  async room(): Promise<RoomRecord | undefined> {
    return undefined;
  }
  async openRooms(): Promise<RoomRecord[]> {
    return [];
  }
  append(_code: string, seq: number, event: RoomEvent): Promise<void> {
    return new Promise((resolve) =>
      this.held.push({
        seq,
        release: () => {
          this.stored.push(event);
          resolve();
        },
      }),
    );
  }
  async events(): Promise<RoomEvent[]> {
    return this.stored;
  }
  async markEnded(): Promise<void> {}
  async flush(): Promise<void> {}
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

describe('persist before broadcast', () => {
  it('shows and announces an event only once storage has it', async () => {
    const storage = new GatedStorage();
    const heard: string[] = [];
    const listener: RoomListener = {
      changed: (_room, event) => heard.push(event.type),
      outlookReady: () => undefined,
      failed: () => undefined,
    };
    const room = await Room.create(record('GATED2'), new ScenarioPlay(bundle, 3), storage, listener, {
      now: () => 1000,
    });
    const joined = room.submit((_r, at) => ({
      type: 'join',
      seat: 's1',
      nickname: 'Calm Heron',
      tokenHash: 'h',
      at,
    }));
    // The next event is decided against the room with the join applied, before the join is stored.
    const opened = room.submit((r, at) => (r.context.seats.s1 ? { type: 'open-vote', at } : undefined));
    await Promise.resolve();
    expect(storage.held.map((h) => h.seq)).toEqual([1, 2]);
    expect(heard).toEqual([]);
    expect(room.version).toBe(0);
    expect(room.step).toBe('lobby');
    expect(room.context.seats).toEqual({});

    storage.held[0]?.release();
    await joined;
    expect(heard).toEqual(['join']);
    expect(room.version).toBe(1);
    expect(room.step).toBe('lobby');

    storage.held[1]?.release();
    await opened;
    expect(heard).toEqual(['join', 'open-vote']);
    expect(room.step).toBe('voting');
    room.close();
  });

  it('stops taking events when storage fails, and says so', async () => {
    const failing = new GatedStorage();
    failing.append = () => Promise.reject(new Error('disk full'));
    const failures: unknown[] = [];
    const room = await Room.create(
      record('BROKEN'),
      new ScenarioPlay(bundle, 3),
      failing,
      {
        changed: () => undefined,
        outlookReady: () => undefined,
        failed: (_room, error) => failures.push(error),
      },
      { now: () => 1000 },
    );
    await expect(room.submit((_r, at) => ({ type: 'lock', at }))).rejects.toThrow('disk full');
    expect(failures).toHaveLength(1);
    expect(room.context.locked).toBe(false);
    expect(await room.submit((_r, at) => ({ type: 'unlock', at }))).toEqual({ ok: false, reason: 'refused' });
  });
});

/** The scenario for the Rooms tests, a listener that hears nothing, and a practice room's options. */
const library = new Map([[bundle.scenario.id, bundle]]);
const listener: RoomListener = {
  changed: () => undefined,
  outlookReady: () => undefined,
  failed: () => undefined,
};
const practiceRoom = (seed: number) =>
  ({ scenarioId: bundle.scenario.id, mode: 'practice', seed, voteMs: 30_000 }) as const;

describe('idle rooms', () => {
  it('ends a room left with nobody in it for two hours, then lets it go; storage still has it', async () => {
    const clock = { now: () => 1_000_000 };
    const storage = await openSqliteStorage(tempDir('sweep'));
    const rooms = new Rooms(storage, library, listener, clock, () => undefined);
    const { room: quiet } = await rooms.create(practiceRoom(3));
    const { room: watched } = await rooms.create(practiceRoom(4));
    const isWatched = (room: Room) => room === watched;

    clock.now = () => 1_000_000 + IDLE_ROOM_MS - 1;
    expect(await rooms.sweep(isWatched)).toEqual({ ended: [], unloaded: [] });
    clock.now = () => 1_000_000 + IDLE_ROOM_MS;
    expect(await rooms.sweep(isWatched)).toEqual({ ended: [quiet.code], unloaded: [] });
    expect(await rooms.sweep(isWatched)).toEqual({ ended: [], unloaded: [quiet.code] });
    expect(rooms.all()).toEqual([watched]);
    const reloaded = await rooms.find(quiet.code);
    expect(reloaded?.step).toBe('ended');
    rooms.close();
    await storage.close();
  });
});

describe('restoring at start', () => {
  it('loads a room once when a page asks for it while the start-up restore is loading it', async () => {
    const clock = { now: () => 1_000_000 };
    const storage = await openSqliteStorage(tempDir('restore-race'));
    const before = new Rooms(storage, library, listener, clock, () => undefined);
    const { room } = await before.create(practiceRoom(3));
    before.close();

    const logged: string[] = [];
    const after = new Rooms(storage, library, listener, clock, (message) => logged.push(message));
    const [restored, found] = await Promise.all([after.restoreOpen(), after.find(room.code)]);
    expect(restored).toBe(1);
    expect(after.all()).toEqual([found]);
    expect(logged.filter((m) => m.startsWith('restored from the database'))).toHaveLength(1);
    after.close();
    await storage.close();
  });
});

describe('a room another node took over', () => {
  /** A page as a hub sees it, without a socket: what it is sent is not the point here. */
  const page = (id: string): Peer => ({
    id,
    address: '127.0.0.1',
    role: undefined,
    room: undefined,
    seat: undefined,
    observerReason: undefined,
    emit: () => undefined,
    join: () => undefined,
    leave: () => undefined,
  });

  it('answers a request whose write meets the other node’s log `moved`, stores nothing of it, and lets its copy go', async () => {
    const clock = { now: () => 1_000_000 };
    const storage = await openSqliteStorage(tempDir('takeover'));
    const lost: string[] = [];
    // Two nodes over one database, each with its own copy of the room (a lease that vanished with a
    // restarted Redis lets both believe they run it).
    const node = () => {
      const hub: ClassroomHub = new ClassroomHub({
        rooms: () => rooms,
        library,
        joinUrl: (code) => code,
        clock,
        log: () => undefined,
        onRoomLost: (code) => lost.push(code),
        onStorageFailure: (error) => {
          throw error;
        },
      });
      const rooms: Rooms = new Rooms(storage, library, hub, clock, () => undefined);
      return { hub, rooms };
    };
    const a = node();
    const b = node();
    const created = (await a.hub.answer(page('host-a'), {
      type: 'create',
      scenarioId: bundle.scenario.id,
      mode: 'practice',
      seed: 3,
      voteSeconds: 30,
    })) as unknown as { ok: true; code: string; token: string };
    const hostA = page('host-a2');
    const hostB = page('host-b');
    expect(
      await a.hub.answer(hostA, { type: 'host', code: created.code, token: created.token }),
    ).toMatchObject({ ok: true });
    expect(
      await b.hub.answer(hostB, { type: 'host', code: created.code, token: created.token }),
    ).toMatchObject({ ok: true });
    const before = (await storage.events(created.code)).map((e) => e.type);

    expect(await a.hub.answerInCluster(hostA, { type: 'command', action: 'lock' })).toMatchObject({
      ok: true,
    });
    expect(await b.hub.answerInCluster(hostB, { type: 'command', action: 'lock' })).toEqual({ moved: true });
    expect((await storage.events(created.code)).map((e) => e.type)).toEqual([...before, 'lock']);
    expect(lost).toEqual([created.code]);
    expect(b.rooms.isLive(created.code)).toBe(false);
    expect(a.rooms.isLive(created.code)).toBe(true);
    a.rooms.close();
    await storage.close();
  });
});
