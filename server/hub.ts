/**
 * The socket.io endpoint: who a connection is (facilitator, participant, observer or projector), what it
 * may ask, and what it is told. Every request arrives on one event and is acknowledged: checked by zod
 * (server/messages.ts), rate-limited per socket, refused with an error code and a sentence when it is
 * malformed, unknown, not allowed for the sender's role or not possible now. Rooms broadcast the public
 * state once per change to everyone in them; vote counts go only to the projector and the facilitator,
 * coalesced, so a class voting at once costs a few small messages, not one per vote per phone.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  ADD_TIME_MS,
  type FacilitatorAction,
  type Problem,
  type Reply,
  type Request,
  type Role,
  type ServerEvents,
  type YouState,
} from '../src/classroom/protocol';
import type { ScenarioBundle } from '../src/engine/runtime/types';
import { hashToken, isRoomCode, newToken, normaliseCode } from './codes';
import { exportSession, sessionCsv } from './export';
import { parseRequest } from './messages';
import { checkNickname, generateNickname } from './nicknames';
import { KeyedBuckets, TokenBucket } from './rateLimit';
import type { RoomEvent } from './room/machine';
import type { Clock, Room, RoomListener } from './room/room';
import { debriefOf, facilitatorState, progressOf, publicState, strongestOf, youState } from './room/views';
import { RoomCreationError, type Rooms } from './rooms';

/** How often vote counts go out while votes arrive (ms). */
export const PROGRESS_INTERVAL_MS = 150;
/** Requests per socket: a burst of 30, then 15 a second; a socket that keeps pushing is dropped. */
const BURST = 30;
const PER_SECOND = 15;
const STRIKES_BEFORE_DISCONNECT = 100;

interface SocketData {
  role: Role | undefined;
  room: Room | undefined;
  seat: string | undefined;
  observerReason: YouState['observerReason'];
  bucket: TokenBucket;
  creations: TokenBucket;
  strikes: number;
}

/** Incoming events as the server must treat them: anything may arrive, so nothing is typed yet. */
interface Incoming {
  request(payload: unknown, ack: unknown): void;
}
export type ClassroomServer = Server<Incoming, ServerEvents, Record<string, never>, SocketData>;
type ClassSocket = Socket<Incoming, ServerEvents, Record<string, never>, SocketData>;

class RequestError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}
const fail = (code: Problem['code'], message: string): never => {
  throw new RequestError({ code, message });
};

const PUBLIC = (code: string) => `public:${code}`;
const HOSTS = (code: string) => `hosts:${code}`;
const SEATS = (code: string) => `seats:${code}`;
/** Projectors and facilitators: the screens that show vote counts as they come in (phones do not). */
const SCREENS = (code: string) => `screens:${code}`;

const ACTION_WORDS: Record<FacilitatorAction, string> = {
  'open-vote': 'open a vote',
  'close-vote': 'close the vote',
  'add-time': 'add time',
  'skip-timer': 'skip the timer',
  pause: 'pause',
  resume: 'resume',
  reveal: 'reveal the vote',
  accept: 'accept the class choice',
  override: 'choose a reply',
  revote: 'start a re-vote',
  rewind: 'rewind',
  lock: 'lock the room',
  unlock: 'unlock the room',
  remove: 'remove that participant',
  end: 'end the session',
};

export interface HubOptions {
  rooms: () => Rooms;
  library: ReadonlyMap<string, ScenarioBundle>;
  joinUrl: (code: string) => string;
  clock: Clock;
  log: (message: string) => void;
  /** Storage refused a write (disk full, database gone). The server cannot keep its promise to store
   * before it tells anyone, so by default the process stops and a restart resumes from what was stored. */
  onStorageFailure: (error: unknown) => void;
}

export class ClassroomHub implements RoomListener {
  private io: ClassroomServer | undefined;
  private readonly pendingProgress = new Map<string, NodeJS.Timeout>();
  /** Wrong room codes per address: guessing codes from many sockets still runs out. */
  private readonly misses = new KeyedBuckets(20, 0.2);

  constructor(private readonly options: HubOptions) {}

  attach(io: ClassroomServer): void {
    this.io = io;
    io.on('connection', (socket) => {
      socket.data = {
        role: undefined,
        room: undefined,
        seat: undefined,
        observerReason: undefined,
        bucket: new TokenBucket(BURST, PER_SECOND),
        creations: new TokenBucket(5, 5 / 60),
        strikes: 0,
      };
      socket.on('request', (payload, ack) => void this.onRequest(socket, payload, ack));
      socket.onAny((event: string, ...args: unknown[]) => {
        if (event === 'request') return;
        this.reply(socket, args.at(-1), {
          ok: false,
          error: { code: 'unknown-request', message: `There is no "${String(event).slice(0, 40)}" request.` },
        });
      });
      socket.on('disconnect', () => this.onDisconnect(socket));
    });
  }

  private reply(socket: ClassSocket, ack: unknown, body: Reply<object>): void {
    if (typeof ack === 'function') ack(body);
    else if (!body.ok) socket.emit('problem', body);
  }

  private async onRequest(socket: ClassSocket, payload: unknown, ack: unknown): Promise<void> {
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
      const unknown =
        typeof payload === 'object' &&
        payload !== null &&
        typeof (payload as { type?: unknown }).type === 'string'
          ? !REQUEST_TYPES.has((payload as { type: string }).type)
          : false;
      this.reply(socket, ack, {
        ok: false,
        error: unknown
          ? {
              code: 'unknown-request',
              message: `There is no "${String((payload as { type: string }).type).slice(0, 40)}" request.`,
            }
          : { code: 'malformed', message: `That request is not well formed (${parsed.message}).` },
      });
      return;
    }
    try {
      const result = await this.handle(socket, parsed.request);
      this.reply(socket, ack, { ok: true, ...result });
    } catch (error) {
      if (error instanceof RequestError) {
        this.reply(socket, ack, { ok: false, error: error.problem });
        return;
      }
      this.options.log(
        `request ${parsed.request.type} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      this.reply(socket, ack, {
        ok: false,
        error: { code: 'server', message: 'Something went wrong on the server; please try again.' },
      });
    }
  }

  private async handle(socket: ClassSocket, request: Request): Promise<object> {
    switch (request.type) {
      case 'scenarios':
        return {
          scenarios: [...this.options.library.values()].map((b) => ({
            id: b.scenario.id,
            title: b.scenario.title,
            summary: b.scenario.summary,
            personaName: b.persona.name,
            estimatedMinutes: b.scenario.estimatedMinutes,
          })),
        };
      case 'create':
        return this.create(socket, request);
      case 'host':
        return this.host(socket, request.code, request.token);
      case 'watch': {
        const room = await this.findRoom(socket, request.code);
        this.enter(socket, room, 'projector', undefined);
        await this.sendState(socket, room);
        return {};
      }
      case 'join':
        return this.join(socket, request.code, request.token);
      case 'rename':
        return this.rename(socket, request.nickname);
      case 'vote':
        return this.vote(socket, request);
      case 'bundle': {
        const room = this.currentRoom(socket);
        return { bundle: room.play.bundle };
      }
      case 'export': {
        const room = this.hostedRoom(socket);
        const data = await exportSession(room);
        return request.format === 'json'
          ? { filename: `classroom-${room.code}.json`, text: JSON.stringify(data, null, 2) }
          : { filename: `classroom-${room.code}.csv`, text: sessionCsv(data) };
      }
      case 'command':
        return this.command(socket, request);
    }
  }

  private async findRoom(socket: ClassSocket, input: string): Promise<Room> {
    const code = normaliseCode(input);
    const room = isRoomCode(code) ? await this.options.rooms().find(code) : undefined;
    if (!room) {
      if (!this.misses.take(socket.handshake.address)) {
        fail('rate-limited', 'Too many wrong room codes from this device; wait a minute and check the code.');
      }
      fail('not-found', `There is no room ${code.slice(0, 8)}. Check the code on the projector.`);
    }
    return room as Room;
  }

  private currentRoom(socket: ClassSocket): Room {
    const { room } = socket.data;
    if (!room) return fail('forbidden', 'Join a room first.');
    return room;
  }

  private hostedRoom(socket: ClassSocket): Room {
    if (socket.data.role !== 'facilitator') fail('forbidden', 'Only the facilitator can do that.');
    return this.currentRoom(socket);
  }

  /** Puts a socket in a room with a role, leaving any room it was in. */
  private enter(socket: ClassSocket, room: Room, role: Role, seat: string | undefined): void {
    this.leave(socket);
    socket.data.role = role;
    socket.data.room = room;
    socket.data.seat = seat;
    void socket.join(PUBLIC(room.code));
    if (role === 'facilitator') void socket.join(HOSTS(room.code));
    if (role === 'facilitator' || role === 'projector') void socket.join(SCREENS(room.code));
    if (role === 'participant' && seat) {
      void socket.join(SEATS(room.code));
      room.connected(seat);
      this.scheduleProgress(room);
    }
  }

  private leave(socket: ClassSocket): void {
    const { room, role, seat } = socket.data;
    if (!room) return;
    for (const name of [PUBLIC(room.code), HOSTS(room.code), SEATS(room.code), SCREENS(room.code)]) {
      void socket.leave(name);
    }
    if (role === 'participant' && seat) {
      room.disconnected(seat);
      this.scheduleProgress(room);
    }
    socket.data.role = undefined;
    socket.data.room = undefined;
    socket.data.seat = undefined;
  }

  private onDisconnect(socket: ClassSocket): void {
    this.leave(socket);
  }

  private async create(socket: ClassSocket, request: Extract<Request, { type: 'create' }>): Promise<object> {
    if (!socket.data.creations.take())
      fail('rate-limited', 'Too many rooms created from here; wait a minute.');
    try {
      const { room, token } = await this.options.rooms().create({
        scenarioId: request.scenarioId,
        mode: request.mode,
        seed: request.seed,
        voteMs: request.voteSeconds * 1000,
      });
      this.enter(socket, room, 'facilitator', undefined);
      await this.sendState(socket, room);
      return { code: room.code, token };
    } catch (error) {
      if (error instanceof RoomCreationError) return fail('invalid', error.message);
      throw error;
    }
  }

  private async host(socket: ClassSocket, code: string, token: string): Promise<object> {
    const room = await this.findRoom(socket, code);
    const given = Buffer.from(hashToken(token));
    const stored = Buffer.from(room.record.hostTokenHash);
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
      fail('forbidden', 'That facilitator link is not valid for this room.');
    }
    this.enter(socket, room, 'facilitator', undefined);
    await this.sendState(socket, room);
    return {};
  }

  private async join(socket: ClassSocket, code: string, token: string | undefined): Promise<object> {
    const room = await this.findRoom(socket, code);
    const known = token ? room.seatOfToken(hashToken(token)) : undefined;
    if (known) {
      const removed = room.context.seats[known]?.removed;
      this.enter(socket, room, removed ? 'observer' : 'participant', removed ? undefined : known);
      socket.data.observerReason = removed ? 'removed' : undefined;
      await this.sendState(socket, room);
      return { token, role: removed ? 'observer' : 'participant' };
    }
    const fresh = newToken();
    const result = await room.submit((r, at): RoomEvent | undefined => {
      if (r.step === 'ended' || r.context.locked) return undefined;
      const taken = new Set(
        Object.values(r.context.seats)
          .filter((s) => !s.removed)
          .map((s) => s.nickname.toLocaleLowerCase('en')),
      );
      const seat = `s${Object.keys(r.context.seats).length + 1}`;
      return { type: 'join', seat, nickname: generateNickname(taken), tokenHash: hashToken(fresh), at };
    });
    if (result.ok && result.event.type === 'join') {
      this.enter(socket, room, 'participant', result.event.seat);
      socket.data.observerReason = undefined;
      await this.sendState(socket, room);
      return { token: fresh, role: 'participant' };
    }
    // Late joiners after the lock, anyone over the cap, and visitors to an ended session watch read-only.
    this.enter(socket, room, 'observer', undefined);
    socket.data.observerReason = room.context.locked ? 'locked' : room.step === 'ended' ? undefined : 'full';
    await this.sendState(socket, room);
    return { token: undefined, role: 'observer' };
  }

  private async rename(socket: ClassSocket, input: string): Promise<object> {
    if (socket.data.role !== 'participant' || !socket.data.seat)
      fail('forbidden', 'Only participants have a nickname.');
    const checked = checkNickname(input);
    if (!checked.ok) return fail('invalid', checked.reason);
    const room = this.currentRoom(socket);
    const seat = socket.data.seat as string;
    const result = await room.submit((r, at) =>
      r.context.seats[seat]?.nickname === checked.nickname
        ? undefined
        : { type: 'rename', seat, nickname: checked.nickname, at },
    );
    if (!result.ok && result.reason === 'refused') {
      fail(
        room.step === 'ended' ? 'not-now' : 'invalid',
        room.step === 'ended' ? 'The session has ended.' : 'Someone in the room already has that nickname.',
      );
    }
    socket.emit('you', youState(room, seat, undefined, undefined));
    return { nickname: checked.nickname };
  }

  private async vote(socket: ClassSocket, request: Extract<Request, { type: 'vote' }>): Promise<object> {
    if (socket.data.role !== 'participant' || !socket.data.seat) {
      fail(
        'forbidden',
        socket.data.role === 'observer'
          ? 'You are watching this session; you cannot vote.'
          : 'Join a room to vote.',
      );
    }
    const room = this.currentRoom(socket);
    const seat = socket.data.seat as string;
    let duplicate = false;
    const result = await room.submit((r, at) => {
      const ctx = r.context;
      duplicate =
        r.step === 'voting' &&
        request.turn === ctx.path.length + 1 &&
        request.round === ctx.round &&
        ctx.votes[seat] === request.choiceId;
      return duplicate ? undefined : { ...request, seat, at };
    });
    if (!result.ok && !duplicate) {
      const ctx = room.context;
      if (room.step !== 'voting') fail('not-now', 'The vote is closed.');
      if (request.turn !== ctx.path.length + 1 || request.round !== ctx.round) {
        fail('not-now', 'That vote was for an earlier round; vote again.');
      }
      if (ctx.deadline !== undefined && this.options.clock.now() >= ctx.deadline)
        fail('not-now', 'Time is up.');
      if (!room.play.offered(room.choices).includes(request.choiceId))
        fail('invalid', 'That reply is not on offer.');
      fail('forbidden', 'You are no longer seated in this room.');
    }
    return { vote: { turn: request.turn, round: request.round, choiceId: request.choiceId }, duplicate };
  }

  private async command(
    socket: ClassSocket,
    request: Extract<Request, { type: 'command' }>,
  ): Promise<object> {
    const room = this.hostedRoom(socket);
    const result = await room.submit((_r, at): RoomEvent => {
      switch (request.action) {
        case 'override':
          return { type: 'override', choiceId: request.choiceId, at };
        case 'rewind':
          return { type: 'rewind', turn: request.turn, at };
        case 'remove':
          return { type: 'remove', seat: request.seat, at };
        case 'add-time':
          return { type: 'add-time', ms: ADD_TIME_MS, at };
        default:
          return { type: request.action, at };
      }
    });
    if (!result.ok) {
      const phase = room.step === 'pending' || room.step === 'decided' ? 'revealed' : room.step;
      fail('not-now', `You cannot ${ACTION_WORDS[request.action]} now (the room is ${phase}).`);
    }
    return {};
  }

  /** The full current state for one socket: sent on every (re)connection. */
  private async sendState(socket: ClassSocket, room: Room): Promise<void> {
    const debrief = room.step === 'ended' ? await this.debrief(room) : undefined;
    socket.emit(
      'state',
      publicState(room, this.options.joinUrl(room.code), this.options.clock.now(), debrief),
    );
    if (socket.data.role === 'facilitator')
      socket.emit('facilitator', facilitatorState(room, this.observers(room)));
    if (socket.data.role === 'participant' || socket.data.role === 'observer') {
      const strongest = room.step === 'ended' ? await this.strongest(room) : undefined;
      socket.emit('you', youState(room, socket.data.seat, socket.data.observerReason, strongest));
    }
  }

  private async strongest(room: Room): Promise<(turn: number) => string[]> {
    const byTurn = new Map<number, string[]>();
    for (const decision of room.context.path)
      byTurn.set(decision.turn, strongestOf(await room.outlookAt(decision.turn)));
    return (turn) => byTurn.get(turn) ?? [];
  }

  private async debrief(room: Room) {
    return debriefOf(room, await this.strongest(room));
  }

  private observers(room: Room): number {
    const sockets = this.io?.sockets.adapter.rooms.get(PUBLIC(room.code));
    if (!sockets || !this.io) return 0;
    let count = 0;
    for (const id of sockets) {
      if (this.io.sockets.sockets.get(id)?.data.role === 'observer') count += 1;
    }
    return count;
  }

  // RoomListener: called after an event is stored and applied.
  changed(room: Room, event: RoomEvent): void {
    switch (event.type) {
      case 'vote':
      case 'join':
      case 'rename':
        this.scheduleProgress(room);
        return;
      case 'remove':
        this.unseat(room, event.seat);
        break;
    }
    this.flushProgress(room);
    void this.broadcast(room);
  }

  failed(room: Room, error: unknown): void {
    this.options.log(
      `room ${room.code}: storage refused a write: ${error instanceof Error ? error.message : String(error)}`,
    );
    this.options.onStorageFailure(error);
  }

  outlookReady(room: Room): void {
    this.io?.to(HOSTS(room.code)).emit('facilitator', facilitatorState(room, this.observers(room)));
  }

  private async broadcast(room: Room): Promise<void> {
    if (!this.io) return;
    const ended = room.step === 'ended';
    const debrief = ended ? await this.debrief(room) : undefined;
    this.io
      .to(PUBLIC(room.code))
      .emit('state', publicState(room, this.options.joinUrl(room.code), this.options.clock.now(), debrief));
    this.io.to(HOSTS(room.code)).emit('facilitator', facilitatorState(room, this.observers(room)));
    if (ended) {
      // Each participant's own picks next to the class's: private, so one message per seat, once.
      const strongest = await this.strongest(room);
      for (const id of this.io.sockets.adapter.rooms.get(SEATS(room.code)) ?? []) {
        const socket = this.io.sockets.sockets.get(id);
        if (socket) socket.emit('you', youState(room, socket.data.seat, undefined, strongest));
      }
    }
  }

  private unseat(room: Room, seat: string): void {
    if (!this.io) return;
    for (const id of this.io.sockets.adapter.rooms.get(SEATS(room.code)) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      if (!socket || socket.data.seat !== seat) continue;
      void socket.leave(SEATS(room.code));
      room.disconnected(seat);
      socket.data.role = 'observer';
      socket.data.seat = undefined;
      socket.data.observerReason = 'removed';
      socket.emit('you', youState(room, seat, 'removed', undefined));
    }
  }

  private scheduleProgress(room: Room): void {
    if (this.pendingProgress.has(room.code)) return;
    this.pendingProgress.set(
      room.code,
      setTimeout(() => this.flushProgress(room), PROGRESS_INTERVAL_MS),
    );
  }

  private flushProgress(room: Room): void {
    clearTimeout(this.pendingProgress.get(room.code));
    this.pendingProgress.delete(room.code);
    if (!this.io) return;
    this.io.to(SCREENS(room.code)).emit('progress', progressOf(room));
    this.io.to(HOSTS(room.code)).emit('facilitator', facilitatorState(room, this.observers(room)));
  }

  /** Whether any page has the room open (a phone, the projector, the facilitator). */
  isWatched(room: Room): boolean {
    return (this.io?.sockets.adapter.rooms.get(PUBLIC(room.code))?.size ?? 0) > 0;
  }

  close(): void {
    for (const timer of this.pendingProgress.values()) clearTimeout(timer);
    this.pendingProgress.clear();
  }
}

const REQUEST_TYPES = new Set<string>([
  'scenarios',
  'create',
  'host',
  'watch',
  'join',
  'rename',
  'vote',
  'bundle',
  'export',
  'command',
]);
