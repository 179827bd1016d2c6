/**
 * Creates the Phaser game: the canvas behind the DOM overlay. Scenes only draw; the app shell (src/ui)
 * decides which scene runs and hands it the data it needs.
 */
import Phaser from 'phaser';
import { GAME_HEIGHT, GAME_WIDTH } from './events';
import { renderOnDemand } from './renderOnDemand';
import { BootScene } from './scenes/BootScene';
import { ConversationScene } from './scenes/ConversationScene';
import { DebriefScene } from './scenes/DebriefScene';
import { SelectScene } from './scenes/SelectScene';
import { TitleScene } from './scenes/TitleScene';

export function createGame(parent: HTMLElement): Promise<Phaser.Game> {
  return new Promise((resolve) => {
    const game = new Phaser.Game({
      type: Phaser.AUTO,
      parent,
      width: GAME_WIDTH,
      height: GAME_HEIGHT,
      backgroundColor: '#dfe7ee',
      banner: false,
      antialias: true,
      // Compositor screenshots read the canvas; this also lets tests check the canvas is not blank.
      preserveDrawingBuffer: true,
      scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
      // The overlay owns the keyboard: Phaser must not capture keys that DOM buttons need.
      input: { keyboard: false },
      scene: [BootScene, TitleScene, SelectScene, ConversationScene, DebriefScene],
      callbacks: {
        postBoot: () => {
          // The picture is still most of the time: draw only when it changes (see renderOnDemand.ts).
          renderOnDemand(game);
          resolve(game);
        },
      },
    });
  });
}
