/**
 * PatientPortrait: a head-and-shoulders patient drawn with Phaser Graphics in a flat vector style, with
 * idle motion (breathing, blinking), expressions that blend, and short cues (flinch, brighten).
 *
 * Layout (local coordinates): the portrait is centred on (0, 0), about 360 px tall; the bottom edge of the
 * shoulders is a straight cut at y = +180 (line it up with a counter / desk / card edge in the backdrop).
 * The head spans roughly y = -175..0 and the companion (if any) stands to the viewer's left.
 *
 * What is drawn lives in ./portrait by concern: the look's proportions and palette (figure.ts), the face
 * and its features (face.ts), hair styles (hair.ts), the body and tops (body.ts), accessories
 * (accessories.ts), companions (companion.ts) and the expression table (expressions.ts). Only the
 * features are redrawn when the expression changes or the patient blinks; the rest is drawn once.
 */
import * as Phaser from 'phaser';
import type { Expression } from '../../engine/runtime/expression';
import { invalidate, markIdle, markLive, type Rect } from '../renderOnDemand';
import { prefersReducedMotion } from './motion';
import { drawAccessories } from './portrait/accessories';
import { drawBody } from './portrait/body';
import { COMPANIONS, type CompanionDrawing, type CompanionMood, type Place } from './portrait/companion';
import { blendParams, EXPRESSION_PARAMS, type FaceParams } from './portrait/expressions';
import { drawFeatures, drawHeadBase } from './portrait/face';
import { type Figure, figureOf, type PersonaLook } from './portrait/figure';
import { HAIR_STYLES } from './portrait/hair';

export type { PersonaLook } from './portrait/figure';

/** Height of the portrait in local pixels (top of hair to the shoulder cut). */
export const PORTRAIT_HEIGHT = 360;

export class PatientPortrait extends Phaser.GameObjects.Container {
  readonly look: PersonaLook;
  private readonly fig: Figure;

  private readonly figure: Phaser.GameObjects.Container;
  private readonly headBack: Phaser.GameObjects.Container;
  private readonly head: Phaser.GameObjects.Container;
  private readonly features: Phaser.GameObjects.Graphics;
  private readonly companion: {
    container: Phaser.GameObjects.Container;
    drawing: CompanionDrawing;
    fig: Figure;
    place: Place;
    features: Phaser.GameObjects.Graphics;
  } | null = null;

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
    const fig = figureOf(look);
    this.fig = fig;
    this.setName('patient-portrait');

    // The companion stands behind the patient, to the viewer's left.
    const drawing = look.companion === 'none' ? null : COMPANIONS[look.companion];
    if (drawing) {
      const companionFig = drawing.figure(fig);
      const place = drawing.place(fig, companionFig);
      const container = scene.make.container({ x: place.x, y: place.y }, false).setScale(place.scale);
      const behind = scene.make.graphics({}, false);
      const features = scene.make.graphics({}, false);
      const over = scene.make.graphics({}, false);
      container.add([behind, features, over]);
      this.add(container);
      drawing.still(behind, over, companionFig);
      this.companion = { container, drawing, fig: companionFig, place, features };
    }

    // Figure pivots at the shoulder cut (y = +180) so the breathing scale keeps the bottom edge fixed;
    // a child stands smaller, scaled about the same line.
    this.figure = scene.make.container({ x: 0, y: 180 }, false).setScale(fig.age.scale);
    this.add(this.figure);

    this.headBack = scene.make.container({ x: 0, y: -180 }, false);
    const backHair = scene.make.graphics({}, false);
    this.headBack.add(backHair);

    const body = scene.make.graphics({ x: 0, y: -180 }, false);

    this.head = scene.make.container({ x: 0, y: -180 }, false);
    const headBase = scene.make.graphics({}, false);
    this.features = scene.make.graphics({}, false);
    const frontHair = scene.make.graphics({}, false);
    const over = scene.make.graphics({}, false);
    this.head.add([headBase, this.features, frontHair, over]);

    this.figure.add([this.headBack, body, this.head]);

    if (this.companion) {
      const hand = scene.make.graphics({}, false);
      this.companion.drawing.hand(hand, this.companion.fig, fig);
      this.add(hand);
    }

    HAIR_STYLES[look.hairStyle](backHair, frontHair, fig);
    drawBody(body, fig);
    drawHeadBase(headBase, fig);
    drawAccessories(headBase, fig, 'face');
    drawAccessories(over, fig, 'over');
    this.redrawFeatures();

    this.setSize(2 * (fig.geo.shoulderW + 10), PORTRAIT_HEIGHT);
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
    const half = this.fig.geo.shoulderW + 10;
    const left = this.companion ? this.companion.drawing.reach(this.fig, this.companion.fig) : half;
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
            scaleY: this.fig.age.scale * 1.012,
            scaleX: this.fig.age.scale * 1.004,
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
              targets: this.companion.container,
              y: this.companion.place.y - 2,
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
      if (this.companion) targets.push(this.companion.container);
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
    this.figure.setPosition(0, 180).setScale(this.fig.age.scale);
    this.companion?.container.setPosition(this.companion.place.x, this.companion.place.y);
    this.resetHead();
  }

  /** Redraws what the expression and blinking move: the patient's features and the companion's face. */
  private redrawFeatures(): void {
    const g = this.features;
    if (!g.scene) return;
    g.clear();
    invalidate(this);
    drawFeatures(g, this.fig, this.params, this.eyesClosed);
    if (this.companion) {
      const mood: CompanionMood =
        this.expression === 'calm' || this.expression === 'relieved' ? 'happy' : 'unsure';
      this.companion.features.clear();
      this.companion.drawing.face(this.companion.features, this.companion.fig, mood, this.eyesClosed);
    }
  }
}
