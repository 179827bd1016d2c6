/**
 * Draws a frame only when the picture can have changed, and then only the part that can have changed.
 *
 * Phaser redraws every object every frame. The picture is still most of the time, and on a software
 * renderer (a thin client, a GPU-less machine) each pixel drawn costs: a full frame of a 1280 x 720
 * backdrop with portraits over it takes tens of milliseconds there, and on a laptop it is battery. The
 * loop still steps every frame (tweens, timers and scene changes run as before); only the draw is skipped
 * or narrowed.
 *
 * A full frame is drawn when a scene starts or changes its top-level objects, when something asks for
 * one (`requestRender(scene)`: a new preview, a resize, a restored context, a failed step), and when a
 * tween moves anything that is not live art.
 *
 * Live art (`markLive`: portraits, meters, a portrait's head) declares the rectangle it can paint in.
 * Between scene changes everything happens there, so a partial frame redraws only the rectangles around
 * the live art that changed: art a tween moves (and once more when the tween ends), art that changed
 * itself (`invalidate(art)`: a blink, a meter value), and art with idle motion (`markIdle`: breathing)
 * every IDLE_FRAME_MS while nothing else moves; breathing moves the head by under a pixel in that time,
 * so five frames a second look the same as sixty. Live art inside live art (a head inside its portrait)
 * is drawn on its own rectangle. Each rectangle is drawn with everything under it, so overlapping ones
 * leave the same picture. Partial frames rely on the game's `preserveDrawingBuffer: true` (the rest of
 * the canvas keeps the last frame); without it, or on the canvas renderer, every draw is a full one.
 *
 * Partial frames are paced (drawPacing.ts): at most one every ANIMATION_FRAME_MS, so every other frame
 * on a 60 Hz display, and what changed in between is drawn by the next one. With the compositor in
 * software, each frame that changes the canvas at all costs a read-back of the whole canvas; drawing a
 * turn's animations on every frame missed about 6% of frames there (docs/performance.md, round 5). For
 * the same reason none is drawn for INPUT_HOLD_MS after a key or a pointer is pressed, so the frame that
 * shows an input's answer in the overlay does not carry the canvas too.
 */
import Phaser from 'phaser';
import { ANIMATION_FRAME_MS, DrawPacing, INPUT_HOLD_MS } from './drawPacing';
import { SUPPORTED_PHASER } from './phaserVersion';

/** How often idle motion is drawn (ms). */
export const IDLE_FRAME_MS = 200;
/** Partial frames that cover more than this share of the canvas are drawn in full instead. */
const MAX_PARTIAL_SHARE = 0.6;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FrameCounts {
  /** Game steps (one per animation frame while the loop runs). */
  steps: number;
  /** Steps that drew the whole picture. */
  full: number;
  /** Steps that redrew only the rectangles around live art. */
  partial: number;
  /** Canvas pixels drawn so far (a full frame counts the whole canvas): the work the renderer was given. */
  pixels: number;
  /** What the latest draw was. */
  last: 'none' | 'full' | 'partial';
  /** Live art that changed and waits for the next partial frame allowed (ANIMATION_FRAME_MS). */
  waiting: number;
  /** Steps that threw and were skipped (the loop carries on; the first is reported). */
  failed: number;
}

/** Emitted on the game's events, once per failed step, with the error. */
export const STEP_FAILED = 'good-terms:step-failed';

type Live = Phaser.GameObjects.GameObject &
  Phaser.GameObjects.Components.Transform &
  Phaser.GameObjects.Components.Visible;

/** Game internals that Phaser 4.2's own Game#step uses but does not type. */
interface GameInternals {
  pendingDestroy?: boolean;
  runDestroy?: () => void;
}
/** Set while the scene manager is inside a step; its own render clears it, so a skipped draw must too. */
interface SceneManagerInternals {
  isProcessing: boolean;
}
interface RendererInternals {
  config?: { clearBeforeRender?: boolean };
  gl?: WebGLRenderingContext;
}

const idleTweens = new WeakSet<Phaser.Tweens.Tween>();
/** Live art, the rectangle it can paint in, and whether that is in its own or its parent's coordinates. */
const liveArt = new Map<Live, { area: () => Rect; inParent: boolean }>();

type Decision = { kind: 'none' } | { kind: 'full' } | { kind: 'partial'; dirty: Set<Live> };

class FramePolicy {
  fullRequested = true;
  /** Live art that redrew itself since the last step. */
  invalid = new Set<Live>();
  readonly pacing = new DrawPacing<Live>(ANIMATION_FRAME_MS);
  /** Live art that running tweens moved in the previous step (drawn once more when they stop). */
  movedLastStep = new Set<Live>();
  lastIdleAt = Number.NEGATIVE_INFINITY;
  signature = '';
  readonly counts: Omit<FrameCounts, 'waiting'> = {
    steps: 0,
    full: 0,
    partial: 0,
    pixels: 0,
    last: 'none',
    failed: 0,
  };

  constructor(private readonly game: Phaser.Game) {}

  decide(time: number): Decision {
    let full = this.fullRequested;
    const moved = new Set<Live>();
    const idle = new Set<Live>();
    let signature = '';
    for (const scene of this.game.scene.getScenes(true)) {
      signature += `${scene.scene.key}:${scene.children.length};`;
      for (const tween of scene.tweens.getTweens()) {
        const owners = tweenOwners(tween);
        if (owners === 'outside') full = true;
        else for (const owner of owners) (idleTweens.has(tween) ? idle : moved).add(owner);
      }
    }
    const dirty = new Set([...this.invalid, ...moved, ...this.movedLastStep]);
    // Idle motion waits while other art animates: the rectangle stays around what is actually moving.
    const still = dirty.size === 0 && this.pacing.waiting === 0;
    if (idle.size > 0 && still && time - this.lastIdleAt >= IDLE_FRAME_MS) {
      this.lastIdleAt = time;
      for (const owner of idle) dirty.add(owner);
    }
    this.movedLastStep = moved;
    this.invalid = new Set();
    this.fullRequested = false;
    if (signature !== this.signature) full = true;
    this.signature = signature;
    if (full) {
      this.pacing.drewAll(time);
      return { kind: 'full' };
    }
    const now = this.pacing.take(time, dirty);
    return now ? { kind: 'partial', dirty: now } : { kind: 'none' };
  }
}

function isGameObject(target: unknown): target is Phaser.GameObjects.GameObject {
  return target instanceof Phaser.GameObjects.GameObject;
}

/** The live art a game object belongs to (itself or its nearest live container), if any. */
function liveOwner(object: Phaser.GameObjects.GameObject): Live | undefined {
  for (let node: Phaser.GameObjects.GameObject | null = object; node; node = node.parentContainer) {
    if (liveArt.has(node as Live)) return node as Live;
  }
  return undefined;
}

/**
 * The live art a running tween moves, or 'outside' when it moves anything else. A counter tween (no game
 * object target) moves nothing itself: its owner redraws in the tween's callbacks and says so.
 */
function tweenOwners(tween: Phaser.Tweens.Tween): Set<Live> | 'outside' {
  const owners = new Set<Live>();
  // A tween destroyed in this step (its scene shut down) has no targets left, and moves nothing.
  for (const target of (tween.targets as unknown[] | null) ?? []) {
    if (!isGameObject(target)) continue;
    const owner = liveOwner(target);
    if (!owner) return 'outside';
    owners.add(owner);
  }
  return owners;
}

/** The canvas rectangle (game pixels) around one live art of a running scene, or undefined. */
function rectAround(
  game: Phaser.Game,
  object: Live,
  matrix: Phaser.GameObjects.Components.TransformMatrix,
): Rect | undefined {
  const live = liveArt.get(object);
  if (!live || !object.scene || !game.scene.isActive(object.scene.scene.key)) return undefined;
  const r = live.area();
  const frame = live.inParent ? object.parentContainer : object;
  if (frame) frame.getWorldTransformMatrix(matrix);
  else matrix.loadIdentity();
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [px, py] of [
    [r.x, r.y],
    [r.x + r.width, r.y],
    [r.x, r.y + r.height],
    [r.x + r.width, r.y + r.height],
  ] as const) {
    const p = matrix.transformPoint(px, py);
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  const { width, height } = game.scale.gameSize;
  const left = Math.max(0, Math.floor(x0) - 2);
  const top = Math.max(0, Math.floor(y0) - 2);
  const right = Math.min(width, Math.ceil(x1) + 2);
  const bottom = Math.min(height, Math.ceil(y1) + 2);
  if (right <= left || bottom <= top) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const area = (r: Rect): number => r.width * r.height;

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * The rectangles to redraw around the given live art: one each, with two merged wherever their union
 * costs no more pixels than the pair (one inside the other, or mostly overlapping).
 */
function rectsAround(game: Phaser.Game, objects: Iterable<Live>): Rect[] {
  const matrix = new Phaser.GameObjects.Components.TransformMatrix();
  const rects: Rect[] = [];
  for (const object of objects) {
    const rect = rectAround(game, object, matrix);
    if (rect) rects.push(rect);
  }
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < rects.length && !merged; i++) {
      for (let j = i + 1; j < rects.length && !merged; j++) {
        const a = rects[i] as Rect;
        const b = rects[j] as Rect;
        const both = union(a, b);
        if (area(both) <= area(a) + area(b)) {
          rects.splice(j, 1);
          rects[i] = both;
          merged = true;
        }
      }
    }
  }
  return rects;
}

const policies = new WeakMap<Phaser.Game, FramePolicy>();

/** Marks a tween as idle motion: drawn a few times a second instead of every frame. */
export function markIdle(tween: Phaser.Tweens.Tween): Phaser.Tweens.Tween {
  idleTweens.add(tween);
  return tween;
}

/**
 * Marks a game object as live art: everything it (and anything inside it) ever paints stays within
 * `area()`, a rectangle in its own coordinates, so changes to it redraw only that part of the canvas.
 * Art that itself moves about (a head that flinches) gives its area in its parent's coordinates
 * (`inParent`), covering every place it moves to, so a frame also redraws where it just was.
 */
export function markLive(object: Live, area: () => Rect, inParent = false): void {
  liveArt.set(object, { area, inParent });
  object.once(Phaser.GameObjects.Events.DESTROY, () => liveArt.delete(object));
}

/** Asks for the next step to draw the whole picture (after changing it outside live art and tweens). */
export function requestRender(scene: Phaser.Scene | undefined | null): void {
  const game = scene?.sys?.game;
  const policy = game ? policies.get(game) : undefined;
  if (policy) policy.fullRequested = true;
}

/** Live art calls this after redrawing itself outside a tween: the next step redraws its rectangle. */
export function invalidate(object: Live): void {
  const game = object.scene?.sys?.game;
  const policy = game ? policies.get(game) : undefined;
  policy?.invalid.add(object);
}

/** Steps and draws so far, for the test hooks and the frame benchmark. */
export function frameCounts(game: Phaser.Game): FrameCounts {
  const policy = policies.get(game);
  if (!policy) return { steps: 0, full: 0, partial: 0, pixels: 0, last: 'none', failed: 0, waiting: 0 };
  return { ...policy.counts, waiting: policy.pacing.waiting };
}

/**
 * Replaces the game's step with one that updates every frame and draws on demand. The update half is
 * Phaser 4.2's Game#step as it is; the draw half runs as the policy says. Call it from the game config's
 * `postBoot`, before Phaser binds `step` to its loop (or later: the loop is re-pointed).
 */
export function renderOnDemand(game: Phaser.Game): void {
  if (Phaser.VERSION !== SUPPORTED_PHASER) {
    throw new Error(
      `src/game/renderOnDemand.ts replaces the game step of Phaser ${SUPPORTED_PHASER}, but Phaser ${Phaser.VERSION} is running: ` +
        `compare its Game#step with renderOnDemand's step before changing SUPPORTED_PHASER and package.json`,
    );
  }
  if (policies.has(game)) return;
  const policy = new FramePolicy(game);
  policies.set(game, policy);
  const internals = game as unknown as GameInternals;
  const renderer = game.renderer;
  const { config: rendererConfig, gl } = renderer as unknown as RendererInternals;
  // The context as created, not as asked for: partial frames need the last frame kept.
  const canPartial =
    renderer.type === Phaser.WEBGL && gl?.getContextAttributes()?.preserveDrawingBuffer === true;
  const events = game.events;
  const requestFull = (): void => {
    policy.fullRequested = true;
  };
  game.scale.on(Phaser.Scale.Events.RESIZE, requestFull);
  // Input events and the loop's frames share one clock (performance.now's), so no translation is needed.
  const holdForInput = (event: Event): void => policy.pacing.holdUntil(event.timeStamp + INPUT_HOLD_MS);
  document.addEventListener('pointerdown', holdForInput, true);
  document.addEventListener('keydown', holdForInput, true);
  game.events.once(Phaser.Core.Events.DESTROY, () => {
    document.removeEventListener('pointerdown', holdForInput, true);
    document.removeEventListener('keydown', holdForInput, true);
  });
  renderer.on?.(Phaser.Renderer.Events.RESTORE_WEBGL, requestFull);

  const draw = (time: number, delta: number): void => {
    renderer.preRender();
    events.emit(Phaser.Core.Events.PRE_RENDER, renderer, time, delta);
    game.scene.render(renderer);
    renderer.postRender();
    events.emit(Phaser.Core.Events.POST_RENDER, renderer, time, delta);
  };

  /** Draws only `rect`: every running scene's main camera looks at just that part, without clearing. */
  const drawRect = (rect: Rect, time: number, delta: number): void => {
    const cameras = game.scene.getScenes(true).map((scene) => {
      const camera = scene.cameras.main;
      const saved = {
        x: camera.x,
        y: camera.y,
        w: camera.width,
        h: camera.height,
        sx: camera.scrollX,
        sy: camera.scrollY,
      };
      camera.setViewport(rect.x, rect.y, rect.width, rect.height);
      camera.setScroll(saved.sx + rect.x - saved.x, saved.sy + rect.y - saved.y);
      return { camera, saved };
    });
    const clear = rendererConfig?.clearBeforeRender ?? true;
    if (rendererConfig) rendererConfig.clearBeforeRender = false;
    try {
      draw(time, delta);
    } finally {
      if (rendererConfig) rendererConfig.clearBeforeRender = clear;
      for (const { camera, saved } of cameras) {
        camera.setViewport(saved.x, saved.y, saved.w, saved.h);
        camera.setScroll(saved.sx, saved.sy);
      }
    }
  };

  const stepOnce = (time: number, delta: number): void => {
    if (internals.pendingDestroy) {
      internals.runDestroy?.();
      return;
    }
    if (game.isPaused) return;
    events.emit(Phaser.Core.Events.PRE_STEP, time, delta);
    events.emit(Phaser.Core.Events.STEP, time, delta);
    game.scene.update(time, delta);
    events.emit(Phaser.Core.Events.POST_STEP, time, delta);
    policy.counts.steps += 1;
    const decision = policy.decide(time);
    if (decision.kind === 'none') {
      (game.scene as unknown as SceneManagerInternals).isProcessing = false;
      return;
    }
    const rects = decision.kind === 'partial' && canPartial ? rectsAround(game, decision.dirty) : [];
    const { width, height } = game.scale.gameSize;
    const pixels = rects.reduce((n, r) => n + area(r), 0);
    if (rects.length > 0 && pixels <= MAX_PARTIAL_SHARE * width * height) {
      policy.counts.partial += 1;
      policy.counts.pixels += pixels;
      policy.counts.last = 'partial';
      for (const rect of rects) drawRect(rect, time, delta);
    } else {
      policy.counts.full += 1;
      policy.counts.pixels += width * height;
      policy.counts.last = 'full';
      draw(time, delta);
    }
  };
  /**
   * One exception anywhere in a scene's update or draw must not stop the loop for good (the canvas would
   * freeze on a stale picture while the DOM moves on): the step is skipped, the scene manager is let go
   * of, the next step redraws everything, and the first failure is reported.
   */
  const step = (time: number, delta: number): void => {
    try {
      stepOnce(time, delta);
    } catch (error) {
      (game.scene as unknown as SceneManagerInternals).isProcessing = false;
      policy.counts.failed += 1;
      policy.fullRequested = true;
      if (policy.counts.failed === 1) console.error('Good Terms: a frame failed and was skipped:', error);
      events.emit(STEP_FAILED, error);
    }
  };
  game.step = step;
  if (game.isRunning) game.loop.callback = step;
}
