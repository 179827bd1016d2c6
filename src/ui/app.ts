/**
 * The app shell: which screen is showing. A screen is a Phaser scene (what is drawn) plus an overlay
 * panel (all text and controls). The shell starts both, waits for the scene to say it is ready, and
 * disposes the previous panel's listeners before the next one mounts.
 */
import type Phaser from 'phaser';
import { listScenarios, loadScenario } from '../content/catalog';
import { randomSeed, Session, scoreAttempt } from '../engine';
import { SCENES, type SceneData, type SceneKey } from '../game/events';
import { SCENE_READY } from '../game/scenes/ready';
import type { SelectScene } from '../game/scenes/SelectScene';
import type { Announcer } from './announcer';
import { renderConversation } from './screens/conversationScreen';
import { renderDebrief } from './screens/debriefScreen';
import { renderSelect } from './screens/selectScreen';
import { renderTitle } from './screens/titleScreen';

export type ScreenName = 'title' | 'select' | 'conversation' | 'debrief';

export interface Preferences {
  reducedMotion: boolean;
  /** Characters per second for the patient's line; 0 shows it at once. */
  typingSpeed: number;
  /** A fixed seed (from the URL) makes every attempt replay the same patient; otherwise each attempt draws one. */
  fixedSeed: number | undefined;
}

export class App {
  screen: ScreenName = 'title';
  session: Session | undefined;
  private dispose: (() => void) | undefined;

  constructor(
    readonly game: Phaser.Game,
    private readonly overlay: HTMLElement,
    readonly announcer: Announcer,
    readonly prefs: Preferences,
  ) {}

  async showTitle(): Promise<void> {
    const faces = listScenarios().flatMap((e) => (e.summary ? [e.summary.look] : []));
    await this.mount('title', SCENES.title, { faces }, () =>
      renderTitle(this.overlay, { onStart: () => this.showSelect() }),
    );
  }

  async showSelect(): Promise<void> {
    const scenarios = listScenarios();
    const highlighted = scenarios.find((s) => s.summary)?.summary;
    await this.mount('select', SCENES.select, { highlighted }, () =>
      renderSelect(this.overlay, {
        scenarios,
        onHighlight: (summary) => this.selectScene()?.showScenario(summary),
        onPick: (id) => this.startScenario(id),
        onBack: () => this.showTitle(),
      }),
    );
  }

  async startScenario(id: string, seed = this.prefs.fixedSeed ?? randomSeed()): Promise<void> {
    const bundle = await loadScenario(id);
    this.session?.stop();
    const session = Session.start(bundle, seed);
    this.session = session;
    await this.mount(
      'conversation',
      SCENES.conversation,
      { session, reducedMotion: this.prefs.reducedMotion },
      () =>
        renderConversation(this.overlay, {
          session,
          announcer: this.announcer,
          typingSpeed: this.prefs.reducedMotion ? 0 : this.prefs.typingSpeed,
          onFinished: () => this.showDebrief(session),
          onLeave: () => this.showSelect(),
        }),
    );
  }

  async showDebrief(session: Session): Promise<void> {
    const report = scoreAttempt(session.bundle, session.context());
    await this.mount('debrief', SCENES.debrief, { session, report }, () =>
      renderDebrief(this.overlay, {
        session,
        report,
        onReplay: () => this.startScenario(session.bundle.scenario.id),
        onChooseAnother: () => this.showSelect(),
      }),
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
      this.session?.stop();
      this.session = undefined;
    }
    this.screen = screen;
    this.dispose = renderPanel();
    document.dispatchEvent(new CustomEvent('good-terms:screen', { detail: screen }));
  }
}
