/**
 * Hooks for browser tests, compiled in only by `vite build --mode test` (see __TEST_HOOKS__).
 * Tests drive the game through the DOM by role and use these to wait on state and to read it.
 */
import type Phaser from 'phaser';
import type { App } from './app';

export interface TestHooks {
  readonly screen: string;
  readonly rendererType: 'webgl' | 'canvas' | 'other';
  readonly nodeId: string | undefined;
  readonly meters: { stress: number; trust: number } | undefined;
  readonly turn: number | undefined;
  readonly liveObjects: number;
}

declare global {
  interface Window {
    __GOOD_TERMS__?: TestHooks;
  }
}

export function installTestHooks(app: App, phaser: typeof Phaser): void {
  window.__GOOD_TERMS__ = {
    get screen() {
      return app.screen;
    },
    get rendererType() {
      const type = app.game.renderer.type;
      return type === phaser.WEBGL ? 'webgl' : type === phaser.CANVAS ? 'canvas' : 'other';
    },
    get nodeId() {
      return app.session?.context().nodeId;
    },
    get meters() {
      return app.session?.view().meters;
    },
    get turn() {
      return app.session?.view().turn;
    },
    get liveObjects() {
      return app.game.scene.getScenes(true).reduce((n, s) => n + s.children.length, 0);
    },
  };
}
