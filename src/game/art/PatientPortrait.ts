/**
 * PatientPortrait: a head-and-shoulders patient drawn entirely with Phaser Graphics, in a flat vector style.
 *
 * Layout (local coordinates): the portrait is centred on (0, 0), about 360 px tall; the bottom edge of the
 * shoulders is a straight cut at y = +180 (line it up with a counter / desk / card edge in the backdrop).
 * The head spans roughly y = -175..0 and the companion (if any) stands to the viewer's left.
 *
 * Only the face-features Graphics (brows, eyes, mouth, cheeks, sweat) is redrawn when the expression changes
 * or the patient blinks; hair, face, clothes are drawn once.
 */
import * as Phaser from 'phaser';
import type { PersonaDef } from '../../engine/authoring/schema';
import type { Expression } from '../../engine/runtime/expression';
import { invalidate, markIdle, markLive, type Rect } from '../renderOnDemand';
import { darken, desaturate, hexToInt, lighten, luminance, mix, saturation, shade } from './color';
import {
  arcPts,
  constant,
  ellipsePts,
  fillPoly,
  hashString,
  lerp,
  mirror,
  type Pt,
  pt,
  quad,
  ribbon,
  spline,
  taper,
} from './draw';
import { prefersReducedMotion } from './motion';

export type PersonaLook = PersonaDef['look'];

/** Height of the portrait in local pixels (top of hair to the shoulder cut). */
export const PORTRAIT_HEIGHT = 360;

// ---------------------------------------------------------------------------------------------
// Expression parameters: every expression is a point in this space, so transitions can blend.
// ---------------------------------------------------------------------------------------------

interface FaceParams {
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

const EXPRESSION_PARAMS: Record<Expression, FaceParams> = {
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

function blendParams(a: FaceParams, b: FaceParams, t: number): FaceParams {
  const out = { ...a };
  for (const key of Object.keys(a) as (keyof FaceParams)[]) out[key] = lerp(a[key], b[key], t);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Geometry and colours derived from the look
// ---------------------------------------------------------------------------------------------

interface Geo {
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

interface Colors {
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

const SILVER = 0xbfc2c6;

function buildGeo(look: PersonaLook): Geo {
  const young = look.age === 'young';
  const elderly = look.age === 'elderly';
  const build = look.build ?? 'medium';
  const halfW = young ? 63 : elderly ? 59 : 60;
  const crownY = -162;
  const chinY = young ? -8 : elderly ? 2 : 0;
  const jawW = build === 'broad' ? 52 : young ? 51 : build === 'slim' ? 45 : 47;
  const chinW = young ? 27 : build === 'broad' ? 25 : 20;
  const eyeY = young ? -77 : -80;
  const mouthY = young ? -29 : elderly ? -25 : -26;
  const right: Pt[] = [
    pt(0, crownY),
    pt(halfW * 0.62, crownY + 8),
    pt(halfW * 0.95, crownY + 36),
    pt(halfW, eyeY - 12),
    pt(halfW * (young ? 0.99 : 0.97), eyeY + 14),
    pt(lerp(halfW, jawW, 0.45) + (young ? 3 : 0), mouthY - 10),
    pt(jawW - (young ? 2 : 4), mouthY + 11),
    pt(chinW, chinY - (young ? 6 : 4)),
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
    eyeDX: young ? 25 : 25.5,
    eyeScale: young ? 1.12 : 1,
    browY: eyeY - (young ? 18 : 17),
    noseY: young ? -50 : elderly ? -47 : -48,
    noseScale: young ? 0.85 : elderly ? 1.08 : 1,
    mouthY,
    mouthHW: young ? 15 : 16,
    neckW: build === 'broad' ? 27 : build === 'slim' ? 20 : 23,
    shoulderW: build === 'broad' ? 156 : build === 'slim' ? 118 : 136,
    browThick: build === 'broad' ? 1.15 : young ? 0.95 : 1,
    outline: spline([...right, ...left], true, 6),
  };
}

function buildColors(look: PersonaLook): Colors {
  const skin = hexToInt(look.skin);
  const base = hexToInt(look.hair);
  const grey = look.age === 'elderly' ? 0.62 : look.age === 'older' ? 0.3 : 0;
  const hair = mix(base, SILVER, grey);
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
    streak: mix(base, 0xececea, look.age === 'elderly' ? 0.85 : 0.75),
    brow: look.hairStyle === 'bald' && grey > 0.5 ? darken(mix(base, SILVER, 0.4), 0.2) : darken(hair, 0.12),
    iris: hexToInt(look.eyes ?? '#3b2a1e'),
    lash: mix(darken(base, 0.55), 0x1c1412, 0.6),
    top,
    topShade: darken(top, 0.18),
    topLight: lighten(top, 0.14),
  };
}

// ---------------------------------------------------------------------------------------------
// The portrait
// ---------------------------------------------------------------------------------------------

type ChildMood = 'happy' | 'unsure';

export class PatientPortrait extends Phaser.GameObjects.Container {
  readonly look: PersonaLook;
  private readonly geo: Geo;
  private readonly col: Colors;
  private readonly seed: number;

  private readonly figure: Phaser.GameObjects.Container;
  private readonly headBack: Phaser.GameObjects.Container;
  private readonly head: Phaser.GameObjects.Container;
  private readonly features: Phaser.GameObjects.Graphics;
  private readonly companion: Phaser.GameObjects.Container | null = null;
  private readonly companionFeatures: Phaser.GameObjects.Graphics | null = null;

  private expression: Expression = 'calm';
  private params: FaceParams = { ...EXPRESSION_PARAMS.calm };
  private eyesClosed = false;
  /** Starts from the OS preference; the app overrides it with setReducedMotion(). */
  private reducedMotion = prefersReducedMotion();

  private readonly tweensOwned = new Set<Phaser.Tweens.Tween>();
  private breathTween: Phaser.Tweens.Tween | null = null;
  private exprTween: Phaser.Tweens.Tween | null = null;
  private cueTween: Phaser.Tweens.Tween | null = null;
  private blinkTimer: Phaser.Time.TimerEvent | null = null;
  private blinkOpenTimer: Phaser.Time.TimerEvent | null = null;

  constructor(scene: Phaser.Scene, x: number, y: number, look: PersonaLook) {
    super(scene, x, y);
    this.look = look;
    this.geo = buildGeo(look);
    this.col = buildColors(look);
    this.seed = hashString(JSON.stringify(look));
    this.setName('patient-portrait');

    // Companion stands behind the adult, to the viewer's left.
    const companionKind = look.companion ?? 'none';
    if (companionKind !== 'none') {
      const c = scene.make.container({ x: 0, y: 0 }, false);
      const body = scene.make.graphics({}, false);
      const face = scene.make.graphics({}, false);
      c.add([body, face]);
      this.companion = c;
      this.companionFeatures = face;
      this.add(c);
      this.drawCompanionBase(body, companionKind);
    }

    // Figure pivots at the shoulder cut (y = +180) so the breathing scale keeps the bottom edge fixed.
    this.figure = scene.make.container({ x: 0, y: 180 }, false);
    this.add(this.figure);

    this.headBack = scene.make.container({ x: 0, y: -180 }, false);
    const backHair = scene.make.graphics({}, false);
    this.headBack.add(backHair);

    const body = scene.make.graphics({ x: 0, y: -180 }, false);

    this.head = scene.make.container({ x: 0, y: -180 }, false);
    const headBase = scene.make.graphics({}, false);
    this.features = scene.make.graphics({}, false);
    const frontHair = scene.make.graphics({}, false);
    const glasses = scene.make.graphics({}, false);
    this.head.add([headBase, this.features, frontHair, glasses]);

    this.figure.add([this.headBack, body, this.head]);

    if (companionKind !== 'none') {
      const hand = scene.make.graphics({}, false);
      this.drawCompanionHand(hand, companionKind);
      this.add(hand);
    }

    this.drawHair(backHair, frontHair);
    this.drawBody(body);
    this.drawHeadBase(headBase);
    if (look.glasses) this.drawGlasses(glasses);
    this.redrawFeatures();

    this.setSize(2 * (this.geo.shoulderW + 10), PORTRAIT_HEIGHT);
    markLive(this, () => this.paintArea());
    this.startIdle();
  }

  // -------------------------------------------------------------------------------------------
  // Public API
  // -------------------------------------------------------------------------------------------

  getExpression(): Expression {
    return this.expression;
  }

  /** Change the face. Animated as a short blend unless `animate` is false or reduced motion is on. */
  setExpression(expression: Expression, animate = true): this {
    const target = EXPRESSION_PARAMS[expression];
    if (!target) return this;
    this.expression = expression;
    this.stopTween(this.exprTween);
    this.exprTween = null;
    if (!animate || this.reducedMotion || !this.scene) {
      this.params = { ...target };
      this.redrawFeatures();
      return this;
    }
    const from = { ...this.params };
    const tween = this.scene.tweens.addCounter({
      from: 0,
      to: 1,
      duration: 280,
      ease: 'Sine.easeInOut',
      onUpdate: (tw) => {
        if (!this.active) return;
        this.params = blendParams(from, target, tw.getValue() ?? 1);
        this.redrawFeatures();
      },
      onComplete: () => {
        this.params = { ...target };
        if (this.active) this.redrawFeatures();
        this.forget(tween);
        if (this.exprTween === tween) this.exprTween = null;
      },
    });
    this.exprTween = this.own(tween);
    return this;
  }

  /** Turn idle motion (breathing, blinking) and cue animations off (true) or back on (false). */
  setReducedMotion(on: boolean): this {
    if (on === this.reducedMotion) return this;
    this.reducedMotion = on;
    if (on) {
      this.stopAllMotion();
      this.params = { ...EXPRESSION_PARAMS[this.expression] };
      this.eyesClosed = false;
      this.resetPose();
      this.redrawFeatures();
    } else {
      this.startIdle();
    }
    return this;
  }

  isReducedMotion(): boolean {
    return this.reducedMotion;
  }

  /** A short startled shake (for a harsh line). No-op under reduced motion. */
  flinch(): this {
    if (this.reducedMotion || !this.scene) return this;
    this.stopCue();
    const targets = [this.head, this.headBack];
    const tween = this.scene.tweens.add({
      targets,
      x: [-6, 5, -4, 3, -1, 0],
      rotation: [-0.035, 0.02, -0.012, 0],
      duration: 380,
      ease: 'Linear',
      onComplete: () => {
        this.forget(tween);
        this.resetHead();
      },
    });
    this.cueTween = this.own(tween);
    return this;
  }

  /** A small happy bounce (for a kind or helpful line). No-op under reduced motion. */
  brighten(): this {
    if (this.reducedMotion || !this.scene) return this;
    this.stopCue();
    const tween = this.scene.tweens.add({
      targets: [this.head, this.headBack],
      y: -190,
      duration: 170,
      ease: 'Quad.easeOut',
      yoyo: true,
      onComplete: () => {
        this.forget(tween);
        this.resetHead();
      },
    });
    this.cueTween = this.own(tween);
    return this;
  }

  override destroy(fromScene?: boolean): void {
    this.stopAllMotion();
    super.destroy(fromScene);
  }

  /**
   * Everything the portrait can paint, in local coordinates: the figure (with hair over the top of the
   * head), the companion to the viewer's left, breathing, flinch and brighten, with a margin.
   */
  private paintArea(): Rect {
    const half = this.geo.shoulderW + 10;
    const left = this.companion ? this.geo.shoulderW + 130 : half;
    return {
      x: -left - 16,
      y: -PORTRAIT_HEIGHT / 2 - 34,
      width: left + half + 32,
      height: PORTRAIT_HEIGHT + 40,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Motion plumbing
  // -------------------------------------------------------------------------------------------

  private own(tween: Phaser.Tweens.Tween): Phaser.Tweens.Tween {
    this.tweensOwned.add(tween);
    return tween;
  }

  private forget(tween: Phaser.Tweens.Tween): void {
    this.tweensOwned.delete(tween);
  }

  private stopTween(tween: Phaser.Tweens.Tween | null): void {
    if (!tween) return;
    this.tweensOwned.delete(tween);
    tween.stop();
  }

  private stopCue(): void {
    this.stopTween(this.cueTween);
    this.cueTween = null;
    this.resetHead();
  }

  private startIdle(): void {
    if (this.reducedMotion || !this.scene) return;
    if (!this.breathTween) {
      this.breathTween = this.own(
        markIdle(
          this.scene.tweens.add({
            targets: this.figure,
            scaleY: 1.012,
            scaleX: 1.004,
            duration: 2300,
            ease: 'Sine.easeInOut',
            yoyo: true,
            repeat: -1,
          }),
        ),
      );
      if (this.companion) {
        this.own(
          markIdle(
            this.scene.tweens.add({
              targets: this.companion,
              y: -2,
              duration: 1700,
              delay: 400,
              ease: 'Sine.easeInOut',
              yoyo: true,
              repeat: -1,
            }),
          ),
        );
      }
    }
    this.scheduleBlink();
  }

  private scheduleBlink(): void {
    if (this.reducedMotion || !this.scene) return;
    this.blinkTimer?.remove(false);
    const delay = 2200 + Math.random() * 3400;
    this.blinkTimer = this.scene.time.delayedCall(delay, () => {
      this.blink(Math.random() < 0.18);
      this.scheduleBlink();
    });
  }

  private blink(double: boolean): void {
    if (this.reducedMotion || !this.scene || !this.active) return;
    this.eyesClosed = true;
    this.redrawFeatures();
    this.blinkOpenTimer?.remove(false);
    this.blinkOpenTimer = this.scene.time.delayedCall(120, () => {
      this.eyesClosed = false;
      if (!this.active) return;
      this.redrawFeatures();
      if (double && this.scene) {
        this.blinkOpenTimer = this.scene.time.delayedCall(140, () => this.blink(false));
      }
    });
  }

  private stopAllMotion(): void {
    for (const tween of this.tweensOwned) tween.stop();
    this.tweensOwned.clear();
    this.breathTween = null;
    this.exprTween = null;
    this.cueTween = null;
    this.blinkTimer?.remove(false);
    this.blinkOpenTimer?.remove(false);
    this.blinkTimer = null;
    this.blinkOpenTimer = null;
    if (this.scene) {
      const targets: Phaser.GameObjects.GameObject[] = [this.figure, this.head, this.headBack];
      if (this.companion) targets.push(this.companion);
      this.scene.tweens.killTweensOf(targets);
    }
  }

  private resetHead(): void {
    for (const c of [this.head, this.headBack]) {
      c.setPosition(0, -180);
      c.setRotation(0);
    }
  }

  private resetPose(): void {
    this.figure.setPosition(0, 180).setScale(1);
    this.companion?.setPosition(0, 0);
    this.resetHead();
  }

  // -------------------------------------------------------------------------------------------
  // Static drawing: body, head, hair, glasses
  // -------------------------------------------------------------------------------------------

  private drawBody(g: Phaser.GameObjects.Graphics): void {
    const { neckW, shoulderW: sw, chinY } = this.geo;
    const c = this.col;
    const elderly = this.look.age === 'elderly';
    const variant = elderly ? 'cardigan' : (['crew', 'vneck', 'collar'] as const)[this.seed % 3];

    // Neck (extended into a V for the v-neck).
    const neckBottom = variant === 'vneck' ? 86 : 52;
    fillPoly(
      g,
      [
        pt(-neckW, chinY - 40),
        pt(neckW, chinY - 40),
        pt(neckW + 3, 40),
        pt(0, neckBottom),
        pt(-neckW - 3, 40),
      ],
      c.skinShade,
    );
    // Lit front of the neck.
    fillPoly(
      g,
      [
        pt(-neckW + 2, chinY - 30),
        pt(neckW - 8, chinY - 30),
        pt(neckW - 6, 40),
        pt(0, neckBottom - 4),
        pt(-neckW + 1, 38),
      ],
      c.skin,
    );
    // Shadow under the jaw.
    fillPoly(
      g,
      [
        ...quad(pt(-neckW - 1, chinY - 14), pt(0, chinY + 26), pt(neckW + 1, chinY - 14), 12),
        pt(neckW, chinY - 30),
        pt(-neckW, chinY - 30),
      ],
      c.skinDeep,
      0.55,
    );
    if (elderly) {
      ribbon(
        g,
        quad(pt(-neckW + 5, 14), pt(0, 20), pt(neckW - 6, 14), 10),
        taper(0.3, 1.6, 0.3),
        c.skinDeep,
        0.5,
      );
      ribbon(
        g,
        quad(pt(-neckW + 7, 26), pt(-2, 31), pt(neckW - 9, 25), 10),
        taper(0.3, 1.4, 0.3),
        c.skinDeep,
        0.4,
      );
    }

    // Torso silhouette.
    const neckline = (depth: number): Pt[] =>
      variant === 'vneck'
        ? [pt(neckW + 12, 28), pt(0, 88), pt(-neckW - 12, 28)]
        : quad(pt(neckW + 9, 30), pt(0, 30 + depth * 2), pt(-neckW - 9, 30), 14);
    const torsoRight: Pt[] = [
      ...quad(pt(neckW + 9, 30), pt(sw - 46, 52), pt(sw - 16, 88), 10).slice(1),
      ...quad(pt(sw - 16, 88), pt(sw + 2, 100), pt(sw + 4, 132), 8).slice(1),
      pt(sw + 8, 180),
    ];
    // Loop: left bottom -> left shoulder -> neckline (left to right) -> right shoulder -> right bottom.
    const torso: Pt[] = [
      ...mirror(torsoRight),
      ...neckline(variant === 'collar' ? 12 : 9).reverse(),
      ...torsoRight,
    ];
    fillPoly(g, torso, c.top);

    // Shoulder highlights and arm creases.
    for (const s of [-1, 1]) {
      ribbon(
        g,
        quad(pt(s * (neckW + 16), 36), pt(s * (sw - 40), 56), pt(s * (sw - 10), 96), 12),
        taper(0.5, 7, 1),
        c.topLight,
        0.55,
      );
      ribbon(
        g,
        quad(pt(s * (sw - 22), 120), pt(s * (sw - 27), 150), pt(s * (sw - 24), 180), 8),
        taper(0.4, 3, 2),
        c.topShade,
        0.6,
      );
      ribbon(
        g,
        quad(pt(s * (sw - 30), 128), pt(s * (sw - 52), 150), pt(s * (sw - 60), 176), 8),
        taper(0.3, 2, 0.3),
        c.topShade,
        0.35,
      );
    }

    const rib = darken(c.top, 0.12);
    if (variant === 'crew') {
      ribbon(g, quad(pt(-neckW - 9, 31), pt(0, 50), pt(neckW + 9, 31), 16), constant(6), rib);
      ribbon(
        g,
        quad(pt(-neckW - 7, 34), pt(0, 52), pt(neckW + 7, 34), 16),
        constant(1.2),
        c.topShade,
        0.6,
        false,
      );
    } else if (variant === 'vneck') {
      ribbon(g, [pt(-neckW - 12, 29), pt(0, 89)], constant(5), rib);
      ribbon(g, [pt(0, 89), pt(neckW + 12, 29)], constant(5), rib);
    } else if (variant === 'collar') {
      const collar = luminance(c.top) < 0.25 ? lighten(c.top, 0.35) : lighten(c.top, 0.22);
      const collarShade = darken(collar, 0.15);
      // Placket and buttons.
      ribbon(g, [pt(0, 54), pt(0, 180)], constant(1.4), c.topShade, 0.8, false);
      for (const by of [76, 110, 144]) {
        g.fillStyle(collarShade, 1);
        g.fillCircle(3.5, by, 2.3);
      }
      for (const s of [-1, 1]) {
        const flap = [
          pt(s * (neckW - 2), 14),
          pt(s * (neckW + 15), 24),
          pt(s * 30, 72),
          pt(s * 2, 54),
          pt(s * (neckW - 6), 32),
        ];
        fillPoly(g, spline(flap, true, 4), collar);
        ribbon(g, [pt(s * (neckW + 13), 27), pt(s * 29, 69)], taper(0.5, 1.6, 0.5), collarShade, 0.8);
      }
    } else {
      // Cardigan over a light shirt.
      const shirt = luminance(c.top) > 0.55 ? 0xf3efe6 : mix(c.top, 0xffffff, 0.78);
      const inner = [
        pt(-neckW - 8, 31),
        ...quad(pt(-neckW - 8, 31), pt(0, 46), pt(neckW + 8, 31), 12),
        pt(neckW + 10, 34),
        pt(10, 180),
        pt(-10, 180),
        pt(-neckW - 10, 34),
      ];
      fillPoly(g, inner, shirt);
      ribbon(g, quad(pt(-neckW - 8, 32), pt(0, 48), pt(neckW + 8, 32), 14), constant(4), darken(shirt, 0.08));
      for (const s of [-1, 1]) {
        const edge = [pt(s * (neckW + 10), 30), pt(s * 10, 180)];
        ribbon(g, edge, constant(7), rib, 1, false);
      }
      for (const by of [104, 136, 168]) {
        const bx = 10 + ((180 - by) / 150) * (neckW + 0) - 2;
        g.fillStyle(darken(c.top, 0.35), 1);
        g.fillCircle(bx, by, 3);
        g.fillStyle(lighten(c.top, 0.3), 1);
        g.fillCircle(bx - 0.8, by - 0.8, 1);
      }
    }
  }

  private drawHeadBase(g: Phaser.GameObjects.Graphics): void {
    const geo = this.geo;
    const c = this.col;
    const { halfW, eyeY, eyeDX, noseY, mouthY, mouthHW, browY, chinY } = geo;
    const age = this.look.age;

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
    const a = age === 'elderly' ? 0.62 : age === 'older' ? 0.48 : 0;
    if (a > 0) {
      for (const s of [-1, 1]) {
        // Nasolabial folds.
        ribbon(
          g,
          quad(
            pt(s * 12, noseY - 2),
            pt(s * (mouthHW + 7), mouthY - 8),
            pt(s * (mouthHW + 5), mouthY + 8),
            12,
          ),
          taper(0.3, 1.8, 0.3),
          lineCol,
          a,
        );
      }
    }
    if (age === 'older' || age === 'elderly') {
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
    if (age === 'elderly') {
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

    if (this.look.beard) this.drawBeard(g);
  }

  private drawBeard(g: Phaser.GameObjects.Graphics): void {
    const geo = this.geo;
    const c = this.col;
    const { halfW, eyeY, noseY, mouthY, mouthHW } = geo;
    const beard = mix(c.hair, c.skin, 0.12);
    const topY = eyeY + 8;
    // Outer edge: the face outline below the cheekbones, pushed out a little.
    // The outline runs crown -> right side -> chin -> left side, so this is right cheek -> chin -> left cheek.
    const outer = geo.outline
      .filter((p) => p.y > topY)
      .map((p) => pt(p.x * 1.04, p.y + (p.y > mouthY ? 4 : 0)));
    const inner = spline(
      [
        pt(-halfW + 7, topY),
        pt(-halfW + 9, eyeY + 26),
        pt(-mouthHW - 12, noseY + 9),
        pt(-mouthHW - 5, mouthY - 1),
        pt(-mouthHW + 2, mouthY + 9),
        pt(0, mouthY + 11),
        pt(mouthHW - 2, mouthY + 9),
        pt(mouthHW + 5, mouthY - 1),
        pt(mouthHW + 12, noseY + 9),
        pt(halfW - 9, eyeY + 26),
        pt(halfW - 7, topY),
      ],
      false,
      5,
    );
    fillPoly(g, [...outer, ...inner], beard);
    // Moustache over the upper lip, joined to the beard at the mouth corners.
    const stache = spline(
      [
        pt(-mouthHW - 6, mouthY + 3),
        pt(-mouthHW + 2, noseY + 7),
        pt(-4, noseY + 4),
        pt(0, noseY + 5),
        pt(4, noseY + 4),
        pt(mouthHW - 2, noseY + 7),
        pt(mouthHW + 6, mouthY + 3),
        pt(mouthHW - 4, mouthY - 2),
        pt(0, mouthY - 3),
        pt(-mouthHW + 4, mouthY - 2),
      ],
      true,
      5,
    );
    fillPoly(g, stache, darken(beard, 0.08));
    for (let i = 0; i < 11; i++) {
      const x = -halfW * 0.75 + (i * halfW * 1.5) / 10;
      const y = mouthY + 22 - Math.abs(x) * 0.25 + (i % 2) * 4;
      ribbon(g, [pt(x, y), pt(x * 1.04, y + 7)], taper(0.3, 1.4, 0.3), lighten(beard, 0.2), 0.55, false);
    }
  }

  private drawGlasses(g: Phaser.GameObjects.Graphics): void {
    const { eyeY, eyeDX, eyeScale, halfW } = this.geo;
    const kind = this.seed % 3;
    const frame = kind === 0 ? 0x2a2d33 : kind === 1 ? 0x6b4126 : 0x8b96a0;
    const w = 37 * eyeScale;
    const h = (kind === 2 ? 25 : 23) * eyeScale;
    const cy = eyeY + 1;
    for (const s of [-1, 1]) {
      const cx = s * (eyeDX + 1);
      g.fillStyle(0xffffff, 0.1);
      g.fillRoundedRect(cx - w / 2, cy - h / 2, w, h, kind === 2 ? 11 : 7);
      // Lens glint.
      fillPoly(
        g,
        [
          pt(cx - w / 2 + 7, cy + h / 2 - 4),
          pt(cx - w / 2 + 14, cy + h / 2 - 4),
          pt(cx + 3, cy - h / 2 + 3),
          pt(cx - 4, cy - h / 2 + 3),
        ],
        0xffffff,
        0.22,
      );
      g.lineStyle(kind === 2 ? 2 : 3.2, frame, 1);
      g.strokeRoundedRect(cx - w / 2, cy - h / 2, w, h, kind === 2 ? 11 : 7);
      // Temple arm towards the ear.
      ribbon(
        g,
        [pt(s * (eyeDX + 1 + w / 2), cy - h / 2 + 4), pt(s * (halfW + 1), cy - 3)],
        constant(kind === 2 ? 2 : 3),
        frame,
      );
    }
    ribbon(
      g,
      quad(pt(-(eyeDX + 1 - w / 2), cy - 3), pt(0, cy - 8), pt(eyeDX + 1 - w / 2, cy - 3), 10),
      constant(kind === 2 ? 2 : 3),
      frame,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Hair
  // -------------------------------------------------------------------------------------------

  private drawHair(back: Phaser.GameObjects.Graphics, front: Phaser.GameObjects.Graphics): void {
    const style = this.look.hairStyle;
    switch (style) {
      case 'short':
        this.hairShort(back, front);
        break;
      case 'long':
        this.hairLong(back, front);
        break;
      case 'bun':
        this.hairBack(back, front, 'bun');
        break;
      case 'ponytail':
        this.hairBack(back, front, 'ponytail');
        break;
      case 'curly':
        this.hairCurly(back, front);
        break;
      case 'cropped':
        this.hairCropped(front);
        break;
      default:
        this.hairBald(back, front);
        break;
    }
  }

  /** Lighter grey strands for older / elderly looks, following the given flow lines. */
  private streaks(g: Phaser.GameObjects.Graphics, lines: Pt[][]): void {
    const age = this.look.age;
    if (age !== 'older' && age !== 'elderly') return;
    const count = age === 'elderly' ? lines.length : Math.ceil(lines.length * 0.6);
    lines.slice(0, count).forEach((line) => {
      ribbon(
        g,
        spline(line, false, 6),
        taper(0.4, 2.6, 0.4),
        this.col.streak,
        age === 'elderly' ? 0.75 : 0.6,
      );
    });
  }

  private hairShort(back: Phaser.GameObjects.Graphics, front: Phaser.GameObjects.Graphics): void {
    const { halfW: w, eyeY, crownY, browY } = this.geo;
    const c = this.col;
    // Older hair sits flatter and the hairline recedes at the temples.
    const r = this.look.age === 'elderly' ? 1 : this.look.age === 'older' ? 0.5 : 0;
    const top = crownY - 16 + r * 7;
    const side = 6 - r * 3;
    fillPoly(
      back,
      spline(
        [
          pt(-w - 7 + r * 4, eyeY),
          pt(-w - 9 + r * 5, crownY + 40),
          pt(-w * 0.62, top + 9),
          pt(0, top + 2),
          pt(w * 0.62, top + 9),
          pt(w + 9 - r * 5, crownY + 40),
          pt(w + 7 - r * 4, eyeY),
          pt(0, eyeY + 4),
        ],
        true,
        6,
      ),
      c.hairShade,
    );
    const cap = spline(
      [
        pt(-w - 2, eyeY - 6),
        pt(-w - side, crownY + 42),
        pt(-w * 0.6, top + 9),
        pt(0, top),
        pt(w * 0.62, top + 8),
        pt(w + side, crownY + 42),
        pt(w + 2, eyeY - 6),
        pt(w - 5, eyeY - 12),
        pt(w - 7, browY - 20 - r * 12),
        pt(w * 0.6, browY - 29 - r * 10),
        pt(w * 0.2, browY - 36 - r * 4),
        pt(-w * 0.2, browY - 40 - r * 2),
        pt(-w * 0.4, browY - 43 - r * 2),
        pt(-w * 0.56, browY - 36 - r * 6),
        pt(-w + 7, browY - 24 - r * 12),
        pt(-w + 4, eyeY - 12),
      ],
      true,
      6,
    );
    fillPoly(front, cap, c.hair);
    if (r < 1) {
      // A fringe lock swept from the side part across the forehead.
      const lock = spline(
        [
          pt(-w * 0.44, browY - 44),
          pt(0, browY - 48),
          pt(w * 0.5, browY - 36),
          pt(w * 0.66, browY - 22),
          pt(w * 0.42, browY - 27),
          pt(w * 0.1, browY - 34),
          pt(-w * 0.24, browY - 39),
        ],
        true,
        6,
      );
      fillPoly(front, lock, c.hair);
      ribbon(
        front,
        spline([pt(-w * 0.3, browY - 42), pt(w * 0.15, browY - 38), pt(w * 0.55, browY - 26)], false, 8),
        taper(0.3, 1.8, 0.3),
        c.hairShade,
        0.7,
      );
    }
    // Flow lines of the side-swept fringe and a sheen.
    ribbon(
      front,
      spline([pt(-w * 0.38, browY - 44), pt(w * 0.1, browY - 46), pt(w * 0.62, browY - 32)], false, 8),
      taper(0.3, 2.4, 0.3),
      c.hairShade,
      0.7,
    );
    ribbon(
      front,
      spline([pt(-w * 0.3, crownY + 16), pt(w * 0.3, crownY + 22), pt(w * 0.8, browY - 30)], false, 8),
      taper(0.3, 2, 0.3),
      c.hairShade,
      0.6,
    );
    ribbon(
      front,
      spline([pt(-w * 0.7, crownY + 22), pt(-w * 0.4, crownY + 6), pt(0, crownY - 4)], false, 8),
      taper(0.3, 4, 0.3),
      c.hairLight,
      0.7,
    );
    this.streaks(front, [
      [pt(-w * 0.3, browY - 46), pt(w * 0.2, browY - 44), pt(w * 0.7, browY - 28)],
      [pt(-w * 0.85, crownY + 40), pt(-w * 0.9, browY - 10)],
      [pt(w * 0.85, crownY + 36), pt(w * 0.92, browY - 6)],
      [pt(-w * 0.2, crownY + 10), pt(w * 0.3, crownY + 16), pt(w * 0.85, crownY + 40)],
      [pt(-w * 0.3, crownY + 2), pt(-w * 0.7, browY - 22)],
    ]);
  }

  private hairCropped(front: Phaser.GameObjects.Graphics): void {
    const { halfW: w, eyeY, crownY, browY } = this.geo;
    const c = this.col;
    const col = mix(c.hair, c.skin, 0.18);
    const cap = spline(
      [
        pt(-w + 1, eyeY - 12),
        pt(-w - 2, crownY + 42),
        pt(-w * 0.6, crownY + 1),
        pt(0, crownY - 5),
        pt(w * 0.6, crownY + 1),
        pt(w + 2, crownY + 42),
        pt(w - 1, eyeY - 12),
        pt(w - 6, eyeY - 14),
        pt(w - 7, browY - 17),
        pt(w * 0.62, browY - 26),
        pt(w * 0.3, browY - 35),
        pt(0, browY - 37),
        pt(-w * 0.3, browY - 35),
        pt(-w * 0.62, browY - 26),
        pt(-w + 7, browY - 17),
        pt(-w + 6, eyeY - 14),
      ],
      true,
      6,
    );
    fillPoly(front, cap, col);
    // A feathered hairline: a softer band where the hair meets the forehead.
    ribbon(
      front,
      spline(
        [
          pt(-w + 5, eyeY - 14),
          pt(-w + 7, browY - 17),
          pt(-w * 0.62, browY - 26),
          pt(-w * 0.3, browY - 35),
          pt(0, browY - 37),
          pt(w * 0.3, browY - 35),
          pt(w * 0.62, browY - 26),
          pt(w - 7, browY - 17),
          pt(w - 5, eyeY - 14),
        ],
        false,
        6,
      ),
      constant(3),
      mix(col, c.skin, 0.5),
      0.9,
    );
    // Fine texture: short dashes across the scalp, plus a soft sheen.
    for (let i = 0; i < 40; i++) {
      const a = ((this.seed >> (i % 20)) & 7) / 7;
      const x = -w * 0.8 + ((i * 37) % 100) * 0.016 * w;
      const y = crownY + 8 + ((i * 53) % 100) * 0.42 + a * 4;
      const edge = Math.abs(x) / w;
      const inside = (x / (w - 4)) ** 2 + ((y - (crownY + 46)) / 50) ** 2 < 0.8;
      if (!inside || y > browY - 36 + edge * edge * 20) continue;
      front.fillStyle(darken(col, 0.22), 0.45);
      front.fillCircle(x, y, 1.1);
    }
    ribbon(
      front,
      spline([pt(-w * 0.7, crownY + 26), pt(-w * 0.35, crownY + 8), pt(0, crownY + 2)], false, 8),
      taper(0.3, 4, 0.3),
      lighten(col, 0.2),
      0.45,
    );
    this.streaks(front, [
      [pt(-w * 0.8, crownY + 44), pt(-w * 0.85, browY - 12)],
      [pt(w * 0.8, crownY + 44), pt(w * 0.85, browY - 12)],
    ]);
  }

  private hairBald(back: Phaser.GameObjects.Graphics, front: Phaser.GameObjects.Graphics): void {
    const { halfW: w, eyeY, crownY, browY } = this.geo;
    const c = this.col;
    const older = this.look.age === 'older' || this.look.age === 'elderly';
    if (older) {
      for (const s of [-1, 1]) {
        // Fringe of hair around the sides and back of the head (behind the ears)...
        const ring = spline(
          [
            pt(s * (w - 6), browY - 16),
            pt(s * (w + 1), browY - 27),
            pt(s * (w + 6), browY - 12),
            pt(s * (w + 8), eyeY + 6),
            pt(s * (w + 5), eyeY + 17),
            pt(s * (w - 4), eyeY + 8),
          ],
          true,
          6,
        );
        fillPoly(back, ring, c.hair);
        ribbon(
          back,
          spline(
            [pt(s * (w + 2), browY - 22), pt(s * (w + 6), browY - 8), pt(s * (w + 6), eyeY + 8)],
            false,
            6,
          ),
          taper(0.3, 1.8, 0.3),
          c.hairShade,
          0.6,
        );
        // ...and a little at the temples, over the face edge.
        const temple = spline(
          [
            pt(s * (w + 1), eyeY - 6),
            pt(s * (w + 2), browY - 14),
            pt(s * (w - 1), browY - 24),
            pt(s * (w - 6), browY - 14),
            pt(s * (w - 3), eyeY - 10),
          ],
          true,
          6,
        );
        fillPoly(front, temple, c.hair);
      }
    } else {
      // Shaved: a faint shadow where hair would grow.
      const cap = spline(
        [
          pt(-w + 1, eyeY - 12),
          pt(-w - 1, crownY + 42),
          pt(-w * 0.6, crownY + 2),
          pt(0, crownY - 2),
          pt(w * 0.6, crownY + 2),
          pt(w + 1, crownY + 42),
          pt(w - 1, eyeY - 12),
          pt(w - 7, browY - 14),
          pt(0, browY - 30),
          pt(-w + 7, browY - 14),
        ],
        true,
        6,
      );
      fillPoly(front, cap, darken(c.hair, 0.1), 0.16);
    }
    // Scalp sheen.
    fillPoly(front, ellipsePts(-w * 0.3, crownY + 24, 20, 9, 20, -0.35), 0xffffff, 0.2);
  }

  private hairLong(back: Phaser.GameObjects.Graphics, front: Phaser.GameObjects.Graphics): void {
    const { halfW: w, eyeY, crownY, browY, chinY } = this.geo;
    const c = this.col;
    const backShape = spline(
      [
        pt(-w - 14, eyeY),
        pt(-w - 12, crownY + 30),
        pt(-w * 0.5, crownY - 11),
        pt(0, crownY - 16),
        pt(w * 0.5, crownY - 11),
        pt(w + 12, crownY + 30),
        pt(w + 14, eyeY),
        pt(w + 20, chinY + 40),
        pt(w + 22, 86),
        pt(w - 4, 98),
        pt(0, 80),
        pt(-w + 4, 98),
        pt(-w - 22, 86),
        pt(-w - 20, chinY + 40),
      ],
      true,
      6,
    );
    fillPoly(back, backShape, c.hairShade);

    for (const s of [-1, 1]) {
      const lock = spline(
        [
          pt(s * -4, crownY - 13),
          pt(s * w * 0.55, crownY - 7),
          pt(s * (w + 7), crownY + 36),
          pt(s * (w + 11), eyeY + 6),
          pt(s * (w + 14), chinY - 4),
          pt(s * (w + 19), 58),
          pt(s * (w + 8), 102),
          pt(s * (w - 6), 86),
          pt(s * (w - 3), 36),
          pt(s * (w - 4), chinY - 24),
          pt(s * (w - 3), eyeY - 2),
          pt(s * (w - 10), browY - 14),
          pt(s * w * 0.55, browY - 30),
          pt(s * w * 0.2, browY - 39),
          pt(s * -4, browY - 41),
        ],
        true,
        6,
      );
      fillPoly(front, lock, c.hair);
      // Strands.
      ribbon(
        front,
        spline(
          [
            pt(s * w * 0.3, crownY - 4),
            pt(s * (w + 2), crownY + 40),
            pt(s * (w + 6), eyeY + 30),
            pt(s * (w + 10), 60),
          ],
          false,
          8,
        ),
        taper(0.3, 2.2, 0.3),
        c.hairShade,
        0.6,
      );
      ribbon(
        front,
        spline([pt(s * (w - 2), browY - 6), pt(s * (w + 1), chinY - 10), pt(s * (w + 2), 76)], false, 8),
        taper(0.3, 1.8, 0.3),
        c.hairShade,
        0.55,
      );
    }
    // The centre part.
    ribbon(
      front,
      [pt(0, crownY - 8), pt(1, crownY + 6), pt(2, browY - 40)],
      taper(0.4, 2, 0.3),
      c.hairShade,
      0.8,
    );
    ribbon(
      front,
      spline([pt(-w * 0.75, crownY + 26), pt(-w * 0.4, crownY + 4), pt(-6, crownY - 6)], false, 8),
      taper(0.3, 4.5, 0.3),
      c.hairLight,
      0.65,
    );
    this.streaks(front, [
      [pt(-w * 0.2, crownY - 4), pt(-w * 0.9, crownY + 40), pt(-w - 6, eyeY + 20)],
      [pt(w * 0.2, crownY - 4), pt(w * 0.9, crownY + 40), pt(w + 7, eyeY + 24)],
      [pt(-w - 2, browY), pt(-w - 10, chinY), pt(-w - 10, 60)],
      [pt(w + 2, browY), pt(w + 10, chinY), pt(w + 12, 64)],
      [pt(-w * 0.5, crownY + 2), pt(-w * 0.75, browY - 22)],
    ]);
  }

  /** Hair pulled back: a bun on top, or a ponytail swinging out behind one side. */
  private hairBack(
    back: Phaser.GameObjects.Graphics,
    front: Phaser.GameObjects.Graphics,
    kind: 'bun' | 'ponytail',
  ): void {
    const { halfW: w, eyeY, crownY, browY, chinY } = this.geo;
    const c = this.col;
    if (kind === 'bun') {
      fillPoly(back, ellipsePts(0, crownY - 20, 27, 24, 32), c.hair);
      ribbon(
        back,
        arcPts(0, crownY - 20, 17, Math.PI * 1.1, Math.PI * 1.9, 12),
        taper(0.4, 2.5, 0.4),
        c.hairShade,
        0.8,
      );
      ribbon(
        back,
        arcPts(2, crownY - 16, 10, Math.PI * 0.1, Math.PI * 0.9, 10),
        taper(0.4, 2.2, 0.4),
        c.hairShade,
        0.7,
      );
      fillPoly(back, ellipsePts(-8, crownY - 30, 8, 4, 14, -0.4), c.hairLight, 0.7);
    } else {
      const tail = spline(
        [
          pt(w - 14, crownY + 18),
          pt(w + 16, crownY + 26),
          pt(w + 32, eyeY - 4),
          pt(w + 34, chinY - 10),
          pt(w + 22, 48),
          pt(w + 12, 56),
          pt(w + 16, chinY),
          pt(w + 10, eyeY),
          pt(w - 6, crownY + 40),
        ],
        true,
        6,
      );
      fillPoly(back, tail, c.hairShade);
      ribbon(
        back,
        spline([pt(w + 10, crownY + 32), pt(w + 24, eyeY), pt(w + 22, chinY + 10), pt(w + 16, 46)], false, 8),
        taper(0.4, 2.4, 0.4),
        darken(c.hairShade, 0.2),
        0.7,
      );
    }
    fillPoly(
      back,
      spline(
        [
          pt(-w - 5, eyeY - 2),
          pt(-w - 7, crownY + 38),
          pt(-w * 0.58, crownY - 4),
          pt(0, crownY - 9),
          pt(w * 0.58, crownY - 4),
          pt(w + 7, crownY + 38),
          pt(w + 5, eyeY - 2),
          pt(0, eyeY + 2),
        ],
        true,
        6,
      ),
      c.hairShade,
    );
    const cap = spline(
      [
        pt(-w - 2, eyeY - 8),
        pt(-w - 6, crownY + 38),
        pt(-w * 0.58, crownY - 3),
        pt(0, crownY - 9),
        pt(w * 0.58, crownY - 3),
        pt(w + 6, crownY + 38),
        pt(w + 2, eyeY - 8),
        pt(w - 4, eyeY - 12),
        pt(w - 6, browY - 16),
        pt(w * 0.6, browY - 31),
        pt(w * 0.22, browY - 37),
        pt(0, browY - 34),
        pt(-w * 0.22, browY - 37),
        pt(-w * 0.6, browY - 31),
        pt(-w + 6, browY - 16),
        pt(-w + 4, eyeY - 12),
      ],
      true,
      6,
    );
    fillPoly(front, cap, c.hair);
    // Combed-back flow lines.
    for (const s of [-1, 1]) {
      ribbon(
        front,
        spline(
          [pt(s * w * 0.55, browY - 30), pt(s * w * 0.45, crownY + 20), pt(s * w * 0.15, crownY - 4)],
          false,
          8,
        ),
        taper(0.3, 2, 0.3),
        c.hairShade,
        0.6,
      );
      ribbon(
        front,
        spline(
          [pt(s * (w - 6), browY - 14), pt(s * (w - 2), crownY + 36), pt(s * w * 0.55, crownY + 2)],
          false,
          8,
        ),
        taper(0.3, 2, 0.3),
        c.hairShade,
        0.55,
      );
    }
    if (kind === 'ponytail') {
      // A loose side-swept fringe and the hair tie.
      const fringe = spline(
        [
          pt(w * 0.25, browY - 37),
          pt(-w * 0.2, browY - 30),
          pt(-w * 0.62, browY - 20),
          pt(-w + 6, browY - 14),
          pt(-w * 0.55, browY - 32),
          pt(-w * 0.1, browY - 42),
        ],
        true,
        6,
      );
      fillPoly(front, fringe, c.hair);
      ribbon(
        front,
        spline([pt(w * 0.15, browY - 38), pt(-w * 0.3, browY - 28), pt(-w * 0.7, browY - 18)], false, 8),
        taper(0.3, 1.8, 0.3),
        c.hairShade,
        0.6,
      );
      ribbon(back, [pt(w - 2, crownY + 22), pt(w + 4, crownY + 40)], constant(6), mix(c.top, 0x333333, 0.2));
    } else {
      ribbon(
        back,
        quad(pt(-20, crownY - 6), pt(0, crownY - 1), pt(20, crownY - 6), 10),
        constant(4),
        mix(c.hairShade, 0x222222, 0.3),
        0.8,
      );
    }
    ribbon(
      front,
      spline([pt(-w * 0.72, crownY + 28), pt(-w * 0.4, crownY + 6), pt(-4, crownY - 3)], false, 8),
      taper(0.3, 4, 0.3),
      c.hairLight,
      0.65,
    );
    this.streaks(front, [
      [pt(-w * 0.3, browY - 34), pt(-w * 0.25, crownY + 10), pt(-w * 0.05, crownY - 6)],
      [pt(w * 0.3, browY - 34), pt(w * 0.25, crownY + 10), pt(w * 0.05, crownY - 6)],
      [pt(-w * 0.8, browY - 20), pt(-w * 0.75, crownY + 22)],
      [pt(w * 0.8, browY - 20), pt(w * 0.75, crownY + 22)],
    ]);
  }

  private hairCurly(back: Phaser.GameObjects.Graphics, front: Phaser.GameObjects.Graphics): void {
    const { halfW: w, eyeY, crownY, browY, mouthY } = this.geo;
    const c = this.col;
    // The volume is only a touch darker than the front, so the hair reads as one mass (not a cap).
    const vol = mix(c.hair, c.hairShade, 0.3);
    const cx = 0;
    const cy = -98;
    const rx = w + 24;
    const ry = 84;
    // Volume: an ellipse edged with bumps.
    fillPoly(back, [...ellipsePts(cx, cy, rx, ry, 40)], vol);
    const bumps: Pt[] = [];
    for (let i = 0; i <= 16; i++) {
      const a = Math.PI * (0.93 + (i / 16) * 1.14);
      bumps.push(pt(cx + Math.cos(a) * rx, cy + Math.sin(a) * ry));
    }
    bumps.forEach((b, i) => {
      back.fillStyle(vol, 1);
      back.fillCircle(b.x, b.y, 15 + ((this.seed >> i) & 3) * 1.5);
    });
    // Lower side volume down to about mouth level.
    for (const s of [-1, 1]) {
      const side = spline(
        [
          pt(s * (w + 22), eyeY - 34),
          pt(s * (w + 24), eyeY + 8),
          pt(s * (w + 14), mouthY + 2),
          pt(s * (w - 4), mouthY - 8),
          pt(s * (w - 4), eyeY - 34),
        ],
        true,
        6,
      );
      fillPoly(back, side, vol);
      back.fillStyle(vol, 1);
      back.fillCircle(s * (w + 22), eyeY - 6, 11);
      back.fillCircle(s * (w + 19), eyeY + 16, 10);
      back.fillCircle(s * (w + 10), mouthY - 2, 9);
    }
    // Curl texture on the back volume.
    for (let i = 0; i < 22; i++) {
      const a = Math.PI * (0.95 + ((i * 0.618) % 1) * 1.1);
      const r = 0.72 + ((i * 0.37) % 1) * 0.25;
      const x = cx + Math.cos(a) * rx * r;
      const y = cy + Math.sin(a) * ry * r;
      ribbon(back, arcPts(x, y, 5, a, a + Math.PI * 1.2, 6), taper(0.3, 1.8, 0.3), c.hairShade, 0.6);
    }
    // Front: cap and a row of curls along the hairline.
    const cap = spline(
      [
        pt(-w - 4, eyeY - 6),
        pt(-w - 8, crownY + 36),
        pt(0, crownY - 14),
        pt(w + 8, crownY + 36),
        pt(w + 4, eyeY - 6),
        pt(w - 6, browY - 22),
        pt(0, browY - 34),
        pt(-w + 6, browY - 22),
      ],
      true,
      6,
    );
    fillPoly(front, cap, c.hair);
    for (let i = 0; i <= 9; i++) {
      const x = -w + 6 + (i * (2 * w - 12)) / 9;
      const k = x / w;
      const y = browY - 30 + k * k * 14 - 4;
      const r = 9 + ((this.seed >> (i + 3)) & 3);
      front.fillStyle(c.hair, 1);
      front.fillCircle(x, y, r);
      ribbon(
        front,
        arcPts(x, y, r * 0.55, Math.PI * 0.9, Math.PI * 2.1, 8),
        taper(0.3, 1.6, 0.3),
        c.hairShade,
        0.65,
      );
    }
    for (const s of [-1, 1]) {
      front.fillStyle(c.hair, 1);
      front.fillCircle(s * (w + 2), browY - 8, 10);
      front.fillCircle(s * (w + 4), eyeY - 4, 8);
    }
    for (let i = 0; i < 12; i++) {
      const x = -w * 0.7 + ((i * 0.618) % 1) * w * 1.4;
      const y = crownY + 4 + ((i * 0.41) % 1) * 40;
      ribbon(
        front,
        arcPts(x, y, 4.5, 0.4 * i, 0.4 * i + Math.PI * 1.2, 6),
        taper(0.3, 1.6, 0.3),
        c.hairShade,
        0.55,
      );
    }
    fillPoly(front, ellipsePts(-w * 0.35, crownY + 8, 18, 7, 18, -0.3), c.hairLight, 0.45);
    const older = this.look.age === 'older' || this.look.age === 'elderly';
    if (older) {
      const n = this.look.age === 'elderly' ? 16 : 9;
      for (let i = 0; i < n; i++) {
        const x = -w * 0.85 + ((i * 0.53) % 1) * w * 1.7;
        const y = crownY + 2 + ((i * 0.71) % 1) * 48;
        ribbon(front, arcPts(x, y, 4, 0.7 * i, 0.7 * i + Math.PI, 6), taper(0.3, 1.8, 0.3), c.streak, 0.8);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Face features (redrawn on expression change and blink)
  // -------------------------------------------------------------------------------------------

  private redrawFeatures(): void {
    const g = this.features;
    if (!g.scene) return;
    g.clear();
    invalidate(this);
    const p = this.params;
    const geo = this.geo;
    const c = this.col;
    const { eyeY, eyeDX, browY, halfW } = geo;

    // Cheeks: warm (rosy) and flush (angry red, wider).
    const youngBase = this.look.age === 'young' ? 0.12 : 0.04;
    const warmA = youngBase + p.warm * 0.32;
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

    // Eyes.
    for (const s of [-1, 1] as const) this.drawEye(g, s * eyeDX, eyeY, s);

    // Brows.
    for (const s of [-1, 1] as const) {
      const inner = pt(s * (eyeDX - 14), browY + p.browInner + p.browLift);
      const outer = pt(s * (eyeDX + 16), browY + p.browOuter + p.browLift + 3);
      const mid = pt(s * (eyeDX + 2), browY - 5 + p.browLift + (p.browInner + p.browOuter) * 0.3);
      const bt = geo.browThick;
      ribbon(g, quad(inner, mid, outer, 12), taper(4.4 * bt, 5 * bt, 2 * bt), c.brow);
    }

    this.drawMouth(g);

    // Sweat drops.
    if (p.sweat > 0.01) {
      this.sweatDrop(g, halfW - 12, browY - 6, Math.min(1, p.sweat));
      if (p.sweat > 1) this.sweatDrop(g, -halfW + 13, browY + 8, Math.min(1, (p.sweat - 1) / 0.6));
    }

    if (this.companionFeatures) {
      const mood: ChildMood =
        this.expression === 'calm' || this.expression === 'relieved' ? 'happy' : 'unsure';
      this.drawCompanionFace(this.companionFeatures, mood);
    }
  }

  private drawEye(g: Phaser.GameObjects.Graphics, cx: number, cy: number, side: -1 | 1): void {
    const p = this.params;
    const c = this.col;
    const k = this.geo.eyeScale;
    const w = 13.2 * k;
    const open = this.eyesClosed ? 0 : p.eyeOpen;
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
    const ri = 7 * k;
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

  private drawMouth(g: Phaser.GameObjects.Graphics): void {
    const p = this.params;
    const c = this.col;
    const { mouthY: my, mouthHW } = this.geo;
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

  private sweatDrop(g: Phaser.GameObjects.Graphics, x: number, y: number, a: number): void {
    const drop = [pt(x, y - 9), ...arcPts(x, y + 2, 4.6, -Math.PI * 0.15, Math.PI * 1.15, 14)];
    fillPoly(g, drop, 0xcfeaf8, 0.95 * a);
    ribbon(g, [...drop, drop[0] as Pt], constant(1.2), 0x5f9fc4, 0.9 * a, false);
    g.fillStyle(0xffffff, a);
    g.fillCircle(x - 1.5, y + 1, 1.3);
  }

  // -------------------------------------------------------------------------------------------
  // Companion (toddler or older child) standing behind, to the viewer's left
  // -------------------------------------------------------------------------------------------

  private companionGeo(kind: 'toddler' | 'child') {
    const sw = this.geo.shoulderW;
    return kind === 'toddler'
      ? { cx: -(sw + 22), cy: 64, r: 37, bodyW: 40, bodyTop: 104 }
      : { cx: -(sw + 40), cy: 6, r: 44, bodyW: 54, bodyTop: 56 };
  }

  private companionColors() {
    const base = hexToInt(this.look.hair);
    // A grey-haired adult's grandchild still gets coloured hair.
    const hair = saturation(base) < 0.12 && luminance(base) > 0.3 ? 0x5a3b24 : desaturate(base, 0.1);
    const tees = [0xf2c14e, 0x7cc6a4, 0xf29479, 0x8fb3e0];
    return {
      skin: hexToInt(this.look.skin),
      hair,
      top: tees[this.seed % tees.length] as number,
    };
  }

  private drawCompanionBase(g: Phaser.GameObjects.Graphics, kind: 'toddler' | 'child'): void {
    const k = this.companionGeo(kind);
    const cc = this.companionColors();
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

  private drawCompanionHand(g: Phaser.GameObjects.Graphics, kind: 'toddler' | 'child'): void {
    const cc = this.companionColors();
    const sw = this.geo.shoulderW;
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

  private drawCompanionFace(g: Phaser.GameObjects.Graphics, mood: ChildMood): void {
    g.clear();
    const kind = this.look.companion === 'toddler' ? 'toddler' : 'child';
    const k = this.companionGeo(kind);
    const cc = this.companionColors();
    const ex = k.r * 0.36;
    const ey = k.cy + k.r * 0.02;
    const er = k.r * (kind === 'toddler' ? 0.12 : 0.1);
    for (const s of [-1, 1]) {
      const x = k.cx + s * ex;
      if (this.eyesClosed) {
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
}
