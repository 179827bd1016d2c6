/**
 * The load-time and frame-time baseline for `npm run bench:browser`: the same Phaser version and game
 * settings as src/game/createGame.ts, one scene with one text, and a mark like src/main.ts's. Built into
 * a temporary folder by scripts/bench-browser.ts; never shipped.
 */
import Phaser from 'phaser';

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
  type: Phaser.AUTO,
  parent: document.getElementById('game') ?? undefined,
  width: 1280,
  height: 720,
  backgroundColor: '#dfe7ee',
  banner: false,
  antialias: true,
  preserveDrawingBuffer: true,
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  input: { keyboard: false },
  scene: [OneText],
});
