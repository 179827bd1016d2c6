/**
 * One node of a classroom cluster (REDIS_URL set): the room directory, the relay to other nodes, the
 * socket.io Redis streams adapter, and the loops that keep them true.
 * - Leases: every room this node runs is renewed twice a second; a room another node has taken is let
 *   go at once.
 * - Routing: a page's request goes to the node that runs its room; a room nobody runs is claimed and
 *   restored from the database here (persist before broadcast means everything anyone saw is there).
 * - Adoption: open rooms nobody runs (their node died with nobody connected here, or handed them over)
 *   are claimed every few seconds, so their vote timers keep running.
 * - Pages of dead nodes are forgotten by the rooms here, so "everyone has voted" does not wait for them.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ClassroomHub, ClassroomServer } from '../hub';
import type { Log } from '../log';
import { type Peer, RemotePeer } from '../peer';
import type { Rooms } from '../rooms';
import type { Storage } from '../storage/storage';
import { Directory, RENEW_EVERY_MS } from './directory';
import type { Redis } from './redis';
import { type Call, type CallResult, isAttach, Relay } from './relay';

const ADOPT_EVERY_MS = 3_000;
const ADAPTER_STREAM_LENGTH = 200_000;
const PEERS_EVERY_MS = 1_000;

export interface ClusterParts {
  io: ClassroomServer;
  hub: ClassroomHub;
  rooms: Rooms;
  storage: Storage;
  log: Log;
}

export class Cluster {
  readonly directory: Directory;
  private relay: Relay | undefined;
  private parts: ClusterParts | undefined;
  /** Pages on other nodes in rooms this node runs, by socket id. */
  private readonly remote = new Map<string, RemotePeer>();
  private readonly timers: NodeJS.Timeout[] = [];
  private draining = false;
  private wasDown = false;

  constructor(
    readonly redis: Redis,
    readonly node: string,
    readonly where: string,
  ) {
    this.directory = new Directory(redis, node);
  }

  /** Redis answers on both of this node's connections (after a Redis restart they come back separately). */
  get ready(): boolean {
    return this.redis.isReady && (this.relay?.ready ?? false) && !this.draining;
  }

  /** socket.io's adapter over Redis streams: broadcasts and room joins reach sockets on every node. */
  adapter(): ReturnType<typeof createAdapter> {
    // A node that falls behind reading the stream must not find its messages trimmed away: a join
    // storm of a few thousand pages writes tens of thousands of entries (the default keeps 10,000).
    return createAdapter(this.redis, { maxLen: ADAPTER_STREAM_LENGTH, readCount: 1_000 });
  }

  async start(parts: ClusterParts): Promise<void> {
    this.parts = parts;
    this.relay = await Relay.start(this.redis, this.node, {
      call: (from, call) => this.answer(from, call),
      gone: (_from, socket) => this.forget(socket),
      released: (code) => void this.route(code).catch(() => undefined),
    });
    this.redis.on('error', () => {
      this.wasDown = true;
    });
    this.redis.on('ready', () => {
      if (!this.wasDown) return;
      this.wasDown = false;
      parts.log('Redis is back; sending every page its room again');
      // A restarted Redis holds no leases: this node takes its rooms' back before another node claims
      // one on a page's request and restores a stale copy (which the log would refuse, but only later).
      void this.renew().catch(() => undefined);
      // Messages between nodes may have been lost while Redis was away; a full state repairs any page.
      void parts.hub.resend().catch(() => undefined);
    });
    await this.directory.renew([]);
    this.every(RENEW_EVERY_MS, 'renew', () => this.renew());
    this.every(PEERS_EVERY_MS, 'peers', () => this.forgetDeadNodes());
    this.every(ADOPT_EVERY_MS, 'adopt', () => this.adopt());
  }

  private every(ms: number, name: string, run: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      // A round still waiting (Redis away) is not stacked up behind.
      if (running) return;
      running = true;
      run()
        .catch((error: unknown) => {
          if (this.redis.isReady)
            this.parts?.log(`cluster ${name} failed: ${String(error)}`, { level: 'warn' });
        })
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private get must(): ClusterParts {
    if (!this.parts) throw new Error('the cluster has not started');
    return this.parts;
  }

  private async renew(): Promise<void> {
    const { rooms, hub, log } = this.must;
    const lost = await this.directory.renew(rooms.all().map((room) => room.code));
    for (const code of lost) {
      log('another node holds the lease now; letting this copy go', { room: code, level: 'warn' });
      hub.drop(code);
    }
  }

  /**
   * The node that runs the room now: this one if it runs it or has just claimed it (and restored it from
   * the database), the lease holder otherwise. A code with no stored room is answered here (not found).
   */
  async route(code: string): Promise<string> {
    const { rooms, storage } = this.must;
    if (rooms.isLive(code)) return this.node;
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner = await this.directory.owner(code);
      if (owner) return owner;
      if (this.draining || !(await storage.hasRoom(code))) return this.node;
      if (await this.directory.claim(code)) {
        await rooms.find(code);
        return this.node;
      }
    }
    return this.node;
  }

  /** A page on another node asks something of a room here. */
  private async answer(from: string, call: Call): Promise<CallResult> {
    const { io, hub, rooms } = this.must;
    if (this.draining) return { moved: true };
    const peer = this.remote.get(call.socket);
    const attaching = isAttach(call.request);
    if (!attaching && peer?.room?.code !== call.code) return { moved: true };
    if (attaching && !rooms.isLive(call.code) && (await this.directory.owner(call.code)) !== this.node)
      return { moved: true };
    const asker = peer ?? new RemotePeer(io, call.socket, from, call.address);
    this.remote.set(call.socket, asker);
    const reply = await hub.answerInCluster(asker, call.request);
    if (!asker.room) this.remote.delete(call.socket);
    return reply;
  }

  /** A page on another node is gone (its socket closed, or it moved to a room elsewhere). */
  forget(socket: string): void {
    const peer = this.remote.get(socket);
    if (!peer) return;
    this.remote.delete(socket);
    peer.gone = true;
    this.must.hub.leave(peer);
  }

  /** A page let go with its room (hub.drop): its node attaches it to the room's new owner. */
  dropped(peer: Peer): void {
    if (peer instanceof RemotePeer) this.remote.delete(peer.id);
  }

  private async forgetDeadNodes(): Promise<void> {
    const nodes = [...new Set([...this.remote.values()].map((peer) => peer.node))];
    const alive = await this.directory.alive(nodes);
    for (const peer of [...this.remote.values()]) {
      if (alive.has(peer.node)) continue;
      // Its pages are reconnecting through another node: the room does not close a vote without them.
      peer.room?.awaitReconnects();
      this.forget(peer.id);
    }
  }

  private async adopt(): Promise<void> {
    const { rooms, storage } = this.must;
    const open = (await storage.openRooms()).map((r) => r.code).filter((code) => !rooms.isLive(code));
    const owners = await this.directory.owners(open);
    for (const [i, code] of open.entries()) {
      if (owners[i] === undefined) await this.route(code);
    }
  }

  async call(node: string, call: Call, timeoutMs: number): Promise<CallResult | undefined> {
    if (!this.relay) throw new Error('the cluster has not started');
    return this.relay.call(node, call, timeoutMs);
  }

  gone(node: string, socket: string): void {
    this.relay?.gone(node, socket);
  }

  /** Lets a room go (an ended room unloaded by the sweep). */
  async release(code: string): Promise<void> {
    await this.directory.release(code);
  }

  /**
   * Graceful shutdown, after this node's rooms have stopped and their events are stored: releases every
   * lease and announces it, so the other nodes take the rooms at once (not after a lease runs out).
   */
  async handOver(codes: string[]): Promise<void> {
    this.stop();
    for (const code of codes) {
      await this.directory.release(code);
      await this.relay?.released(code);
    }
  }

  async close(): Promise<void> {
    this.stop();
    await this.directory.leave().catch(() => undefined);
    await this.relay?.close();
    await this.redis.disconnect().catch(() => undefined);
  }

  /** No more rounds, and requests from other nodes are answered `moved`. */
  private stop(): void {
    this.draining = true;
    for (const timer of this.timers) clearInterval(timer);
  }
}
