/**
 * The socket.io endpoint, where pages connect: every request arrives on one event and is acknowledged.
 * Here it is rate-limited per socket, checked by zod (server/messages.ts) and refused with an error code
 * and a sentence when malformed or unknown; then it goes to the node that runs its room. With one node
 * that is always this one. With several (REDIS_URL), a page may be connected to any node: its requests
 * are forwarded to the room's owner, and when the owner changes (it died, or handed the room over at
 * shutdown) the page is attached to the new owner by this node, with the request that attached it, so
 * the page carries on without reconnecting or doing anything.
 */
import type { Reply, Request } from '../src/classroom/protocol';
import type { Cluster } from './cluster/cluster';
import { type Attach, type CallResult, isAttach } from './cluster/relay';
import { isRoomCode, normaliseCode } from './codes';
import type { ClassroomHub, ClassroomServer } from './hub';
import type { Log } from './log';
import { parseRequest, REQUEST_TYPES } from './messages';
import { LocalPeer } from './peer';
import { TokenBucket } from './rateLimit';

/** Requests per socket: a burst of 30, then 15 a second; a socket that keeps pushing is dropped. */
const BURST = 30;
const PER_SECOND = 15;
const STRIKES_BEFORE_DISCONNECT = 100;
/** How long one forwarded request waits for the owner, and how long a request may be retried while a
 * room moves to another node (a dead owner's lease runs out in 2 s). */
const CALL_TIMEOUT_MS = 2_500;
const MOVE_DEADLINE_MS = 9_000;
/** How often the owners of the rooms this node's pages are in are checked. */
const WATCH_EVERY_MS = 250;

/** Which room a page is in, the node that runs it, and the request that attaches the page to it again. */
interface Link {
  code: string;
  node: string;
  attach: Attach;
}

interface SocketData {
  peer: LocalPeer;
  bucket: TokenBucket;
  creations: TokenBucket;
  strikes: number;
  link: Link | undefined;
  moving: boolean;
}

type EdgeSocket = Parameters<Parameters<ClassroomServer['on']>[1]>[0] & { data: SocketData };

const NO_ANSWER: Reply<object> = {
  ok: false,
  error: { code: 'server', message: 'The room’s server did not answer; please try again.' },
};

export class Edge {
  private io: ClassroomServer | undefined;
  private watcher: NodeJS.Timeout | undefined;
  private watching = false;

  constructor(
    private readonly hub: ClassroomHub,
    private readonly node: string,
    private readonly log: Log,
    private readonly cluster: Cluster | undefined,
  ) {}

  attach(io: ClassroomServer): void {
    this.io = io;
    io.on('connection', (raw) => {
      const socket = raw as EdgeSocket;
      socket.data = {
        peer: new LocalPeer(socket),
        bucket: new TokenBucket(BURST, PER_SECOND),
        creations: new TokenBucket(5, 5 / 60),
        strikes: 0,
        link: undefined,
        moving: false,
      };
      socket.on('request', (payload: unknown, ack: unknown) => void this.onRequest(socket, payload, ack));
      socket.onAny((event: string, ...args: unknown[]) => {
        if (event === 'request') return;
        this.reply(socket, args.at(-1), {
          ok: false,
          error: { code: 'unknown-request', message: `There is no "${String(event).slice(0, 40)}" request.` },
        });
      });
      socket.on('disconnect', () => this.unlink(socket));
    });
    if (this.cluster) {
      this.watcher = setInterval(() => {
        if (this.watching) return;
        this.watching = true;
        this.watchOwners()
          .catch(() => undefined)
          .finally(() => {
            this.watching = false;
          });
      }, WATCH_EVERY_MS);
      this.watcher.unref();
    }
  }

  private reply(socket: EdgeSocket, ack: unknown, body: Reply<object>): void {
    if (typeof ack === 'function') ack(body);
    else if (!body.ok) socket.emit('problem', body);
  }

  private async onRequest(socket: EdgeSocket, payload: unknown, ack: unknown): Promise<void> {
    if (!socket.data.bucket.take()) {
      socket.data.strikes += 1;
      if (socket.data.strikes >= STRIKES_BEFORE_DISCONNECT) {
        socket.disconnect(true);
        return;
      }
      this.reply(socket, ack, {
        ok: false,
        error: { code: 'rate-limited', message: 'Too many requests at once; wait a moment.' },
      });
      return;
    }
    const parsed = parseRequest(payload);
    if (!parsed.ok) {
      const type =
        typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
      const unknown = typeof type === 'string' && !REQUEST_TYPES.has(type);
      this.reply(socket, ack, {
        ok: false,
        error: unknown
          ? { code: 'unknown-request', message: `There is no "${String(type).slice(0, 40)}" request.` }
          : { code: 'malformed', message: `That request is not well formed (${parsed.message}).` },
      });
      return;
    }
    this.reply(socket, ack, await this.dispatch(socket, parsed.request));
  }

  private async dispatch(socket: EdgeSocket, request: Request): Promise<Reply<object>> {
    const { peer } = socket.data;
    switch (request.type) {
      case 'scenarios':
        return this.hub.answer(peer, request);
      case 'create': {
        if (!socket.data.creations.take()) {
          return {
            ok: false,
            error: { code: 'rate-limited', message: 'Too many rooms created from here; wait a minute.' },
          };
        }
        const reply = await this.hub.answer(peer, request);
        if (reply.ok) {
          const { code, token } = reply as unknown as { code: string; token: string };
          this.link(socket, { code, node: this.node, attach: { type: 'host', code, token } });
        }
        return reply;
      }
      case 'join':
      case 'host':
      case 'watch': {
        const code = normaliseCode(request.code);
        if (!this.cluster || !isRoomCode(code)) {
          const reply = await this.hub.answer(peer, request);
          if (reply.ok) this.link(socket, { code, node: this.node, attach: attachOf(request, reply) });
          return reply;
        }
        return this.send(socket, code, request, await this.cluster.route(code));
      }
      default: {
        const link = socket.data.link;
        if (!this.cluster || !link) return this.hub.answer(peer, request);
        return this.send(socket, link.code, request, link.node);
      }
    }
  }

  /** One try at a node: answered here, or forwarded; `moved` when that node does not run the room. */
  private async tryAt(
    socket: EdgeSocket,
    node: string,
    code: string,
    request: Request,
  ): Promise<CallResult | undefined> {
    const { peer } = socket.data;
    if (node === this.node) {
      if (!isAttach(request) && peer.room?.code !== code) return { moved: true };
      return this.hub.answerInCluster(peer, request);
    }
    return this.cluster?.call(
      node,
      { socket: socket.id, address: peer.address, code, request },
      CALL_TIMEOUT_MS,
    );
  }

  /**
   * Sends a request for a room to the node that runs it. While the room moves (its owner died or left),
   * the request is retried at the new owner, after attaching the page there again.
   */
  private async send(
    socket: EdgeSocket,
    code: string,
    request: Request,
    first: string,
  ): Promise<Reply<object>> {
    const cluster = this.cluster as Cluster;
    const deadline = Date.now() + MOVE_DEADLINE_MS;
    let node = first;
    for (;;) {
      const attach = isAttach(request) ? request : socket.data.link?.attach;
      if (!attach) return this.hub.answer(socket.data.peer, request);
      const linkedThere = socket.data.link?.code === code && socket.data.link.node === node;
      let result: CallResult | undefined;
      if (isAttach(request) || linkedThere) {
        result = await this.tryAt(socket, node, code, request);
      } else {
        result = await this.tryAt(socket, node, code, attach);
        if (result && !('moved' in result) && result.ok) {
          this.link(socket, { code, node, attach: attachOf(attach, result) });
          result = await this.tryAt(socket, node, code, request);
        }
      }
      if (result && !('moved' in result)) {
        if (isAttach(request) && result.ok)
          this.link(socket, { code, node, attach: attachOf(request, result) });
        return result;
      }
      if (Date.now() > deadline) return NO_ANSWER;
      // Wherever the room turns out to be, the page is attached there again before its request.
      if (socket.data.link?.code === code) socket.data.link = { ...socket.data.link, node: '' };
      const next = await cluster.route(code);
      if (next === node && result) await new Promise((resolve) => setTimeout(resolve, 100));
      node = next;
    }
  }

  /** Records where the page is now, telling the node of the room it was in before that it left. */
  private link(socket: EdgeSocket, next: Link): void {
    const before = socket.data.link;
    socket.data.link = next;
    if (!before || before.code === next.code) return;
    if (before.node === this.node) {
      if (next.node !== this.node) this.hub.leave(socket.data.peer);
    } else if (before.node) this.cluster?.gone(before.node, socket.id);
  }

  private unlink(socket: EdgeSocket): void {
    const { link, peer } = socket.data;
    socket.data.link = undefined;
    this.hub.leave(peer);
    if (link?.node && link.node !== this.node) this.cluster?.gone(link.node, socket.id);
  }

  /**
   * Pages here in rooms whose owner changed (a dead node's lease ran out, a room handed over) are
   * attached to the new owner; a room nobody runs is claimed and restored here.
   */
  private async watchOwners(): Promise<void> {
    const cluster = this.cluster as Cluster;
    const byCode = new Map<string, EdgeSocket[]>();
    for (const raw of this.io?.of('/').sockets.values() ?? []) {
      const socket = raw as EdgeSocket;
      const code = socket.data.link?.code;
      if (!code) continue;
      const list = byCode.get(code) ?? [];
      list.push(socket);
      byCode.set(code, list);
    }
    const codes = [...byCode.keys()];
    const owners = await cluster.directory.owners(codes);
    for (const [i, code] of codes.entries()) {
      const owner = owners[i] ?? (await cluster.route(code));
      for (const socket of byCode.get(code) ?? []) {
        const link = socket.data.link;
        const stale = link?.node !== owner || (owner === this.node && socket.data.peer.room?.code !== code);
        if (link && stale && !socket.data.moving) void this.move(socket, link, owner);
      }
    }
  }

  private async move(socket: EdgeSocket, link: Link, owner: string): Promise<void> {
    socket.data.moving = true;
    try {
      const result = await this.send(socket, link.code, link.attach, owner);
      if (result.ok)
        this.log('page attached to the room’s new node', { room: link.code, node: owner, level: 'info' });
    } finally {
      socket.data.moving = false;
    }
  }

  close(): void {
    clearInterval(this.watcher);
  }
}

/** The request that attaches the page again: a new seat's token replaces none. */
function attachOf(request: Attach, reply: CallResult): Attach {
  if (request.type !== 'join') return request;
  const token = (reply as { token?: unknown }).token;
  return typeof token === 'string' ? { ...request, token } : request;
}
