/**
 * Keeps a scene's art framed on the real canvas: the art lives in one container in design coordinates,
 * and every resize or layout change moves and scales that container (src/game/layout.ts). The camera
 * stays put, so the partial redraws of renderOnDemand.ts keep working in canvas pixels.
 */
import type Phaser from 'phaser';
import { FOREGROUND_Y, PORTRAIT_ANCHOR } from '../art';
import { frameScene, layoutOf, onLayout, portraitSubject, type Rect } from '../layout';
import { requestRender } from '../renderOnDemand';

/** One patient at the portrait anchor. */
export const PORTRAIT_SUBJECT: Rect = portraitSubject(PORTRAIT_ANCHOR, FOREGROUND_Y);

/**
 * Frames `world` now and after every resize. `reserveTop` is what the scene keeps clear at the top of the
 * focus (the meters); `after` runs once the frame is set (to place things that are not in the world).
 */
export function keepFramed(
  scene: Phaser.Scene,
  world: Phaser.GameObjects.Container,
  subject: Rect,
  reserveTop: () => number = () => 0,
  after: () => void = () => undefined,
): void {
  const place = (): void => {
    const { width, height } = scene.scale.gameSize;
    const frame = frameScene({
      kind: layoutOf(scene),
      canvas: { width, height },
      subject,
      reserveTop: reserveTop(),
    });
    world.setScale(frame.zoom).setPosition(frame.x, frame.y);
    after();
    requestRender(scene);
  };
  onLayout(scene, place);
  place();
}
