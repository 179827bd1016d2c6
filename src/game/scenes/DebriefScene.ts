import Phaser from 'phaser';
import { drawBackdrop } from '../art';
import { SCENES, type SceneData } from '../events';
import { keepFramed, PORTRAIT_SUBJECT } from './framing';
import { announceReady } from './ready';

/**
 * The setting behind the debrief, framed as the conversation was. The chart and the report are DOM
 * (src/ui) so that every marker and number can take focus and be read by a screen reader.
 */
export class DebriefScene extends Phaser.Scene {
  constructor() {
    super(SCENES.debrief);
  }

  create(data: SceneData['debrief']): void {
    keepFramed(this, this.add.container(0, 0, [drawBackdrop(this, data.setting)]), PORTRAIT_SUBJECT);
    announceReady(this);
  }
}
