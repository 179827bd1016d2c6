/**
 * Companions: someone who came with the patient and stands behind, to the viewer's left. A registry keyed
 * by the schema's `companion` (except 'none'): each draws its figure (behind the patient), its hand on
 * the patient's sleeve (in front), and a face that follows the patient's mood. A companion in the schema
 * without a drawing fails to type-check and fails tests/unit/portraitRegistries.test.ts.
 */
import { darken, desaturate, hexToInt, lighten, luminance, mix, saturation, shade } from '../color';
import { arcPts, constant, ellipsePts, fillPoly, type Pen, pt, quad, ribbon, spline, taper } from '../draw';
import type { CompanionKind, Figure } from './figure';

/** How a companion looks while the patient is at ease, or not. */
export type CompanionMood = 'happy' | 'unsure';

export interface CompanionDrawing {
  /** The figure, drawn behind the patient. */
  body(g: Pen, fig: Figure): void;
  /** Drawn in front of the patient (a hand on the sleeve), or nothing. */
  hand(g: Pen, fig: Figure): void;
  face(g: Pen, fig: Figure, mood: CompanionMood, eyesClosed: boolean): void;
  /** How far left of the patient's centre the companion can paint (local px), for the portrait's paint area. */
  reach(fig: Figure): number;
}

type SmallChild = 'toddler' | 'child';

function smallChildGeo(fig: Figure, kind: SmallChild) {
  const sw = fig.geo.shoulderW;
  return kind === 'toddler'
    ? { cx: -(sw + 22), cy: 64, r: 37, bodyW: 40, bodyTop: 104 }
    : { cx: -(sw + 40), cy: 6, r: 44, bodyW: 54, bodyTop: 56 };
}

function smallChildColors(fig: Figure) {
  const base = hexToInt(fig.look.hair);
  // A grey-haired adult's grandchild still gets coloured hair.
  const hair = saturation(base) < 0.12 && luminance(base) > 0.3 ? 0x5a3b24 : desaturate(base, 0.1);
  const tees = [0xf2c14e, 0x7cc6a4, 0xf29479, 0x8fb3e0];
  return {
    skin: hexToInt(fig.look.skin),
    hair,
    top: tees[fig.seed % tees.length] as number,
  };
}

function drawSmallChild(g: Pen, fig: Figure, kind: SmallChild): void {
  const k = smallChildGeo(fig, kind);
  const cc = smallChildColors(fig);
  const skinShade = shade(cc.skin, 0.12);
  const topShade = darken(cc.top, 0.15);
  // Body.
  const body = [
    pt(k.cx - k.bodyW, 180),
    ...quad(
      pt(k.cx - k.bodyW, 180),
      pt(k.cx - k.bodyW - 2, k.bodyTop + 10),
      pt(k.cx - k.bodyW * 0.45, k.bodyTop),
      8,
    ),
    ...quad(
      pt(k.cx + k.bodyW * 0.45, k.bodyTop),
      pt(k.cx + k.bodyW + 2, k.bodyTop + 10),
      pt(k.cx + k.bodyW, 180),
      8,
    ),
  ];
  fillPoly(
    g,
    [
      pt(k.cx - 9, k.cy + k.r - 8),
      pt(k.cx + 9, k.cy + k.r - 8),
      pt(k.cx + 10, k.bodyTop + 8),
      pt(k.cx - 10, k.bodyTop + 8),
    ],
    skinShade,
  );
  fillPoly(g, body, cc.top);
  ribbon(
    g,
    quad(pt(k.cx - 11, k.bodyTop + 1), pt(k.cx, k.bodyTop + 9), pt(k.cx + 11, k.bodyTop + 1), 10),
    constant(3.5),
    topShade,
  );
  if (kind === 'child') {
    // A stripe across the tee.
    ribbon(
      g,
      [pt(k.cx - k.bodyW + 1.5, k.bodyTop + 58), pt(k.cx + k.bodyW - 1.5, k.bodyTop + 58)],
      constant(9),
      lighten(cc.top, 0.35),
      1,
      false,
    );
  }
  // Ears and head.
  for (const s of [-1, 1])
    fillPoly(g, ellipsePts(k.cx + s * (k.r - 2), k.cy + 4, k.r * 0.17, k.r * 0.26, 16), skinShade);
  fillPoly(g, ellipsePts(k.cx, k.cy, k.r, k.r * 0.98, 36), cc.skin);
  fillPoly(g, ellipsePts(k.cx + k.r * 0.55, k.cy + 6, k.r * 0.35, k.r * 0.7, 24), skinShade, 0.35);
  // Hair.
  if (kind === 'toddler') {
    const cap = spline(
      [
        pt(k.cx - k.r + 2, k.cy - 6),
        pt(k.cx - k.r * 0.7, k.cy - k.r * 0.8),
        pt(k.cx, k.cy - k.r - 4),
        pt(k.cx + k.r * 0.7, k.cy - k.r * 0.8),
        pt(k.cx + k.r - 2, k.cy - 6),
        pt(k.cx + k.r * 0.5, k.cy - k.r * 0.55),
        pt(k.cx, k.cy - k.r * 0.62),
        pt(k.cx - k.r * 0.5, k.cy - k.r * 0.5),
      ],
      true,
      6,
    );
    fillPoly(g, cap, cc.hair);
    ribbon(
      g,
      arcPts(k.cx + 2, k.cy - k.r - 8, 6, Math.PI * 0.6, Math.PI * 2.0, 10),
      taper(1, 3.5, 0.5),
      cc.hair,
    );
  } else {
    const bob = spline(
      [
        pt(k.cx - k.r - 5, k.cy + 22),
        pt(k.cx - k.r - 6, k.cy - 18),
        pt(k.cx - k.r * 0.6, k.cy - k.r - 6),
        pt(k.cx + k.r * 0.3, k.cy - k.r - 7),
        pt(k.cx + k.r + 6, k.cy - 18),
        pt(k.cx + k.r + 5, k.cy + 22),
        pt(k.cx + k.r - 5, k.cy + 20),
        pt(k.cx + k.r - 6, k.cy - 10),
        pt(k.cx + k.r * 0.2, k.cy - k.r * 0.5),
        pt(k.cx - k.r * 0.6, k.cy - k.r * 0.45),
        pt(k.cx - k.r + 5, k.cy - 6),
        pt(k.cx - k.r + 5, k.cy + 20),
      ],
      true,
      6,
    );
    fillPoly(g, bob, cc.hair);
    ribbon(
      g,
      spline(
        [
          pt(k.cx + k.r * 0.1, k.cy - k.r - 2),
          pt(k.cx - k.r * 0.3, k.cy - k.r * 0.7),
          pt(k.cx - k.r * 0.7, k.cy - k.r * 0.35),
        ],
        false,
        6,
      ),
      taper(0.3, 2, 0.3),
      darken(cc.hair, 0.25),
      0.6,
    );
  }
  fillPoly(g, ellipsePts(k.cx, k.cy + k.r * 0.22, 3, 2, 10), skinShade, 0.8);
}

function drawSmallHand(g: Pen, fig: Figure, kind: SmallChild): void {
  const cc = smallChildColors(fig);
  const sw = fig.geo.shoulderW;
  // Little fingers curled round the adult's sleeve from behind.
  const top = kind === 'toddler' ? 116 : 100;
  const fs = kind === 'toddler' ? 1 : 1.15;
  const line = shade(cc.skin, 0.22);
  for (let i = 0; i < 4; i++) {
    const fy = top + i * 5.6 * fs;
    const fx = -(sw + 3) + 7 * fs - (i === 0 || i === 3 ? 1.5 : 0);
    fillPoly(g, ellipsePts(fx, fy, 6.5 * fs, 3.1 * fs, 16, 0.12), cc.skin);
    g.fillStyle(lighten(cc.skin, 0.2), 0.6);
    g.fillCircle(fx + 3.6 * fs, fy - 0.8, 1.1 * fs);
    if (i > 0)
      ribbon(
        g,
        [pt(fx - 5 * fs, fy - 2.8 * fs), pt(fx + 4 * fs, fy - 2.6 * fs)],
        constant(0.9),
        line,
        0.7,
        false,
      );
  }
}

function drawSmallFace(
  g: Pen,
  fig: Figure,
  kind: SmallChild,
  mood: CompanionMood,
  eyesClosed: boolean,
): void {
  const k = smallChildGeo(fig, kind);
  const cc = smallChildColors(fig);
  const ex = k.r * 0.36;
  const ey = k.cy + k.r * 0.02;
  const er = k.r * (kind === 'toddler' ? 0.12 : 0.1);
  for (const s of [-1, 1]) {
    const x = k.cx + s * ex;
    if (eyesClosed) {
      ribbon(g, quad(pt(x - er, ey), pt(x, ey + er * 0.9), pt(x + er, ey), 8), constant(2), 0x2a1d18);
    } else {
      fillPoly(g, ellipsePts(x, ey, er * 0.85, er * 1.1, 18), 0x2a1d18);
      g.fillStyle(0xffffff, 1);
      g.fillCircle(x - er * 0.3, ey - er * 0.4, er * 0.32);
    }
    const browInner = mood === 'unsure' ? -3 : 0;
    ribbon(
      g,
      quad(
        pt(x - s * er * 1.3, ey - er * 2.1 + browInner),
        pt(x, ey - er * 2.6),
        pt(x + s * er * 1.4, ey - er * 2),
        8,
      ),
      taper(2, 2.4, 1.2),
      darken(cc.hair, 0.1),
    );
    fillPoly(
      g,
      ellipsePts(x + s * er * 0.8, ey + er * 2.4, er * 1.2, er * 0.7, 14),
      mix(cc.skin, 0xe0575a, 0.5),
      0.4,
    );
  }
  const my = k.cy + k.r * 0.48;
  const mw = k.r * 0.2;
  if (mood === 'happy') {
    fillPoly(
      g,
      [...quad(pt(-mw + k.cx, my - 1), pt(k.cx, my + mw * 1.1), pt(mw + k.cx, my - 1), 12)],
      0x7a2f37,
    );
  } else {
    fillPoly(g, ellipsePts(k.cx, my + 1, mw * 0.45, mw * 0.55, 14), 0x7a2f37);
  }
}

const smallChild = (kind: SmallChild): CompanionDrawing => ({
  body: (g, fig) => drawSmallChild(g, fig, kind),
  hand: (g, fig) => drawSmallHand(g, fig, kind),
  face: (g, fig, mood, eyesClosed) => drawSmallFace(g, fig, kind, mood, eyesClosed),
  reach: (fig) => fig.geo.shoulderW + 130,
});

export const COMPANIONS: Record<CompanionKind, CompanionDrawing> = {
  toddler: smallChild('toddler'),
  child: smallChild('child'),
};
