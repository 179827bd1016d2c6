/**
 * A page's link to its room: one socket.io connection to the server that served the page, which sends
 * its join (or host, or watch) request again after every reconnection so a dropped phone gets its seat
 * and the full state back. Shared by the facilitator, projector and phone pages.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  ClientEvents,
  FacilitatorState,
  Progress,
  PublicState,
  Reply,
  Request,
  ServerEvents,
  YouState,
} from './protocol';

export interface RoomHandlers {
  state(state: PublicState): void;
  /** Vote counts as votes arrive (projector and facilitator only). */
  progress?(progress: Progress): void;
  you?(you: YouState): void;
  facilitator?(state: FacilitatorState): void;
  connection(online: boolean): void;
  /** The reply to the (re)attaching request: a new seat's token, or why the room is not there. */
  attached?(reply: Reply<Record<string, unknown>>): void;
}

/** The app's root: every classroom page sits one level below it (/classroom/..., /join/...). */
export function appRoot(): URL {
  return new URL('..', window.location.href);
}

const REQUEST_TIMEOUT_MS = 10_000;
const NO_ANSWER = {
  ok: false,
  error: { code: 'server', message: 'No answer from the server. Check the connection and try again.' },
} as const;

/**
 * Requests sent again when the connection drops before their answer comes: the server counts them
 * once however often they arrive (a vote it already holds is acknowledged as a duplicate). Anything else
 * (a facilitator's "reveal", "add time") is not repeated behind the user's back.
 */
const RESENT_AFTER_A_DROP: ReadonlySet<Request['type']> = new Set(['vote']);

/** A request's connection dropped before its answer came. */
const DROPPED = Symbol('dropped');

export interface ConnectionOptions {
  /** The server: by default the one that served the page. Scripted pages (tests, the benchmark) name it. */
  url?: string;
  /** socket.io client options over the pages' own (scripted pages reconnect faster, WebSocket only). */
  socket?: Partial<ManagerOptions & SocketOptions>;
}

export class RoomConnection {
  /** The page's socket. The pages use only this class's methods; scripted pages also listen on it. */
  readonly socket: Socket<ServerEvents, ClientEvents>;
  private latest: PublicState | undefined;
  /** Server clock minus this page's clock, from the last state. */
  private offset = 0;
  /** Settles once connected and attached to the room again: requests made meanwhile wait for it. */
  private attached: Promise<void> = Promise.resolve();
  private settleAttached: (() => void) | undefined;
  /** Before the first connection, requests are held by socket.io and sent as it connects. */
  private hasConnected = false;

  constructor(
    handlers: RoomHandlers,
    /** The request that (re)attaches this page to its room; undefined until there is one. */
    private readonly attach: () => Request | undefined,
    options: ConnectionOptions = {},
  ) {
    // WebSocket first: behind a load balancer without sticky sessions it is the transport that works;
    // long-polling remains the fallback for networks that block WebSockets.
    const settings: Partial<ManagerOptions & SocketOptions> = {
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      ...options.socket,
    };
    this.socket = options.url
      ? io(options.url, settings)
      : io({ path: `${appRoot().pathname}socket.io`, ...settings });
    this.socket.on('connect', () => {
      this.hasConnected = true;
      handlers.connection(true);
      const request = this.attach();
      if (!request) {
        this.attachedNow();
        return;
      }
      void this.send<Record<string, unknown>>(request).then((reply) => {
        // Dropped on the way: the page is not back yet, and the next connection attaches it anew.
        if (reply === DROPPED) return;
        this.attachedNow();
        handlers.attached?.(reply);
      });
    });
    this.socket.on('disconnect', () => {
      this.detached();
      handlers.connection(false);
    });
    this.socket.on('state', (state) => {
      if (this.latest && this.latest.code === state.code && state.version < this.latest.version) return;
      this.latest = state;
      this.offset = state.serverNow - Date.now();
      handlers.state(state);
    });
    this.socket.on('progress', (progress) => {
      if (this.latest && progress.version < this.latest.version) return;
      handlers.progress?.(progress);
    });
    this.socket.on('you', (you) => handlers.you?.(you));
    this.socket.on('facilitator', (state) => handlers.facilitator?.(state));
  }

  /** Milliseconds left before a server deadline, on this page's clock. */
  remaining(deadline: number): number {
    return Math.max(0, deadline - (Date.now() + this.offset));
  }

  /** Requests wait from now on until the page is attached again. */
  private detached(): void {
    if (!this.settleAttached) this.attached = new Promise((resolve) => (this.settleAttached = resolve));
  }

  private attachedNow(): void {
    this.settleAttached?.();
    this.settleAttached = undefined;
  }

  /**
   * Sends a request once the page is back in its room: one made while the connection is down would
   * otherwise reach the (perhaps different) server before the page's attaching request does. A vote
   * whose connection drops before its answer (its server died as it was sent) is sent again once the
   * page is back, so a tap at that moment still counts; the answer is NO_ANSWER after
   * REQUEST_TIMEOUT_MS in all.
   */
  async request<T extends object>(request: Request): Promise<Reply<T>> {
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    for (;;) {
      if (this.settleAttached && !(await this.attachedBy(deadline))) return NO_ANSWER;
      // Dropped since it was last attached (the drop came as the request was made): socket.io would
      // hold the request and send it ahead of the page's attaching request. It waits for that instead.
      if (this.hasConnected && !this.socket.connected) {
        this.detached();
        continue;
      }
      const reply = await this.send<T>(request, deadline);
      if (reply !== DROPPED) return reply;
      if (!RESENT_AFTER_A_DROP.has(request.type) || Date.now() >= deadline) return NO_ANSWER;
    }
  }

  /** Waits until the page is attached again; false when `deadline` comes first. */
  private async attachedBy(deadline: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadline - Date.now());
    });
    try {
      return await Promise.race([this.attached.then(() => true), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send<T extends object>(
    request: Request,
    deadline = Date.now() + REQUEST_TIMEOUT_MS,
  ): Promise<Reply<T> | typeof DROPPED> {
    try {
      return (await this.socket
        .timeout(Math.max(0, deadline - Date.now()))
        .emitWithAck('request', request)) as Reply<T>;
    } catch {
      // socket.io fails a pending answer at once when the connection drops, and after the timeout when
      // the server is only slow: the first can be retried, the second cannot be known to have failed.
      return this.socket.connected ? NO_ANSWER : DROPPED;
    }
  }
}

/** Tokens kept in this browser: a seat per room, and control of the rooms this browser created. */
export const tokens = {
  seat: (code: string): string | undefined => read(`good-terms:classroom:seat:${code}`),
  saveSeat: (code: string, token: string): void => write(`good-terms:classroom:seat:${code}`, token),
  host: (code: string): string | undefined => read(`good-terms:classroom:host:${code}`),
  saveHost: (code: string, token: string): void => write(`good-terms:classroom:host:${code}`, token),
  /** Rooms this browser can control, newest first. */
  hosted(): string[] {
    const codes: string[] = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i) ?? '';
        const match = /^good-terms:classroom:host:([A-Z0-9]+)$/.exec(key);
        if (match?.[1]) codes.push(match[1]);
      }
    } catch {
      return [];
    }
    return codes.reverse();
  },
};

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or a full disk: the seat lasts as long as the page instead.
  }
}
