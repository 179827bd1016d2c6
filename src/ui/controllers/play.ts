/**
 * Playing a conversation: starting, resuming and replaying sessions, the conversation and debrief
 * screens, and the record of each attempt. The screens get a conversation port and intents; this
 * controller owns the Session behind the port, the attempt's recorder and everything they write.
 */

import type { ContentSource } from '../../content/source';
import { type ConversationPort, LocalConversation } from '../../conversation/port';
import { type Mode, randomSeed, Session, scoreAttempt } from '../../engine/runtime';
import {
  decodeReplayCode,
  encodeReplayCode,
  ReplayCodeError,
  scenarioIdOfCode,
} from '../../engine/runtime/replayCode';
import { SCENES } from '../../game/events';
import { type InProgress, newAttemptId, type ProgressStore, resumeSession } from '../../progress';
import type { Announcer } from '../announcer';
import { AttemptRecorder } from '../recorder';
import type { Router } from '../router';
import { renderConversation } from '../screens/conversationScreen';
import { renderDebrief } from '../screens/debriefScreen';
import {
  effectiveMetersAsText,
  effectiveReducedMotion,
  effectiveTypingSpeed,
  type Settings,
} from '../settings';
import type { SoundBoard } from '../sound';
import { soundscape } from '../soundscape';
import type { FinishedAttempt, PlaySettings } from '../types';
import { currentLayout } from '../viewport';

export interface PlayDeps {
  router: Router;
  content: ContentSource;
  store: ProgressStore;
  announcer: Announcer;
  settings: () => Settings;
  /** A fixed seed (from the URL) makes every attempt replay the same patient; otherwise each draws one. */
  fixedSeed: number | undefined;
  /** Where "choose another scenario" and leaving go; `notice` explains a failure. */
  toSelect: (notice?: string) => Promise<void>;
  /**
   * Keeps this tab's own copy of the conversation it is playing, so a reload resumes it (`survivesReload`:
   * the store's copy already does; see TabMemory.remember).
   */
  rememberTabAttempt: (entry: InProgress | undefined, survivesReload: boolean) => void;
  sound: SoundBoard;
  /** The sound button during a conversation turns the setting on or off. */
  onSoundChange: (on: boolean) => void;
}

/** Where a new session starts from: nothing (a fresh attempt) or earlier choices (rewind, replay from N). */
interface StartFrom {
  seed?: number;
  choices?: readonly string[];
  /** Continue this attempt's record (rewind keeps the attempt; replay from a turn starts a new one). */
  meta?: { attemptId: string; startedAt: Date; turnTimes: string[] };
  mode?: Mode;
}

export class PlayController {
  private current: { session: Session; port: ConversationPort; mode: Mode } | undefined;
  private recorder: AttemptRecorder | undefined;
  private readonly finished = new Map<string, FinishedAttempt>();

  constructor(private readonly deps: PlayDeps) {}

  /** The session on screen (conversation or debrief), if any: test hooks and the LMS read it. */
  get session(): Session | undefined {
    return this.current?.session;
  }

  private get play(): PlaySettings {
    return this.deps.settings().play;
  }

  /** Starts a scenario; with `from.choices`, replays them first. */
  async start(id: string, from: StartFrom = {}): Promise<void> {
    const bundle = await this.deps.content.loadScenario(id);
    const seed = from.seed ?? this.deps.fixedSeed ?? randomSeed();
    const mode = from.mode ?? this.play.mode;
    const session = Session.replay(bundle, seed, from.choices ?? []);
    const meta = from.meta ?? {
      attemptId: newAttemptId(id, new Date()),
      startedAt: new Date(),
      turnTimes: [],
    };
    await this.playSession(session, mode, {
      ...meta,
      mode,
      turnTimes: meta.turnTimes.slice(0, from.choices?.length ?? 0),
    });
  }

  /** Continues a conversation saved before a reload, or says plainly why it cannot. */
  async resume(entry: InProgress): Promise<{ ok: true } | { ok: false; reason: string }> {
    const id = entry.save.scenarioId;
    const playable = this.deps.content.scenarios().some((e) => e.summary?.id === id);
    const bundle = playable ? await this.deps.content.loadScenario(id) : undefined;
    const result = resumeSession(bundle, entry);
    if (!result.ok) {
      await this.deps.store.clearInProgress(entry.attemptId);
      return result;
    }
    if (result.message) this.deps.announcer.say(result.message);
    const turns = result.session.view().turn;
    await this.playSession(
      result.session,
      entry.mode,
      {
        attemptId: entry.attemptId,
        mode: entry.mode,
        startedAt: new Date(entry.startedAt),
        turnTimes: entry.turnTimes.slice(0, turns),
      },
      result.message,
    );
    return { ok: true };
  }

  /**
   * Opens an attempt from a replay code: replays it exactly and shows it. When it cannot, nothing changes
   * on screen and the reason comes back for the caller to show where the code was entered.
   */
  async openReplayCode(code: string): Promise<string | undefined> {
    let session: Session;
    try {
      const id = scenarioIdOfCode(code);
      if (!this.deps.content.scenarios().some((e) => e.summary?.id === id)) {
        throw new ReplayCodeError('This code is for a scenario this version of Good Terms does not have.');
      }
      const bundle = await this.deps.content.loadScenario(id);
      const attempt = decodeReplayCode(code, bundle);
      session = Session.replay(bundle, attempt.seed, attempt.choices);
    } catch (error) {
      return error instanceof ReplayCodeError
        ? error.message
        : 'This code could not be replayed: the conversation it records no longer fits the scenario.';
    }
    // Someone else's attempt: shown, never recorded as this trainee's.
    if (session.view().status === 'ended') await this.showDebrief(session, 'practice', undefined);
    else await this.playSession(session, 'practice', undefined);
    return undefined;
  }

  private async playSession(
    session: Session,
    mode: Mode,
    meta: (ConstructorParameters<typeof AttemptRecorder>[2] & { mode: Mode }) | undefined,
    notice?: string,
  ): Promise<void> {
    this.recorder?.detach();
    this.current?.session.stop();
    const port = new LocalConversation(session);
    this.current = { session, port, mode };
    this.recorder = meta
      ? new AttemptRecorder(this.deps.store, session, meta, this.deps.rememberTabAttempt)
      : undefined;
    const recorder = this.recorder;
    const settings = this.deps.settings();
    const { bundle, seed } = session;
    const id = bundle.scenario.id;
    const showMeters = !(mode === 'assessment' && bundle.scenario.hideMetersInAssessment);
    await this.deps.router.show({
      screen: 'conversation',
      scene: SCENES.conversation,
      data: { conversation: port, reducedMotion: effectiveReducedMotion(settings), showMeters },
      title: bundle.scenario.title,
      panel: (overlay) => {
        const stopPanel = renderConversation(overlay, {
          conversation: port,
          announcer: this.deps.announcer,
          typingSpeed: effectiveTypingSpeed(settings),
          metersAsText: effectiveMetersAsText(settings),
          numberKeys: settings.numberKeys,
          accountOpen: currentLayout() === 'wide',
          mode,
          notice,
          hints: mode === 'practice' && this.play.hints,
          coachFeedback: mode === 'practice' && this.play.coachFeedback,
          showMeters,
          onRewind:
            mode === 'practice'
              ? () => {
                  const choices = session.attempt().choices.slice(0, -1);
                  // Said before the new screen types the earlier line again, so the two arrive in order.
                  this.deps.announcer.say(
                    `You took back your last choice. Back to turn ${choices.length + 1}.`,
                  );
                  return this.start(id, {
                    seed,
                    choices,
                    mode,
                    meta: recorder
                      ? {
                          attemptId: recorder.meta.attemptId,
                          startedAt: recorder.meta.startedAt,
                          turnTimes: recorder.meta.turnTimes,
                        }
                      : undefined,
                  });
                }
              : undefined,
          onFinished: () => this.showDebrief(session, mode, recorder),
          onLeave: async () => {
            await recorder?.abandon();
            await this.deps.toSelect();
          },
          sound: this.deps.sound.enabled,
          onSoundChange: this.deps.onSoundChange,
        });
        const stopSound = soundscape(port, this.deps.sound, showMeters);
        return () => {
          stopSound();
          stopPanel();
        };
      },
    });
  }

  private async showDebrief(
    session: Session,
    mode: Mode,
    recorder: AttemptRecorder | undefined,
  ): Promise<void> {
    const view = session.view();
    if (view.status !== 'ended') throw new Error('the debrief is only for a finished conversation');
    const report = scoreAttempt(session.bundle, session.context());
    const id = session.bundle.scenario.id;
    const previous = this.finished.get(id);
    await recorder?.finish(report);
    if (this.recorder === recorder) this.recorder = undefined;
    if (this.current?.session !== session) {
      this.current?.session.stop();
      this.current = { session, port: new LocalConversation(session), mode };
    }
    const attempt = session.attempt();
    this.finished.set(id, { attempt, mode, report, endingTitle: view.ending.title });
    const code = encodeReplayCode(session.bundle, attempt);
    await this.deps.router.show({
      screen: 'debrief',
      scene: SCENES.debrief,
      data: { setting: session.bundle.scenario.setting },
      title: `Debrief: ${session.bundle.scenario.title}`,
      panel: (overlay) =>
        renderDebrief(overlay, {
          bundle: session.bundle,
          view,
          log: session.log(),
          variant: session.context().variant,
          attempt,
          report,
          mode,
          previous,
          replayCode: code,
          replayLink: `${location.origin}${location.pathname}#replay=${code}`,
          copyText: (text) =>
            navigator.clipboard?.writeText
              ? navigator.clipboard.writeText(text).then(
                  () => true,
                  () => false,
                )
              : Promise.resolve(false),
          onReplay: () => this.start(id, { mode }),
          onReplayFrom: (turn) =>
            this.start(id, { seed: session.seed, choices: attempt.choices.slice(0, turn - 1), mode }),
          onChooseAnother: () => this.deps.toSelect(),
        }),
    });
  }

  /** Another screen took over: stop the session (its record stays saved for a later resume). */
  release(): void {
    this.recorder?.detach();
    this.recorder = undefined;
    this.current?.session.stop();
    this.current = undefined;
  }
}
