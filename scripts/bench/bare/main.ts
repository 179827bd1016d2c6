/**
 * The load-time and frame-time baseline for `npm run bench:browser`: the same Phaser version and game
 * settings (src/game/gameSettings.ts) as the app, one scene with one text, and a mark like
 * src/main.ts's. Built into a temporary folder by scripts/bench-browser.ts; never shipped.
 */
import Phaser from 'phaser';
import { GAME_SETTINGS } from '../../../src/game/gameSettings';

class OneText extends Phaser.Scene {
  constructor() {
    super('one-text');
  }

  create(): void {
    this.add.text(640, 360, 'Good Terms', {
      fontFamily: 'system-ui, sans-serif',
      fontSize: '48px',
      color: '#1d2b36',
    });
    performance.mark('bare:title-interactive');
  }
}

new Phaser.Game({
  ...GAME_SETTINGS,
  parent: document.getElementById('game') ?? undefined,
  scene: [OneText],
});
