/**
 * The router: which screen is showing. A screen is a Phaser scene (what is drawn) plus an overlay panel
 * (all text and controls). The router starts the scene, waits for it to say it is ready, then disposes the
 * previous panel and mounts the next. Only the latest request mounts: a second `show` while the first
 * still waits for its scene supersedes it, so a slow scene can never leave a stale panel or listener.
 */
import type Phaser from 'phaser';
import type { SceneData, SceneKey } from '../game/events';
import { SCENE_READY } from '../game/scenes/ready';
import type { ScreenName } from './types';
import { remeasure } from './viewport';

export interface ScreenRequest<K extends SceneKey> {
  screen: ScreenName;
  scene: K;
  data: SceneData[K];
  /** The screen's name for `document.title` ("Debrief: Copay at the desk"). */
  title: string;
  /** Builds the panel into the overlay; returns its dispose function. */
  panel: (overlay: HTMLElement) => () => void;
}

export class Router {
  /** 'starting' until the first screen is mounted: nothing waiting on a screen can mistake the boot for it. */
  screen: ScreenName | 'starting' = 'starting';
  private dispose: (() => void) | undefined;
  private request = 0;

  constructor(
    readonly game: Phaser.Game,
    private readonly overlay: HTMLElement,
  ) {}

  /** Resolves true once the screen is mounted, false when a later request superseded it. */
  async show<K extends SceneKey>(req: ScreenRequest<K>): Promise<boolean> {
    const mine = ++this.request;
    const ready = new Promise<void>((resolve) => {
      const onReady = (readyKey: string): void => {
        if (readyKey !== req.scene) return;
        this.game.events.off(SCENE_READY, onReady);
        resolve();
      };
      this.game.events.on(SCENE_READY, onReady);
    });
    this.unmount();
    // The stylesheet sizes the scene band per screen in the tall layout: resize the canvas before the
    // scene draws, so it frames its art once, at the size it will have.
    const stage = this.overlay.parentElement;
    if (stage && stage.dataset.screen !== req.screen) {
      stage.dataset.screen = req.screen;
      remeasure(this.game);
    }
    for (const scene of this.game.scene.getScenes(true)) {
      if (scene.scene.key !== req.scene) this.game.scene.stop(scene.scene.key);
    }
    if (this.game.scene.isActive(req.scene)) this.game.scene.stop(req.scene);
    this.game.scene.start(req.scene, req.data as object);
    await ready;
    if (mine !== this.request) return false;
    this.screen = req.screen;
    document.title = req.title ? `${req.title} \u2013 Good Terms` : 'Good Terms';
    this.dispose = req.panel(this.overlay);
    return true;
  }

  private unmount(): void {
    this.dispose?.();
    this.dispose = undefined;
    this.overlay.replaceChildren();
  }
}
