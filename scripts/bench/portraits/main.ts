/**
 * The portrait review page (built and driven by scripts/bench/portraits.ts): draws one look in one
 * setting and expression, as the conversation screen places it, with motion off. The runner calls
 * `window.showPortrait` for each picture and screenshots the canvas.
 */
import Phaser from 'phaser';
import type { Setting } from '../../../src/engine/authoring/schema';
import type { Expression } from '../../../src/engine/runtime/expression';
import { drawBackdrop, PatientPortrait, type PersonaLook, PORTRAIT_ANCHOR } from '../../../src/game/art';
import { GAME_SETTINGS } from '../../../src/game/gameSettings';

export interface PortraitRequest {
  look: PersonaLook;
  setting: Setting;
  expression: Expression;
}

declare global {
  interface Window {
    showPortrait?: (request: PortraitRequest) => Promise<void>;
  }
}

class Review extends Phaser.Scene {
  constructor() {
    super('review');
  }

  show({ look, setting, expression }: PortraitRequest): void {
    this.children.removeAll(true);
    this.add.existing(drawBackdrop(this, setting));
    const portrait = new PatientPortrait(this, PORTRAIT_ANCHOR.x, PORTRAIT_ANCHOR.y, look);
    portrait.setReducedMotion(true).setExpression(expression, false);
    this.add.existing(portrait);
  }
}

const game = new Phaser.Game({
  ...GAME_SETTINGS,
  parent: document.getElementById('game') ?? undefined,
  scene: [Review],
  callbacks: {
    postBoot: () => {
      window.showPortrait = (request) =>
        new Promise((resolve) => {
          (game.scene.getScene('review') as Review).show(request);
          // Two steps: one draws the new picture, the next proves it was presented.
          game.events.once(Phaser.Core.Events.POST_RENDER, () =>
            game.events.once(Phaser.Core.Events.POST_RENDER, () => resolve()),
          );
        });
    },
  },
});
