/**
 * Decides the layout from the viewport (src/game/layout.ts says how) and keeps it current: on
 * <html data-layout> for the stylesheet, and in the game so scenes re-frame. A rotation or a resize
 * changes only the layout: no screen is rebuilt, so a conversation keeps its state.
 */
import type Phaser from 'phaser';
import { type LayoutKind, layoutKind, setLayout } from '../game/layout';

function currentKind(): LayoutKind {
  return layoutKind(window.innerWidth, window.innerHeight);
}

/** The layout the page is in now. */
export function currentLayout(): LayoutKind {
  return (document.documentElement.dataset.layout as LayoutKind | undefined) ?? currentKind();
}

/** Sets the layout for the stylesheet (call before the game is created, so the canvas starts at its size). */
export function applyLayout(): LayoutKind {
  const kind = currentKind();
  if (document.documentElement.dataset.layout !== kind) document.documentElement.dataset.layout = kind;
  return kind;
}

/** The canvas box may have changed with the layout: measure it now rather than on Phaser's next poll. */
export function remeasure(game: Phaser.Game): void {
  if (game.scale.getParentBounds()) game.scale.refresh();
}

/** Keeps the layout current for the page and the game; returns the function that stops watching. */
export function watchLayout(game: Phaser.Game): () => void {
  const update = (): void => {
    const kind = applyLayout();
    setLayout(game, kind);
    remeasure(game);
  };
  update();
  window.addEventListener('resize', update);
  return () => window.removeEventListener('resize', update);
}
