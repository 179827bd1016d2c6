/**
 * PatientPortrait: a head-and-shoulders patient in a flat vector style, with idle motion (breathing,
 * blinking), expressions that cross-fade, and short cues (flinch, brighten).
 *
 * Layout (local coordinates): the portrait is centred on (0, 0), about 360 px tall; the bottom edge of the
 * shoulders is a straight cut at y = +180 (line it up with a counter / desk / card edge in the backdrop).
 * The head spans roughly y = -175..0 and the companion (if any) stands to the viewer's left.
 *
 * What is drawn lives in ./portrait by concern: the look's proportions and palette (figure.ts), the face
 * and its features (face.ts), hair styles (hair.ts), the body and tops (body.ts), accessories
 * (accessories.ts), companions (companion.ts) and the expression table (expressions.ts). Every layer is
 * baked once per look into a texture (bake.ts) and shown as an Image: the body, the hair behind the
 * head, the head, the hair and glasses in front, and the features of each expression with the eyes
 * open and closed. Motion is then only transforms and texture swaps of those Images, never path redraws.
 */
import Phaser from 'phaser';
import { EXPRESSIONS, type Expression } from '../../engine/runtime/expression';
import { paintLater } from '../paintLater';
import { invalidate, markIdle, markLive, type Rect } from '../renderOnDemand';
import { bakedImage, bakedTexture, showBaked } from './bake';
import { NO_PEN, type Painter } from './canvasPen';
import { prefersReducedMotion } from './motion';
import { drawAccessories } from './portrait/accessories';
import { drawBody } from './portrait/body';
import { COMPANIONS, type CompanionDrawing, type CompanionMood, type Place } from './portrait/companion';
import { EXPRESSION_PARAMS } from './portrait/expressions';
import { drawExpression, drawEyes, drawHeadBase } from './portrait/face';
import { type Figure, figureOf, type PersonaLook } from './portrait/figure';
import { HAIR_STYLES } from './portrait/hair';

export type { PersonaLook } from './portrait/figure';

/** Height of the portrait in local pixels (top of hair to the shoulder cut). */
export const PORTRAIT_HEIGHT = 360;

/** The area (local coordinates) the Images in a container cover. */
function imagesArea(container: Phaser.GameObjects.Container): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const child of container.list) {
    if (!(child instanceof Phaser.GameObjects.Image) || !child.frame) continue;
    x0 = Math.min(x0, child.x);
    y0 = Math.min(y0, child.y);
    x1 = Math.max(x1, child.x + child.displayWidth);
    y1 = Math.max(y1, child.y + child.displayHeight);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** `r` moved by (dx, dy) and grown by `margin` on every side. */
function around(r: Rect, dx: number, dy: number, margin: number): Rect {
  return {
    x: r.x + dx - margin,
    y: r.y + dy - margin,
    width: r.width + 2 * margin,
    height: r.height + 2 * margin,
  };
}

/** How long a change of expression cross-fades (ms). */
const EXPRESSION_FADE_MS = 240;
const MOODS: readonly CompanionMood[] = ['happy', 'unsure'];

export interface PortraitOptions {
  /** The scale the portrait is shown at: its layers are painted at that size, not shrunk (default 1). */
  scale?: number;
}

interface FaceImages {
  eyes: Phaser.GameObjects.Image;
  rest: Phaser.GameObjects.Image;
}

interface CompanionParts {
  container: Phaser.GameObjects.Container;
  drawing: CompanionDrawing;
  fig: Figure;
  place: Place;
  features: Phaser.GameObjects.Image;
  /** The scale its layers are painted at. */
  paintScale: number;
}

export class PatientPortrait extends Phaser.GameObjects.Container {
  readonly look: PersonaLook;
  private readonly fig: Figure;
  /** Every texture of this look painted at this portrait's scale starts with this key. */
  private readonly key: string;
  /** The scale the patient's own layers are painted at (the portrait's, times a child's smaller size). */
  private readonly figureScale: number;

  private readonly figure: Phaser.GameObjects.Container;
  private readonly headBack: Phaser.GameObjects.Container;
  private readonly head: Phaser.GameObjects.Container;
  /** The face an expression moves: its eyes and the rest (brows, mouth, cheeks, sweat). */
  private readonly features: FaceImages;
  /** The next expression's, fading in over the current one. */
  private readonly incoming: FaceImages;
  private readonly companion: CompanionParts | null = null;

  private expression: Expression = 'calm';
  private eyesClosed = false;
  /** Starts from the OS preference; the app overrides it with setReducedMotion(). */
  private reducedMotion = prefersReducedMotion();

  private readonly tweensOwned = new Set<Phaser.Tweens.Tween>();
  private breathTween: Phaser.Tweens.Tween | null = null;
  /** The companion's idle bob, if there is a companion. */
  private bobTween: Phaser.Tweens.Tween | null = null;
  private exprTween: Phaser.Tweens.Tween | null = null;
  private cueTween: Phaser.Tweens.Tween | null = null;
  private blinkTimer: Phaser.Time.TimerEvent | null = null;
  private blinkOpenTimer: Phaser.Time.TimerEvent | null = null;

  constructor(scene: Phaser.Scene, x: number, y: number, look: PersonaLook, options: PortraitOptions = {}) {
    super(scene, x, y);
    this.look = look;
    const fig = figureOf(look);
    this.fig = fig;
    const shownAt = options.scale ?? 1;
    this.key = `portrait:${JSON.stringify(look)}@${shownAt}`;
    this.figureScale = shownAt * fig.age.scale;
    this.setName('patient-portrait');
    this.setScale(shownAt);

    // The companion stands behind the patient, to the viewer's left.
    const drawing = look.companion === 'none' ? null : COMPANIONS[look.companion];
    if (drawing) {
      const companionFig = drawing.figure(fig);
      const place = drawing.place(fig, companionFig);
      const paintScale = shownAt * place.scale;
      const container = scene.make.container({ x: place.x, y: place.y }, false).setScale(place.scale);
      const paint = (name: string, draw: (p: Painter) => void) =>
        bakedImage(scene, `${this.key}:companion-${name}`, draw, { scale: paintScale });
      const features = scene.make.image({}, false);
      container.add([
        paint('behind', (p) => drawing.still(p, NO_PEN, companionFig)),
        features,
        paint('over', (p) => drawing.still(NO_PEN, p, companionFig)),
      ]);
      this.add(container);
      this.companion = { container, drawing, fig: companionFig, place, features, paintScale };
    }

    // The figure pivots at the shoulder cut (y = +180) so breathing keeps the bottom edge fixed; a
    // child stands smaller, scaled about the same line. The head's containers and the body sit at
    // y = -180 in it, so every layer is painted in the portrait's local coordinates.
    this.figure = scene.make.container({ x: 0, y: 180 }, false).setScale(fig.age.scale);
    this.add(this.figure);
    const paint = (name: string, draw: (p: Painter) => void) =>
      bakedImage(scene, `${this.key}:${name}`, draw, { scale: this.figureScale });
    this.headBack = scene.make.container({ x: 0, y: -180 }, false);
    this.headBack.add(paint('hair-back', (p) => HAIR_STYLES[look.hairStyle](p, NO_PEN, fig)));
    const body = paint('body', (p) => drawBody(p, fig));
    body.setY(body.y - 180);
    this.head = scene.make.container({ x: 0, y: -180 }, false);
    const face = (): FaceImages => ({ eyes: scene.make.image({}, false), rest: scene.make.image({}, false) });
    this.features = face();
    this.incoming = face();
    this.head.add([
      paint('head', (p) => {
        drawHeadBase(p, fig);
        drawAccessories(p, fig, 'face');
      }),
      this.features.eyes,
      this.features.rest,
      this.incoming.eyes,
      this.incoming.rest,
      paint('front', (p) => {
        HAIR_STYLES[look.hairStyle](NO_PEN, p, fig);
        drawAccessories(p, fig, 'over');
      }),
    ]);
    this.figure.add([this.headBack, body, this.head]);

    const companion = this.companion;
    if (companion) {
      this.add(
        bakedImage(
          scene,
          `${this.key}:companion-hand`,
          (p) => companion.drawing.hand(p, companion.fig, fig),
          { scale: shownAt },
        ),
      );
    }

    // What a blink shows is painted now, so the textures a play-through leaves depend only on the
    // expressions it showed, not on when the patient happened to blink.
    this.paintEyes(this.incoming.eyes, 'calm', true);
    if (companion)
      for (const closed of [false, true]) for (const mood of MOODS) this.paintCompanionFace(mood, closed);
    this.showFeatures();
    this.setSize(2 * (fig.geo.shoulderW + 10), PORTRAIT_HEIGHT);
    markLive(this, () => this.paintArea());
    // What a turn changes (the face, a flinch) is drawn on the head's own rectangle, not the portrait's:
    // the head's images wherever a flinch or a bounce takes them, in the figure's coordinates.
    for (const part of [this.head, this.headBack])
      markLive(part, () => around(imagesArea(part), 0, -180, 14), true);
    if (companion) markLive(companion.container, () => around(imagesArea(companion.container), 0, 0, 4));
    this.startIdle();
  }

  // -------------------------------------------------------------------------------------------
  // Public API
  // -------------------------------------------------------------------------------------------

  getExpression(): Expression {
    return this.expression;
  }

  /** Change the face: a short cross-fade unless `animate` is false or reduced motion is on. */
  setExpression(expression: Expression, animate = true): this {
    if (!EXPRESSION_PARAMS[expression]) return this;
    this.finishFade();
    if (expression === this.expression) return this;
    this.expression = expression;
    if (!animate || this.reducedMotion || !this.scene) {
      this.showFeatures();
      return this;
    }
    // The new face fades in over the old one; the companion's face follows at once.
    this.eyesClosed = false;
    this.paintEyes(this.incoming.eyes, expression, false);
    this.paintExpression(this.incoming.rest, expression);
    for (const image of [this.incoming.eyes, this.incoming.rest]) image.setAlpha(0).setVisible(true);
    this.showCompanionFeatures();
    this.holdBreath();
    const tween = this.scene.tweens.add({
      targets: [this.incoming.eyes, this.incoming.rest],
      alpha: 1,
      duration: EXPRESSION_FADE_MS,
      ease: 'Sine.easeInOut',
      onComplete: () => {
        this.forget(tween);
        if (this.exprTween === tween) this.exprTween = null;
        if (this.active) this.showFeatures();
        this.breatheAgain();
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
      this.eyesClosed = false;
      this.resetPose();
      this.showFeatures();
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
    this.holdBreath();
    const tween = this.scene.tweens.add({
      targets: [this.head, this.headBack],
      x: [-6, 5, -4, 3, -1, 0],
      rotation: [-0.035, 0.02, -0.012, 0],
      duration: 380,
      ease: 'Linear',
      onComplete: () => {
        this.forget(tween);
        this.resetHead();
        this.breatheAgain();
      },
    });
    this.cueTween = this.own(tween);
    return this;
  }

  /** A small happy bounce (for a kind or helpful line). No-op under reduced motion. */
  brighten(): this {
    if (this.reducedMotion || !this.scene) return this;
    this.stopCue();
    this.holdBreath();
    const tween = this.scene.tweens.add({
      targets: [this.head, this.headBack],
      y: -190,
      duration: 170,
      ease: 'Quad.easeOut',
      yoyo: true,
      onComplete: () => {
        this.forget(tween);
        this.resetHead();
        this.breatheAgain();
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
  // Features: one baked texture per expression, eyes open or closed
  // -------------------------------------------------------------------------------------------

  /** The eyes' texture key and drawing; closed eyes look the same in every expression: one texture serves them all. */
  private eyesArt(expression: Expression, closed: boolean): [string, (p: Painter) => void] {
    return [
      `${this.key}:eyes:${closed ? 'closed' : expression}`,
      (p) => drawEyes(p, this.fig, EXPRESSION_PARAMS[expression], closed),
    ];
  }

  private expressionArt(expression: Expression): [string, (p: Painter) => void] {
    return [
      `${this.key}:expression:${expression}`,
      (p) => drawExpression(p, this.fig, EXPRESSION_PARAMS[expression]),
    ];
  }

  private paintEyes(image: Phaser.GameObjects.Image, expression: Expression, closed: boolean): void {
    showBaked(image, ...this.eyesArt(expression, closed), { scale: this.figureScale });
  }

  private paintExpression(image: Phaser.GameObjects.Image, expression: Expression): void {
    showBaked(image, ...this.expressionArt(expression), { scale: this.figureScale });
  }

  /**
   * Paints every other expression's face in the frames that follow, one per frame, so the turn that
   * first changes the face only shows it. Painting and uploading a new face in that turn's frame made the first reply of a
   * conversation the slowest interaction of all (112 ms against about 50 on a software renderer).
   */
  paintFacesAhead(): this {
    // The scene, not the portrait: the faces are painted even if the portrait is gone (paintLater).
    const scene = this.scene;
    if (!scene) return this;
    const faces = EXPRESSIONS.filter((e) => e !== this.expression).map((expression) => (): void => {
      for (const [key, draw] of [this.eyesArt(expression, false), this.expressionArt(expression)])
        bakedTexture(scene, key, draw, { scale: this.figureScale });
    });
    paintLater(scene, faces, { shown: false });
    return this;
  }

  /** Shows the current expression (eyes as they are) and the companion's matching face. */
  private showFeatures(): void {
    if (!this.scene) return;
    this.paintEyes(this.features.eyes, this.expression, this.eyesClosed);
    this.paintExpression(this.features.rest, this.expression);
    this.incoming.eyes.setVisible(false);
    this.incoming.rest.setVisible(false);
    this.showCompanionFeatures();
    invalidate(this.head);
  }

  private paintCompanionFace(mood: CompanionMood, closed: boolean): void {
    const companion = this.companion;
    if (!companion) return;
    showBaked(
      companion.features,
      `${this.key}:companion-face:${mood}:${closed ? 'closed' : 'open'}`,
      (p) => companion.drawing.face(p, companion.fig, mood, closed),
      { scale: companion.paintScale },
    );
    invalidate(companion.container);
  }

  private showCompanionFeatures(): void {
    const mood: CompanionMood =
      this.expression === 'calm' || this.expression === 'relieved' ? 'happy' : 'unsure';
    this.paintCompanionFace(mood, this.eyesClosed);
  }

  /** Ends a cross-fade that is still running, showing the current expression. */
  private finishFade(): void {
    if (!this.exprTween) return;
    this.stopTween(this.exprTween);
    this.exprTween = null;
    this.showFeatures();
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
    this.breatheAgain();
  }

  /**
   * Idle motion (breathing, the companion's bob) pauses while the head moves or changes on its own: those
   * frames redraw only the head's rectangle, and a body that kept breathing would be drawn at two sizes
   * on either side of its edge.
   */
  private holdBreath(): void {
    this.breathTween?.pause();
    this.bobTween?.pause();
  }

  private breatheAgain(): void {
    if (this.exprTween || this.cueTween || this.eyesClosed) return;
    this.breathTween?.resume();
    this.bobTween?.resume();
  }

  private startIdle(): void {
    if (this.reducedMotion || !this.scene) return;
    if (!this.breathTween) {
      const s = this.fig.age.scale;
      this.breathTween = this.own(
        markIdle(
          this.scene.tweens.add({
            targets: this.figure,
            scaleY: s * 1.012,
            scaleX: s * 1.004,
            duration: 2300,
            ease: 'Sine.easeInOut',
            yoyo: true,
            repeat: -1,
          }),
        ),
      );
      if (this.companion) {
        this.bobTween = this.own(
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
    // A blink waits for a change of expression to finish fading in.
    if (this.reducedMotion || !this.scene || !this.active || this.exprTween) return;
    this.eyesClosed = true;
    this.holdBreath();
    this.showFeatures();
    this.blinkOpenTimer?.remove(false);
    this.blinkOpenTimer = this.scene.time.delayedCall(120, () => {
      this.eyesClosed = false;
      if (!this.active) return;
      this.showFeatures();
      this.breatheAgain();
      if (double && this.scene) {
        this.blinkOpenTimer = this.scene.time.delayedCall(140, () => this.blink(false));
      }
    });
  }

  private stopAllMotion(): void {
    for (const tween of this.tweensOwned) tween.stop();
    this.tweensOwned.clear();
    this.breathTween = null;
    this.bobTween = null;
    this.exprTween = null;
    this.cueTween = null;
    this.blinkTimer?.remove(false);
    this.blinkOpenTimer?.remove(false);
    this.blinkTimer = null;
    this.blinkOpenTimer = null;
    if (this.scene) {
      const targets: Phaser.GameObjects.GameObject[] = [
        this.figure,
        this.head,
        this.headBack,
        this.incoming.eyes,
        this.incoming.rest,
      ];
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
}
