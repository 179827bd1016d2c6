/**
 * Creates the Phaser game: the canvas behind the DOM overlay. Scenes only draw; the app shell (src/ui)
 * decides which scene runs and hands it the data it needs.
 */
import Phaser from 'phaser';
import { GAME_SETTINGS } from './gameSettings';
import { renderOnDemand } from './renderOnDemand';
import { BootScene } from './scenes/BootScene';
import { ConversationScene } from './scenes/ConversationScene';
import { DebriefScene } from './scenes/DebriefScene';
import { SelectScene } from './scenes/SelectScene';
import { TitleScene } from './scenes/TitleScene';

export function createGame(parent: HTMLElement): Promise<Phaser.Game> {
  return new Promise((resolve) => {
    const game = new Phaser.Game({
      ...GAME_SETTINGS,
      parent,
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
