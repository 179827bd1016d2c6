/**
 * The face's expressions as points in one parameter space, so a change of expression can blend from one
 * to the next. Every expression the engine names has its parameters (a missing one fails to type-check).
 */
import type { Expression } from '../../../engine/runtime/expression';
import { lerp } from '../draw';

export interface FaceParams {
  browInner: number; // + lowers the inner end of each brow (px)
  browOuter: number; // + lowers the outer end
  browLift: number; // + lowers the whole brow
  eyeOpen: number; // 1 = relaxed open
  lowerLid: number; // 0..1 lower lid pushed up (smiling eyes / squint)
  pupil: number; // pupil scale
  mouthCurve: number; // -1 frown .. +1 smile
  mouthOpen: number; // 0..1
  mouthWidth: number; // width multiplier
  wobble: number; // wavy lip line (worry)
  press: number; // lips pressed together (hides the lower lip)
  asym: number; // one corner pulled
  teeth: number; // 0..1 upper teeth visible when open
  flush: number; // angry red flush
  warm: number; // soft rosy cheeks
  sweat: number; // 0..1 one drop, >1 second drop
  furrow: number; // worried forehead lines
  crease: number; // vertical crease between the brows
  tear: number; // watery eyes
}

export const EXPRESSION_PARAMS: Record<Expression, FaceParams> = {
  calm: {
    browInner: 0,
    browOuter: 0,
    browLift: 0,
    eyeOpen: 1,
    lowerLid: 0.15,
    pupil: 1,
    mouthCurve: 0.35,
    mouthOpen: 0,
    mouthWidth: 1,
    wobble: 0,
    press: 0,
    asym: 0,
    teeth: 0,
    flush: 0,
    warm: 0.25,
    sweat: 0,
    furrow: 0,
    crease: 0,
    tear: 0,
  },
  worried: {
    browInner: -7,
    browOuter: 3,
    browLift: -2,
    eyeOpen: 1.08,
    lowerLid: 0,
    pupil: 0.95,
    mouthCurve: -0.45,
    mouthOpen: 0,
    mouthWidth: 0.78,
    wobble: 1,
    press: 0.3,
    asym: 0.15,
    teeth: 0,
    flush: 0,
    warm: 0,
    sweat: 0.9,
    furrow: 1,
    crease: 0,
    tear: 0,
  },
  irritated: {
    browInner: 7,
    browOuter: -4,
    browLift: 2,
    eyeOpen: 0.6,
    lowerLid: 0.45,
    pupil: 1,
    mouthCurve: -0.55,
    mouthOpen: 0,
    mouthWidth: 0.82,
    wobble: 0,
    press: 1,
    asym: 0.55,
    teeth: 0,
    flush: 1,
    warm: 0,
    sweat: 0,
    furrow: 0,
    crease: 1,
    tear: 0,
  },
  distressed: {
    browInner: -11,
    browOuter: 4,
    browLift: -4,
    eyeOpen: 1.2,
    lowerLid: 0,
    pupil: 0.72,
    mouthCurve: -0.85,
    mouthOpen: 0.72,
    mouthWidth: 0.95,
    wobble: 0,
    press: 0,
    asym: 0,
    teeth: 0,
    flush: 0.2,
    warm: 0,
    sweat: 1.6,
    furrow: 1,
    crease: 0,
    tear: 1,
  },
  relieved: {
    browInner: -4,
    browOuter: -1,
    browLift: -4,
    eyeOpen: 0.8,
    lowerLid: 1,
    pupil: 1.05,
    mouthCurve: 1,
    mouthOpen: 0.5,
    mouthWidth: 1.15,
    wobble: 0,
    press: 0,
    asym: 0,
    teeth: 1,
    flush: 0,
    warm: 0.75,
    sweat: 0,
    furrow: 0,
    crease: 0,
    tear: 0,
  },
};

export function blendParams(a: FaceParams, b: FaceParams, t: number): FaceParams {
  const out = { ...a };
  for (const key of Object.keys(a) as (keyof FaceParams)[]) out[key] = lerp(a[key], b[key], t);
  return out;
}
