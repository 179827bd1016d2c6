/**
 * The session: the small API everything outside the engine uses to run a conversation.
 * It owns one XState actor (the single source of truth) and hands out views that are pure
 * projections of the actor's snapshot, so a restored session renders exactly like the original.
 */
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { chooseEvent, compileScenario, type PatientCue, type PatientMachine } from './compiler';
import { lineTextOf } from './lookup';
import { shownChoices } from './stepper';
import type { AttemptRecord, ConversationView, PatientContext, ScenarioBundle, TurnRecord } from './types';

export const SAVE_FORMAT = 1;

/** The persisted form of a conversation in progress. */
export interface SessionSave {
  format: typeof SAVE_FORMAT;
  scenarioId: string;
  contentHash: string;
  seed: number;
  choices: string[];
  snapshot: unknown;
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

/** Compiling is the expensive part; machines are cached per content hash. */
const machines = new Map<string, PatientMachine>();
export function machineFor(bundle: ScenarioBundle): PatientMachine {
  let machine = machines.get(bundle.contentHash);
  if (!machine) {
    machine = compileScenario(bundle);
    machines.set(bundle.contentHash, machine);
  }
  return machine;
}

export function viewOf(
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
    options: { snapshot?: unknown },
  ) {
    const machine = machineFor(bundle);
    this.actor = options.snapshot
      ? // biome-ignore lint/suspicious/noExplicitAny: a persisted snapshot is opaque JSON by design.
        createActor(machine, { snapshot: options.snapshot as any, input: { seed } })
      : createActor(machine, { input: { seed } });
    this.actor.start();
  }

  static start(bundle: ScenarioBundle, seed: number): Session {
    return new Session(bundle, seed, {});
  }

  /** Plays recorded choices from the start. Throws ReplayError naming the first step that no longer fits. */
  static replay(bundle: ScenarioBundle, seed: number, choices: readonly string[]): Session {
    const session = Session.start(bundle, seed);
    choices.forEach((choiceId, step) => {
      try {
        session.choose(choiceId);
      } catch (error) {
        session.stop();
        const reason = error instanceof Error ? error.message : String(error);
        throw new ReplayError(`step ${step + 1} of ${choices.length}: ${reason}`, step);
      }
    });
    return session;
  }

  /**
   * Restores a save. The same content restores the exact snapshot (no actions re-run); changed content
   * replays the recorded choices through the new version, and a ReplayError says where that stopped fitting.
   */
  static restore(
    bundle: ScenarioBundle,
    save: SessionSave,
  ): { session: Session; via: 'snapshot' | 'replay' } {
    if (save.format !== SAVE_FORMAT) throw new ReplayError(`unknown save format ${String(save.format)}`, 0);
    if (save.scenarioId !== bundle.scenario.id) {
      throw new ReplayError(`save is for scenario "${save.scenarioId}", not "${bundle.scenario.id}"`, 0);
    }
    if (save.contentHash === bundle.contentHash) {
      return {
        session: new Session(bundle, save.seed, { snapshot: save.snapshot }),
        via: 'snapshot',
      };
    }
    return { session: Session.replay(bundle, save.seed, save.choices), via: 'replay' };
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
    return {
      format: SAVE_FORMAT,
      ...this.attempt(),
      snapshot: JSON.parse(JSON.stringify(this.actor.getPersistedSnapshot())),
    };
  }

  stop(): void {
    this.actor.stop();
  }
}
