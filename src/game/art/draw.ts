/**
 * Vector drawing helpers on a Pen (the part of Phaser's Graphics API the art uses): smooth splines,
 * tapered strokes, rounded-corner masks. Graphics has no bezier path commands, so curves are sampled into
 * polygons here (WebGL triangulates concave fills with Earcut).
 */
export interface Pt {
  x: number;
  y: number;
}

export const pt = (x: number, y: number): Pt => ({ x, y });

/** A rounded rectangle's corner radius: one for all corners, or each corner's. */
export type Radius = number | { tl: number; tr: number; bl: number; br: number };

/** What the art draws with: the part of Phaser's Graphics API it uses (a Graphics object is a Pen). */
export interface Pen {
  fillStyle(color: number, alpha?: number): unknown;
  lineStyle(lineWidth: number, color: number, alpha?: number): unknown;
  fillGradientStyle(
    topLeft: number,
    topRight: number,
    bottomLeft: number,
    bottomRight: number,
    alphaTopLeft?: number,
    alphaTopRight?: number,
    alphaBottomLeft?: number,
    alphaBottomRight?: number,
  ): unknown;
  fillPoints(points: readonly Pt[], closeShape?: boolean, closePath?: boolean): unknown;
  strokePoints(points: readonly Pt[], closeShape?: boolean, closePath?: boolean): unknown;
  fillCircle(x: number, y: number, radius: number): unknown;
  strokeCircle(x: number, y: number, radius: number): unknown;
  fillRect(x: number, y: number, width: number, height: number): unknown;
  strokeRect(x: number, y: number, width: number, height: number): unknown;
  fillRoundedRect(x: number, y: number, width: number, height: number, radius?: Radius): unknown;
  strokeRoundedRect(x: number, y: number, width: number, height: number, radius?: Radius): unknown;
  fillTriangle(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): unknown;
  lineBetween(x1: number, y1: number, x2: number, y2: number): unknown;
}

/** Fill a closed polygon. */
export function fillPoly(g: Pen, points: readonly Pt[], color: number, alpha = 1): void {
  if (points.length < 3) return;
  g.fillStyle(color, alpha);
  g.fillPoints(points, true, true);
}

/** Stroke an open or closed polyline with a constant width. */
export function strokePoly(
  g: Pen,
  points: readonly Pt[],
  width: number,
  color: number,
  alpha = 1,
  closed = false,
): void {
  if (points.length < 2) return;
  g.lineStyle(width, color, alpha);
  g.strokePoints(points, closed, closed);
}

/** Quadratic bezier sampled into n + 1 points. */
export function quad(p0: Pt, c: Pt, p1: Pt, n = 12): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push({
      x: u * u * p0.x + 2 * u * t * c.x + t * t * p1.x,
      y: u * u * p0.y + 2 * u * t * c.y + t * t * p1.y,
    });
  }
  return out;
}

/** Cubic bezier sampled into n + 1 points. */
export function cubic(p0: Pt, c0: Pt, c1: Pt, p1: Pt, n = 16): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push({ x: a * p0.x + b * c0.x + c * c1.x + d * p1.x, y: a * p0.y + b * c0.y + c * c1.y + d * p1.y });
  }
  return out;
}

/** Centripetal-ish Catmull-Rom spline through the given points. */
export function spline(points: readonly Pt[], closed: boolean, seg = 6): Pt[] {
  const n = points.length;
  if (n < 3) return [...points];
  const out: Pt[] = [];
  const get = (i: number): Pt => {
    if (closed) return points[((i % n) + n) % n] as Pt;
    return points[Math.max(0, Math.min(n - 1, i))] as Pt;
  };
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const p0 = get(i - 1);
    const p1 = get(i);
    const p2 = get(i + 1);
    const p3 = get(i + 2);
    for (let s = 0; s < seg; s++) {
      const t = s / seg;
      const t2 = t * t;
      const t3 = t2 * t;
      out.push({
        x:
          0.5 *
          (2 * p1.x +
            (-p0.x + p2.x) * t +
            (2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x) * t2 +
            (-p0.x + 3 * p1.x - 3 * p2.x + p3.x) * t3),
        y:
          0.5 *
          (2 * p1.y +
            (-p0.y + p2.y) * t +
            (2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y) * t2 +
            (-p0.y + 3 * p1.y - 3 * p2.y + p3.y) * t3),
      });
    }
  }
  if (!closed) out.push(get(n - 1));
  return out;
}

/** Mirror a list of points across x = cx (and reverse it, so a right half + mirrored left half forms a loop). */
export function mirror(points: readonly Pt[], cx = 0): Pt[] {
  return points.map((p) => ({ x: 2 * cx - p.x, y: p.y })).reverse();
}

export function ellipsePts(cx: number, cy: number, rx: number, ry: number, n = 28, rot = 0): Pt[] {
  const out: Pt[] = [];
  const cr = Math.cos(rot);
  const sr = Math.sin(rot);
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    const x = Math.cos(a) * rx;
    const y = Math.sin(a) * ry;
    out.push({ x: cx + x * cr - y * sr, y: cy + x * sr + y * cr });
  }
  return out;
}

/** Points on a circular arc (radians, clockwise in screen space for increasing angle). */
export function arcPts(cx: number, cy: number, r: number, a0: number, a1: number, n = 16): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const a = a0 + ((a1 - a0) * i) / n;
    out.push({ x: cx + Math.cos(a) * r, y: cy + Math.sin(a) * r });
  }
  return out;
}

/**
 * A stroke whose width varies along the line (brush look). `width(t)` gives the full width at t in 0..1.
 * Drawn as one filled polygon plus round caps, so thick curves have no joint gaps.
 */
export function ribbon(
  g: Pen,
  points: readonly Pt[],
  width: (t: number) => number,
  color: number,
  alpha = 1,
  roundCaps = true,
): void {
  const n = points.length;
  if (n < 2) return;
  const left: Pt[] = [];
  const right: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const p = points[i] as Pt;
    const a = points[Math.max(0, i - 1)] as Pt;
    const b = points[Math.min(n - 1, i + 1)] as Pt;
    let dx = b.x - a.x;
    let dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    dx /= len;
    dy /= len;
    const w = Math.max(0, width(i / (n - 1))) / 2;
    left.push({ x: p.x - dy * w, y: p.y + dx * w });
    right.push({ x: p.x + dy * w, y: p.y - dx * w });
  }
  fillPoly(g, [...left, ...right.reverse()], color, alpha);
  if (roundCaps) {
    const w0 = width(0) / 2;
    const w1 = width(1) / 2;
    g.fillStyle(color, alpha);
    const first = points[0] as Pt;
    const last = points[n - 1] as Pt;
    if (w0 > 0.6) g.fillCircle(first.x, first.y, w0);
    if (w1 > 0.6) g.fillCircle(last.x, last.y, w1);
  }
}

/** Width profile helpers for ribbon(). */
export const taper =
  (w0: number, wMid: number, w1: number) =>
  (t: number): number =>
    t < 0.5 ? w0 + (wMid - w0) * Math.sin(t * Math.PI) : w1 + (wMid - w1) * Math.sin(t * Math.PI);

export const constant = (w: number) => (): number => w;

/**
 * Paint the four outside corners of a rounded rectangle in `color`, so anything drawn inside a sharp
 * rectangle appears clipped to rounded corners (a cheap stand-in for a mask).
 */
export function cornerMask(
  g: Pen,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  color: number,
): void {
  const corners: [number, number, number, number][] = [
    // corner x, corner y, arc centre x, arc centre y
    [x, y, x + r, y + r],
    [x + w, y, x + w - r, y + r],
    [x + w, y + h, x + w - r, y + h - r],
    [x, y + h, x + r, y + h - r],
  ];
  corners.forEach(([px, py, cx, cy], i) => {
    const start = Math.PI + (i * Math.PI) / 2;
    fillPoly(
      g,
      [{ x: px, y: py }, ...arcPts(cx, cy, r + 0.5, start, start + Math.PI / 2, 10).reverse()],
      color,
    );
  });
}

/** Deterministic small hash of a string, for stable per-persona variation. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}
