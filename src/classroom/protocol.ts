/**
 * The classroom wire protocol: what pages send the server and the views it sends back. Types and limits
 * only (no zod, no engine), so the phone's page stays small; the server checks every message against
 * the zod schemas in server/messages.ts, which are written to these types.
 */

export const ROOM_CODE_LENGTH = 6;
/** No 0/O, 1/I/L: a code read off a projector cannot be mistyped into another room. */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_CAP = 200;
export const VOTE_SECONDS = { default: 30, min: 10, max: 120 } as const;
export const ADD_TIME_MS = 15_000;
export const NICKNAME_LENGTH = { min: 2, max: 24 } as const;

export type Mode = 'practice' | 'assessment';
export type Phase = 'lobby' | 'voting' | 'closed' | 'revealed' | 'paused' | 'ended';
export type Role = 'facilitator' | 'participant' | 'observer' | 'projector';

export type FacilitatorAction =
  | 'open-vote'
  | 'close-vote'
  | 'add-time'
  | 'skip-timer'
  | 'pause'
  | 'resume'
  | 'reveal'
  | 'accept'
  | 'override'
  | 'revote'
  | 'rewind'
  | 'lock'
  | 'unlock'
  | 'remove'
  | 'end';

export type Request =
  | { type: 'scenarios' }
  | { type: 'create'; scenarioId: string; mode: Mode; seed?: number; voteSeconds: number }
  | { type: 'host'; code: string; token: string }
  | { type: 'watch'; code: string }
  | { type: 'join'; code: string; token?: string }
  | { type: 'rename'; nickname: string }
  | { type: 'vote'; turn: number; round: number; choiceId: string }
  | { type: 'bundle' }
  | { type: 'export'; format: 'csv' | 'json' }
  | { type: 'command'; action: Exclude<FacilitatorAction, 'override' | 'rewind' | 'remove'> }
  | { type: 'command'; action: 'override'; choiceId: string }
  | { type: 'command'; action: 'rewind'; turn: number }
  | { type: 'command'; action: 'remove'; seat: string };

export type ErrorCode =
  | 'malformed'
  | 'unknown-request'
  | 'rate-limited'
  | 'not-found'
  | 'forbidden'
  | 'not-now'
  | 'invalid'
  | 'room-full'
  | 'server';

export interface Problem {
  code: ErrorCode;
  message: string;
}

export type Reply<T = object> = ({ ok: true } & T) | { ok: false; error: Problem };

export interface ScenarioChoice {
  id: string;
  title: string;
  summary: string;
  personaName: string;
  estimatedMinutes: number;
}

export interface ReplyOption {
  id: string;
  /** 1-based position as shown (the engine's order). */
  index: number;
  text: string;
}

export interface MetersView {
  stress: number;
  trust: number;
}

export interface TallyRow extends ReplyOption {
  votes: number;
}

export interface DecisionView {
  turn: number;
  choiceId: string;
  index: number;
  text: string;
  by: 'class' | 'facilitator';
  /** Undefined when the scenario hides the meters in assessment. */
  before: MetersView | undefined;
  after: MetersView | undefined;
  /** Practice only: the authored coach note and the stronger alternative. */
  feedback: string | undefined;
  better: string | undefined;
}

export interface DebriefTurn {
  turn: number;
  tally: TallyRow[];
  choiceId: string;
  by: 'class' | 'facilitator';
  /** The replies after which the best score is still reachable. */
  strongest: string[];
  /** The reply most of the class voted for, when one led. */
  classPick: string | undefined;
}

export interface DebriefView {
  /** How the conversation ended, when it reached an ending before the session closed. */
  ending: { title: string; line: string } | undefined;
  score: { total: number; band: string; passed: boolean; passMark: number; hardFail: boolean } | undefined;
  turns: DebriefTurn[];
  /** Turns where the class's own leading pick was one of the strongest replies. */
  classPickedStrongest: number;
  /** Share of all votes cast that went to a strongest reply (0-1); undefined with no votes. */
  strongestVoteShare: number | undefined;
}

/** What everyone in the room may see: the projector, phones and observers get the same object. */
export interface PublicState {
  code: string;
  /** Grows with every accepted event: a page ignores anything older than what it has. */
  version: number;
  /** The server's clock when this was sent, so a page can show deadlines on its own clock. */
  serverNow: number;
  joinUrl: string;
  scenario: { id: string; title: string; personaName: string; contentHash: string };
  seed: number;
  mode: Mode;
  showMeters: boolean;
  phase: Phase;
  /** While paused: the phase the room returns to. */
  pausedPhase: Exclude<Phase, 'paused' | 'ended'> | undefined;
  locked: boolean;
  /** The decisions on the current path (the projector replays them). */
  choices: string[];
  branch: number;
  /** The turn being voted on or last decided, 1-based. */
  turn: number;
  conversation: {
    status: 'active' | 'ended';
    line: string;
    options: ReplyOption[];
    meters: MetersView | undefined;
    ending: { title: string; line: string } | undefined;
  };
  vote:
    | {
        turn: number;
        round: number;
        deadline: number | undefined;
        /** While paused with a running timer: what is left. */
        remainingMs: number | undefined;
      }
    | undefined;
  progress: Progress;
  /** After the reveal: the spread of the vote; the leading reply, undefined on a tie or no votes. */
  reveal: { turn: number; tally: TallyRow[]; classPick: string | undefined } | undefined;
  /** The decision that landed last on the current path, shown until the next vote opens. */
  decision: DecisionView | undefined;
  debrief: DebriefView | undefined;
}

export interface Progress {
  version: number;
  voted: number;
  /** Seats that are connected or have voted: a dropped phone does not hold the room up. */
  eligible: number;
  seated: number;
}

export interface YouState {
  role: 'participant' | 'observer';
  seat: string | undefined;
  nickname: string | undefined;
  /** Why this page only watches. */
  observerReason: 'locked' | 'full' | 'removed' | undefined;
  vote: { turn: number; round: number; choiceId: string } | undefined;
  /** At the end: this seat's pick each turn next to the class's. */
  picks: { turn: number; mine: string | undefined; landed: string; strongest: string[] }[] | undefined;
}

export interface RosterEntry {
  seat: string;
  nickname: string;
  connected: boolean;
  voted: boolean;
  removed: boolean;
}

/** Only the facilitator's pages get this: live tallies and names. */
export interface FacilitatorState {
  version: number;
  tally: TallyRow[];
  roster: RosterEntry[];
  /** Best final score still reachable after each reply on offer (undefined while it is being worked out). */
  outlook: Record<string, number> | undefined;
  canAccept: boolean;
  voteSeconds: number;
  observers: number;
}

export interface JoinReply {
  token: string | undefined;
  role: 'participant' | 'observer';
}

export interface CreateReply {
  code: string;
  token: string;
}

/** What the server pushes to pages (socket.io event map). */
export interface ServerEvents {
  state(state: PublicState): void;
  you(you: YouState): void;
  facilitator(state: FacilitatorState): void;
  progress(progress: Progress): void;
  /** An error reply to a request sent without an acknowledgement callback. */
  problem(reply: Reply): void;
}

/** What pages send (socket.io event map): every request is acknowledged with a Reply. */
export interface ClientEvents {
  request(request: Request, ack: (reply: Reply<Record<string, unknown>>) => void): void;
}
