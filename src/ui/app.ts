/**
 * The app shell: which screen is showing. A screen is a Phaser scene (what is drawn) plus an overlay
 * panel (all text and controls). The shell starts both, waits for the scene to say it is ready, and
 * disposes the previous panel's listeners before the next one mounts.
 */
import type Phaser from 'phaser';
import { listScenarios, loadScenario } from '../content/catalog';
import { type Mode, randomSeed, Session, scoreAttempt } from '../engine';
import { decodeReplayCode, ReplayCodeError, scenarioIdOfCode } from '../engine/replayCode';
import type { ScoreReport } from '../engine/scoring';
import type { AttemptRecord, ScenarioBundle } from '../engine/types';
import { SCENES, type SceneData, type SceneKey } from '../game/events';
import { SCENE_READY } from '../game/scenes/ready';
import type { SelectScene } from '../game/scenes/SelectScene';
import type { Announcer } from './announcer';
import { renderAccessibility } from './screens/accessibilityScreen';
import { renderConversation } from './screens/conversationScreen';
import { renderDebrief } from './screens/debriefScreen';
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

export type ScreenName = 'title' | 'select' | 'conversation' | 'debrief' | 'settings' | 'accessibility';

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

  constructor(
    readonly game: Phaser.Game,
    private readonly overlay: HTMLElement,
    readonly announcer: Announcer,
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

  async showTitle(): Promise<void> {
    const faces = listScenarios().flatMap((e) => (e.summary ? [e.summary.look] : []));
    await this.mount('title', SCENES.title, { faces }, () =>
      renderTitle(this.overlay, {
        onStart: () => this.showSelect(),
        onSettings: () => this.showSettings(),
        onAccessibility: () => this.showAccessibility(),
      }),
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
  ): Promise<void> {
    const bundle = await loadScenario(id);
    this.session?.stop();
    const session = Session.replay(bundle, seed, choices);
    this.session = session;
    const { mode } = this.play;
    const showMeters = !(mode === 'assessment' && bundle.scenario.hideMetersInAssessment);
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
          hints: mode === 'practice' && this.play.hints,
          coachFeedback: mode === 'practice' && this.play.coachFeedback,
          showMeters,
          onRewind:
            mode === 'practice'
              ? () => this.startScenario(id, seed, session.attempt().choices.slice(0, -1))
              : undefined,
          onFinished: () => this.showDebrief(session),
          onLeave: () => this.showSelect(),
        }),
    );
  }

  async showDebrief(session: Session): Promise<void> {
    const report = scoreAttempt(session.bundle, session.context());
    const id = session.bundle.scenario.id;
    const previous = this.finished.get(id);
    const mode = this.play.mode;
    this.finished.set(id, {
      attempt: session.attempt(),
      mode,
      report,
      endingTitle: session.view().ending?.title ?? '',
    });
    await this.mount('debrief', SCENES.debrief, { session }, () =>
      renderDebrief(this.overlay, {
        session,
        report,
        mode,
        previous,
        onReplay: () => this.startScenario(id),
        onReplayFrom: (turn) =>
          this.startScenario(id, session.seed, session.attempt().choices.slice(0, turn - 1)),
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
    this.session = session;
    if (session.view().status === 'ended') {
      await this.showDebrief(session);
      return;
    }
    await this.startScenario(bundle.scenario.id, attempt.seed, attempt.choices);
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
      this.session?.stop();
      this.session = undefined;
    }
    this.screen = screen;
    this.dispose = renderPanel();
    document.dispatchEvent(new CustomEvent('good-terms:screen', { detail: screen }));
  }
}
