/**
 * How the stage is laid out, and where a scene draws inside it. The art is drawn on a 1280 x 720 design
 * canvas; the real canvas is whatever size the layout gives it (Phaser's RESIZE mode), so every scene
 * maps the design onto it with a `Frame` worked out here from the canvas size, the part of the canvas no
 * DOM panel covers (the focus) and the part of the design that must stay in view (the subject).
 *
 * The layout kind is decided from the viewport's width and aspect, never from the user agent:
 *   - wide: landscape desktop and tablet; the panel floats over the right 55 % of a full-window scene;
 *   - compact: landscape phone; the same, with the panel over the right 60 %;
 *   - tall: portrait tablet and phone, or any narrow window; the scene is a band on top and the panel
 *     sits below it, so the canvas is all focus.
 * The shell (src/ui/viewport.ts) decides the kind, sets it on <html data-layout> for the stylesheet and
 * hands it to the game with `setLayout`; scenes read it with `layoutOf` and re-frame on `onLayout`.
 */
import type Phaser from 'phaser';
import { GAME_HEIGHT, GAME_WIDTH } from './events';

export type LayoutKind = 'wide' | 'compact' | 'tall';

/** The share of the canvas's width the DOM panel covers on the right (styles.css uses the same). */
export const PANEL_SHARE: Record<LayoutKind, number> = { wide: 0.545, compact: 0.6, tall: 0 };

/** Narrower than this (CSS px) a side panel leaves too little of either: the scene goes on top. */
const MIN_SIDE_BY_SIDE_WIDTH = 600;
/** Landscape shorter than this is a phone on its side: the compact variant. */
const COMPACT_MAX_HEIGHT = 560;
/** A viewport has to be this much wider than tall before the panel moves beside the scene. */
const SIDE_BY_SIDE_ASPECT = 1.1;

export function layoutKind(width: number, height: number): LayoutKind {
  if (width < MIN_SIDE_BY_SIDE_WIDTH || width < height * SIDE_BY_SIDE_ASPECT) return 'tall';
  return height < COMPACT_MAX_HEIGHT ? 'compact' : 'wide';
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What must stay in view of a patient drawn at `anchor` (the portrait's centre) whose figure is cut at
 * `foregroundY`: the head, room for a companion at their side, and a little of the counter below.
 */
export function portraitSubject(anchor: { x: number; y: number }, foregroundY: number): Rect {
  const top = anchor.y - 215;
  return { x: anchor.x - 200, y: top, width: 390, height: foregroundY + 40 - top };
}

/** Maps the design canvas onto the real one: canvas = design * zoom + (x, y). */
export interface Frame {
  zoom: number;
  x: number;
  y: number;
}

export interface FrameRequest {
  kind: LayoutKind;
  canvas: { width: number; height: number };
  /** The design's rectangle that must be in view and clear of the panel (the patient, the faces). */
  subject: Rect;
  /** Canvas pixels at the top of the focus kept for the meters. */
  reserveTop: number;
}

/** The largest upscale of the art: beyond it, procedural shapes and canvas text turn soft. */
const MAX_ZOOM = 1.75;

/** The canvas rectangle the DOM leaves visible: the left part beside a panel, or everything. */
export function focusOf(kind: LayoutKind, canvas: { width: number; height: number }): Rect {
  return { x: 0, y: 0, width: Math.round(canvas.width * (1 - PANEL_SHARE[kind])), height: canvas.height };
}

/** `value` moved into [lo, hi] (an empty interval gives its midpoint). */
function clampTo(value: number, lo: number, hi: number): number {
  if (lo > hi) return (lo + hi) / 2;
  return Math.min(hi, Math.max(lo, value));
}

/** The overlap of two intervals, or undefined when they are apart. */
function overlap(a: [number, number], b: [number, number]): [number, number] | undefined {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : undefined;
}

/**
 * One axis: the design coordinate at the canvas's start edge. Keeps the subject inside the focus, and the
 * design covering the canvas when both can hold; otherwise the subject wins.
 */
function scrollOn(
  zoom: number,
  canvasLength: number,
  designLength: number,
  focus: [number, number],
  subject: [number, number],
): number {
  const visible = canvasLength / zoom;
  const keepsSubject: [number, number] = [subject[1] - focus[1] / zoom, subject[0] - focus[0] / zoom];
  const covers: [number, number] =
    designLength >= visible ? [0, designLength - visible] : [designLength - visible, 0];
  const centred = (subject[0] + subject[1]) / 2 - (focus[0] + focus[1]) / 2 / zoom;
  const allowed = overlap(keepsSubject, covers) ?? keepsSubject;
  return clampTo(centred, allowed[0], allowed[1]);
}

/**
 * Beside a panel the art keeps its designed scale (covering the canvas, as the 16:9 stage did) unless the
 * subject would not fit the focus; on top of a panel the subject is shown as large as the band allows.
 */
export function frameScene({ kind, canvas, subject, reserveTop }: FrameRequest): Frame {
  const focus = focusOf(kind, canvas);
  const room = { width: focus.width, height: Math.max(1, focus.height - reserveTop) };
  const fits = Math.min(room.width / subject.width, room.height / subject.height);
  const covers = Math.max(canvas.width / GAME_WIDTH, canvas.height / GAME_HEIGHT);
  const zoom = Math.min(MAX_ZOOM, kind === 'tall' ? fits : Math.min(covers, fits));
  const sx = scrollOn(
    zoom,
    canvas.width,
    GAME_WIDTH,
    [focus.x, focus.x + focus.width],
    [subject.x, subject.x + subject.width],
  );
  const sy = scrollOn(
    zoom,
    canvas.height,
    GAME_HEIGHT,
    [focus.y + reserveTop, focus.y + focus.height],
    [subject.y, subject.y + subject.height],
  );
  // `+ 0` turns -0 into 0.
  return { zoom, x: Math.round(-sx * zoom) + 0, y: Math.round(-sy * zoom) + 0 };
}

/** Where the two meters go: side by side at the top left of the focus, narrower (and smaller) when tight. */
export interface MeterPlacement {
  width: number;
  scale: number;
  stress: { x: number; y: number };
  trust: { x: number; y: number };
  /** Canvas pixels the meters take at the top, margin included. */
  height: number;
}

const METER_GAP = 12;
const METER_MAX_WIDTH = 250;
const METER_MIN_WIDTH = 160;

export function placeMeters(
  kind: LayoutKind,
  canvas: { width: number; height: number },
  meterHeight: number,
) {
  const focus = focusOf(kind, canvas);
  const gap = kind === 'wide' ? 20 : METER_GAP;
  const each = (focus.width - 3 * gap) / 2;
  const width = Math.round(Math.min(METER_MAX_WIDTH, Math.max(METER_MIN_WIDTH, each)));
  const scale = Math.min(1, each / METER_MIN_WIDTH);
  const top = kind === 'wide' ? 18 : METER_GAP;
  return {
    width,
    scale,
    stress: { x: focus.x + gap, y: top },
    trust: { x: focus.x + gap + (width * scale + gap), y: top },
    height: top + meterHeight * scale + gap,
  } satisfies MeterPlacement;
}

const LAYOUT_KEY = 'good-terms:layout';

/** The shell tells the game the layout kind (the canvas follows the layout's CSS by itself). */
export function setLayout(game: Phaser.Game, kind: LayoutKind): void {
  if (game.registry.get(LAYOUT_KEY) === kind) return;
  game.registry.set(LAYOUT_KEY, kind);
}

export function layoutOf(scene: Phaser.Scene): LayoutKind {
  return (scene.registry.get(LAYOUT_KEY) as LayoutKind | undefined) ?? 'wide';
}

/**
 * Calls `relayout` whenever the canvas size or the layout kind changes, until the scene shuts down.
 * Scenes re-frame in place: nothing restarts, so a conversation keeps its state through a rotation.
 */
export function onLayout(scene: Phaser.Scene, relayout: () => void): void {
  const scale = scene.scale;
  const registry = scene.registry.events;
  const kindChanged = `changedata-${LAYOUT_KEY}`;
  scale.on('resize', relayout);
  registry.on(kindChanged, relayout);
  scene.events.once('shutdown', () => {
    scale.off('resize', relayout);
    registry.off(kindChanged, relayout);
  });
}
