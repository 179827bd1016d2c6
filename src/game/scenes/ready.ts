import type Phaser from 'phaser';
import { requestRender } from '../renderOnDemand';

export const SCENE_READY = 'good-terms:scene-ready';

/** Scenes call this at the end of create(); the shell waits on it instead of guessing with timers. */
export function announceReady(scene: Phaser.Scene): void {
  requestRender(scene);
  scene.game.events.emit(SCENE_READY, scene.scene.key);
}
