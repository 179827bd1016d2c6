/**
 * Baked art: a drawing painted once on a Canvas 2D into a texture, then shown as an Image. Phaser
 * Graphics re-triangulate every path on every frame they are drawn; the portraits and backdrops have
 * hundreds of paths, so drawing them live cost most of a frame on a software renderer. A baked layer
 * costs one textured quad per frame instead, and canvas paths are antialiased without multisampling.
 *
 * Textures are cached in the game's texture manager by key (a look and a layer, a setting) and reused
 * by every scene and every play-through; they are never destroyed, so their number is bounded by the
 * looks and settings the trainee has seen. Their keys start with BAKED_PREFIX so the leak check can
 * tell this cache from textures that should come and go. Canvas textures, not DynamicTexture: a
 * DynamicTexture in Phaser 4.2.1 leaves its first WebGL texture behind (an orphan the leak test caught).
 */
import type Phaser from 'phaser';
import { BoundsPen, CanvasPen, type Painter, Recording } from './canvasPen';

export const BAKED_PREFIX = 'baked:';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a baked texture sits in the drawing's own coordinates, and the scale it was painted at. */
interface Placement {
  x: number;
  y: number;
  scale: number;
}

const placements = new WeakMap<Phaser.Textures.Texture, Placement>();

/** The area a drawing covers, rounded out to whole units, with a pixel to spare for antialiasing. */
function areaOf(drawing: Recording): Area | undefined {
  const bounds = new BoundsPen();
  drawing.replay(bounds);
  if (!Number.isFinite(bounds.x0)) return undefined;
  const x = Math.floor(bounds.x0) - 1;
  const y = Math.floor(bounds.y0) - 1;
  return { x, y, width: Math.ceil(bounds.x1) + 1 - x, height: Math.ceil(bounds.y1) + 1 - y };
}

/**
 * The texture for `key`, painting it first if no scene has yet. `draw` paints in its own coordinates;
 * `scale` is the size the texture will be shown at (so a portrait shown at 0.6 is painted at 0.6, not
 * shrunk); `area` fixes the painted area instead of measuring the drawing (a full-screen backdrop).
 */
export function bakedTexture(
  scene: Phaser.Scene,
  key: string,
  draw: (painter: Painter) => void,
  options: { scale?: number; area?: Area } = {},
): { texture: Phaser.Textures.Texture; placement: Placement } {
  const fullKey = `${BAKED_PREFIX}${key}`;
  const textures = scene.sys.textures;
  const cached = textures.exists(fullKey) ? textures.get(fullKey) : undefined;
  const known = cached ? placements.get(cached) : undefined;
  if (cached && known) return { texture: cached, placement: known };

  const scale = options.scale ?? 1;
  const drawing = new Recording();
  draw(drawing);
  const area = options.area ?? areaOf(drawing) ?? { x: 0, y: 0, width: 1, height: 1 };
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(area.width * scale));
  canvas.height = Math.max(1, Math.ceil(area.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gave no Canvas 2D context to paint the art with');
  ctx.setTransform(scale, 0, 0, scale, -area.x * scale, -area.y * scale);
  drawing.replay(new CanvasPen(ctx));
  // A canvas source, not a CanvasTexture: that one copies every pixel back out with getImageData.
  const texture = textures.addImage(fullKey, canvas as unknown as HTMLImageElement);
  if (!texture) throw new Error(`could not add the texture ${fullKey}`);
  const placement = { x: area.x, y: area.y, scale };
  placements.set(texture, placement);
  return { texture, placement };
}

/** An Image of a baked drawing, placed where the drawing would have painted (not yet on a display list). */
export function bakedImage(
  scene: Phaser.Scene,
  key: string,
  draw: (painter: Painter) => void,
  options: { scale?: number; area?: Area } = {},
): Phaser.GameObjects.Image {
  const image = scene.make.image({}, false);
  return showBaked(image, key, draw, options);
}

/** Points an existing Image at a baked drawing (baking it on first use), keeping it in place. */
export function showBaked(
  image: Phaser.GameObjects.Image,
  key: string,
  draw: (painter: Painter) => void,
  options: { scale?: number; area?: Area } = {},
): Phaser.GameObjects.Image {
  const { texture, placement } = bakedTexture(image.scene, key, draw, options);
  return image
    .setTexture(texture.key)
    .setOrigin(0, 0)
    .setPosition(placement.x, placement.y)
    .setScale(1 / placement.scale);
}

/** How many baked textures the game holds (the leak check subtracts this cache from its counts). */
export function bakedTextureCount(game: Phaser.Game): number {
  return game.textures.getTextureKeys().filter((key) => key.startsWith(BAKED_PREFIX)).length;
}
