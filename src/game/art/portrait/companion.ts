/**
 * Companions: someone who came with the patient and stands behind, to the viewer's left. A registry keyed
 * by the schema's `companion` (except 'none'). A child, a parent or a spouse is a whole figure drawn by
 * the same code as the patient (its look follows from the patient's, with `companionLook` on top) and
 * placed smaller behind; a toddler is a small drawing of its own. A companion in the schema without a
 * drawing fails to type-check and fails tests/unit/portraitRegistries.test.ts.
 */
import { darken, desaturate, hexToInt, lighten, luminance, mix, saturation, shade } from '../color';
import { arcPts, constant, ellipsePts, fillPoly, type Pen, pt, quad, ribbon, spline, taper } from '../draw';
import { drawAccessories } from './accessories';
import { drawBody } from './body';
import { blendParams, EXPRESSION_PARAMS, type FaceParams } from './expressions';
import { drawFeatures, drawHeadBase } from './face';
import { type CompanionKind, type Figure, figureOf, type HairStyle, type PersonaLook } from './figure';
import { HAIR_STYLES } from './hair';

/** How a companion looks while the patient is at ease, or not. */
export type CompanionMood = 'happy' | 'unsure';

/** Where a companion stands, in the patient's coordinates; it is scaled about its own origin. */
export interface Place {
  x: number;
  y: number;
  scale: number;
}

export interface CompanionDrawing {
  /** The figure the companion's drawings read: its own, or the patient's for a drawing placed by it. */
  figure(patient: Figure): Figure;
  place(patient: Figure, companion: Figure): Place;
  /** What never moves, behind the face's features (`behind`) and over them (`over`: hair, glasses). */
  still(behind: Pen, over: Pen, companion: Figure): void;
  face(g: Pen, companion: Figure, mood: CompanionMood, eyesClosed: boolean): void;
  /** Drawn over the patient, in the patient's coordinates: a hand on a sleeve or a shoulder. */
  hand(g: Pen, companion: Figure, patient: Figure): void;
  /** How far left of the patient's centre the companion can paint (local px), for the paint area. */
  reach(patient: Figure, companion: Figure): number;
}

// ---------------------------------------------------------------------------------------------
// A toddler: a small drawing of its own, beside the patient's left arm
// ---------------------------------------------------------------------------------------------

function toddlerGeo(fig: Figure) {
  const sw = fig.geo.shoulderW;
  return { cx: -(sw + 22), cy: 64, r: 37, bodyW: 40, bodyTop: 104 };
}

const TEES = [0xf2c14e, 0x7cc6a4, 0xf29479, 0x8fb3e0];

/** Is this hair colour a grey or white (so a grandchild does not inherit it)? */
const isGrey = (hair: number): boolean => saturation(hair) < 0.12 && luminance(hair) > 0.15;

function toddlerColors(fig: Figure) {
  const base = hexToInt(fig.look.hair);
  return {
    skin: hexToInt(fig.look.skin),
    hair: isGrey(base) ? 0x5a3b24 : desaturate(base, 0.1),
    top: TEES[fig.seed % TEES.length] as number,
  };
}

function drawToddler(g: Pen, fig: Figure): void {
  const k = toddlerGeo(fig);
  const cc = toddlerColors(fig);
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
  // Ears and head.
  for (const s of [-1, 1])
    fillPoly(g, ellipsePts(k.cx + s * (k.r - 2), k.cy + 4, k.r * 0.17, k.r * 0.26, 16), skinShade);
  fillPoly(g, ellipsePts(k.cx, k.cy, k.r, k.r * 0.98, 36), cc.skin);
  fillPoly(g, ellipsePts(k.cx + k.r * 0.55, k.cy + 6, k.r * 0.35, k.r * 0.7, 24), skinShade, 0.35);
  // Hair.
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
  fillPoly(g, ellipsePts(k.cx, k.cy + k.r * 0.22, 3, 2, 10), skinShade, 0.8);
}

/** Little fingers curled round the patient's sleeve from behind (`size` 1 for a toddler). */
function drawSmallHand(g: Pen, patient: Figure, skin: number, top: number, size: number): void {
  const sw = patient.geo.shoulderW;
  const fs = size;
  const line = shade(skin, 0.22);
  for (let i = 0; i < 4; i++) {
    const fy = top + i * 5.6 * fs;
    const fx = -(sw + 3) + 7 * fs - (i === 0 || i === 3 ? 1.5 : 0);
    fillPoly(g, ellipsePts(fx, fy, 6.5 * fs, 3.1 * fs, 16, 0.12), skin);
    g.fillStyle(lighten(skin, 0.2), 0.6);
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

function drawToddlerFace(g: Pen, fig: Figure, mood: CompanionMood, eyesClosed: boolean): void {
  const k = toddlerGeo(fig);
  const cc = toddlerColors(fig);
  const ex = k.r * 0.36;
  const ey = k.cy + k.r * 0.02;
  const er = k.r * 0.12;
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

// ---------------------------------------------------------------------------------------------
// Whole figures: a child, a parent, a spouse
// ---------------------------------------------------------------------------------------------

const ADULT_TOPS = ['#55708c', '#8c5a6e', '#5b7f62', '#9a7b4f', '#6a5a8c'];
const CHILD_TOPS = ['#f2c14e', '#7cc6a4', '#f29479', '#8fb3e0', '#c48fd8'];
const pick = <T>(xs: readonly T[], seed: number): T => xs[seed % xs.length] as T;
const hex = (n: number): string => `#${n.toString(16).padStart(6, '0')}`;

/** The companion's look before `companionLook`: the patient's skin, and hair that fits its age. */
function derivedLook(kind: Exclude<CompanionKind, 'toddler'>, patient: Figure): PersonaLook {
  const look = patient.look;
  const seed = patient.seed >>> 3;
  const base = hexToInt(look.hair);
  const common = {
    skin: look.skin,
    eyes: look.eyes,
    build: 'medium' as const,
    glasses: false,
    beard: false,
    companion: 'none' as const,
  };
  if (kind === 'child') {
    return {
      ...common,
      hair: isGrey(base) ? '#4a3020' : look.hair,
      hairStyle: pick<HairStyle>(['ponytail', 'short', 'curly'], seed),
      top: pick(CHILD_TOPS, seed),
      age: 'child',
      build: 'slim',
      outfit: 'tee',
    };
  }
  if (kind === 'parent') {
    return {
      ...common,
      hair: hex(darken(base, 0.15)),
      hairStyle: pick<HairStyle>(['long', 'short', 'bun', 'curly'], seed),
      top: pick(ADULT_TOPS, seed),
      age: look.age === 'child' ? 'adult' : look.age,
      glasses: (seed & 4) !== 0,
    };
  }
  const short = ['short', 'cropped', 'bald'].includes(look.hairStyle);
  return {
    ...common,
    hair: look.hair,
    hairStyle: short
      ? pick<HairStyle>(['bun', 'short', 'long'], seed)
      : pick<HairStyle>(['short', 'bald'], seed),
    top: pick(ADULT_TOPS, seed + 1),
    age: look.age === 'child' ? 'adult' : look.age,
    glasses: !look.glasses && (seed & 2) !== 0,
  };
}

/** A companion's concern: a worried brow and mouth, without the patient's sweat and tears. */
const UNSURE: FaceParams = {
  ...blendParams(EXPRESSION_PARAMS.calm, EXPRESSION_PARAMS.worried, 0.55),
  sweat: 0,
  tear: 0,
};

/** A companion drawn by the patient's own code: `place` puts it behind and to the left. */
function wholeFigure(
  kind: Exclude<CompanionKind, 'toddler'>,
  place: (patient: Figure, companion: Figure) => Place,
  hand: CompanionDrawing['hand'],
): CompanionDrawing {
  return {
    figure: (patient) => figureOf({ ...derivedLook(kind, patient), ...patient.look.companionLook }),
    place,
    still(behind, over, fig) {
      HAIR_STYLES[fig.look.hairStyle](behind, over, fig);
      drawBody(behind, fig);
      drawHeadBase(behind, fig);
      drawAccessories(behind, fig, 'face');
      drawAccessories(over, fig, 'over');
    },
    face: (g, fig, mood, eyesClosed) =>
      drawFeatures(g, fig, mood === 'happy' ? EXPRESSION_PARAMS.calm : UNSURE, eyesClosed),
    hand,
    reach(patient, companion) {
      const at = place(patient, companion);
      return -at.x + (companion.geo.shoulderW + 14) * at.scale;
    },
  };
}

/** Where a figure's shoulder cut (y = 180) meets the patient's, at `scale`. */
const onTheCut = (x: number, scale: number): Place => ({ x, y: 180 * (1 - scale), scale });

/** The patient's shoulder line as drawn (a child patient stands scaled about the cut). */
const shoulderOf = (patient: Figure): number => patient.geo.shoulderW * patient.age.scale;

/** An adult's hand resting on the patient's near shoulder: four fingers over the top, toward the viewer. */
function handOnShoulder(g: Pen, companion: Figure, patient: Figure): void {
  const k = patient.age.scale;
  const sw = patient.geo.shoulderW;
  // Patient coordinates as drawn: the patient's figure is scaled about the shoulder cut.
  const at = (x: number, y: number) => pt(x * k, 180 + (y - 180) * k);
  const skin = companion.col.skin;
  const shadow = shade(skin, 0.18);
  const line = shade(skin, 0.3);
  // The knuckles run along the top of the shoulder, from its outer edge toward the neck.
  const outer = { x: -(sw - 22), y: 62 };
  const inner = { x: -(sw - 66), y: 42 };
  const back = [
    at(outer.x, outer.y),
    at(inner.x, inner.y),
    at(inner.x - 10, inner.y - 12),
    at(outer.x - 14, outer.y - 14),
  ];
  fillPoly(g, spline(back, true, 4), shadow);
  for (let i = 0; i < 4; i++) {
    const t = (i + 0.5) / 4;
    const x = outer.x + (inner.x - outer.x) * t;
    const y = outer.y + (inner.y - outer.y) * t;
    const length = i === 0 || i === 3 ? 19 : 23;
    const finger = [at(x, y - 3), at(x + 5, y + length * 0.55), at(x + 6, y + length)];
    ribbon(g, spline(finger, false, 4), taper(9 * k, 9 * k, 7.5 * k), skin);
    ribbon(
      g,
      [at(x + 4, y + length - 4), at(x + 6, y + length - 1)],
      constant(3 * k),
      lighten(skin, 0.25),
      0.7,
    );
    if (i > 0)
      ribbon(g, [at(x - 4.5, y + 2), at(x - 2, y + length * 0.8)], taper(0.3, 1.2 * k, 0.3), line, 0.7);
  }
}

export const COMPANIONS: Record<CompanionKind, CompanionDrawing> = {
  toddler: {
    figure: (patient) => patient,
    place: () => ({ x: 0, y: 0, scale: 1 }),
    still: (behind, _over, fig) => drawToddler(behind, fig),
    face: drawToddlerFace,
    hand: (g, fig, patient) => drawSmallHand(g, patient, toddlerColors(fig).skin, 116, 1),
    reach: (patient) => patient.geo.shoulderW + 130,
  },
  // A child beside an adult's left arm, holding the sleeve.
  child: wholeFigure(
    'child',
    (patient) => onTheCut(-(shoulderOf(patient) + 30), 0.66),
    (g, companion, patient) => drawSmallHand(g, patient, companion.col.skin, 100, 1.15),
  ),
  // A parent standing behind a child, a hand on the child's shoulder.
  parent: wholeFigure(
    'parent',
    (patient, companion) => onTheCut(-(shoulderOf(patient) + companion.geo.shoulderW * 0.22), 0.95),
    handOnShoulder,
  ),
  // A spouse standing beside and a step behind.
  spouse: wholeFigure(
    'spouse',
    (patient, companion) => onTheCut(-(shoulderOf(patient) + companion.geo.shoulderW * 0.2), 0.9),
    () => undefined,
  ),
};
