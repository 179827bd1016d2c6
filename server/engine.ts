/**
 * Everything the classroom server asks of the engine, in one place: the conversation after a list of
 * choices (replayed from the seed, so it is exact), the replies on offer, the turn records and the score
 * totals. It reads ids, numbers and authored content (lines, replies, coach notes), never sentences the
 * engine writes itself, so the engine's move to message codes (issue 13) changes nothing here.
 */
import { type ConversationView, coachingOf, ReplayError, Session, scoreAttempt } from '../src/engine/runtime';
import { offered, type PlayState, startState, stepState } from '../src/engine/runtime/stepper';
import type { ScenarioBundle, TurnRecord } from '../src/engine/runtime/types';
import type { ConversationRules } from './room/machine';

export interface Outcome {
  total: number;
  band: string;
  passed: boolean;
  passMark: number;
  hardFail: boolean;
}

/** The few most recent conversations stay replayed: a room asks about the same path many times in a row. */
const KEPT = 4;

export class ScenarioPlay implements ConversationRules {
  private readonly sessions = new Map<string, Session>();
  private readonly outlooks = new Map<string, Promise<Record<string, number>>>();

  constructor(
    readonly bundle: ScenarioBundle,
    readonly seed: number,
  ) {}

  /** Throws ReplayError when the choices do not fit this content. */
  private session(choices: readonly string[]): Session {
    const key = choices.join('\n');
    const kept = this.sessions.get(key);
    if (kept) {
      this.sessions.delete(key);
      this.sessions.set(key, kept);
      return kept;
    }
    const session = Session.replay(this.bundle, this.seed, choices);
    this.sessions.set(key, session);
    while (this.sessions.size > KEPT) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.get(oldest)?.stop();
      this.sessions.delete(oldest);
    }
    return session;
  }

  view(choices: readonly string[]): ConversationView {
    return this.session(choices).view();
  }

  offered(choices: readonly string[]): readonly string[] {
    const view = this.view(choices);
    return view.status === 'active' ? view.choices.map((c) => c.id) : [];
  }

  /** The record of turn `turn` (1-based) on this path. */
  turnRecord(choices: readonly string[], turn: number): TurnRecord | undefined {
    return this.session(choices).log()[turn - 1];
  }

  /** The authored coach note of a reply as it reads in the state it was chosen in, and a stronger one. */
  coaching(
    choices: readonly string[],
    turn: number,
  ): { feedback: string; better: string | undefined } | undefined {
    const session = this.session(choices);
    const record = session.log()[turn - 1];
    return record ? coachingOf(this.bundle, session.context(), record) : undefined;
  }

  outcome(choices: readonly string[]): Outcome {
    const report = scoreAttempt(this.bundle, this.session(choices).context());
    return {
      total: report.total,
      band: report.band,
      passed: report.passed,
      passMark: report.passMark,
      hardFail: report.hardFail,
    };
  }

  /** Whether a path still fits this content (a room restored after the scenario was edited may not). */
  fits(choices: readonly string[]): boolean {
    try {
      this.session(choices);
      return true;
    } catch (error) {
      if (error instanceof ReplayError) return false;
      throw error;
    }
  }

  /**
   * The best final score still reachable after each reply on offer after `choices`: the facilitator's
   * outlook, and what makes a reply one of the strongest in the debrief. It explores every remaining
   * path (tens of thousands on the largest scenarios), so it gives the event loop back every `slice`
   * finished paths instead of holding a whole room's traffic up.
   */
  outlook(choices: readonly string[], slice = 250): Promise<Record<string, number>> {
    const key = choices.join('\n');
    let pending = this.outlooks.get(key);
    if (!pending) {
      pending = exploreOutlook(this.bundle, this.seed, choices, slice);
      this.outlooks.set(key, pending);
    }
    return pending;
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.stop();
    this.sessions.clear();
  }
}

const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function exploreOutlook(
  bundle: ScenarioBundle,
  seed: number,
  choices: readonly string[],
  slice: number,
): Promise<Record<string, number>> {
  let state: PlayState = startState(bundle, seed);
  for (const id of choices) {
    const choice = offered(bundle, state).find((c) => c.id === id);
    if (!choice) throw new ReplayError(`choice "${id}" is not on offer at "${state.ctx.nodeId}"`, 0);
    state = stepState(bundle, state, choice);
  }
  const result: Record<string, number> = {};
  let finished = 0;
  for (const first of offered(bundle, state)) {
    let best = Number.NEGATIVE_INFINITY;
    const stack: PlayState[] = [stepState(bundle, state, first)];
    while (stack.length > 0) {
      const next = stack.pop() as PlayState;
      if (next.done) {
        best = Math.max(best, scoreAttempt(bundle, next.ctx).total);
        finished += 1;
        if (finished % slice === 0) await breathe();
        continue;
      }
      for (const choice of offered(bundle, next)) stack.push(stepState(bundle, next, choice));
    }
    result[first.id] = best;
  }
  return result;
}
