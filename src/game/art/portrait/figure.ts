/**
 * A persona's look turned into the numbers the drawing code uses: the head's geometry (from the age's and
 * the build's proportions) and the palette (skin, hair, clothes). Ages and builds are registries keyed by
 * the schema's enums, so a new age or build without proportions fails to type-check and fails
 * tests/unit/portraitRegistries.test.ts.
 *
 * Local coordinates: the head spans y = -175..0 around x = 0, the shoulders are cut at y = +180.
 */
import type { PersonaDef } from '../../../engine/authoring/schema';
import { darken, hexToInt, lighten, luminance, mix, shade } from '../color';
import { hashString, lerp, mirror, type Pt, pt, spline } from '../draw';

export type PersonaLook = PersonaDef['look'];
export type Age = PersonaLook['age'];
export type Build = PersonaLook['build'];
export type HairStyle = PersonaLook['hairStyle'];
export type CompanionKind = Exclude<PersonaLook['companion'], 'none'>;

/** How an age shapes the face, the hair's colour and the lines of the skin. */
export interface AgeShape {
  /** The top of the head (y): a child's head sits lower on a shorter neck. */
  crownY: number;
  halfW: number;
  chinY: number;
  eyeY: number;
  mouthY: number;
  /** How far the brows sit above the eyes. */
  browGap: number;
  noseY: number;
  noseScale: number;
  eyeDX: number;
  eyeScale: number;
  mouthHW: number;
  /** A rounder, softer jaw line (young faces). */
  round: boolean;
  /** The narrowest jaw and chin this age has, whatever the build. */
  jawMin: number;
  chinMin: number;
  browScale: number;
  /** How far the hair has greyed toward silver (0..1). */
  grey: number;
  /** Grey strands over the hair: none, some, or many. */
  streaks: 0 | 1 | 2;
  /** Lines in the skin: none, around the eyes and mouth, or those plus the forehead, bags and marionette lines. */
  wrinkles: 0 | 1 | 2;
  /** How far a short cut recedes and flattens (0..1). */
  recede: number;
  /** The cheeks' resting colour. */
  blush: number;
  /** The iris's size in the eye (children's irises fill more of it). */
  iris: number;
  /** The whole figure's size: children stand smaller, scaled about the shoulder cut. */
  scale: number;
  /** The neck and shoulders' width against the build's. */
  bodyScale: number;
}

const ADULT_SIZE = { iris: 1, scale: 1, bodyScale: 1 };

/** The grown face every later age starts from; older faces differ only in what age changes. */
const ADULT: AgeShape = {
  crownY: -162,
  halfW: 60,
  chinY: 0,
  eyeY: -80,
  mouthY: -26,
  browGap: 17,
  noseY: -48,
  noseScale: 1,
  eyeDX: 25.5,
  eyeScale: 1,
  mouthHW: 16,
  round: false,
  jawMin: 0,
  chinMin: 0,
  browScale: 1,
  grey: 0,
  streaks: 0,
  wrinkles: 0,
  recede: 0,
  blush: 0.04,
  ...ADULT_SIZE,
};

export const AGES: Record<Age, AgeShape> = {
  // A child's face: a higher cranium over eyes set lower and larger, a small nose, a short round lower
  // face, fine brows and rosy cheeks; the child stands smaller, with a thinner neck and narrow shoulders.
  child: {
    crownY: -142,
    halfW: 63,
    chinY: 12,
    eyeY: -46,
    mouthY: -7,
    browGap: 16,
    noseY: -24,
    noseScale: 0.66,
    eyeDX: 24,
    eyeScale: 1.22,
    mouthHW: 12,
    round: true,
    jawMin: 50,
    chinMin: 29,
    browScale: 0.76,
    grey: 0,
    streaks: 0,
    wrinkles: 0,
    recede: 0,
    blush: 0.18,
    iris: 1.12,
    scale: 0.8,
    bodyScale: 0.76,
  },
  young: {
    crownY: -162,
    halfW: 63,
    chinY: -8,
    eyeY: -77,
    mouthY: -29,
    browGap: 18,
    noseY: -50,
    noseScale: 0.85,
    eyeDX: 25,
    eyeScale: 1.12,
    mouthHW: 15,
    round: true,
    jawMin: 51,
    chinMin: 27,
    browScale: 0.95,
    grey: 0,
    streaks: 0,
    wrinkles: 0,
    recede: 0,
    blush: 0.12,
    ...ADULT_SIZE,
  },
  adult: ADULT,
  older: {
    ...ADULT,
    grey: 0.3,
    streaks: 1,
    wrinkles: 1,
    recede: 0.5,
  },
  elderly: {
    ...ADULT,
    halfW: 59,
    chinY: 2,
    mouthY: -25,
    noseY: -47,
    noseScale: 1.08,
    grey: 0.62,
    streaks: 2,
    wrinkles: 2,
    recede: 1,
  },
};

/** How a build shapes the jaw, neck and shoulders. */
export interface BuildShape {
  jawW: number;
  chinW: number;
  neckW: number;
  shoulderW: number;
  browThick: number;
}

export const BUILDS: Record<Build, BuildShape> = {
  slim: { jawW: 45, chinW: 20, neckW: 20, shoulderW: 118, browThick: 1 },
  medium: { jawW: 47, chinW: 20, neckW: 23, shoulderW: 136, browThick: 1 },
  broad: { jawW: 52, chinW: 25, neckW: 27, shoulderW: 156, browThick: 1.15 },
};

export interface Geo {
  crownY: number;
  chinY: number;
  halfW: number;
  jawW: number;
  chinW: number;
  eyeY: number;
  eyeDX: number;
  eyeScale: number;
  browY: number;
  noseY: number;
  noseScale: number;
  mouthY: number;
  mouthHW: number;
  neckW: number;
  shoulderW: number;
  browThick: number;
  outline: Pt[];
}

export interface Colors {
  skin: number;
  skinShade: number;
  skinDeep: number;
  skinLight: number;
  blush: number;
  lip: number;
  lipLine: number;
  mouthIn: number;
  hair: number;
  hairShade: number;
  hairLight: number;
  streak: number;
  brow: number;
  iris: number;
  lash: number;
  top: number;
  topShade: number;
  topLight: number;
}

/** Everything the drawing code reads about one person. */
export interface Figure {
  look: PersonaLook;
  age: AgeShape;
  geo: Geo;
  col: Colors;
  /** Stable per look: picks among equivalent variants (a neckline, a frame colour). */
  seed: number;
}

const SILVER = 0xbfc2c6;

function buildGeo(look: PersonaLook): Geo {
  const age = AGES[look.age];
  const build = BUILDS[look.build ?? 'medium'];
  const { crownY, halfW, chinY, eyeY, mouthY, round } = age;
  const jawW = Math.max(build.jawW, age.jawMin);
  const chinW = Math.max(build.chinW, age.chinMin);
  const right: Pt[] = [
    pt(0, crownY),
    pt(halfW * 0.62, crownY + 8),
    pt(halfW * 0.95, crownY + 36),
    pt(halfW, eyeY - 12),
    pt(halfW * (round ? 0.99 : 0.97), eyeY + 14),
    pt(lerp(halfW, jawW, 0.45) + (round ? 3 : 0), mouthY - 10),
    pt(jawW - (round ? 2 : 4), mouthY + 11),
    pt(chinW, chinY - (round ? 6 : 4)),
    pt(0, chinY),
  ];
  const left = mirror(right.slice(1, -1));
  return {
    crownY,
    chinY,
    halfW,
    jawW,
    chinW,
    eyeY,
    eyeDX: age.eyeDX,
    eyeScale: age.eyeScale,
    browY: eyeY - age.browGap,
    noseY: age.noseY,
    noseScale: age.noseScale,
    mouthY,
    mouthHW: age.mouthHW,
    neckW: build.neckW * age.bodyScale,
    shoulderW: build.shoulderW * age.bodyScale,
    browThick: build.browThick * age.browScale,
    outline: spline([...right, ...left], true, 6),
  };
}

function buildColors(look: PersonaLook, age: AgeShape): Colors {
  const skin = hexToInt(look.skin);
  const base = hexToInt(look.hair);
  const hair = mix(base, SILVER, age.grey);
  const skinLum = luminance(skin);
  const top = hexToInt(look.top);
  const dark = skinLum < 0.18;
  const veryDark = skinLum < 0.05;
  return {
    skin,
    skinShade: shade(skin, dark ? 0.16 : 0.12),
    skinDeep: veryDark ? darken(skin, 0.48) : shade(skin, dark ? 0.32 : 0.28),
    // Deep skin tones read their form through highlights more than shadows.
    skinLight: lighten(skin, veryDark ? 0.24 : dark ? 0.18 : 0.12),
    blush: mix(skin, 0xe0575a, dark ? 0.45 : 0.55),
    lip: dark ? mix(skin, 0xa0606a, veryDark ? 0.42 : 0.3) : mix(shade(skin, 0.18), 0xb0505a, 0.45),
    lipLine: dark ? darken(skin, veryDark ? 0.55 : 0.45) : mix(shade(skin, 0.45), 0x7a2e36, 0.35),
    mouthIn: 0x4e2029,
    hair,
    hairShade: darken(hair, 0.28),
    hairLight: lighten(hair, luminance(hair) > 0.4 ? 0.25 : 0.16),
    streak: mix(base, 0xececea, age.streaks === 2 ? 0.85 : 0.75),
    brow:
      look.hairStyle === 'bald' && age.grey > 0.5 ? darken(mix(base, SILVER, 0.4), 0.2) : darken(hair, 0.12),
    iris: hexToInt(look.eyes ?? '#3b2a1e'),
    lash: mix(darken(base, 0.55), 0x1c1412, 0.6),
    top,
    topShade: darken(top, 0.18),
    topLight: lighten(top, 0.14),
  };
}

export function figureOf(look: PersonaLook): Figure {
  const age = AGES[look.age];
  return {
    look,
    age,
    geo: buildGeo(look),
    col: buildColors(look, age),
    seed: hashString(JSON.stringify(look)),
  };
}
