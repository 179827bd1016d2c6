/**
 * The renderer and canvas settings of the game. The load and frame benchmark's bare Phaser page
 * (scripts/bench/bare) starts from the same object, so its baseline is the renderer the app runs.
 */
import Phaser from 'phaser';
import { GAME_HEIGHT, GAME_WIDTH } from './events';

export const GAME_SETTINGS = {
  type: Phaser.AUTO,
  width: GAME_WIDTH,
  height: GAME_HEIGHT,
  backgroundColor: '#dfe7ee',
  banner: false,
  antialias: true,
  // Partial frames draw over the last one (renderOnDemand.ts); tests also read the canvas back.
  preserveDrawingBuffer: true,
  // The canvas is the size of its box in the layout (src/game/layout.ts frames the art inside it).
  scale: { mode: Phaser.Scale.RESIZE, expandParent: false },
  // The overlay owns the keyboard: Phaser must not capture keys that DOM buttons need.
  input: { keyboard: false },
} satisfies Phaser.Types.Core.GameConfig;
