/**
 * The app shell: which screen is showing. A screen is a Phaser scene (what is drawn) plus an overlay
 * panel (all text and controls). The shell starts both, waits for the scene to say it is ready, and
 * disposes the previous panel's listeners before the next one mounts.
 */
import type Phaser from 'phaser';
import { listScenarios, loadScenario } from '../content/catalog';
import { type Mode, randomSeed, Session, scoreAttempt } from '../engine/runtime';
import { decodeReplayCode, ReplayCodeError, scenarioIdOfCode } from '../engine/runtime/replayCode';
import type { ScoreReport } from '../engine/runtime/scoring';
import type { AttemptRecord, ScenarioBundle } from '../engine/runtime/types';
import { SCENES, type SceneData, type SceneKey } from '../game/events';
import { SCENE_READY } from '../game/scenes/ready';
import type { SelectScene } from '../game/scenes/SelectScene';
import { type InProgress, type ProgressStore, resumeSession } from '../progress';
import type { Announcer } from './announcer';
import { AttemptTracker } from './attemptTracker';
import { renderAccessibility } from './screens/accessibilityScreen';
import { renderCertificate } from './screens/certificateScreen';
import { renderConversation } from './screens/conversationScreen';
import { renderCurriculum } from './screens/curriculumScreen';
import { renderDebrief } from './screens/debriefScreen';
import { renderProgress } from './screens/progressScreen';
import { renderSelect } from './screens/selectScreen';
import { renderSettings } from './screens/settingsScreen';
import { renderTitle } from './screens/titleScreen';
import {
  applySettings,
  effectiveReducedMotion,
  effectiveTypingSpeed,
  type Settings,
  saveSettings,
} from './settings';

export type ScreenName =
  | 'title'
  | 'select'
  | 'conversation'
  | 'debrief'
  | 'settings'
  | 'accessibility'
  | 'progress'
  | 'curriculum'
  | 'certificate';

/** How the trainee plays: chosen on the select screen, shown during play. */
export interface PlaySettings {
  mode: Mode;
  /** Practice only: the patient's feelings as a thought bubble, on request. */
  hints: boolean;
  /** Practice only: a coach note after each choice. */
  coachFeedback: boolean;
}

/** A finished attempt, kept for the side-by-side comparison with the next attempt at the same scenario. */
export interface FinishedAttempt {
  attempt: AttemptRecord;
  mode: Mode;
  report: ScoreReport;
  endingTitle: string;
}

export class App {
  screen: ScreenName = 'title';
  session: Session | undefined;
  private readonly finished = new Map<string, FinishedAttempt>();
  private dispose: (() => void) | undefined;
  /** Follows the conversation being played for the progress store (absent when viewing a replay code). */
  private tracker: AttemptTracker | undefined;

  constructor(
    readonly game: Phaser.Game,
    private readonly overlay: HTMLElement,
    readonly announcer: Announcer,
    readonly store: ProgressStore,
    public settings: Settings,
    /** A fixed seed (from the URL) makes every attempt replay the same patient; otherwise each attempt draws one. */
    private readonly fixedSeed: number | undefined,
  ) {
    applySettings(settings);
  }

  get play(): PlaySettings {
    return this.settings.play;
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    saveSettings(settings);
    applySettings(settings);
  }

  async showTitle(message?: string): Promise<void> {
    const faces = listScenarios().flatMap((e) => (e.summary ? [e.summary.look] : []));
    const inProgress = await this.store.inProgress();
    const notices = [this.store.notice, message].filter((n): n is string => Boolean(n));
    await this.mount('title', SCENES.title, { faces }, () =>
      renderTitle(this.overlay, {
        inProgress,
        notices,
        onStart: () => this.showSelect(),
        onResume: (entry) => this.resume(entry),
        onDiscard: async () => {
          await this.store.clearInProgress();
          await this.showTitle();
        },
        onPath: () => this.showCurriculum(),
        onProgress: () => this.showProgress(),
        onSettings: () => this.showSettings(),
        onAccessibility: () => this.showAccessibility(),
      }),
    );
  }

  /** Continues the conversation saved before a reload, or says plainly why it cannot. */
  async resume(entry: InProgress): Promise<void> {
    const id = entry.save.scenarioId;
    const bundle = listScenarios().some((e) => e.summary?.id === id) ? await loadScenario(id) : undefined;
    const result = resumeSession(bundle, entry);
    if (!result.ok) {
      await this.store.clearInProgress();
      await this.showTitle(`${result.reason} You can start it again from the list.`);
      return;
    }
    if (result.message) this.announcer.say(result.message);
    await this.playSession(
      result.session,
      entry.mode,
      {
        startedAt: new Date(entry.startedAt),
        turnTimes: entry.turnTimes.slice(0, result.session.view().turn),
      },
      result.message,
    );
  }

  async showSelect(notice?: string): Promise<void> {
    const scenarios = listScenarios();
    const highlighted = scenarios.find((s) => s.summary)?.summary;
    await this.mount('select', SCENES.select, { highlighted }, () =>
      renderSelect(this.overlay, {
        scenarios,
        play: this.play,
        notice,
        onPlayChange: (play) => this.updateSettings({ ...this.settings, play }),
        onHighlight: (summary) => this.selectScene()?.showScenario(summary),
        onPick: (id) => this.startScenario(id),
        onReplayCode: (code) => this.openReplayCode(code),
        onBack: () => this.showTitle(),
      }),
    );
  }

  /** Starts a scenario; with `choices`, replays them first (replay from a turn, rewind). */
  async startScenario(
    id: string,
    seed = this.fixedSeed ?? randomSeed(),
    choices: readonly string[] = [],
    record: { startedAt: Date; turnTimes: string[] } = { startedAt: new Date(), turnTimes: [] },
    mode: Mode = this.play.mode,
  ): Promise<void> {
    const bundle = await loadScenario(id);
    this.session?.stop();
    await this.playSession(Session.replay(bundle, seed, choices), mode, record);
  }

  private async playSession(
    session: Session,
    mode: Mode,
    record: { startedAt: Date; turnTimes: string[] } | undefined,
    notice?: string,
  ): Promise<void> {
    this.tracker?.detach();
    this.tracker = record
      ? new AttemptTracker(this.store, session, mode, record.startedAt, [...record.turnTimes])
      : undefined;
    this.session = session;
    const { bundle, seed } = session;
    const id = bundle.scenario.id;
    const showMeters = !(mode === 'assessment' && bundle.scenario.hideMetersInAssessment);
    const tracker = this.tracker;
    await this.mount(
      'conversation',
      SCENES.conversation,
      { session, reducedMotion: effectiveReducedMotion(this.settings), showMeters },
      () =>
        renderConversation(this.overlay, {
          session,
          announcer: this.announcer,
          typingSpeed: effectiveTypingSpeed(this.settings),
          metersAsText: this.settings.metersAsText,
          mode,
          notice,
          hints: mode === 'practice' && this.play.hints,
          coachFeedback: mode === 'practice' && this.play.coachFeedback,
          showMeters,
          onRewind:
            mode === 'practice'
              ? () => {
                  const choices = session.attempt().choices.slice(0, -1);
                  const times = (tracker?.turnTimes ?? []).slice(0, choices.length);
                  return this.startScenario(
                    id,
                    seed,
                    choices,
                    { startedAt: tracker?.startedAt ?? new Date(), turnTimes: times },
                    mode,
                  );
                }
              : undefined,
          onFinished: () => this.showDebrief(session, mode),
          onLeave: async () => {
            await tracker?.abandon();
            await this.showSelect();
          },
        }),
    );
  }

  async showDebrief(session: Session, mode: Mode = this.play.mode): Promise<void> {
    const report = scoreAttempt(session.bundle, session.context());
    const id = session.bundle.scenario.id;
    const previous = this.finished.get(id);
    if (this.tracker?.session === session) await this.tracker.finish(report);
    this.finished.set(id, {
      attempt: session.attempt(),
      mode,
      report,
      endingTitle: endingOf(session)?.title ?? '',
    });
    await this.mount('debrief', SCENES.debrief, { session }, () =>
      renderDebrief(this.overlay, {
        session,
        report,
        mode,
        previous,
        onReplay: () => this.startScenario(id, undefined, [], undefined, mode),
        onReplayFrom: (turn) =>
          this.startScenario(id, session.seed, session.attempt().choices.slice(0, turn - 1), undefined, mode),
        onChooseAnother: () => this.showSelect(),
      }),
    );
  }

  async showSettings(): Promise<void> {
    await this.mount('settings', SCENES.title, { faces: [] }, () =>
      renderSettings(this.overlay, {
        settings: this.settings,
        onChange: (settings) => this.updateSettings(settings),
        onDone: () => this.showTitle(),
      }),
    );
  }

  async showAccessibility(): Promise<void> {
    await this.mount('accessibility', SCENES.title, { faces: [] }, () =>
      renderAccessibility(this.overlay, { onDone: () => this.showTitle() }),
    );
  }

  /** Opens an attempt from a replay code: replays it exactly and shows its debrief, or explains why not. */
  async openReplayCode(code: string): Promise<void> {
    let bundle: ScenarioBundle;
    let attempt: AttemptRecord;
    try {
      const id = scenarioIdOfCode(code);
      if (!listScenarios().some((e) => e.summary?.id === id)) {
        throw new ReplayCodeError(`This code is for a scenario this version does not have ("${id}").`);
      }
      bundle = await loadScenario(id);
      attempt = decodeReplayCode(code, bundle);
    } catch (error) {
      await this.showSelect(error instanceof Error ? error.message : String(error));
      return;
    }
    this.session?.stop();
    let session: Session;
    try {
      session = Session.replay(bundle, attempt.seed, attempt.choices);
    } catch (error) {
      await this.showSelect(
        `This code could not be replayed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    // Someone else's attempt: shown, never recorded as this trainee's.
    this.tracker?.detach();
    this.tracker = undefined;
    if (session.view().status === 'ended') {
      await this.showDebrief(session, 'practice');
      return;
    }
    await this.playSession(session, 'practice', undefined);
  }

  async showProgress(message?: string): Promise<void> {
    const [attempts, profile, setAside] = await Promise.all([
      this.store.attempts(),
      this.store.profile(),
      this.store.setAside(),
    ]);
    await this.mount('progress', SCENES.title, { faces: [] }, () =>
      renderProgress(this.overlay, {
        store: this.store,
        attempts,
        profile,
        setAside,
        message,
        onCertificate: () => this.showCertificate(),
        onChanged: (note) => this.showProgress(note),
        onDone: () => this.showTitle(),
      }),
    );
  }

  async showCurriculum(): Promise<void> {
    const attempts = await this.store.attempts();
    await this.mount('curriculum', SCENES.title, { faces: [] }, () =>
      renderCurriculum(this.overlay, {
        attempts,
        onPlay: (id, mode) => {
          this.updateSettings({ ...this.settings, play: { ...this.play, mode } });
          return this.startScenario(id, undefined, [], undefined, mode);
        },
        onCertificate: () => this.showCertificate(),
        onDone: () => this.showTitle(),
      }),
    );
  }

  async showCertificate(): Promise<void> {
    const [attempts, profile] = await Promise.all([this.store.attempts(), this.store.profile()]);
    await this.mount('certificate', SCENES.title, { faces: [] }, () =>
      renderCertificate(this.overlay, { attempts, profile, onDone: () => this.showProgress() }),
    );
  }

  private selectScene(): SelectScene | undefined {
    return this.game.scene.isActive(SCENES.select)
      ? (this.game.scene.getScene(SCENES.select) as SelectScene)
      : undefined;
  }

  private async mount<K extends SceneKey>(
    screen: ScreenName,
    key: K,
    data: SceneData[K],
    renderPanel: () => () => void,
  ): Promise<void> {
    this.dispose?.();
    this.dispose = undefined;
    this.overlay.replaceChildren();
    const ready = new Promise<void>((resolve) => {
      const onReady = (readyKey: string): void => {
        if (readyKey !== key) return;
        this.game.events.off(SCENE_READY, onReady);
        resolve();
      };
      this.game.events.on(SCENE_READY, onReady);
    });
    for (const scene of this.game.scene.getScenes(true)) {
      if (scene.scene.key !== key) this.game.scene.stop(scene.scene.key);
    }
    if (this.game.scene.isActive(key)) this.game.scene.stop(key);
    this.game.scene.start(key, data as object);
    await ready;
    if (screen !== 'conversation' && screen !== 'debrief') {
      this.tracker?.detach();
      this.tracker = undefined;
      this.session?.stop();
      this.session = undefined;
    }
    this.screen = screen;
    this.dispose = renderPanel();
    document.dispatchEvent(new CustomEvent('good-terms:screen', { detail: screen }));
  }
}

function endingOf(session: Session) {
  const view = session.view();
  return view.status === 'ended' ? view.ending : undefined;
}
