/**
 * The face: the head base (drawn once per look) and the features an expression moves (eyes, brows, mouth,
 * cheeks, sweat), which are redrawn when the expression changes or the patient blinks.
 */
import { darken, mix } from '../color';
import {
  arcPts,
  constant,
  ellipsePts,
  fillPoly,
  type Pen,
  type Pt,
  pt,
  quad,
  ribbon,
  spline,
  taper,
} from '../draw';
import type { FaceParams } from './expressions';
import type { Figure } from './figure';

/** Ears, the face, the nose and the lines age brings: everything on the head that never moves. */
export function drawHeadBase(g: Pen, fig: Figure): void {
  const geo = fig.geo;
  const c = fig.col;
  const { halfW, eyeY, eyeDX, noseY, mouthY, mouthHW, browY, chinY } = geo;
  const { wrinkles } = fig.age;

  // Ears.
  for (const s of [-1, 1]) {
    fillPoly(g, ellipsePts(s * (halfW + 2), eyeY + 9, 10, 17, 24, s * -0.12), c.skinShade);
    fillPoly(g, ellipsePts(s * (halfW + 3), eyeY + 9, 5.5, 11, 18, s * -0.12), c.skinDeep, 0.45);
  }

  // Face with a soft shadow on the right side (light from upper left).
  fillPoly(g, geo.outline, c.skinShade);
  const lit = geo.outline.map((p) =>
    pt(p.x > 0 ? p.x * 0.88 - 1 : p.x, p.y < chinY - 20 ? p.y : p.y - (p.y - (chinY - 20)) * 0.18),
  );
  fillPoly(g, lit, c.skin);
  // Soft highlight on the forehead and cheek.
  fillPoly(g, ellipsePts(-16, browY - 24, 22, 11, 20), c.skinLight, 0.16);
  fillPoly(g, ellipsePts(-eyeDX - 6, eyeY + 24, 12, 8, 18), c.skinLight, 0.25);

  // Nose.
  const ns = geo.noseScale;
  ribbon(
    g,
    quad(pt(5, eyeY + 6), pt(9 * ns, noseY - 14), pt(8 * ns, noseY - 3), 10),
    taper(0, 2.6 * ns, 0.8),
    c.skinShade,
    0.7,
  );
  fillPoly(g, ellipsePts(-1, noseY - 5, 6 * ns, 4 * ns, 16), c.skinLight, 0.35);
  ribbon(
    g,
    quad(pt(-9 * ns, noseY), pt(0, noseY + 5 * ns), pt(9 * ns, noseY), 12),
    taper(1.2, 2.8, 1.2),
    c.skinDeep,
    0.55,
  );
  for (const s of [-1, 1]) {
    fillPoly(
      g,
      ellipsePts(s * 4.6 * ns, noseY + 0.6, 2.6 * ns, 1.5 * ns, 12, s * 0.3),
      darken(c.skinDeep, 0.2),
      0.55,
    );
  }

  // Age lines.
  const lineCol = c.skinDeep;
  const a = wrinkles === 2 ? 0.62 : wrinkles === 1 ? 0.48 : 0;
  if (a > 0) {
    for (const s of [-1, 1]) {
      // Nasolabial folds.
      ribbon(
        g,
        quad(pt(s * 12, noseY - 2), pt(s * (mouthHW + 7), mouthY - 8), pt(s * (mouthHW + 5), mouthY + 8), 12),
        taper(0.3, 1.8, 0.3),
        lineCol,
        a,
      );
    }
  }
  if (wrinkles > 0) {
    for (const s of [-1, 1]) {
      const ox = s * (eyeDX + 15);
      ribbon(g, [pt(ox, eyeY + 2), pt(ox + s * 7, eyeY - 1)], taper(1, 1, 0.2), lineCol, a * 0.9, false);
      ribbon(g, [pt(ox, eyeY + 5), pt(ox + s * 7, eyeY + 8)], taper(1, 1, 0.2), lineCol, a * 0.9, false);
    }
    ribbon(
      g,
      quad(pt(-20, browY - 17), pt(0, browY - 21), pt(20, browY - 17), 12),
      taper(0.2, 1.5, 0.2),
      lineCol,
      a * 0.7,
    );
  }
  if (wrinkles === 2) {
    ribbon(
      g,
      quad(pt(-16, browY - 25), pt(0, browY - 28), pt(16, browY - 25), 12),
      taper(0.2, 1.3, 0.2),
      lineCol,
      a * 0.6,
    );
    for (const s of [-1, 1]) {
      // Under-eye bags and marionette lines.
      ribbon(
        g,
        quad(pt(s * (eyeDX - 9), eyeY + 10), pt(s * eyeDX, eyeY + 14), pt(s * (eyeDX + 9), eyeY + 10), 10),
        taper(0.2, 1.3, 0.2),
        lineCol,
        0.45,
      );
      ribbon(
        g,
        quad(
          pt(s * (mouthHW + 2), mouthY + 6),
          pt(s * (mouthHW + 4), mouthY + 14),
          pt(s * (mouthHW + 1), mouthY + 20),
          8,
        ),
        taper(0.3, 1.2, 0.2),
        lineCol,
        0.4,
      );
    }
  }
}

/**
 * The parts of the face an expression moves, drawn over the head base and under the front hair: the
 * eyes, then the cheeks, forehead lines, brows, mouth and sweat.
 */
export function drawFeatures(g: Pen, fig: Figure, p: FaceParams, eyesClosed: boolean): void {
  drawEyes(g, fig, p, eyesClosed);
  drawExpression(g, fig, p);
}

/** Both eyes as the expression opens them, or closed (closed eyes look the same in every expression). */
export function drawEyes(g: Pen, fig: Figure, p: FaceParams, closed: boolean): void {
  const { eyeY, eyeDX } = fig.geo;
  for (const s of [-1, 1] as const) drawEye(g, fig, p, closed, s * eyeDX, eyeY, s);
}

/** Everything an expression moves except the eyes: cheeks, forehead lines, brows, mouth and sweat. */
export function drawExpression(g: Pen, fig: Figure, p: FaceParams): void {
  const geo = fig.geo;
  const c = fig.col;
  const { eyeY, eyeDX, browY, halfW } = geo;

  // Cheeks: warm (rosy) and flush (angry red, wider).
  const warmA = fig.age.blush + p.warm * 0.32;
  for (const s of [-1, 1]) {
    if (warmA > 0.01) fillPoly(g, ellipsePts(s * (eyeDX + 7), eyeY + 25, 13, 7.5, 20), c.blush, warmA);
    if (p.flush > 0.01) {
      const red = mix(c.blush, 0xd23c32, 0.4);
      fillPoly(g, ellipsePts(s * (eyeDX + 5), eyeY + 22, 20, 12, 24), red, p.flush * 0.16);
      fillPoly(g, ellipsePts(s * (eyeDX + 6), eyeY + 23, 14, 8, 20), red, p.flush * 0.24);
    }
  }

  // Forehead: worry lines and the angry crease.
  if (p.furrow > 0.01) {
    for (let i = 0; i < 2; i++) {
      const y = browY - 11 - i * 6 + p.browLift * 0.5;
      const wv = spline(
        [pt(-12 + i * 2, y + 1), pt(-4, y - 1.5), pt(4, y + 1), pt(12 - i * 2, y - 0.5)],
        false,
        6,
      );
      ribbon(g, wv, taper(0.2, 1.5, 0.2), c.skinDeep, p.furrow * 0.6);
    }
  }
  if (p.crease > 0.01) {
    for (const s of [-1, 1]) {
      ribbon(
        g,
        quad(pt(s * 4, browY + 3), pt(s * 2.5, browY - 3), pt(s * 3.5, browY - 9), 6),
        taper(0.3, 1.6, 0.3),
        c.skinDeep,
        p.crease * 0.7,
      );
    }
  }

  // Brows.
  for (const s of [-1, 1] as const) {
    const inner = pt(s * (eyeDX - 14), browY + p.browInner + p.browLift);
    const outer = pt(s * (eyeDX + 16), browY + p.browOuter + p.browLift + 3);
    const mid = pt(s * (eyeDX + 2), browY - 5 + p.browLift + (p.browInner + p.browOuter) * 0.3);
    const bt = geo.browThick;
    ribbon(g, quad(inner, mid, outer, 12), taper(4.4 * bt, 5 * bt, 2 * bt), c.brow);
  }

  drawMouth(g, fig, p);

  // Sweat drops.
  if (p.sweat > 0.01) {
    sweatDrop(g, halfW - 12, browY - 6, Math.min(1, p.sweat));
    if (p.sweat > 1) sweatDrop(g, -halfW + 13, browY + 8, Math.min(1, (p.sweat - 1) / 0.6));
  }
}

function drawEye(
  g: Pen,
  fig: Figure,
  p: FaceParams,
  eyesClosed: boolean,
  cx: number,
  cy: number,
  side: -1 | 1,
): void {
  const c = fig.col;
  const k = fig.geo.eyeScale;
  const w = 13.2 * k;
  const open = eyesClosed ? 0 : p.eyeOpen;
  const hu = 9.4 * k * open;
  const hl = 6 * k * open * (1 - p.lowerLid * 0.8);
  const lidRaise = p.lowerLid * 5.2 * k;
  const shapeAt = (u: number, peak: number) => {
    const v = Math.max(-1, Math.min(1, (u - peak) / (1 + Math.abs(peak) * Math.sign(u - peak))));
    return Math.max(0, 1 - v * v) ** 0.8;
  };
  const innerPeak = -0.14 * side; // upper lid peaks slightly toward the nose
  const upperY = (x: number) => {
    const u = (x - cx) / w;
    return cy - hu * shapeAt(u, -innerPeak) - u * side * 1.2;
  };
  const lowerY = (x: number) => {
    const u = (x - cx) / w;
    return cy + hl * shapeAt(u, innerPeak * 0.5) - lidRaise * (1 - u * u) - u * side * 1.2;
  };
  const N = 16;
  const xs: number[] = [];
  for (let i = 0; i <= N; i++) xs.push(cx - w + (2 * w * i) / N);

  if (open < 0.12) {
    // Closed: a soft downward lash curve.
    const line = xs.map((x) => {
      const u = (x - cx) / w;
      return pt(x, cy + 1.5 + 2.2 * (1 - u * u) - u * side * 1.2);
    });
    ribbon(g, line, taper(1.2, 2.8, 2.4), c.lash);
    ribbon(
      g,
      xs.slice(3, -2).map((x) => pt(x, upperY(x) - 5 * k)),
      taper(0.2, 1.2, 0.2),
      c.skinDeep,
      0.5,
    );
    return;
  }

  if (p.lowerLid >= 0.8) {
    // Smiling eyes: a happy upward arc with a crease beneath.
    const arc = xs.map((x) => {
      const u = (x - cx) / w;
      return pt(x, cy + 1.5 - 4.6 * k * (1 - u * u) - u * side * 1.2);
    });
    ribbon(g, arc, side > 0 ? taper(1.4, 3.2, 2.6) : taper(2.6, 3.2, 1.4), c.lash);
    ribbon(
      g,
      xs.slice(3, -2).map((x) => {
        const u = (x - cx) / w;
        return pt(x, cy + 5 * k - 2.4 * k * (1 - u * u));
      }),
      taper(0.2, 1.3, 0.2),
      c.skinDeep,
      0.55,
    );
    return;
  }

  const upper = xs.map((x) => pt(x, upperY(x)));
  const lower = xs.map((x) => pt(x, Math.max(lowerY(x), upperY(x) + 0.3)));
  // Lid shadow / crease above.
  ribbon(
    g,
    xs.slice(2, -1).map((x) => pt(x, upperY(x) - 4.8 * k - (1 - Math.min(1, open)) * 1.5)),
    taper(0.2, 1.4, 0.3),
    c.skinDeep,
    0.45,
  );
  fillPoly(g, [...upper, ...lower.slice().reverse()], 0xfbf9f6);

  // Iris and pupil, clipped to the eye opening by clamping each point between the lids.
  const clip = (pts: Pt[]): Pt[] =>
    pts.map((q) => {
      const x = Math.max(cx - w + 0.5, Math.min(cx + w - 0.5, q.x));
      return pt(x, Math.max(upperY(x) + 0.2, Math.min(lowerY(x) - 0.2, q.y)));
    });
  const ri = 7 * k * fig.age.iris;
  const ix = cx;
  const iy = cy + 0.4 - p.lowerLid * 1.6;
  fillPoly(g, clip(ellipsePts(ix, iy, ri, ri, 28)), darken(c.iris, 0.3));
  fillPoly(g, clip(ellipsePts(ix, iy, ri * 0.8, ri * 0.8, 28)), c.iris);
  const rp = ri * 0.48 * p.pupil;
  fillPoly(g, clip(ellipsePts(ix, iy, rp, rp, 20)), 0x15100e);
  if (open > 0.35) {
    const hx = ix - 2.2 * k;
    const hy = iy - 2.4 * k;
    if (hy > upperY(hx) + 0.8 && hy < lowerY(hx)) {
      g.fillStyle(0xffffff, 0.95);
      g.fillCircle(hx, hy, 1.7 * k);
    }
  }
  // Tears: a watery shine along the lower lid.
  if (p.tear > 0.01) {
    ribbon(
      g,
      xs.slice(3, -3).map((x) => pt(x, lowerY(x) - 0.8)),
      taper(0.3, 2.2, 0.3),
      0xdff1fb,
      p.tear * 0.9,
    );
  }
  // Upper lash line with an outer flick, faint lower lid.
  ribbon(g, upper, (t) => (side > 0 ? 1 + t * 2.2 : 3.2 - t * 2.2), c.lash);
  const outerX = cx + side * w;
  ribbon(
    g,
    [pt(outerX, upperY(outerX)), pt(outerX + side * 3.2, upperY(outerX) - 2.4)],
    taper(2, 1.6, 0.4),
    c.lash,
  );
  ribbon(g, lower.slice(2, -2), taper(0.2, 1.1, 0.2), c.skinDeep, 0.55);
  if (p.lowerLid > 0.3) {
    // Smile crease under the eye.
    ribbon(
      g,
      xs.slice(3, -3).map((x) => pt(x, lowerY(x) + 3.2 * k)),
      taper(0.2, 1.3, 0.2),
      c.skinDeep,
      (p.lowerLid - 0.3) * 0.7,
    );
  }
}

function drawMouth(g: Pen, fig: Figure, p: FaceParams): void {
  const c = fig.col;
  const { mouthY: my, mouthHW } = fig.geo;
  const hw = mouthHW * p.mouthWidth;
  const curve = p.mouthCurve;
  const cornerY = my - curve * 6;
  const left = pt(-hw, cornerY + p.asym * 2.5);
  const right = pt(hw, cornerY - p.asym * 2.5);

  if (p.mouthOpen < 0.06) {
    const midY = my + curve * 4;
    let line = quad(left, pt(0, midY + curve * 2), right, 16);
    if (p.wobble > 0.01) {
      line = line.map((q, i) =>
        pt(q.x, q.y + Math.sin((i / 16) * Math.PI * 3) * 1.3 * p.wobble * Math.sin((i / 16) * Math.PI)),
      );
    }
    // Lower lip (hidden when lips are pressed).
    const lipA = 0.75 * (1 - p.press);
    if (lipA > 0.02) {
      const lip = [
        ...quad(pt(-hw * 0.7, midY + 1), pt(0, midY + 11 - curve * 1.5), pt(hw * 0.7, midY + 1), 14),
      ];
      fillPoly(
        g,
        [...lip, ...quad(pt(hw * 0.7, midY + 1), pt(0, midY + 3), pt(-hw * 0.7, midY + 1), 10)],
        c.lip,
        lipA,
      );
    }
    // Upper lip hint.
    fillPoly(
      g,
      [...quad(left, pt(0, midY - 6 + curve * 2), right, 14), ...line.slice().reverse()],
      c.lip,
      0.5,
    );
    ribbon(g, line, taper(1.6, 2.8 + p.press * 0.8, 1.6), c.lipLine);
    if (curve > 0.2) {
      // Dimples at the corners.
      for (const s of [-1, 1]) {
        const q = s < 0 ? left : right;
        ribbon(
          g,
          quad(pt(q.x + s * 1, q.y - 2), pt(q.x + s * 3.5, q.y), pt(q.x + s * 1.5, q.y + 3), 6),
          taper(0.3, 1.3, 0.3),
          c.skinDeep,
          curve * 0.6,
        );
      }
    }
    return;
  }

  // Open mouth: upper and lower edges.
  const open = p.mouthOpen;
  // Quadratic control points: a smile dips the upper edge and drops the lower one (a "D");
  // a frown arches the upper edge and keeps the lower edge flat (an open grimace).
  const upperCtrl = cornerY - open * (3 + Math.max(0, -curve) * 24) + Math.max(0, curve) * 7;
  const lowerCtrl = cornerY + open * (16 + curve * 12) + Math.max(0, curve) * 6;
  const upper = quad(left, pt(0, upperCtrl), right, 18);
  const lower = quad(right, pt(0, lowerCtrl), left, 18);
  const mouth = [...upper, ...lower];
  fillPoly(g, mouth, c.mouthIn);
  const upperAt = (x: number) => {
    const t = (x + hw) / (2 * hw);
    const ctrl = upperCtrl;
    return (1 - t) * (1 - t) * left.y + 2 * (1 - t) * t * ctrl + t * t * right.y;
  };
  const lowerAt = (x: number) => {
    const t = (hw - x) / (2 * hw);
    const ctrl = lowerCtrl;
    return (1 - t) * (1 - t) * right.y + 2 * (1 - t) * t * ctrl + t * t * left.y;
  };
  // Tongue.
  const tongue: Pt[] = [];
  for (let i = 0; i <= 14; i++) {
    const x = -hw * 0.6 + (i / 14) * hw * 1.2;
    tongue.push(pt(x, Math.max(upperAt(x) + 1, lowerAt(x) - 5 - (1 - (x / (hw * 0.6)) ** 2) * 2)));
  }
  for (let i = 14; i >= 0; i--) {
    const x = -hw * 0.6 + (i / 14) * hw * 1.2;
    tongue.push(pt(x, Math.max(upperAt(x) + 1, lowerAt(x) - 0.6)));
  }
  fillPoly(g, tongue, 0xc8606a, 0.9);
  // Upper teeth.
  if (p.teeth > 0.02) {
    const tw = hw * 0.82;
    const teeth: Pt[] = [];
    for (let i = 0; i <= 14; i++) {
      const x = -tw + (i / 14) * 2 * tw;
      teeth.push(pt(x, upperAt(x) + 0.4));
    }
    for (let i = 14; i >= 0; i--) {
      const x = -tw + (i / 14) * 2 * tw;
      teeth.push(pt(x, Math.min(lowerAt(x) - 1, upperAt(x) + 5.5 * p.teeth)));
    }
    fillPoly(g, teeth, 0xfbfaf6);
  }
  ribbon(g, upper, taper(1.5, 2.6, 1.5), c.lipLine);
  ribbon(g, lower, taper(1.2, 3.2, 1.2), c.lip);
  ribbon(
    g,
    lower.slice(4, -4).map((q) => pt(q.x, q.y + 3.2)),
    taper(0.3, 1.6, 0.3),
    c.skinShade,
    0.6,
  );
}

function sweatDrop(g: Pen, x: number, y: number, a: number): void {
  const drop = [pt(x, y - 9), ...arcPts(x, y + 2, 4.6, -Math.PI * 0.15, Math.PI * 1.15, 14)];
  fillPoly(g, drop, 0xcfeaf8, 0.95 * a);
  ribbon(g, [...drop, drop[0] as Pt], constant(1.2), 0x5f9fc4, 0.9 * a, false);
  g.fillStyle(0xffffff, a);
  g.fillCircle(x - 1.5, y + 1, 1.3);
}
