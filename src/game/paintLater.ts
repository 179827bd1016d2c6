/**
 * Art a scene paints a few frames after it is ready. Painting art (art/bake.ts) is most of a scene's
 * start, and the shell mounts the screen's panel, the part a trainee acts on, only once the scene is
 * ready: what the panel does not depend on can be painted in the steps that follow, one job per step,
 * so no single frame carries all of it. The same goes for art painted ahead of need (the faces a turn
 * may show). A scene that stops first drops what it had not shown yet, and paints what was ahead of need.
 */
import Phaser from 'phaser';
import { requestRender } from './renderOnDemand';

const pending = new WeakMap<Phaser.Game, number>();

export interface PaintLaterOptions {
  /** Called after the last job. */
  done?: () => void;
  /**
   * False for art painted ahead of its first show (a face the next turn may need): nothing on screen
   * changes, so no frame is drawn for it; and if the scene stops first, the rest is painted then, so what
   * is baked never depends on how soon the trainee left.
   */
  shown?: boolean;
}

/** Runs `jobs` one per game step in `scene`, drawing after each (unless not `shown`); then `done`. */
export function paintLater(
  scene: Phaser.Scene,
  jobs: readonly (() => void)[],
  { done, shown = true }: PaintLaterOptions = {},
): void {
  const game = scene.sys.game;
  const queue = [...jobs];
  const count = (change: number): void => {
    pending.set(game, (pending.get(game) ?? 0) + change);
  };
  const stop = (): void => {
    scene.events.off(Phaser.Scenes.Events.UPDATE, step);
    scene.events.off(Phaser.Scenes.Events.SHUTDOWN, drop);
  };
  const drop = (): void => {
    stop();
    const left = queue.splice(0);
    count(-left.length);
    if (!shown) for (const job of left) job();
  };
  function step(): void {
    const job = queue.shift();
    if (!job) return;
    count(-1);
    if (queue.length === 0) stop();
    job();
    if (shown) requestRender(scene);
    if (queue.length === 0) done?.();
  }
  count(queue.length);
  scene.events.on(Phaser.Scenes.Events.UPDATE, step);
  scene.events.once(Phaser.Scenes.Events.SHUTDOWN, drop);
}

/** Jobs queued by paintLater and not yet run: the picture is complete when this is 0. */
export function artPending(game: Phaser.Game): number {
  return pending.get(game) ?? 0;
}
