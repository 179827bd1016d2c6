/**
 * The rooms' side of the classroom: who a page is in a room (facilitator, participant, observer or
 * projector), what it may ask, and what it is told. Requests arrive checked and rate-limited by the edge
 * (server/edge.ts), from a page on this node or forwarded from another node, and are answered with a
 * reply or an error code and a sentence when they are not allowed for the sender's role or not possible
 * now. Rooms broadcast the public state once per change to everyone in them; vote counts go only to the
 * projector and the facilitator, coalesced, so a class voting at once costs a few small messages, not one
 * per vote per phone. Pages are Peers, so a page on another node is served exactly like a local one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'socket.io';
import {
  ADD_TIME_MS,
  type FacilitatorAction,
  type Problem,
  type Reply,
  type Request,
  type Role,
  type ServerEvents,
} from '../src/classroom/protocol';
import type { ScenarioBundle } from '../src/engine/runtime/types';
import { hashToken, isRoomCode, newToken, normaliseCode } from './codes';
import { exportSession, sessionCsv } from './export';
import type { Log } from './log';
import { checkNickname, generateNickname } from './nicknames';
import type { Peer } from './peer';
import { KeyedBuckets } from './rateLimit';
import type { RoomEvent } from './room/machine';
import type { Clock, Room, RoomListener, RoomState } from './room/room';
import { debriefOf, facilitatorState, progressOf, publicState, strongestOf, youState } from './room/views';
import { RoomCreationError, type Rooms } from './rooms';
import { LogConflictError } from './storage/storage';

/** How often vote counts go out while votes arrive (ms). */
export const PROGRESS_INTERVAL_MS = 150;
/** Incoming events as the server must treat them: anything may arrive, so nothing is typed yet. */
interface Incoming {
  request(payload: unknown, ack: unknown): void;
}
export type ClassroomServer = Server<Incoming, ServerEvents>;

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

const SERVER_PROBLEM: Reply<object> = {
  ok: false,
  error: { code: 'server', message: 'Something went wrong on the server; please try again.' },
};

export interface HubOptions {
  rooms: () => Rooms;
  library: ReadonlyMap<string, ScenarioBundle>;
  joinUrl: (code: string) => string;
  clock: Clock;
  log: Log;
  /** Another node took a room over: this node's copy is let go (its lease is released). */
  onRoomLost?: (code: string) => void;
  /** A page was let go with its room (see drop): a page on another node is forgotten. */
  onPeerDropped?: (peer: Peer) => void;
  /** Storage refused a write (disk full, database gone). The server cannot keep its promise to store
   * before it tells anyone, so by default the process stops and a restart resumes from what was stored. */
  onStorageFailure: (error: unknown) => void;
}

export class ClassroomHub implements RoomListener {
  private io: ClassroomServer | undefined;
  private readonly pendingProgress = new Map<string, NodeJS.Timeout>();
  /** Wrong room codes per address: guessing codes from many sockets still runs out. */
  private readonly misses = new KeyedBuckets(20, 0.2);
  /** The pages in each room, on this node and others. */
  private readonly members = new Map<string, Set<Peer>>();

  constructor(private readonly options: HubOptions) {}

  attach(io: ClassroomServer): void {
    this.io = io;
  }

  /** Answers one checked request from a page: a reply, or a problem with a code and a sentence. */
  async answer(peer: Peer, request: Request): Promise<Reply<object>> {
    const answered = await this.answerInCluster(peer, request);
    return 'moved' in answered ? SERVER_PROBLEM : answered;
  }

  /**
   * As `answer`, for a node of a cluster: a request whose write met another node's (that node took the
   * room over, and this copy is let go) is answered `moved`, so the page's node sends it to the room's
   * owner. Nothing of it was stored, so sending it again counts it once.
   */
  async answerInCluster(peer: Peer, request: Request): Promise<Reply<object> | { moved: true }> {
    try {
      return { ok: true, ...(await this.handle(peer, request)) };
    } catch (error) {
      if (error instanceof RequestError) return { ok: false, error: error.problem };
      if (error instanceof LogConflictError) return { moved: true };
      this.options.log(
        `request ${request.type} failed: ${error instanceof Error ? error.stack : String(error)}`,
        {
          level: 'error',
          room: peer.room?.code,
        },
      );
      return SERVER_PROBLEM;
    }
  }

  private async handle(peer: Peer, request: Request): Promise<object> {
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
        return this.create(peer, request);
      case 'host':
        return this.host(peer, request.code, request.token);
      case 'watch': {
        const room = await this.findRoom(peer, request.code);
        this.enter(peer, room, 'projector', undefined);
        await this.sendState(peer, room);
        return {};
      }
      case 'join':
        return this.join(peer, request.code, request.token);
      case 'rename':
        return this.rename(peer, request.nickname);
      case 'vote':
        return this.vote(peer, request);
      case 'bundle': {
        const room = this.currentRoom(peer);
        return { bundle: room.play.bundle };
      }
      case 'export': {
        const room = this.hostedRoom(peer);
        const data = await exportSession(room);
        return request.format === 'json'
          ? { filename: `classroom-${room.code}.json`, text: JSON.stringify(data, null, 2) }
          : { filename: `classroom-${room.code}.csv`, text: sessionCsv(data) };
      }
      case 'command':
        return this.command(peer, request);
    }
  }

  private async findRoom(peer: Peer, input: string): Promise<Room> {
    const code = normaliseCode(input);
    const room = isRoomCode(code) ? await this.options.rooms().find(code) : undefined;
    if (!room) {
      if (!this.misses.take(peer.address)) {
        fail('rate-limited', 'Too many wrong room codes from this device; wait a minute and check the code.');
      }
      fail('not-found', `There is no room ${code.slice(0, 8)}. Check the code on the projector.`);
    }
    return room as Room;
  }

  private currentRoom(peer: Peer): Room {
    const { room } = peer;
    if (!room) return fail('forbidden', 'Join a room first.');
    return room;
  }

  private hostedRoom(peer: Peer): Room {
    if (peer.role !== 'facilitator') fail('forbidden', 'Only the facilitator can do that.');
    return this.currentRoom(peer);
  }

  /** Puts a page in a room with a role, leaving any room it was in. */
  private enter(peer: Peer, room: Room, role: Role, seat: string | undefined): void {
    this.leave(peer);
    let members = this.members.get(room.code);
    if (!members) {
      members = new Set();
      this.members.set(room.code, members);
    }
    members.add(peer);
    peer.role = role;
    peer.room = room;
    peer.seat = seat;
    peer.join(PUBLIC(room.code));
    if (role === 'facilitator') peer.join(HOSTS(room.code));
    if (role === 'facilitator' || role === 'projector') peer.join(SCREENS(room.code));
    if (role === 'participant' && seat) {
      room.connected(seat);
      this.scheduleProgress(room);
    }
  }

  /** Takes a page out of its room: it left, it joined another, or its socket is gone. */
  leave(peer: Peer): void {
    const { room, role, seat } = peer;
    if (!room) return;
    const members = this.members.get(room.code);
    members?.delete(peer);
    if (members?.size === 0) this.members.delete(room.code);
    peer.leave(PUBLIC(room.code));
    if (role === 'facilitator') peer.leave(HOSTS(room.code));
    if (role === 'facilitator' || role === 'projector') peer.leave(SCREENS(room.code));
    if (role === 'participant' && seat) {
      room.disconnected(seat);
      this.scheduleProgress(room);
    }
    peer.role = undefined;
    peer.room = undefined;
    peer.seat = undefined;
  }

  private async create(peer: Peer, request: Extract<Request, { type: 'create' }>): Promise<object> {
    try {
      const { room, token } = await this.options.rooms().create({
        scenarioId: request.scenarioId,
        mode: request.mode,
        seed: request.seed,
        voteMs: request.voteSeconds * 1000,
      });
      this.enter(peer, room, 'facilitator', undefined);
      await this.sendState(peer, room);
      return { code: room.code, token };
    } catch (error) {
      if (error instanceof RoomCreationError) return fail('invalid', error.message);
      throw error;
    }
  }

  private async host(peer: Peer, code: string, token: string): Promise<object> {
    const room = await this.findRoom(peer, code);
    const given = Buffer.from(hashToken(token));
    const stored = Buffer.from(room.record.hostTokenHash);
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
      fail('forbidden', 'That facilitator link is not valid for this room.');
    }
    this.enter(peer, room, 'facilitator', undefined);
    await this.sendState(peer, room);
    return {};
  }

  private async join(peer: Peer, code: string, token: string | undefined): Promise<object> {
    const room = await this.findRoom(peer, code);
    const known = token ? room.seatOfToken(hashToken(token)) : undefined;
    if (known) {
      const removed = room.context.seats[known]?.removed;
      this.enter(peer, room, removed ? 'observer' : 'participant', removed ? undefined : known);
      peer.observerReason = removed ? 'removed' : undefined;
      await this.sendState(peer, room);
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
      this.enter(peer, room, 'participant', result.event.seat);
      peer.observerReason = undefined;
      await this.sendState(peer, room);
      return { token: fresh, role: 'participant' };
    }
    // Late joiners after the lock, anyone over the cap, and visitors to an ended session watch read-only.
    this.enter(peer, room, 'observer', undefined);
    peer.observerReason = room.context.locked ? 'locked' : room.step === 'ended' ? undefined : 'full';
    await this.sendState(peer, room);
    return { token: undefined, role: 'observer' };
  }

  private async rename(peer: Peer, input: string): Promise<object> {
    if (peer.role !== 'participant' || !peer.seat) fail('forbidden', 'Only participants have a nickname.');
    const checked = checkNickname(input);
    if (!checked.ok) return fail('invalid', checked.reason);
    const room = this.currentRoom(peer);
    const seat = peer.seat as string;
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
    peer.emit('you', youState(room, seat, undefined, undefined));
    return { nickname: checked.nickname };
  }

  private async vote(peer: Peer, request: Extract<Request, { type: 'vote' }>): Promise<object> {
    if (peer.role !== 'participant' || !peer.seat) {
      fail(
        'forbidden',
        peer.role === 'observer' ? 'You are watching this session; you cannot vote.' : 'Join a room to vote.',
      );
    }
    const room = this.currentRoom(peer);
    const seat = peer.seat as string;
    let duplicate = false;
    // The room the vote was decided against (every accepted event applied, stored or not): a refusal is
    // explained from it, not from the room as last stored, which may not show "everyone has voted" yet.
    let decidedOn: RoomState | undefined;
    const result = await room.submit((r, at) => {
      decidedOn = r;
      const ctx = r.context;
      duplicate =
        r.step === 'voting' &&
        request.turn === ctx.path.length + 1 &&
        request.round === ctx.round &&
        ctx.votes[seat] === request.choiceId;
      return duplicate ? undefined : { ...request, seat, at };
    });
    if (!result.ok && !duplicate) {
      const seen = decidedOn ?? room;
      const ctx = seen.context;
      if (seen.step !== 'voting') fail('not-now', 'The vote is closed.');
      if (request.turn !== ctx.path.length + 1 || request.round !== ctx.round) {
        fail('not-now', 'That vote was for an earlier round; vote again.');
      }
      if (ctx.deadline !== undefined && this.options.clock.now() >= ctx.deadline)
        fail('not-now', 'Time is up.');
      if (!room.play.offered(seen.choices).includes(request.choiceId))
        fail('invalid', 'That reply is not on offer.');
      fail('forbidden', 'You are no longer seated in this room.');
    }
    return { vote: { turn: request.turn, round: request.round, choiceId: request.choiceId }, duplicate };
  }

  private async command(peer: Peer, request: Extract<Request, { type: 'command' }>): Promise<object> {
    const room = this.hostedRoom(peer);
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
  private async sendState(peer: Peer, room: Room): Promise<void> {
    const debrief = room.step === 'ended' ? await this.debrief(room) : undefined;
    peer.emit('state', publicState(room, this.options.joinUrl(room.code), this.options.clock.now(), debrief));
    if (peer.role === 'facilitator') peer.emit('facilitator', facilitatorState(room, this.observers(room)));
    if (peer.role === 'participant' || peer.role === 'observer') {
      const strongest = room.step === 'ended' ? await this.strongest(room) : undefined;
      peer.emit('you', youState(room, peer.seat, peer.observerReason, strongest));
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

  private peersIn(room: Room): Peer[] {
    return [...(this.members.get(room.code) ?? [])];
  }

  private observers(room: Room): number {
    return this.peersIn(room).filter((peer) => peer.role === 'observer').length;
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
    if (error instanceof LogConflictError) {
      // Not a storage failure: another node owns the room now and wrote to its log. Let this copy go.
      this.options.log('another node has taken the room over; letting this copy go', { room: room.code });
      this.drop(room.code);
      this.options.onRoomLost?.(room.code);
      return;
    }
    this.options.log(`storage refused a write: ${error instanceof Error ? error.message : String(error)}`, {
      level: 'error',
      room: room.code,
    });
    this.options.onStorageFailure(error);
  }

  /**
   * Lets go of a room this node no longer owns (its lease went to another node, or it is handed over at
   * shutdown): the copy stops, and its pages are forgotten here; their nodes attach them to the new owner.
   */
  drop(code: string): void {
    clearTimeout(this.pendingProgress.get(code));
    this.pendingProgress.delete(code);
    for (const peer of this.members.get(code) ?? []) {
      peer.role = undefined;
      peer.room = undefined;
      peer.seat = undefined;
      this.options.onPeerDropped?.(peer);
    }
    this.members.delete(code);
    this.options.rooms().drop(code);
  }

  /** Sends every page of every room here its full state again (after the link between nodes was down). */
  async resend(): Promise<void> {
    for (const room of this.options.rooms().all()) {
      for (const peer of this.peersIn(room)) await this.sendState(peer, room);
    }
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
      for (const peer of this.peersIn(room)) {
        if (peer.role === 'participant') peer.emit('you', youState(room, peer.seat, undefined, strongest));
      }
    }
  }

  private unseat(room: Room, seat: string): void {
    for (const peer of this.peersIn(room)) {
      if (peer.role !== 'participant' || peer.seat !== seat) continue;
      room.disconnected(seat);
      peer.role = 'observer';
      peer.seat = undefined;
      peer.observerReason = 'removed';
      peer.emit('you', youState(room, seat, 'removed', undefined));
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
    return (this.members.get(room.code)?.size ?? 0) > 0;
  }

  close(): void {
    for (const timer of this.pendingProgress.values()) clearTimeout(timer);
    this.pendingProgress.clear();
  }
}
