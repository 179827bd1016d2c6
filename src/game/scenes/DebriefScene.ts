import Phaser from 'phaser';
import { drawBackdrop } from '../art';
import { SCENES, type SceneData } from '../events';
import { announceReady } from './ready';

/**
 * The setting behind the debrief. The chart and the report are DOM (src/ui) so that every marker and
 * number can take focus and be read by a screen reader.
 */
export class DebriefScene extends Phaser.Scene {
  constructor() {
    super(SCENES.debrief);
  }

  create(data: SceneData['debrief']): void {
    this.add.existing(drawBackdrop(this, data.setting));
    announceReady(this);
  }
}
