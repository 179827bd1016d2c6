/**
 * MeterBar: the stress / trust meter drawn on the canvas.
 *
 * (x, y) is the top-left corner; the meter is `width` wide and METER_HEIGHT tall, on its own light card so the
 * dark text keeps its contrast over any backdrop. It reads without colour: a label, a number, a word band
 * (stressWord / trustWord), a different icon (bolt vs shield) and fill pattern (diagonal hatch vs dots), and
 * a different end marker (triangle vs circle, matching the debrief chart).
 */
import * as Phaser from 'phaser';
import { stressWord, trustWord } from '../../engine/runtime/expression';
import { invalidate, markLive } from '../renderOnDemand';
import { darken, lighten } from './color';
import { fillPoly, type Pt, pt, ribbon, taper } from './draw';
import { prefersReducedMotion } from './motion';
import { makeText, PALETTE, TEXT } from './palette';

export type MeterKind = 'stress' | 'trust';

export const METER_HEIGHT = 60;

const BAR_Y = 38;
const BAR_H = 12;
const PAD = 12;
/** How often (ms) the number may be re-rendered while the fill animates (Text re-uploads its texture). */
const TEXT_THROTTLE_MS = 120;

const clamp = (v: number): number => Math.max(0, Math.min(100, Number.isFinite(v) ? v : 0));

export class MeterBar extends Phaser.GameObjects.Container {
  readonly kind: MeterKind;
  readonly barWidth: number;
  private value: number;
  private shown: number;
  /** Starts from the OS preference; the app overrides it with setReducedMotion(). */
  private reducedMotion = prefersReducedMotion();

  private readonly fill: Phaser.GameObjects.Graphics;
  private readonly numberText: Phaser.GameObjects.Text;
  private readonly wordText: Phaser.GameObjects.Text;
  private readonly tweensOwned = new Set<Phaser.Tweens.Tween>();
  private readonly timersOwned = new Set<Phaser.Time.TimerEvent>();
  private readonly popups = new Set<Phaser.GameObjects.Container>();
  private valueTween: Phaser.Tweens.Tween | null = null;
  private lastTextAt = 0;

  constructor(scene: Phaser.Scene, x: number, y: number, kind: MeterKind, value: number, width = 260) {
    super(scene, x, y);
    this.kind = kind;
    this.barWidth = Math.max(160, width);
    this.value = clamp(value);
    this.shown = this.value;
    this.setName(`meter-${kind}`);
    const w = this.barWidth;

    const card = scene.make.graphics({}, false);
    card.fillStyle(PALETTE.shadow, 0.08);
    card.fillRoundedRect(1, 3, w, METER_HEIGHT, 10);
    card.fillStyle(PALETTE.paper, 0.96);
    card.fillRoundedRect(0, 0, w, METER_HEIGHT, 10);
    card.lineStyle(1, PALETTE.line, 1);
    card.strokeRoundedRect(0.5, 0.5, w - 1, METER_HEIGHT - 1, 10);
    this.drawIcon(card, PAD + 8, 19);
    this.drawTrack(card);

    // The label, the number and its word share the card's top row.
    const label = makeText(scene, PAD + 22, 19, kind === 'stress' ? 'Stress' : 'Trust', {
      size: 15,
      bold: true,
    }).setOrigin(0, 0.5);
    this.numberText = makeText(scene, 0, 19, '', { size: 15, bold: true }).setOrigin(1, 0.5);
    this.wordText = makeText(scene, w - PAD, 19, '', { size: 13, color: TEXT.muted }).setOrigin(1, 0.5);

    this.fill = scene.make.graphics({}, false);
    this.add([card, this.fill, label, this.numberText, this.wordText]);
    this.setSize(w, METER_HEIGHT);
    // The card, its shadow and the floating delta labels all stay inside the card's area.
    markLive(this, () => ({ x: -6, y: -6, width: this.barWidth + 12, height: METER_HEIGHT + 12 }));
    this.drawFill(this.shown);
    this.updateText(this.value);
  }

  getValue(): number {
    return this.value;
  }

  /** Move the meter to `value` (0..100). Animated (~450 ms, ease out) with a floating delta unless told not to. */
  setValue(value: number, animate = true): this {
    const next = Math.round(clamp(value));
    const delta = next - Math.round(this.value);
    this.value = next;
    this.stopValueTween();
    if (!animate || this.reducedMotion || !this.scene) {
      this.shown = next;
      this.drawFill(next);
      this.updateText(next);
      if (delta !== 0 && animate && this.scene) this.popDelta(delta);
      return this;
    }
    if (delta !== 0) this.popDelta(delta);
    const from = this.shown;
    this.lastTextAt = 0;
    const tween = this.scene.tweens.addCounter({
      from,
      to: next,
      duration: 450,
      ease: 'Cubic.easeOut',
      onUpdate: (tw) => {
        if (!this.active) return;
        this.shown = tw.getValue() ?? next;
        this.drawFill(this.shown);
        const now = this.scene?.time.now ?? 0;
        if (now - this.lastTextAt >= TEXT_THROTTLE_MS) {
          this.lastTextAt = now;
          this.updateText(this.shown);
        }
      },
      onComplete: () => {
        this.tweensOwned.delete(tween);
        if (this.valueTween === tween) this.valueTween = null;
        this.shown = next;
        if (!this.active) return;
        this.drawFill(next);
        this.updateText(next);
      },
    });
    this.valueTween = tween;
    this.tweensOwned.add(tween);
    return this;
  }

  /** With reduced motion on, value changes are instant and the delta label does not float. */
  setReducedMotion(on: boolean): this {
    this.reducedMotion = on;
    if (on && this.valueTween) {
      this.stopValueTween();
      this.shown = this.value;
      this.drawFill(this.value);
      this.updateText(this.value);
    }
    return this;
  }

  override destroy(fromScene?: boolean): void {
    for (const tween of this.tweensOwned) tween.stop();
    this.tweensOwned.clear();
    this.valueTween = null;
    for (const timer of this.timersOwned) timer.remove(false);
    this.timersOwned.clear();
    if (this.scene) this.scene.tweens.killTweensOf([...this.popups]);
    this.popups.clear();
    super.destroy(fromScene);
  }

  // -------------------------------------------------------------------------------------------

  private stopValueTween(): void {
    if (!this.valueTween) return;
    this.tweensOwned.delete(this.valueTween);
    this.valueTween.stop();
    this.valueTween = null;
  }

  private colors() {
    return this.kind === 'stress'
      ? { fill: PALETTE.stressFill, dark: PALETTE.stressFillDark, track: PALETTE.stressTrack }
      : { fill: PALETTE.trustFill, dark: PALETTE.trustFillDark, track: PALETTE.trustTrack };
  }

  private trackRect() {
    return { x: PAD, y: BAR_Y, w: this.barWidth - 2 * PAD, h: BAR_H };
  }

  private drawIcon(g: Phaser.GameObjects.Graphics, cx: number, cy: number): void {
    const { dark } = this.colors();
    if (this.kind === 'stress') {
      // Lightning bolt.
      const bolt: Pt[] = [pt(2, -8), pt(-5, 1), pt(-0.5, 1), pt(-2.5, 8), pt(5, -2), pt(0.5, -2), pt(3, -8)];
      fillPoly(
        g,
        bolt.map((p) => pt(cx + p.x, cy + p.y)),
        dark,
      );
    } else {
      // Shield with a check mark.
      const shield: Pt[] = [pt(0, -8), pt(7, -5.5), pt(6.5, 1.5), pt(0, 8), pt(-6.5, 1.5), pt(-7, -5.5)];
      fillPoly(
        g,
        shield.map((p) => pt(cx + p.x, cy + p.y)),
        dark,
      );
      ribbon(
        g,
        [pt(cx - 3, cy - 0.5), pt(cx - 0.8, cy + 2.2), pt(cx + 3.4, cy - 3)],
        () => 1.8,
        PALETTE.paper,
        1,
      );
    }
  }

  private drawTrack(g: Phaser.GameObjects.Graphics): void {
    const { track } = this.colors();
    const r = this.trackRect();
    g.fillStyle(track, 1);
    g.fillRoundedRect(r.x, r.y, r.w, r.h, r.h / 2);
    g.lineStyle(1, darken(track, 0.12), 1);
    g.strokeRoundedRect(r.x, r.y, r.w, r.h, r.h / 2);
    // Quarter ticks under the bar.
    g.fillStyle(PALETTE.inkSoft, 0.7);
    for (const q of [0.25, 0.5, 0.75]) g.fillRect(r.x + r.w * q - 0.5, r.y + r.h + 2, 1, 4);
  }

  private drawFill(value: number): void {
    const g = this.fill;
    if (!g.scene) return;
    g.clear();
    invalidate(this);
    const { fill, dark } = this.colors();
    const r = this.trackRect();
    const fw = (r.w * clamp(value)) / 100;
    if (fw < 0.5) {
      this.drawMarker(g, r.x, r.y + r.h / 2, dark);
      return;
    }
    const rad = Math.min(r.h / 2, fw / 2);
    g.fillStyle(fill, 1);
    g.fillRoundedRect(r.x, r.y, fw, r.h, rad);
    const x0 = r.x + rad * 0.6;
    const x1 = r.x + fw - rad * 0.6;
    if (this.kind === 'stress') {
      // Diagonal hatch, clipped by clamping x to the fill.
      const light = lighten(fill, 0.45);
      for (let sx = r.x - r.h; sx < r.x + fw; sx += 7) {
        const quad = [pt(sx, r.y + r.h), pt(sx + r.h, r.y), pt(sx + r.h + 3, r.y), pt(sx + 3, r.y + r.h)].map(
          (p) => pt(Math.max(x0, Math.min(x1, p.x)), p.y),
        );
        if (
          Math.abs((quad[1]?.x ?? 0) - (quad[0]?.x ?? 0)) + Math.abs((quad[2]?.x ?? 0) - (quad[3]?.x ?? 0)) <
          0.5
        )
          continue;
        fillPoly(g, quad, light, 0.55);
      }
    } else {
      // Dots.
      g.fillStyle(lighten(fill, 0.55), 0.75);
      for (let dx = r.x + 6; dx < r.x + fw - 3; dx += 8) g.fillCircle(dx, r.y + r.h / 2, 1.6);
    }
    // A soft top highlight.
    ribbon(
      g,
      [pt(x0, r.y + 2.5), pt(Math.max(x0, x1), r.y + 2.5)],
      taper(0.5, 1.6, 0.5),
      0xffffff,
      0.35,
      false,
    );
    this.drawMarker(g, r.x + fw, r.y + r.h / 2, dark);
  }

  /** End marker: a triangle for stress, a circle for trust (the same shapes as the debrief chart). */
  private drawMarker(g: Phaser.GameObjects.Graphics, x: number, y: number, color: number): void {
    g.fillStyle(PALETTE.paper, 1);
    if (this.kind === 'stress') {
      g.fillTriangle(x, y - 10, x - 9, y + 7, x + 9, y + 7);
      g.fillStyle(color, 1);
      g.fillTriangle(x, y - 7, x - 6.5, y + 5, x + 6.5, y + 5);
    } else {
      g.fillCircle(x, y, 8.5);
      g.fillStyle(color, 1);
      g.fillCircle(x, y, 6);
    }
  }

  private updateText(value: number): void {
    const v = Math.round(clamp(value));
    const num = String(v);
    const word = this.kind === 'stress' ? stressWord(v) : trustWord(v);
    if (this.wordText.text !== word) this.wordText.setText(word);
    if (this.numberText.text !== num) this.numberText.setText(num);
    invalidate(this);
    this.numberText.setX(this.wordText.x - this.wordText.width - 8);
  }

  private popDelta(delta: number): void {
    if (!this.scene) return;
    // For stress, going up is bad; for trust, going up is good.
    const good = this.kind === 'stress' ? delta < 0 : delta > 0;
    const color = good ? PALETTE.good : PALETTE.bad;
    const label = `${delta > 0 ? '+' : '\u2212'}${Math.abs(delta)}`;
    // Beside the end marker, on the bar line, so it covers neither the marker nor the readout.
    const r = this.trackRect();
    const mx = r.x + (r.w * this.value) / 100;
    const px = mx + 34 <= r.x + r.w - 4 ? mx + 34 : mx - 34;
    const py = BAR_Y + BAR_H / 2;
    const pop = this.scene.make.container({ x: px, y: py }, false);
    const text = makeText(this.scene, 0, 0, label, { bold: true, color: good ? TEXT.good : TEXT.bad });
    text.setOrigin(0.5);
    const bg = this.scene.make.graphics({}, false);
    const bw = text.width + 14;
    bg.fillStyle(PALETTE.paper, 1);
    bg.fillRoundedRect(-bw / 2, -11, bw, 22, 11);
    bg.lineStyle(1.5, color, 1);
    bg.strokeRoundedRect(-bw / 2, -11, bw, 22, 11);
    pop.add([bg, text]);
    this.add(pop);
    this.popups.add(pop);
    const remove = () => {
      this.popups.delete(pop);
      invalidate(this);
      pop.destroy();
    };
    if (this.reducedMotion) {
      // Shown in place, no float; removed after a moment.
      const timer = this.scene.time.delayedCall(1400, () => {
        this.timersOwned.delete(timer);
        remove();
      });
      this.timersOwned.add(timer);
      return;
    }
    pop.setAlpha(0);
    const tween = this.scene.tweens.add({
      targets: pop,
      y: { from: py, to: py - 22 },
      alpha: { from: 1, to: 0, ease: 'Quad.easeIn' },
      duration: 1100,
      ease: 'Cubic.easeOut',
      onComplete: () => {
        this.tweensOwned.delete(tween);
        remove();
      },
    });
    this.tweensOwned.add(tween);
  }
}
