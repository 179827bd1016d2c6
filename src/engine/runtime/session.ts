/**
 * The session: the small API everything outside the engine uses to run a conversation.
 * It owns one XState actor (the single source of truth) and hands out views that are pure
 * projections of the actor's snapshot, so a restored session renders exactly like the original.
 *
 * What is persisted is the engine's own record, never an XState snapshot (a library's internal shape,
 * too big for an LMS's suspend_data and fragile across versions): the attempt's seed and choices.
 * Restoring replays the choices with the actor-free stepper and hands XState the resulting context
 * (`resolveState`), so no action runs twice and no cue fires again.
 */
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { chooseEvent, compileScenario, type PatientCue, type PatientMachine } from './compiler';
import { lineTextOf } from './lookup';
import { offered, type PlayState, shownChoices, startState, stepState } from './stepper';
import type { AttemptRecord, ConversationView, PatientContext, ScenarioBundle, TurnRecord } from './types';

/** Format 1 carried an XState snapshot; format 2 is the attempt alone. */
export const SAVE_FORMAT = 2;

/** The persisted form of a conversation in progress: the attempt and the version of this record. */
export interface SessionSave extends AttemptRecord {
  format: typeof SAVE_FORMAT;
}

export class ChoiceUnavailableError extends Error {
  constructor(
    readonly choiceId: string,
    readonly nodeId: string,
    readonly available: string[],
  ) {
    super(
      `choice "${choiceId}" is not available at node "${nodeId}"; available: ${available.join(', ') || '(none: the conversation has ended)'}`,
    );
    this.name = 'ChoiceUnavailableError';
  }
}

export class ReplayError extends Error {
  constructor(
    message: string,
    readonly step: number,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}

type PatientSnapshot = SnapshotFrom<PatientMachine>;

/**
 * Compiling is the expensive part, so machines are cached, keyed by the bundle object itself: a bundle
 * nobody holds any more (an editor's superseded draft, a server's replaced content) takes its machine
 * with it, so a long-lived process does not grow with every edit.
 */
const machines = new WeakMap<ScenarioBundle, PatientMachine>();
export function machineFor(bundle: ScenarioBundle): PatientMachine {
  let machine = machines.get(bundle);
  if (!machine) {
    machine = compileScenario(bundle);
    machines.set(bundle, machine);
  }
  return machine;
}

/**
 * Plays recorded choices with the stepper (no actor), checking each is on offer. Throws ReplayError
 * naming the first step that no longer fits.
 */
export function replayContext(bundle: ScenarioBundle, seed: number, choices: readonly string[]): PlayState {
  let state = startState(bundle, seed);
  choices.forEach((choiceId, step) => {
    const choice = offered(bundle, state).find((c) => c.id === choiceId);
    if (!choice) {
      const error = new ChoiceUnavailableError(
        choiceId,
        state.ctx.nodeId,
        offered(bundle, state).map((c) => c.id),
      );
      throw new ReplayError(`step ${step + 1} of ${choices.length}: ${error.message}`, step);
    }
    state = stepState(bundle, state, choice);
  });
  return state;
}

function viewOf(
  bundle: ScenarioBundle,
  snapshot: Pick<PatientSnapshot, 'context' | 'status'>,
): ConversationView {
  const ctx = snapshot.context;
  const { scenario } = bundle;
  const base = { turn: ctx.log.length, nodeId: ctx.nodeId, meters: ctx.meters, ledger: ctx.ledger };
  const ending = scenario.endings[ctx.nodeId];
  if (snapshot.status === 'done' && ending) {
    return {
      ...base,
      status: 'ended',
      line: { id: ctx.nodeId, text: ending.line },
      ending: { id: ctx.nodeId, ...ending },
    };
  }
  const node = scenario.nodes[ctx.nodeId];
  if (!node) throw new Error(`snapshot points at unknown node "${ctx.nodeId}" in ${scenario.id}`);
  return {
    ...base,
    status: 'active',
    line: { id: ctx.lineId, text: lineTextOf(bundle, ctx.nodeId, ctx.lineId) ?? '' },
    cue: node.cue,
    thought: node.thought,
    choices: shownChoices(bundle, ctx).map((c, i) => ({ id: c.id, index: i + 1, text: c.text })),
  };
}

/** Listeners handed out by subscribe() and onCue() and not yet released, over every session (leak checks). */
let openListeners = 0;

export class Session {
  private readonly actor: Actor<PatientMachine>;
  private listeners = 0;

  private constructor(
    readonly bundle: ScenarioBundle,
    readonly seed: number,
    at: PlayState | undefined,
  ) {
    const machine = machineFor(bundle);
    this.actor = at
      ? createActor(machine, {
          snapshot: machine.resolveState({ value: at.ctx.nodeId, context: at.ctx }),
          input: { seed },
        })
      : createActor(machine, { input: { seed } });
    this.actor.start();
  }

  static start(bundle: ScenarioBundle, seed: number): Session {
    return new Session(bundle, seed, undefined);
  }

  /** Plays recorded choices from the start. Throws ReplayError naming the first step that no longer fits. */
  static replay(bundle: ScenarioBundle, seed: number, choices: readonly string[]): Session {
    return new Session(bundle, seed, replayContext(bundle, seed, choices));
  }

  /**
   * Restores a save by replaying its choices. `changed` says the content is not the version the save was
   * made with (its structure hash differs), so the UI can tell the trainee; a ReplayError says where the
   * choices stopped fitting.
   */
  static restore(bundle: ScenarioBundle, save: SessionSave): { session: Session; changed: boolean } {
    if (save.format !== SAVE_FORMAT) throw new ReplayError(`unknown save format ${String(save.format)}`, 0);
    if (save.scenarioId !== bundle.scenario.id) {
      throw new ReplayError(`save is for scenario "${save.scenarioId}", not "${bundle.scenario.id}"`, 0);
    }
    return {
      session: Session.replay(bundle, save.seed, save.choices),
      changed: save.contentHash !== bundle.contentHash,
    };
  }

  view(): ConversationView {
    return viewOf(this.bundle, this.actor.getSnapshot());
  }

  context(): Readonly<PatientContext> {
    return this.actor.getSnapshot().context;
  }

  log(): readonly TurnRecord[] {
    return this.context().log;
  }

  choose(choiceId: string): ConversationView {
    const before = this.actor.getSnapshot();
    const event = chooseEvent(choiceId);
    if (before.status !== 'active' || !before.can(event)) {
      throw new ChoiceUnavailableError(
        choiceId,
        before.context.nodeId,
        viewOf(this.bundle, before).status === 'active'
          ? shownChoices(this.bundle, before.context).map((c) => c.id)
          : [],
      );
    }
    this.actor.send(event);
    return this.view();
  }

  /** Called after every change of state, with the new view. Returns an unsubscribe function. */
  subscribe(listener: (view: ConversationView) => void): () => void {
    const subscription = this.actor.subscribe(() => listener(this.view()));
    return this.track(() => subscription.unsubscribe());
  }

  /** One-shot cues (a reaction to animate, the end of the conversation). Returns an unsubscribe function. */
  onCue(listener: (cue: PatientCue) => void): () => void {
    const reaction = this.actor.on('reaction', listener);
    const ended = this.actor.on('ended', listener);
    return this.track(() => {
      reaction.unsubscribe();
      ended.unsubscribe();
    });
  }

  /** How many subscribe() / onCue() listeners of this session are still registered (read-only; for leak checks). */
  listenerCount(): number {
    return this.listeners;
  }

  /** The same over every session ever started: what screens and scenes forgot to release stays counted here. */
  static openListenerCount(): number {
    return openListeners;
  }

  private track(release: () => void): () => void {
    this.listeners += 1;
    openListeners += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.listeners -= 1;
      openListeners -= 1;
      release();
    };
  }

  attempt(): AttemptRecord {
    return {
      scenarioId: this.bundle.scenario.id,
      contentHash: this.bundle.contentHash,
      seed: this.seed,
      // From the snapshot's own log, so it is right even inside a subscriber called during the send.
      choices: this.context().log.map((turn) => turn.choiceId),
    };
  }

  persist(): SessionSave {
    return { format: SAVE_FORMAT, ...this.attempt() };
  }

  stop(): void {
    this.actor.stop();
  }
}
