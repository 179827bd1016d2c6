import Phaser from 'phaser';
import { SCENES } from '../events';
import { announceReady } from './ready';

/** Everything is drawn procedurally, so there is nothing to preload: Boot only tells the shell the renderer is up. */
export class BootScene extends Phaser.Scene {
  constructor() {
    super(SCENES.boot);
  }

  create(): void {
    announceReady(this);
  }
}
