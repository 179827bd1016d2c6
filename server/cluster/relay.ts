/**
 * Messages between nodes over Redis pub/sub. A page's request for a room another node runs is sent to
 * that node as a call and its reply comes back the same way (the reply is sent only after the owner has
 * stored the event, so an acknowledgement still means stored). A node also says when one of its pages is
 * gone, and announces rooms it hands over at shutdown so another node takes them at once.
 */
import { randomUUID } from 'node:crypto';
import type { Reply, Request } from '../../src/classroom/protocol';
import type { Redis } from './redis';

export interface Call {
  socket: string;
  address: string;
  /** The room the request is for: the owner answers `moved` when it does not run that room. */
  code: string;
  request: Request;
}

export type CallResult = Reply<object> | { moved: true };

/** A request that attaches a page to a room (any other is for the room the page is attached to). */
export type Attach = Extract<Request, { type: 'join' | 'host' | 'watch' }>;
export const isAttach = (request: Request): request is Attach =>
  request.type === 'join' || request.type === 'host' || request.type === 'watch';

type Message =
  | { t: 'call'; id: string; from: string; call: Call }
  | { t: 'reply'; id: string; result: CallResult }
  | { t: 'gone'; from: string; socket: string };

export interface RelayHandlers {
  call(from: string, call: Call): Promise<CallResult>;
  gone(from: string, socket: string): void;
  released(code: string, by: string): void;
}

const channel = (node: string) => `good-terms:relay:${node}`;
const RELEASED = 'good-terms:released';

export class Relay {
  private readonly waiting = new Map<string, (result: CallResult) => void>();

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    readonly node: string,
  ) {}

  /** Both connections are up: calls can go out and their replies (on the subscriber) can come back. */
  get ready(): boolean {
    return this.redis.isReady && this.subscriber.isReady;
  }

  static async start(redis: Redis, node: string, handlers: RelayHandlers): Promise<Relay> {
    const subscriber = redis.duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    const relay = new Relay(redis, subscriber, node);
    await subscriber.subscribe(channel(node), (raw) => relay.receive(JSON.parse(raw) as Message, handlers));
    await subscriber.subscribe(RELEASED, (raw) => {
      const { code, by } = JSON.parse(raw) as { code: string; by: string };
      if (by !== node) handlers.released(code, by);
    });
    return relay;
  }

  private receive(message: Message, handlers: RelayHandlers): void {
    switch (message.t) {
      case 'call':
        void handlers
          .call(message.from, message.call)
          .then((result) => this.send(message.from, { t: 'reply', id: message.id, result }));
        return;
      case 'reply':
        this.waiting.get(message.id)?.(message.result);
        this.waiting.delete(message.id);
        return;
      case 'gone':
        handlers.gone(message.from, message.socket);
        return;
    }
  }

  private send(node: string, message: Message): void {
    this.redis.publish(channel(node), JSON.stringify(message)).catch(() => undefined);
  }

  /** Calls the node; undefined when no reply came within `timeoutMs` (the node may be dead). */
  call(node: string, call: Call, timeoutMs: number): Promise<CallResult | undefined> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.send(node, { t: 'call', id, from: this.node, call });
    });
  }

  gone(node: string, socket: string): void {
    this.send(node, { t: 'gone', from: this.node, socket });
  }

  async released(code: string): Promise<void> {
    await this.redis.publish(RELEASED, JSON.stringify({ code, by: this.node }));
  }

  async close(): Promise<void> {
    await this.subscriber.disconnect().catch(() => undefined);
  }
}
