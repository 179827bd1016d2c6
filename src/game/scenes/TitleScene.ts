import Phaser from 'phaser';
import { drawBackdrop, PatientPortrait, type PersonaLook, PORTRAIT_ANCHOR } from '../art';
import { FOREGROUND_Y } from '../art/backdrops';
import { SCENES, type SceneData, TITLE_DRAWN } from '../events';
import type { Rect } from '../layout';
import { paintLater } from '../paintLater';
import { keepFramed } from './framing';
import { announceReady } from './ready';

const SPACING = 190;
/** The three faces with the desk below them. */
const FACES_SUBJECT: Rect = {
  x: PORTRAIT_ANCHOR.x - SPACING - 110,
  y: FOREGROUND_Y - 290,
  width: 2 * (SPACING + 110),
  height: 330,
};

/** A waiting room with a few of the patients the trainee will meet. */
export class TitleScene extends Phaser.Scene {
  constructor() {
    super(SCENES.title);
  }

  create(data: SceneData['title']): void {
    const world = this.add.container(0, 0, [drawBackdrop(this, 'counselor-office')]);
    const faces = data.faces.slice(0, 3);
    const left = PORTRAIT_ANCHOR.x - ((faces.length - 1) * SPACING) / 2;
    keepFramed(this, world, FACES_SUBJECT);
    announceReady(this);
    // The faces are most of the title's painting and the buttons do not need them: they follow, one
    // per frame, once the title can be used.
    const face = (look: PersonaLook, i: number) => (): void => {
      // Scaled portraits sit with their shoulder cut on the desk line (FOREGROUND_Y).
      const scale = i === 1 ? 0.68 : 0.6;
      world.add(
        new PatientPortrait(this, left + i * SPACING, FOREGROUND_Y - 180 * scale, look, {
          scale,
        }).setReducedMotion(data.reducedMotion),
      );
    };
    paintLater(this, faces.map(face), { done: () => performance.mark(TITLE_DRAWN) });
  }
}
