/**
 * A scripted classroom page for tests and the benchmark: a socket.io client that keeps the latest of
 * everything the server pushed, rejoins with its token after every reconnection (as the real pages do),
 * and lets a test wait on state instead of sleeping.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientEvents,
  FacilitatorState,
  Progress,
  PublicState,
  Reply,
  Request,
  ServerEvents,
  YouState,
} from '../../src/classroom/protocol';

export type Rejoin =
  | { type: 'join'; code: string; token?: string }
  | { type: 'host'; code: string; token: string }
  | { type: 'watch'; code: string };

export class ClassClient {
  readonly socket: Socket<ServerEvents, ClientEvents>;
  state: PublicState | undefined;
  you: YouState | undefined;
  host: FacilitatorState | undefined;
  progress: Progress | undefined;
  problems: Reply[] = [];
  /** What to send after a reconnection to get the seat (or control) back. */
  rejoin: Rejoin | undefined;
  connects = 0;
  /** Successful rejoins after reconnections. */
  rejoined = 0;
  private readonly waiters = new Set<() => void>();
  /** Settles once the socket is connected and, after a reconnection, rejoined (as the pages do). */
  private attached: Promise<void> = Promise.resolve();
  private settleAttached: (() => void) | undefined;

  constructor(url: string, options: { autoConnect?: boolean } = {}) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
      autoConnect: options.autoConnect ?? true,
    });
    this.socket.on('connect', () => {
      this.connects += 1;
      // A rejoin cut short by another drop is sent again on the next connection.
      if (this.connects > 1 && this.rejoin) {
        this.send(this.rejoin)
          .then((reply) => {
            if (reply.ok) this.rejoined += 1;
            this.attachedNow();
            this.notify();
          })
          .catch(() => undefined);
      } else this.attachedNow();
      this.notify();
    });
    this.socket.on('disconnect', () => {
      if (!this.settleAttached) this.attached = new Promise((resolve) => (this.settleAttached = resolve));
      this.notify();
    });
    this.socket.on('state', (state) => {
      if (!this.state || state.version >= this.state.version || state.code !== this.state.code)
        this.state = state;
      this.notify();
    });
    this.socket.on('you', (you) => {
      this.you = you;
      this.notify();
    });
    this.socket.on('facilitator', (host) => {
      this.host = host;
      this.notify();
    });
    this.socket.on('progress', (progress) => {
      this.progress = progress;
      this.notify();
    });
    this.socket.on('problem', (reply) => {
      this.problems.push(reply);
      this.notify();
    });
  }

  private attachedNow(): void {
    this.settleAttached?.();
    this.settleAttached = undefined;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: replies carry request-specific fields.
  async request(request: Request | Record<string, unknown>): Promise<Reply<any>> {
    // Like the pages: a request made while the connection is down waits until the page is back in its
    // room, so it never reaches a server before the rejoin does.
    await this.attached;
    return this.send(request);
  }

  // biome-ignore lint/suspicious/noExplicitAny: replies carry request-specific fields.
  private send(request: Request | Record<string, unknown>): Promise<Reply<any>> {
    return this.socket.timeout(15_000).emitWithAck('request', request as Request);
  }

  /** Sends a request that must succeed; returns its reply. */
  // biome-ignore lint/suspicious/noExplicitAny: replies carry request-specific fields.
  async ok(request: Request): Promise<any> {
    const reply = await this.request(request);
    if (!reply.ok)
      throw new Error(`${JSON.stringify(request)} failed: ${reply.error.code} ${reply.error.message}`);
    return reply;
  }

  async join(code: string, token?: string): Promise<string | undefined> {
    const reply = await this.ok({ type: 'join', code, token });
    this.rejoin = { type: 'join', code, token: reply.token };
    await this.until(() => this.you !== undefined && this.state?.code === code, 'own seat after joining');
    return reply.token;
  }

  /** Resolves when `check` holds after any push from the server; rejects with `what` after `ms`. */
  until(check: (client: this) => boolean, what: string, ms = 20_000): Promise<void> {
    if (check(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const waiter = (): void => {
        if (!check(this)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
    });
  }

  /** The socket without the protocol's types, for sending what no page would. */
  get raw(): Socket {
    return this.socket as unknown as Socket;
  }

  close(): void {
    this.socket.close();
  }
}
