/**
 * A classroom room as an XState v5 machine: lobby, voting, closed, revealed (pending a decision, then
 * decided), paused and ended. It is pure: every event carries the server time it was accepted at (`at`),
 * deadlines are absolute times in the context, and the engine is asked only which replies are on offer.
 * So replaying a room's stored events through a fresh machine rebuilds it exactly; the stored record is
 * the events, never an XState snapshot (XState would not restore `after` timers from one anyway: the
 * server fires deadlines itself, as `deadline` events).
 */
import { and, assign, setup } from 'xstate';
import { ROOM_CAP } from '../../src/classroom/protocol';

export interface Seat {
  nickname: string;
  /** SHA-256 of the participant's token: the token itself is never stored. */
  tokenHash: string;
  removed: boolean;
}

/** One decided turn: the round that decided it, its votes (seat -> reply) and what landed. */
export interface Decision {
  /** 1 for the room's first decision, then 2, 3, ... across rewinds: the order they were made in. */
  n: number;
  branch: number;
  turn: number;
  round: number;
  offered: string[];
  votes: Record<string, string>;
  choiceId: string;
  by: 'class' | 'facilitator';
  at: number;
}

export interface RoomContext {
  voteMs: number;
  /** Decisions on the current path; their choices are the conversation's choices. */
  path: Decision[];
  /** Decisions undone by a rewind, kept for the export. */
  abandoned: Decision[];
  /** 1, plus one per rewind. */
  branch: number;
  /** Vote round within the current turn (a re-vote starts the next). */
  round: number;
  votes: Record<string, string>;
  deadline: number | undefined;
  /** While paused with a running timer: the time left on it. */
  remainingMs: number | undefined;
  /** While paused: where resuming returns to. */
  pausedFrom: PausedFrom | undefined;
  locked: boolean;
  /** In join order. */
  seats: Record<string, Seat>;
  endedAt: number | undefined;
}

/** The phases a pause can interrupt (revealed split into awaiting a decision and decided). */
export type PausedFrom = 'lobby' | 'voting' | 'closed' | 'pending' | 'decided';

type Timed<T> = T & { at: number };
export type RoomEvent = Timed<
  | { type: 'join'; seat: string; nickname: string; tokenHash: string }
  | { type: 'rename'; seat: string; nickname: string }
  | { type: 'remove'; seat: string }
  | { type: 'vote'; seat: string; turn: number; round: number; choiceId: string }
  | { type: 'open-vote' }
  | { type: 'close-vote' }
  | { type: 'deadline'; deadline: number }
  | { type: 'everyone-voted' }
  | { type: 'add-time'; ms: number }
  | { type: 'skip-timer' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'reveal' }
  | { type: 'accept' }
  | { type: 'override'; choiceId: string }
  | { type: 'revote' }
  | { type: 'rewind'; turn: number }
  | { type: 'lock' }
  | { type: 'unlock' }
  | { type: 'end' }
>;
export type RoomEventType = RoomEvent['type'];

/** What the room needs from the engine: the replies on offer after some choices (none once it ended). */
export interface ConversationRules {
  offered(choices: readonly string[]): readonly string[];
}

export interface RoomInput {
  voteMs: number;
}

export const choicesOf = (ctx: Pick<RoomContext, 'path'>): string[] => ctx.path.map((d) => d.choiceId);

/** Votes per reply on offer, in the order offered. */
export function tallyOf(votes: Record<string, string>, offered: readonly string[]): Map<string, number> {
  const tally = new Map(offered.map((id) => [id, 0]));
  for (const choiceId of Object.values(votes)) tally.set(choiceId, (tally.get(choiceId) ?? 0) + 1);
  return tally;
}

/** The reply with strictly the most votes; undefined on a tie or with no votes (the facilitator decides). */
export function leaderOf(tally: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestVotes = 0;
  let tied = false;
  for (const [id, votes] of tally) {
    if (votes > bestVotes) {
      best = id;
      bestVotes = votes;
      tied = false;
    } else if (votes === bestVotes && votes > 0) tied = true;
  }
  return tied ? undefined : best;
}

export const activeSeats = (ctx: Pick<RoomContext, 'seats'>): string[] =>
  Object.entries(ctx.seats)
    .filter(([, seat]) => !seat.removed)
    .map(([id]) => id);

const nicknameTaken = (ctx: RoomContext, nickname: string, except?: string): boolean => {
  const wanted = nickname.toLocaleLowerCase('en');
  return Object.entries(ctx.seats).some(
    ([id, seat]) => id !== except && !seat.removed && seat.nickname.toLocaleLowerCase('en') === wanted,
  );
};

const RESUME_TARGET: Record<PausedFrom, string> = {
  lobby: '#room.active.lobby',
  voting: '#room.active.voting',
  closed: '#room.active.closed',
  pending: '#room.active.revealed.pending',
  decided: '#room.active.revealed.decided',
};

const pauseFrom = (from: PausedFrom) => ({
  target: '#room.paused',
  actions: { type: 'pause' as const, params: { from } },
});

export function createRoomMachine(rules: ConversationRules) {
  const offeredNow = (ctx: RoomContext): readonly string[] => rules.offered(choicesOf(ctx));
  const decide = (
    ctx: RoomContext,
    choiceId: string,
    by: Decision['by'],
    at: number,
  ): Partial<RoomContext> => ({
    path: [
      ...ctx.path,
      {
        n: ctx.path.length + ctx.abandoned.length + 1,
        branch: ctx.branch,
        turn: ctx.path.length + 1,
        round: ctx.round,
        offered: [...offeredNow(ctx)],
        votes: ctx.votes,
        choiceId,
        by,
        at,
      },
    ],
    votes: {},
    round: 1,
    deadline: undefined,
    remainingMs: undefined,
  });

  return setup({
    types: {} as { context: RoomContext; events: RoomEvent; input: RoomInput },
    guards: {
      canSeat: ({ context, event }) =>
        event.type === 'join' &&
        !context.locked &&
        !(event.seat in context.seats) &&
        activeSeats(context).length < ROOM_CAP &&
        !nicknameTaken(context, event.nickname),
      isSeated: ({ context, event }) =>
        'seat' in event && context.seats[event.seat] !== undefined && !context.seats[event.seat]?.removed,
      isFreeNickname: ({ context, event }) =>
        event.type === 'rename' && !nicknameTaken(context, event.nickname, event.seat),
      isCountedVote: ({ context, event }) =>
        event.type === 'vote' &&
        event.turn === context.path.length + 1 &&
        event.round === context.round &&
        (context.deadline === undefined || event.at < context.deadline) &&
        context.votes[event.seat] !== event.choiceId &&
        offeredNow(context).includes(event.choiceId),
      conversationGoesOn: ({ context }) => offeredNow(context).length > 0,
      hasVotes: ({ context }) => Object.keys(context.votes).length > 0,
      isCurrentDeadline: ({ context, event }) =>
        event.type === 'deadline' && context.deadline !== undefined && event.deadline === context.deadline,
      isTimed: ({ context }) => context.deadline !== undefined,
      hasTimeLeft: ({ context }) => context.remainingMs !== undefined,
      classLeads: ({ context }) => leaderOf(tallyOf(context.votes, offeredNow(context))) !== undefined,
      isOffered: ({ context, event }) =>
        event.type === 'override' && offeredNow(context).includes(event.choiceId),
      isDecidedTurn: ({ context, event }) =>
        event.type === 'rewind' &&
        Number.isInteger(event.turn) &&
        event.turn >= 1 &&
        event.turn <= context.path.length,
      rewindsToStart: ({ event }) => event.type === 'rewind' && event.turn === 1,
      pausedFrom: ({ context }, params: { from: PausedFrom }) => context.pausedFrom === params.from,
      isLocked: ({ context }) => context.locked,
      isUnlocked: ({ context }) => !context.locked,
    },
    actions: {
      seat: assign(({ context, event }) => {
        if (event.type !== 'join') return {};
        return {
          seats: {
            ...context.seats,
            [event.seat]: { nickname: event.nickname, tokenHash: event.tokenHash, removed: false },
          },
        };
      }),
      rename: assign(({ context, event }) => {
        if (event.type !== 'rename') return {};
        const seat = context.seats[event.seat] as Seat;
        return { seats: { ...context.seats, [event.seat]: { ...seat, nickname: event.nickname } } };
      }),
      unseat: assign(({ context, event }) => {
        if (event.type !== 'remove') return {};
        const seat = context.seats[event.seat] as Seat;
        const { [event.seat]: _dropped, ...votes } = context.votes;
        return { seats: { ...context.seats, [event.seat]: { ...seat, removed: true } }, votes };
      }),
      recordVote: assign(({ context, event }) =>
        event.type === 'vote' ? { votes: { ...context.votes, [event.seat]: event.choiceId } } : {},
      ),
      openVote: assign(({ context, event }) => ({
        votes: {},
        round: 1,
        deadline: event.at + context.voteMs,
        remainingMs: undefined,
      })),
      nextRound: assign(({ context, event }) => ({
        votes: {},
        round: context.round + 1,
        deadline: event.at + context.voteMs,
        remainingMs: undefined,
      })),
      stopTimer: assign({ deadline: undefined, remainingMs: undefined }),
      addTime: assign(({ context, event }) => {
        if (event.type !== 'add-time') return {};
        return context.deadline !== undefined
          ? { deadline: context.deadline + event.ms }
          : { remainingMs: (context.remainingMs ?? 0) + event.ms };
      }),
      pause: assign(({ context, event }, params: { from: PausedFrom }) => ({
        pausedFrom: params.from,
        ...(context.deadline === undefined
          ? {}
          : { remainingMs: Math.max(0, context.deadline - event.at), deadline: undefined }),
      })),
      resume: assign(({ context, event }) => ({
        pausedFrom: undefined,
        ...(context.remainingMs === undefined
          ? {}
          : { deadline: event.at + context.remainingMs, remainingMs: undefined }),
      })),
      decideByClass: assign(({ context, event }) =>
        decide(context, leaderOf(tallyOf(context.votes, offeredNow(context))) as string, 'class', event.at),
      ),
      decideByFacilitator: assign(({ context, event }) =>
        event.type === 'override' ? decide(context, event.choiceId, 'facilitator', event.at) : {},
      ),
      rewind: assign(({ context, event }) => {
        if (event.type !== 'rewind') return {};
        return {
          path: context.path.slice(0, event.turn - 1),
          abandoned: [...context.abandoned, ...context.path.slice(event.turn - 1)],
          branch: context.branch + 1,
          votes: {},
          round: 1,
          deadline: undefined,
          remainingMs: undefined,
          pausedFrom: undefined,
        };
      }),
      lock: assign({ locked: true }),
      unlock: assign({ locked: false }),
      markEnded: assign(({ event }) => ({
        endedAt: event.at,
        deadline: undefined,
        remainingMs: undefined,
        pausedFrom: undefined,
      })),
    },
  }).createMachine({
    id: 'room',
    context: ({ input }) => ({
      voteMs: input.voteMs,
      path: [],
      abandoned: [],
      branch: 1,
      round: 1,
      votes: {},
      deadline: undefined,
      remainingMs: undefined,
      pausedFrom: undefined,
      locked: false,
      seats: {},
      endedAt: undefined,
    }),
    initial: 'active',
    // Seats, the lock, rewinds and the end work in every phase but the end itself (a final state).
    on: {
      join: { guard: 'canSeat', actions: 'seat' },
      rename: { guard: and(['isSeated', 'isFreeNickname']), actions: 'rename' },
      remove: { guard: 'isSeated', actions: 'unseat' },
      lock: { guard: 'isUnlocked', actions: 'lock' },
      unlock: { guard: 'isLocked', actions: 'unlock' },
      rewind: [
        { guard: and(['isDecidedTurn', 'rewindsToStart']), target: '.active.lobby', actions: 'rewind' },
        { guard: 'isDecidedTurn', target: '.active.revealed.decided', actions: 'rewind' },
      ],
      end: { target: '.ended', actions: 'markEnded' },
    },
    states: {
      active: {
        initial: 'lobby',
        states: {
          lobby: {
            on: {
              pause: pauseFrom('lobby'),
              'open-vote': {
                guard: 'conversationGoesOn',
                target: 'voting',
                actions: 'openVote',
              },
            },
          },
          voting: {
            on: {
              pause: pauseFrom('voting'),
              vote: { guard: and(['isSeated', 'isCountedVote']), actions: 'recordVote' },
              'close-vote': { target: 'closed', actions: 'stopTimer' },
              deadline: { guard: 'isCurrentDeadline', target: 'closed', actions: 'stopTimer' },
              'everyone-voted': { guard: 'hasVotes', target: 'closed', actions: 'stopTimer' },
              'add-time': { guard: 'isTimed', actions: 'addTime' },
              'skip-timer': { guard: 'isTimed', actions: 'stopTimer' },
              revote: { actions: 'nextRound' },
            },
          },
          closed: {
            on: {
              pause: pauseFrom('closed'),
              reveal: 'revealed',
              revote: { target: 'voting', actions: 'nextRound' },
            },
          },
          revealed: {
            initial: 'pending',
            states: {
              pending: {
                on: {
                  pause: pauseFrom('pending'),
                  accept: { guard: 'classLeads', target: 'decided', actions: 'decideByClass' },
                  override: { guard: 'isOffered', target: 'decided', actions: 'decideByFacilitator' },
                  revote: { target: '#room.active.voting', actions: 'nextRound' },
                },
              },
              decided: {
                on: {
                  pause: pauseFrom('decided'),
                  'open-vote': {
                    guard: 'conversationGoesOn',
                    target: '#room.active.voting',
                    actions: 'openVote',
                  },
                },
              },
            },
          },
        },
      },
      paused: {
        on: {
          resume: (['lobby', 'voting', 'closed', 'pending', 'decided'] as const).map((from) => ({
            guard: { type: 'pausedFrom' as const, params: { from } },
            target: RESUME_TARGET[from],
            actions: 'resume' as const,
          })),
          'add-time': { guard: 'hasTimeLeft', actions: 'addTime' },
          'skip-timer': { guard: 'hasTimeLeft', actions: 'stopTimer' },
        },
      },
      ended: { type: 'final' },
    },
  });
}

export type RoomMachine = ReturnType<typeof createRoomMachine>;

/** Where a room is: its phase, with revealed split into awaiting a decision and decided. */
export type Step = 'lobby' | 'voting' | 'closed' | 'pending' | 'decided' | 'paused' | 'ended';

export function stepOf(snapshot: { value: unknown }): Step {
  const value = snapshot.value as string | { active: string | { revealed: 'pending' | 'decided' } };
  if (typeof value === 'string') return value as Step;
  return typeof value.active === 'string' ? (value.active as Step) : value.active.revealed;
}

/** Whether the room takes an event now (a final snapshot's can() still answers for the root's handlers). */
export function accepts(
  snapshot: { status: string; can(event: RoomEvent): boolean },
  event: RoomEvent,
): boolean {
  return snapshot.status === 'active' && snapshot.can(event);
}
