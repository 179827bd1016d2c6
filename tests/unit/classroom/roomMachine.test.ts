import { describe, expect, it } from 'vitest';
import { type Actor, createActor } from 'xstate';
import {
  accepts,
  type ConversationRules,
  createRoomMachine,
  type RoomEvent,
  type RoomMachine,
  type Step,
  stepOf,
} from '../../../server/room/machine';

/** Three replies a turn; the conversation ends after three decisions. */
const rules: ConversationRules = { offered: (choices) => (choices.length >= 3 ? [] : ['a', 'b', 'c']) };
const VOTE_MS = 30_000;

type Sendable = RoomEvent extends infer E ? (E extends RoomEvent ? Omit<E, 'at'> : never) : never;

class Room {
  readonly actor: Actor<RoomMachine>;
  readonly accepted: RoomEvent[] = [];
  now = 1_000;

  constructor() {
    this.actor = createActor(createRoomMachine(rules), { input: { voteMs: VOTE_MS } });
    this.actor.start();
  }

  get ctx() {
    return this.actor.getSnapshot().context;
  }

  get step(): Step {
    return stepOf(this.actor.getSnapshot());
  }

  /** Sends an event the way the server does: only when the machine accepts it. Returns whether it did. */
  send(event: Sendable, at?: number): boolean {
    this.now = at ?? this.now + 10;
    const timed = { ...event, at: this.now } as RoomEvent;
    if (!accepts(this.actor.getSnapshot(), timed)) return false;
    this.accepted.push(timed);
    this.actor.send(timed);
    return true;
  }

  seat(n: number): void {
    for (let i = 1; i <= n; i++) {
      expect(this.send({ type: 'join', seat: `s${i}`, nickname: `Player ${i}`, tokenHash: `h${i}` })).toBe(
        true,
      );
    }
  }
}

/** A room with three seats, taken to a phase; all but the lobby are on turn 2 (one decision behind them). */
function roomAt(step: Step): Room {
  const room = new Room();
  room.seat(3);
  if (step === 'lobby') return room;
  room.send({ type: 'open-vote' });
  room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' });
  room.send({ type: 'close-vote' });
  room.send({ type: 'reveal' });
  room.send({ type: 'accept' });
  if (step === 'decided') return room;
  if (step === 'ended') {
    room.send({ type: 'end' });
    return room;
  }
  room.send({ type: 'open-vote' });
  room.send({ type: 'vote', seat: 's2', turn: 2, round: 1, choiceId: 'b' });
  if (step === 'voting') return room;
  if (step === 'paused') {
    room.send({ type: 'pause' });
    return room;
  }
  room.send({ type: 'close-vote' });
  if (step === 'closed') return room;
  room.send({ type: 'reveal' });
  return room;
}

const COMMANDS: Record<string, Sendable> = {
  'open-vote': { type: 'open-vote' },
  'close-vote': { type: 'close-vote' },
  'add-time': { type: 'add-time', ms: 15_000 },
  'skip-timer': { type: 'skip-timer' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  reveal: { type: 'reveal' },
  accept: { type: 'accept' },
  override: { type: 'override', choiceId: 'c' },
  revote: { type: 'revote' },
  rewind: { type: 'rewind', turn: 1 },
  lock: { type: 'lock' },
  unlock: { type: 'unlock' },
  remove: { type: 'remove', seat: 's3' },
  end: { type: 'end' },
};

const STEPS: Step[] = ['lobby', 'voting', 'closed', 'pending', 'decided', 'paused', 'ended'];
const x = 'refused';
/** Where each facilitator command takes a room from each step ('refused': the machine does not take it). */
const EXPECTED: Record<string, Record<Step, Step | typeof x>> = {
  'open-vote': { lobby: 'voting', voting: x, closed: x, pending: x, decided: 'voting', paused: x, ended: x },
  'close-vote': { lobby: x, voting: 'closed', closed: x, pending: x, decided: x, paused: x, ended: x },
  'add-time': { lobby: x, voting: 'voting', closed: x, pending: x, decided: x, paused: 'paused', ended: x },
  'skip-timer': { lobby: x, voting: 'voting', closed: x, pending: x, decided: x, paused: 'paused', ended: x },
  pause: {
    lobby: 'paused',
    voting: 'paused',
    closed: 'paused',
    pending: 'paused',
    decided: 'paused',
    paused: x,
    ended: x,
  },
  resume: { lobby: x, voting: x, closed: x, pending: x, decided: x, paused: 'voting', ended: x },
  reveal: { lobby: x, voting: x, closed: 'pending', pending: x, decided: x, paused: x, ended: x },
  accept: { lobby: x, voting: x, closed: x, pending: 'decided', decided: x, paused: x, ended: x },
  override: { lobby: x, voting: x, closed: x, pending: 'decided', decided: x, paused: x, ended: x },
  revote: {
    lobby: x,
    voting: 'voting',
    closed: 'voting',
    pending: 'voting',
    decided: x,
    paused: x,
    ended: x,
  },
  rewind: {
    lobby: x,
    voting: 'lobby',
    closed: 'lobby',
    pending: 'lobby',
    decided: 'lobby',
    paused: 'lobby',
    ended: x,
  },
  lock: {
    lobby: 'lobby',
    voting: 'voting',
    closed: 'closed',
    pending: 'pending',
    decided: 'decided',
    paused: 'paused',
    ended: x,
  },
  unlock: { lobby: x, voting: x, closed: x, pending: x, decided: x, paused: x, ended: x },
  remove: {
    lobby: 'lobby',
    voting: 'voting',
    closed: 'closed',
    pending: 'pending',
    decided: 'decided',
    paused: 'paused',
    ended: x,
  },
  end: {
    lobby: 'ended',
    voting: 'ended',
    closed: 'ended',
    pending: 'ended',
    decided: 'ended',
    paused: 'ended',
    ended: x,
  },
};

describe('room machine: every facilitator command in every phase', () => {
  const cases = Object.keys(COMMANDS).flatMap((command) => STEPS.map((step) => [command, step] as const));
  it.each(cases)('%s in %s', (command, step) => {
    const room = roomAt(step);
    expect(room.step).toBe(step);
    const expected = EXPECTED[command]?.[step];
    const accepted = room.send(COMMANDS[command] as Sendable);
    expect(accepted ? room.step : x).toBe(expected);
  });

  it('unlocks a locked room in every phase but the end', () => {
    for (const step of STEPS.filter((s) => s !== 'ended')) {
      const room = roomAt(step);
      expect(room.send({ type: 'lock' })).toBe(true);
      expect(room.send({ type: 'unlock' })).toBe(true);
      expect(room.ctx.locked).toBe(false);
      expect(room.step).toBe(step);
    }
  });
});

describe('room machine: votes', () => {
  it('lets a participant change the vote until the vote closes, then refuses it', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' });
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' })).toBe(true);
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'b' })).toBe(true);
    expect(room.ctx.votes).toEqual({ s1: 'b' });
    room.send({ type: 'close-vote' });
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'c' })).toBe(false);
    expect(room.ctx.votes).toEqual({ s1: 'b' });
  });

  it('counts a resent vote once', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' });
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' })).toBe(true);
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' })).toBe(false);
    expect(Object.keys(room.ctx.votes)).toHaveLength(1);
  });

  it('refuses votes for another turn or round, for a reply not on offer, and from unknown or removed seats', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' });
    expect(room.send({ type: 'vote', seat: 's1', turn: 2, round: 1, choiceId: 'a' })).toBe(false);
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'z' })).toBe(false);
    expect(room.send({ type: 'vote', seat: 's9', turn: 1, round: 1, choiceId: 'a' })).toBe(false);
    room.send({ type: 'vote', seat: 's2', turn: 1, round: 1, choiceId: 'a' });
    room.send({ type: 'remove', seat: 's2' });
    expect(room.ctx.votes).toEqual({});
    expect(room.send({ type: 'vote', seat: 's2', turn: 1, round: 1, choiceId: 'a' })).toBe(false);
    room.send({ type: 'revote' });
    expect(room.ctx.round).toBe(2);
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' })).toBe(false);
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 2, choiceId: 'a' })).toBe(true);
  });

  it('refuses a vote that arrives at or after the deadline, and closes only on the current deadline', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' }, 10_000);
    expect(room.ctx.deadline).toBe(10_000 + VOTE_MS);
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' }, 10_000 + VOTE_MS)).toBe(
      false,
    );
    expect(
      room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' }, 10_000 + VOTE_MS - 1),
    ).toBe(true);
    room.send({ type: 'add-time', ms: 15_000 }, 20_000);
    expect(room.send({ type: 'deadline', deadline: 10_000 + VOTE_MS }, 40_000)).toBe(false);
    expect(room.step).toBe('voting');
    expect(room.send({ type: 'deadline', deadline: 10_000 + VOTE_MS + 15_000 }, 55_000)).toBe(true);
    expect(room.step).toBe('closed');
  });

  it('gives ties and empty votes to the facilitator: no accept, only an override', () => {
    const tie = roomAt('lobby');
    tie.send({ type: 'open-vote' });
    tie.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' });
    tie.send({ type: 'vote', seat: 's2', turn: 1, round: 1, choiceId: 'b' });
    tie.send({ type: 'close-vote' });
    tie.send({ type: 'reveal' });
    expect(tie.send({ type: 'accept' })).toBe(false);
    expect(tie.send({ type: 'override', choiceId: 'z' })).toBe(false);
    expect(tie.send({ type: 'override', choiceId: 'b' })).toBe(true);
    expect(tie.ctx.path[0]).toMatchObject({ choiceId: 'b', by: 'facilitator', votes: { s1: 'a', s2: 'b' } });

    const empty = roomAt('lobby');
    empty.send({ type: 'open-vote' });
    expect(empty.send({ type: 'everyone-voted' })).toBe(false);
    empty.send({ type: 'close-vote' });
    empty.send({ type: 'reveal' });
    expect(empty.send({ type: 'accept' })).toBe(false);
  });

  it('lands the class choice when one reply leads', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' });
    room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'c' });
    room.send({ type: 'vote', seat: 's2', turn: 1, round: 1, choiceId: 'c' });
    room.send({ type: 'vote', seat: 's3', turn: 1, round: 1, choiceId: 'a' });
    expect(room.send({ type: 'everyone-voted' })).toBe(true);
    room.send({ type: 'reveal' });
    expect(room.send({ type: 'accept' })).toBe(true);
    expect(room.ctx.path.map((d) => [d.choiceId, d.by])).toEqual([['c', 'class']]);
    expect(room.ctx.votes).toEqual({});
  });
});

describe('room machine: timer, seats, rewind and the end', () => {
  it('freezes the time left on pause and restarts it from the resume', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' }, 10_000);
    room.send({ type: 'pause' }, 25_000);
    expect(room.ctx).toMatchObject({ deadline: undefined, remainingMs: 15_000, pausedFrom: 'voting' });
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' }, 26_000)).toBe(false);
    room.send({ type: 'add-time', ms: 15_000 }, 27_000);
    room.send({ type: 'resume' }, 100_000);
    expect(room.ctx).toMatchObject({ deadline: 130_000, remainingMs: undefined, pausedFrom: undefined });
    expect(room.step).toBe('voting');
  });

  it('resumes each paused phase where it was', () => {
    for (const step of ['lobby', 'voting', 'closed', 'pending', 'decided'] as const) {
      const room = roomAt(step);
      room.send({ type: 'pause' });
      expect(room.send({ type: 'resume' })).toBe(true);
      expect(room.step).toBe(step);
    }
  });

  it('skipping the timer leaves the vote open until the facilitator closes it', () => {
    const room = roomAt('lobby');
    room.send({ type: 'open-vote' }, 10_000);
    room.send({ type: 'skip-timer' }, 11_000);
    expect(room.ctx.deadline).toBeUndefined();
    expect(room.send({ type: 'vote', seat: 's1', turn: 1, round: 1, choiceId: 'a' }, 1_000_000)).toBe(true);
    expect(room.send({ type: 'add-time', ms: 15_000 })).toBe(false);
  });

  it('refuses joins once locked, duplicate nicknames, and seats over the cap', () => {
    const room = roomAt('lobby');
    expect(room.send({ type: 'join', seat: 's4', nickname: 'player 1', tokenHash: 'h4' })).toBe(false);
    room.send({ type: 'lock' });
    expect(room.send({ type: 'join', seat: 's4', nickname: 'Fresh Face', tokenHash: 'h4' })).toBe(false);
    room.send({ type: 'unlock' });
    for (let i = 4; i <= 200; i++)
      room.send({ type: 'join', seat: `s${i}`, nickname: `P ${i}`, tokenHash: `h${i}` });
    expect(Object.keys(room.ctx.seats)).toHaveLength(200);
    expect(room.send({ type: 'join', seat: 's201', nickname: 'One Too Many', tokenHash: 'h201' })).toBe(
      false,
    );
    room.send({ type: 'remove', seat: 's200' });
    expect(room.send({ type: 'join', seat: 's201', nickname: 'One Too Many', tokenHash: 'h201' })).toBe(true);
  });

  it('rewinds to turn N as a new branch and keeps the undone decisions', () => {
    const room = roomAt('decided');
    room.send({ type: 'open-vote' });
    room.send({ type: 'vote', seat: 's1', turn: 2, round: 1, choiceId: 'b' });
    room.send({ type: 'close-vote' });
    room.send({ type: 'reveal' });
    room.send({ type: 'accept' });
    expect(room.ctx.path.map((d) => d.choiceId)).toEqual(['a', 'b']);
    expect(room.send({ type: 'rewind', turn: 3 })).toBe(false);
    expect(room.send({ type: 'rewind', turn: 2 })).toBe(true);
    expect(room.step).toBe('decided');
    expect(room.ctx.path.map((d) => d.choiceId)).toEqual(['a']);
    expect(room.ctx.abandoned.map((d) => [d.branch, d.turn, d.choiceId])).toEqual([[1, 2, 'b']]);
    expect(room.ctx.branch).toBe(2);
    room.send({ type: 'open-vote' });
    expect(room.send({ type: 'vote', seat: 's1', turn: 2, round: 1, choiceId: 'c' })).toBe(true);
  });

  it('does not open a vote once the conversation has ended', () => {
    const room = roomAt('lobby');
    for (let turn = 1; turn <= 3; turn++) {
      room.send({ type: 'open-vote' });
      room.send({ type: 'close-vote' });
      room.send({ type: 'reveal' });
      room.send({ type: 'override', choiceId: 'a' });
    }
    expect(room.step).toBe('decided');
    expect(room.send({ type: 'open-vote' })).toBe(false);
    expect(room.send({ type: 'end' })).toBe(true);
    expect(room.ctx.endedAt).toBeDefined();
  });

  it('rebuilds the same room from its accepted events', () => {
    const room = roomAt('voting');
    room.send({ type: 'pause' });
    room.send({ type: 'rename', seat: 's1', nickname: 'Calm Heron' });
    const copy = new Room();
    for (const event of room.accepted) copy.actor.send(event);
    expect(copy.step).toBe(room.step);
    expect(copy.ctx).toEqual(room.ctx);
  });
});
