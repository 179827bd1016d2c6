/**
 * A session's export for the trainer's records: JSON (nested) and CSV (one flat table, filter on the
 * `record` column). Seats are anonymous (P01, P02, ... in join order): no nickname or token leaves.
 * The CSV uses the progress export's writer, so it gets the same formula-injection guard and quoting.
 */
import type { DebriefView } from '../src/classroom/protocol';
import { type Cell, toCsv } from '../src/progress/csv';
import type { Decision } from './room/machine';
import type { Room } from './room/room';
import { debriefOf, seatLabels } from './room/views';

export interface SessionExport {
  format: 'good-terms-classroom/1';
  room: {
    code: string;
    scenarioId: string;
    scenarioTitle: string;
    contentHash: string;
    seed: number;
    mode: string;
    createdAt: string;
    endedAt: string | undefined;
    participants: number;
  };
  /** The choices of the current path, in order. */
  path: string[];
  score: DebriefView['score'];
  classPickedStrongest: number;
  strongestVoteShare: number | undefined;
  turns: {
    branch: number;
    turn: number;
    current: boolean;
    round: number;
    decidedBy: 'class' | 'facilitator';
    landed: string;
    strongest: string[];
    distribution: { choiceId: string; index: number; text: string; votes: number }[];
  }[];
  seats: { seat: string; picks: { branch: number; turn: number; choiceId: string }[] }[];
}

export async function exportSession(room: Room): Promise<SessionExport> {
  const strongest = new Map<number, string[]>();
  for (const decision of room.context.path) {
    const outlook = await room.outlookAt(decision.turn);
    const best = Math.max(...Object.values(outlook));
    strongest.set(
      decision.turn,
      Object.keys(outlook).filter((id) => outlook[id] === best),
    );
  }
  const debrief = debriefOf(room, (turn) => strongest.get(turn) ?? []);
  const labels = seatLabels(room);
  const current = new Set(room.context.path);
  const decisions: Decision[] = [...room.context.abandoned, ...room.context.path].sort((a, b) => a.n - b.n);
  const textOf = (decision: Decision): Map<string, { index: number; text: string }> => {
    const prefix = decisionPrefix(room, decision);
    const view = prefix ? room.play.view(prefix) : undefined;
    return new Map(
      (view?.status === 'active' ? view.choices : []).map((c) => [c.id, { index: c.index, text: c.text }]),
    );
  };
  const turns = decisions.map((d) => {
    const texts = textOf(d);
    return {
      branch: d.branch,
      turn: d.turn,
      current: current.has(d),
      round: d.round,
      decidedBy: d.by,
      landed: d.choiceId,
      strongest: current.has(d) ? (strongest.get(d.turn) ?? []) : [],
      distribution: d.offered.map((choiceId) => ({
        choiceId,
        index: texts.get(choiceId)?.index ?? 0,
        text: texts.get(choiceId)?.text ?? choiceId,
        votes: Object.values(d.votes).filter((v) => v === choiceId).length,
      })),
    };
  });
  return {
    format: 'good-terms-classroom/1',
    room: {
      code: room.code,
      scenarioId: room.record.scenarioId,
      scenarioTitle: room.play.bundle.scenario.title,
      contentHash: room.record.contentHash,
      seed: room.record.seed,
      mode: room.record.mode,
      createdAt: new Date(room.record.createdAt).toISOString(),
      endedAt: room.context.endedAt === undefined ? undefined : new Date(room.context.endedAt).toISOString(),
      participants: labels.size,
    },
    path: room.choices,
    score: debrief.score,
    classPickedStrongest: debrief.classPickedStrongest,
    strongestVoteShare: debrief.strongestVoteShare,
    turns,
    seats: [...labels].map(([seat, label]) => ({
      seat: label,
      picks: decisions
        .filter((d) => d.votes[seat] !== undefined)
        .map((d) => ({ branch: d.branch, turn: d.turn, choiceId: d.votes[seat] as string })),
    })),
  };
}

/**
 * The choices before a decision: its turn's prefix on the path it was made on. A decision undone by a
 * rewind shares the current path up to the rewind point, and the abandoned decisions before it on its
 * branch fill in the rest.
 */
function decisionPrefix(room: Room, decision: Decision): string[] | undefined {
  const all = [...room.context.abandoned, ...room.context.path];
  const prefix: string[] = [];
  for (let turn = 1; turn < decision.turn; turn++) {
    const before = all.filter((d) => d.turn === turn && d.n < decision.n).sort((a, b) => b.n - a.n)[0];
    if (!before) return undefined;
    prefix.push(before.choiceId);
  }
  return prefix;
}

export const CSV_HEADER = [
  'record',
  'branch',
  'turn',
  'current_path',
  'seat',
  'choice_id',
  'reply_number',
  'reply',
  'votes',
  'landed',
  'decided_by',
  'strongest',
  'score',
  'band',
  'passed',
] as const;

export function sessionCsv(data: SessionExport): string {
  const rows: Cell[][] = [];
  for (const t of data.turns) {
    for (const d of t.distribution) {
      rows.push([
        'distribution',
        t.branch,
        t.turn,
        t.current,
        undefined,
        d.choiceId,
        d.index,
        d.text,
        d.votes,
        d.choiceId === t.landed,
        t.decidedBy,
        t.current ? t.strongest.includes(d.choiceId) : undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
  }
  for (const seat of data.seats) {
    for (const pick of seat.picks) {
      rows.push(['pick', pick.branch, pick.turn, undefined, seat.seat, pick.choiceId]);
    }
  }
  data.path.forEach((choiceId, i) => {
    rows.push(['path', undefined, i + 1, true, undefined, choiceId]);
  });
  if (data.score) {
    rows.push([
      'score',
      ...Array<Cell>(11).fill(undefined),
      data.score.total,
      data.score.band,
      data.score.passed,
    ]);
  }
  return toCsv(
    CSV_HEADER,
    rows.map((r) => [...r, ...Array<Cell>(CSV_HEADER.length - r.length).fill(undefined)]),
  );
}
