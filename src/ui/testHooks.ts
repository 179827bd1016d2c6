/**
 * Hooks for browser tests, compiled in only by `vite build --mode test` (see __TEST_HOOKS__).
 * Tests drive the game through the DOM by role and use these to wait on state and to read it.
 */
import type Phaser from 'phaser';
import { Session } from '../engine/runtime/session';
import { bakedTextureCount } from '../game/art/bake';
import { artPending } from '../game/paintLater';
import { type FrameCounts, frameCounts, requestRender } from '../game/renderOnDemand';
import type { App } from './app';

/** What is alive right now: the leak check and the memory benchmark compare these across play-throughs. */
export interface LiveCounts {
  /** Game objects on every scene's display list, counted through containers. */
  gameObjects: number;
  /** Game objects on every scene's update list. */
  updating: number;
  /** Tweens held by every scene's tween manager (running, paused or pending). */
  tweens: number;
  /** Timer events held by every scene's clock. */
  timers: number;
  /** Listeners on the game's event emitter. */
  gameListeners: number;
  /** Listeners on every scene's event emitter. */
  sceneListeners: number;
  /** Textures in the texture manager (each Phaser Text has one), leaving out the baked-art cache. */
  textures: number;
  /** WebGL textures the renderer holds (0 on canvas), leaving out the baked-art cache's. */
  glTextures: number;
  /** Baked art kept for reuse (src/game/art/bake.ts): it grows with each new look or setting seen, then stays. */
  bakedTextures: number;
  /** subscribe() / onCue() listeners of the current session. */
  actorListeners: number;
  /** The same over every session started in this page: a screen that forgot to release one stays counted. */
  openSessionListeners: number;
  /** Elements in the overlay. */
  overlayNodes: number;
  /** Messages in the live region: it keeps the last few by design (src/ui/announcer.ts), so it fills up, then stays. */
  announcerNodes: number;
  /** Elements in the document, leaving out the live region's messages. */
  documentNodes: number;
  /** Canvases in Phaser's pool (each Text draws on one; the pool keeps them for reuse, so it grows to a ceiling). */
  canvasPool: number;
}

export interface TestHooks {
  readonly screen: string;
  readonly rendererType: 'webgl' | 'canvas' | 'other';
  readonly nodeId: string | undefined;
  readonly meters: { stress: number; trust: number } | undefined;
  readonly turn: number | undefined;
  /** The patient's whole current line (the overlay types it out). */
  readonly line: string | undefined;
  readonly liveObjects: number;
  /** A fresh count every read (walks the scenes and the DOM). */
  readonly counts: LiveCounts;
  /** Phaser's own measure of the frame rate, to cross-check a requestAnimationFrame sampler. */
  readonly actualFps: number;
  /** Game steps so far and how many drew the whole picture or part of it (src/game/renderOnDemand.ts). */
  readonly frames: FrameCounts;
  /** Art the scene paints in the frames after it is ready (src/game/paintLater.ts) still to come. */
  readonly artPending: number;
  /** Pauses the game loop (nothing updates or draws) so a benchmark can drive the canvas itself. */
  paused: boolean;
  /** Asks for a whole frame at the next step (the game otherwise redraws only what changed). */
  redraw(): void;
  /** Makes the next game step throw inside the active scene's update (the frozen-canvas regression). */
  breakNextStep(): void;
  /** Makes every later progress write fail, as when the disk fills up mid-visit. */
  failStorage(): void;
}

declare global {
  interface Window {
    __GOOD_TERMS__?: TestHooks;
  }
}

function countObjects(list: readonly Phaser.GameObjects.GameObject[]): number {
  let n = 0;
  for (const child of list) {
    n += 1;
    const inner = (child as Partial<Phaser.GameObjects.Container>).list;
    if (Array.isArray(inner)) n += countObjects(inner);
  }
  return n;
}

function countListeners(emitter: Phaser.Events.EventEmitter): number {
  return emitter.eventNames().reduce((n, name) => n + emitter.listenerCount(name), 0);
}

/** Clock keeps its events in private arrays; there is no public accessor in Phaser 4.2. */
interface ClockInternals {
  _active?: unknown[];
  _pendingInsertion?: unknown[];
}

function elementsIn(id: string): number {
  return document.getElementById(id)?.getElementsByTagName('*').length ?? 0;
}

export function liveCounts(app: App, phaser: typeof Phaser): LiveCounts {
  const scenes = app.game.scene.getScenes(false);
  const sum = (f: (scene: Phaser.Scene) => number): number => scenes.reduce((n, s) => n + f(s), 0);
  const renderer = app.game.renderer as Partial<Phaser.Renderer.WebGL.WebGLRenderer>;
  const announcerNodes = elementsIn('announcer');
  const baked = bakedTextureCount(app.game);
  const glTextures = Array.isArray(renderer.glTextureWrappers) ? renderer.glTextureWrappers.length : 0;
  return {
    gameObjects: sum((s) => countObjects(s.children?.list ?? [])),
    updating: sum((s) => s.sys.updateList?.getActive().length ?? 0),
    tweens: sum((s) => s.tweens?.getTweens().length ?? 0),
    timers: sum((s) => {
      const clock = s.time as unknown as ClockInternals | undefined;
      return (clock?._active?.length ?? 0) + (clock?._pendingInsertion?.length ?? 0);
    }),
    gameListeners: countListeners(app.game.events),
    sceneListeners: sum((s) => countListeners(s.sys.events)),
    textures: app.game.textures.getTextureKeys().length - baked,
    glTextures: renderer.type === phaser.WEBGL ? glTextures - baked : glTextures,
    bakedTextures: baked,
    actorListeners: app.playing.session?.listenerCount() ?? 0,
    openSessionListeners: Session.openListenerCount(),
    overlayNodes: elementsIn('overlay'),
    announcerNodes,
    documentNodes: document.getElementsByTagName('*').length - announcerNodes,
    canvasPool: phaser.Display.Canvas.CanvasPool.total(),
  };
}

export function installTestHooks(app: App, phaser: typeof Phaser): void {
  window.__GOOD_TERMS__ = {
    get screen() {
      return app.screen;
    },
    get rendererType() {
      const type = app.game.renderer.type;
      return type === phaser.WEBGL ? 'webgl' : type === phaser.CANVAS ? 'canvas' : 'other';
    },
    get nodeId() {
      return app.playing.session?.context().nodeId;
    },
    get meters() {
      return app.playing.session?.view().meters;
    },
    get turn() {
      return app.playing.session?.view().turn;
    },
    get line() {
      return app.playing.session?.view().line.text;
    },
    get liveObjects() {
      return app.game.scene.getScenes(true).reduce((n, s) => n + s.children.length, 0);
    },
    get counts() {
      return liveCounts(app, phaser);
    },
    get actualFps() {
      return app.game.loop.actualFps;
    },
    get frames() {
      return frameCounts(app.game);
    },
    get artPending() {
      return artPending(app.game);
    },
    get paused() {
      return app.game.isPaused;
    },
    set paused(on: boolean) {
      if (on) app.game.pause();
      else app.game.resume();
    },
    redraw() {
      requestRender(app.game.scene.getScenes(true)[0]);
    },
    breakNextStep() {
      const scene = app.game.scene.getScenes(true)[0];
      scene?.events.once('update', () => {
        throw new Error('test hook: a scene update failed');
      });
    },
    failStorage() {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function failing(this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if (this.transaction.mode === 'readwrite')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    },
  };
}
