/**
 * A scripted classroom page for tests and the benchmark: the pages' own RoomConnection (rejoin after every
 * reconnection, requests held until the page is back in its room, a vote sent again when its connection
 * drops), with the latest of everything the server pushed kept, so a test waits on state instead of
 * sleeping.
 */
import type { Socket } from 'socket.io-client';
import { RoomConnection } from '../../src/classroom/connection';
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
  private readonly connection: RoomConnection;
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

  constructor(url: string) {
    /** Keeps the latest push of one kind and wakes the waiters. */
    const keep =
      <K extends 'state' | 'progress' | 'you' | 'host'>(key: K) =>
      (value: this[K]): void => {
        this[key] = value;
        this.notify();
      };
    this.connection = new RoomConnection(
      {
        state: keep('state'),
        progress: keep('progress'),
        you: keep('you'),
        facilitator: keep('host'),
        connection: (online) => {
          if (online) this.connects += 1;
          this.notify();
        },
        attached: (reply) => {
          if (reply.ok && this.connects > 1) this.rejoined += 1;
          this.notify();
        },
      },
      // The first connection attaches nothing: a test joins, hosts or watches by request.
      () => (this.connects > 1 ? this.rejoin : undefined),
      {
        url,
        socket: {
          transports: ['websocket'],
          tryAllTransports: false,
          forceNew: true,
          reconnectionDelay: 50,
          reconnectionDelayMax: 250,
        },
      },
    );
    this.socket.on('problem', (reply) => {
      this.problems.push(reply);
      this.notify();
    });
  }

  get socket(): Socket<ServerEvents, ClientEvents> {
    return this.connection.socket;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** As a page sends it (held while reconnecting); also what no page would send, for the security tests. */
  // biome-ignore lint/suspicious/noExplicitAny: replies carry request-specific fields.
  request(request: Request | Record<string, unknown>): Promise<Reply<any>> {
    return this.connection.request(request as Request);
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
