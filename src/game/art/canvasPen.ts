/**
 * Pens that are not Phaser Graphics: one that paints on a Canvas 2D context (the art is baked into
 * textures with it, see bake.ts), one that only measures what a drawing covers, and one that records a
 * drawing to replay it later. A Painter is a Pen that can also write short labels.
 */
import type { Pen, Pt, Radius } from './draw';
import { FONT_FAMILY } from './palette';

export interface LabelStyle {
  /** Font size in px. */
  size: number;
  bold?: boolean;
  /** A CSS colour. */
  color: string;
}

/** A Pen that can also write a one-line label, placed by its box like a Phaser Text with an origin. */
export interface Painter extends Pen {
  text(x: number, y: number, text: string, style: LabelStyle, originX: number, originY: number): void;
}

const PEN_METHODS = [
  'fillStyle',
  'lineStyle',
  'fillGradientStyle',
  'fillPoints',
  'strokePoints',
  'fillCircle',
  'strokeCircle',
  'fillRect',
  'strokeRect',
  'fillRoundedRect',
  'strokeRoundedRect',
  'fillTriangle',
  'lineBetween',
  'text',
] as const satisfies readonly (keyof Painter)[];

type Call = { [K in keyof Painter]: { method: K; args: Parameters<Painter[K]> } }[keyof Painter];

/** Records a drawing, to measure it and then paint it (a drawing is run once, replayed twice). */
export class Recording implements Painter {
  readonly calls: Call[] = [];
  declare fillStyle: Painter['fillStyle'];
  declare lineStyle: Painter['lineStyle'];
  declare fillGradientStyle: Painter['fillGradientStyle'];
  declare fillPoints: Painter['fillPoints'];
  declare strokePoints: Painter['strokePoints'];
  declare fillCircle: Painter['fillCircle'];
  declare strokeCircle: Painter['strokeCircle'];
  declare fillRect: Painter['fillRect'];
  declare strokeRect: Painter['strokeRect'];
  declare fillRoundedRect: Painter['fillRoundedRect'];
  declare strokeRoundedRect: Painter['strokeRoundedRect'];
  declare fillTriangle: Painter['fillTriangle'];
  declare lineBetween: Painter['lineBetween'];
  declare text: Painter['text'];

  constructor() {
    for (const method of PEN_METHODS) {
      (this as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
        this.calls.push({ method, args } as Call);
      };
    }
  }

  replay(pen: Painter): void {
    for (const { method, args } of this.calls) (pen[method] as (...a: unknown[]) => void)(...args);
  }
}

/** A pen that draws nothing: for the half of a two-layer drawing (hair) that a bake leaves out. */
export const NO_PEN: Painter = Object.fromEntries(
  PEN_METHODS.map((m) => [m, () => undefined]),
) as unknown as Painter;

const font = (style: LabelStyle): string => `${style.bold ? 'bold ' : ''}${style.size}px ${FONT_FAMILY}`;

let scratch: CanvasRenderingContext2D | null | undefined;
/** Text metrics without a canvas of one's own: the width and the font's ascent and descent. */
function measure(text: string, style: LabelStyle): { width: number; ascent: number; descent: number } {
  scratch ??= document.createElement('canvas').getContext('2d');
  if (!scratch)
    return { width: text.length * style.size * 0.55, ascent: style.size, descent: style.size * 0.25 };
  scratch.font = font(style);
  const m = scratch.measureText(text);
  return { width: m.width, ascent: m.fontBoundingBoxAscent, descent: m.fontBoundingBoxDescent };
}

/** The width a label takes, as a Phaser Text in the same style would. */
export function labelWidth(text: string, style: LabelStyle): number {
  return measure(text, style).width;
}

/** The smallest rectangle a drawing paints in, with half of any stroke's width. */
export class BoundsPen implements Painter {
  x0 = Number.POSITIVE_INFINITY;
  y0 = Number.POSITIVE_INFINITY;
  x1 = Number.NEGATIVE_INFINITY;
  y1 = Number.NEGATIVE_INFINITY;
  private half = 0.5;

  private add(x: number, y: number, r = 0): void {
    this.x0 = Math.min(this.x0, x - r);
    this.y0 = Math.min(this.y0, y - r);
    this.x1 = Math.max(this.x1, x + r);
    this.y1 = Math.max(this.y1, y + r);
  }

  fillStyle(): void {}
  fillGradientStyle(): void {}
  lineStyle(width: number): void {
    this.half = width / 2;
  }
  fillPoints(points: readonly Pt[]): void {
    for (const p of points) this.add(p.x, p.y);
  }
  strokePoints(points: readonly Pt[]): void {
    for (const p of points) this.add(p.x, p.y, this.half);
  }
  fillCircle(x: number, y: number, r: number): void {
    this.add(x, y, r);
  }
  strokeCircle(x: number, y: number, r: number): void {
    this.add(x, y, r + this.half);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.add(x, y);
    this.add(x + w, y + h);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.add(x, y, this.half);
    this.add(x + w, y + h, this.half);
  }
  fillRoundedRect(x: number, y: number, w: number, h: number): void {
    this.fillRect(x, y, w, h);
  }
  strokeRoundedRect(x: number, y: number, w: number, h: number): void {
    this.strokeRect(x, y, w, h);
  }
  fillTriangle(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): void {
    this.add(x0, y0);
    this.add(x1, y1);
    this.add(x2, y2);
  }
  lineBetween(x0: number, y0: number, x1: number, y1: number): void {
    this.add(x0, y0, this.half);
    this.add(x1, y1, this.half);
  }
  text(x: number, y: number, text: string, style: LabelStyle, originX: number, originY: number): void {
    const m = measure(text, style);
    const h = m.ascent + m.descent;
    this.add(x - m.width * originX, y - h * originY);
    this.add(x + m.width * (1 - originX), y + h * (1 - originY));
  }
}

const rgba = (color: number, alpha: number): string =>
  `rgba(${(color >> 16) & 0xff},${(color >> 8) & 0xff},${color & 0xff},${alpha})`;

interface Gradient {
  topLeft: number;
  topRight: number;
  bottomLeft: number;
  bottomRight: number;
  alphas: [number, number, number, number];
}

/** Paints on a Canvas 2D context, with Phaser Graphics' meaning for each call. */
export class CanvasPen implements Painter {
  private gradient: Gradient | undefined;

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  fillStyle(color: number, alpha = 1): void {
    this.gradient = undefined;
    this.ctx.fillStyle = rgba(color, alpha);
  }

  lineStyle(width: number, color: number, alpha = 1): void {
    this.ctx.lineWidth = width;
    this.ctx.strokeStyle = rgba(color, alpha);
  }

  fillGradientStyle(
    topLeft: number,
    topRight: number,
    bottomLeft: number,
    bottomRight: number,
    alphaTopLeft = 1,
    alphaTopRight = alphaTopLeft,
    alphaBottomLeft = alphaTopLeft,
    alphaBottomRight = alphaTopLeft,
  ): void {
    this.gradient = {
      topLeft,
      topRight,
      bottomLeft,
      bottomRight,
      alphas: [alphaTopLeft, alphaTopRight, alphaBottomLeft, alphaBottomRight],
    };
  }

  private path(points: readonly Pt[], close: boolean): void {
    const ctx = this.ctx;
    ctx.beginPath();
    const first = points[0];
    if (!first) return;
    ctx.moveTo(first.x, first.y);
    for (let i = 1; i < points.length; i++) {
      const p = points[i] as Pt;
      ctx.lineTo(p.x, p.y);
    }
    if (close) ctx.closePath();
  }

  fillPoints(points: readonly Pt[]): void {
    if (points.length < 3) return;
    this.path(points, true);
    this.ctx.fill();
  }

  strokePoints(points: readonly Pt[], closeShape = false, closePath = false): void {
    if (points.length < 2) return;
    this.path(points, closeShape || closePath);
    this.ctx.stroke();
  }

  fillCircle(x: number, y: number, r: number): void {
    this.ctx.beginPath();
    this.ctx.arc(x, y, r, 0, Math.PI * 2);
    this.ctx.fill();
  }

  strokeCircle(x: number, y: number, r: number): void {
    this.ctx.beginPath();
    this.ctx.arc(x, y, r, 0, Math.PI * 2);
    this.ctx.stroke();
  }

  /** A gradient set with fillGradientStyle fills rectangles: by corner, top to bottom and left to right. */
  fillRect(x: number, y: number, w: number, h: number): void {
    const g = this.gradient;
    if (!g) {
      this.ctx.fillRect(x, y, w, h);
      return;
    }
    const ctx = this.ctx;
    const [atl, atr, abl, abr] = g.alphas;
    // Two linear gradients cover what the game's fills use: vertical (left = right) or horizontal.
    const vertical = g.topLeft === g.topRight && g.bottomLeft === g.bottomRight && atl === atr && abl === abr;
    const fill = vertical
      ? ctx.createLinearGradient(x, y, x, y + h)
      : ctx.createLinearGradient(x, y, x + w, y);
    fill.addColorStop(0, rgba(g.topLeft, atl));
    fill.addColorStop(1, vertical ? rgba(g.bottomLeft, abl) : rgba(g.topRight, atr));
    ctx.fillStyle = fill;
    ctx.fillRect(x, y, w, h);
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    this.ctx.strokeRect(x, y, w, h);
  }

  private roundedPath(x: number, y: number, w: number, h: number, radius: Radius): void {
    const corners = typeof radius === 'number' ? { tl: radius, tr: radius, bl: radius, br: radius } : radius;
    const clamp = (r: number): number => Math.max(0, Math.min(r, w / 2, h / 2));
    const ctx = this.ctx;
    ctx.beginPath();
    ctx.moveTo(x + clamp(corners.tl), y);
    ctx.arcTo(x + w, y, x + w, y + h, clamp(corners.tr));
    ctx.arcTo(x + w, y + h, x, y + h, clamp(corners.br));
    ctx.arcTo(x, y + h, x, y, clamp(corners.bl));
    ctx.arcTo(x, y, x + w, y, clamp(corners.tl));
    ctx.closePath();
  }

  fillRoundedRect(x: number, y: number, w: number, h: number, radius: Radius = 20): void {
    this.roundedPath(x, y, w, h, radius);
    this.ctx.fill();
  }

  strokeRoundedRect(x: number, y: number, w: number, h: number, radius: Radius = 20): void {
    this.roundedPath(x, y, w, h, radius);
    this.ctx.stroke();
  }

  fillTriangle(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): void {
    this.fillPoints([
      { x: x0, y: y0 },
      { x: x1, y: y1 },
      { x: x2, y: y2 },
    ]);
  }

  lineBetween(x0: number, y0: number, x1: number, y1: number): void {
    this.ctx.beginPath();
    this.ctx.moveTo(x0, y0);
    this.ctx.lineTo(x1, y1);
    this.ctx.stroke();
  }

  text(x: number, y: number, text: string, style: LabelStyle, originX: number, originY: number): void {
    const ctx = this.ctx;
    const m = measure(text, style);
    ctx.save();
    ctx.font = font(style);
    ctx.fillStyle = style.color;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(text, x - m.width * originX, y - (m.ascent + m.descent) * originY + m.ascent);
    ctx.restore();
  }
}
