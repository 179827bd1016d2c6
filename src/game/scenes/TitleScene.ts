import Phaser from 'phaser';
import { drawBackdrop, PatientPortrait } from '../art';
import { FOREGROUND_Y } from '../art/backdrops';
import { SCENES, type SceneData } from '../events';
import { announceReady } from './ready';

/** A waiting room with a few of the patients the trainee will meet. */
export class TitleScene extends Phaser.Scene {
  constructor() {
    super(SCENES.title);
  }

  create(data: SceneData['title']): void {
    this.add.existing(drawBackdrop(this, 'counselor-office'));
    const faces = data.faces.slice(0, 3);
    const spacing = 190;
    const left = 330 - ((faces.length - 1) * spacing) / 2;
    faces.forEach((look, i) => {
      // Scaled portraits sit with their shoulder cut on the desk line (FOREGROUND_Y).
      const scale = i === 1 ? 0.68 : 0.6;
      this.add.existing(
        new PatientPortrait(this, left + i * spacing, FOREGROUND_Y - 180 * scale, look, { scale }),
      );
    });
    announceReady(this);
  }
}
