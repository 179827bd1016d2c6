/**
 * What each audience sees of a room, as plain data for the wire: the public state (projector, phones and
 * observers get the same object, with no names and no live tallies), the facilitator's extras, and one
 * participant's own seat. Pure functions of the room; the engine is reached only through ScenarioPlay.
 */
import type {
  DebriefTurn,
  DebriefView,
  DecisionView,
  FacilitatorState,
  Phase,
  Progress,
  PublicState,
  ReplyOption,
  TallyRow,
  YouState,
} from '../../src/classroom/protocol';
import { type Decision, leaderOf, type Step, tallyOf } from './machine';
import type { Room } from './room';

const PHASE: Record<Step, Phase> = {
  lobby: 'lobby',
  voting: 'voting',
  closed: 'closed',
  pending: 'revealed',
  decided: 'revealed',
  paused: 'paused',
  ended: 'ended',
};

/** The step a paused room shows underneath (and returns to). */
const underlying = (room: Room): Exclude<Step, 'paused'> =>
  room.step === 'paused' ? (room.context.pausedFrom ?? 'lobby') : room.step;

export const showsMeters = (room: Room): boolean =>
  !(room.record.mode === 'assessment' && room.play.bundle.scenario.hideMetersInAssessment);

function optionsAt(room: Room, prefix: readonly string[]): ReplyOption[] {
  const view = room.play.view(prefix);
  return view.status === 'active'
    ? view.choices.map((c) => ({ id: c.id, index: c.index, text: c.text }))
    : [];
}

function tallyRows(options: ReplyOption[], votes: Record<string, string>): TallyRow[] {
  const tally = tallyOf(
    votes,
    options.map((o) => o.id),
  );
  return options.map((o) => ({ ...o, votes: tally.get(o.id) ?? 0 }));
}

const leaderOfRows = (rows: TallyRow[]): string | undefined =>
  leaderOf(new Map(rows.map((r) => [r.id, r.votes])));

function decisionView(room: Room, decision: Decision): DecisionView {
  const choices = room.choices.slice(0, decision.turn);
  const record = room.play.turnRecord(choices, decision.turn);
  const option = optionsAt(room, choices.slice(0, -1)).find((o) => o.id === decision.choiceId);
  const coaching = room.record.mode === 'practice' ? room.play.coaching(choices, decision.turn) : undefined;
  const meters = showsMeters(room) && record;
  return {
    turn: decision.turn,
    choiceId: decision.choiceId,
    index: option?.index ?? 0,
    text: option?.text ?? decision.choiceId,
    by: decision.by,
    before: meters ? { ...record.before } : undefined,
    after: meters ? { ...record.after } : undefined,
    feedback: coaching?.feedback,
    better: coaching?.better,
  };
}

/** The replies after which the best score is still reachable. */
export function strongestOf(outlook: Record<string, number>): string[] {
  const best = Math.max(...Object.values(outlook));
  return Object.entries(outlook)
    .filter(([, total]) => total === best)
    .map(([id]) => id);
}

/** The class debrief; `strongest` gives each decided turn's strongest replies (see Room.outlookAt). */
export function debriefOf(room: Room, strongest: (turn: number) => string[]): DebriefView {
  const choices = room.choices;
  const view = room.play.view(choices);
  const ended = view.status === 'ended' && view.ending;
  let votesCast = 0;
  let votesStrongest = 0;
  const turns: DebriefTurn[] = room.context.path.map((decision) => {
    const tally = tallyRows(optionsAt(room, choices.slice(0, decision.turn - 1)), decision.votes);
    const best = strongest(decision.turn);
    for (const row of tally) {
      votesCast += row.votes;
      if (best.includes(row.id)) votesStrongest += row.votes;
    }
    return {
      turn: decision.turn,
      tally,
      choiceId: decision.choiceId,
      by: decision.by,
      strongest: best,
      classPick: leaderOfRows(tally),
    };
  });
  return {
    ending: ended ? { title: view.ending?.title ?? '', line: view.line.text } : undefined,
    score: ended ? room.play.outcome(choices) : undefined,
    turns,
    classPickedStrongest: turns.filter((t) => t.classPick !== undefined && t.strongest.includes(t.classPick))
      .length,
    strongestVoteShare: votesCast > 0 ? votesStrongest / votesCast : undefined,
  };
}

export function progressOf(room: Room): Progress {
  return { version: room.version, ...room.voteCount() };
}

export function publicState(
  room: Room,
  joinUrl: string,
  now: number,
  debrief: DebriefView | undefined,
): PublicState {
  const ctx = room.context;
  const step = underlying(room);
  const choices = room.choices;
  const view = room.play.view(choices);
  const voteOpen = step === 'voting' || step === 'closed' || step === 'pending';
  const last = ctx.path.at(-1);
  const current = optionsAt(room, choices);
  let reveal: PublicState['reveal'];
  if (step === 'pending') {
    const tally = tallyRows(current, ctx.votes);
    reveal = { turn: choices.length + 1, tally, classPick: leaderOfRows(tally) };
  } else if (step === 'decided' && last) {
    const tally = tallyRows(optionsAt(room, choices.slice(0, -1)), last.votes);
    reveal = { turn: last.turn, tally, classPick: leaderOfRows(tally) };
  }
  const { bundle } = room.play;
  return {
    code: room.code,
    version: room.version,
    serverNow: now,
    joinUrl,
    scenario: {
      id: bundle.scenario.id,
      title: bundle.scenario.title,
      personaName: bundle.persona.name,
      contentHash: bundle.contentHash,
    },
    seed: room.record.seed,
    mode: room.record.mode,
    showMeters: showsMeters(room),
    phase: PHASE[room.step],
    pausedPhase: room.step === 'paused' ? (PHASE[step] as PublicState['pausedPhase']) : undefined,
    locked: ctx.locked,
    choices,
    branch: ctx.branch,
    turn: step === 'decided' || step === 'ended' ? Math.max(1, choices.length) : choices.length + 1,
    conversation: {
      status: view.status,
      line: view.line.text,
      options: current,
      meters: showsMeters(room) ? { ...view.meters } : undefined,
      ending:
        view.status === 'ended' && view.ending
          ? { title: view.ending.title, line: view.line.text }
          : undefined,
    },
    vote: voteOpen
      ? { turn: choices.length + 1, round: ctx.round, deadline: ctx.deadline, remainingMs: ctx.remainingMs }
      : undefined,
    progress: progressOf(room),
    reveal,
    decision: (step === 'decided' || step === 'ended') && last ? decisionView(room, last) : undefined,
    debrief: room.step === 'ended' ? debrief : undefined,
  };
}

export function facilitatorState(room: Room, observers: number): FacilitatorState {
  const ctx = room.context;
  const step = underlying(room);
  const voteOpen = step === 'voting' || step === 'closed' || step === 'pending';
  const tally = voteOpen ? tallyRows(optionsAt(room, room.choices), ctx.votes) : [];
  return {
    version: room.version,
    tally,
    roster: Object.entries(ctx.seats).map(([seat, s]) => ({
      seat,
      nickname: s.nickname,
      connected: room.isConnected(seat),
      voted: ctx.votes[seat] !== undefined,
      removed: s.removed,
    })),
    outlook: voteOpen ? room.outlookNow() : undefined,
    canAccept: room.step === 'pending' && leaderOfRows(tally) !== undefined,
    voteSeconds: room.record.voteMs / 1000,
    observers,
  };
}

export function youState(
  room: Room,
  seat: string | undefined,
  observerReason: YouState['observerReason'],
  strongest: ((turn: number) => string[]) | undefined,
): YouState {
  const ctx = room.context;
  const held = seat ? ctx.seats[seat] : undefined;
  if (!seat || !held || held.removed) {
    return {
      role: 'observer',
      seat: undefined,
      nickname: undefined,
      observerReason: held?.removed ? 'removed' : observerReason,
      vote: undefined,
      picks: undefined,
    };
  }
  const choiceId = ctx.votes[seat];
  return {
    role: 'participant',
    seat,
    nickname: held.nickname,
    observerReason: undefined,
    vote: choiceId ? { turn: room.choices.length + 1, round: ctx.round, choiceId } : undefined,
    picks:
      room.step === 'ended' && strongest
        ? ctx.path.map((d) => ({
            turn: d.turn,
            mine: d.votes[seat],
            landed: d.choiceId,
            strongest: strongest(d.turn),
          }))
        : undefined,
  };
}

/** Seats in join order as anonymous labels (P01, P02, ...) for exports. */
export function seatLabels(room: Room): Map<string, string> {
  const seats = Object.keys(room.context.seats);
  const width = Math.max(2, String(seats.length).length);
  return new Map(seats.map((seat, i) => [seat, `P${String(i + 1).padStart(width, '0')}`]));
}
