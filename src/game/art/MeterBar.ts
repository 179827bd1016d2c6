/**
 * MeterBar: the stress / trust meter drawn on the canvas.
 *
 * (x, y) is the top-left corner; the meter is `width` wide and METER_HEIGHT tall, on its own light card so the
 * dark text keeps its contrast over any backdrop. It reads without colour: a label, a number, a word band
 * (stressWord / trustWord), a different icon (bolt vs shield) and fill pattern (diagonal hatch vs dots), and
 * a different end marker (triangle vs circle, matching the debrief chart).
 *
 * The card, the fill along the whole track, the fill's rounded end, the marker and each floating delta
 * label are baked textures (bake.ts): moving the meter crops the fill and moves its end and the marker,
 * with no path redrawn.
 */
import Phaser from 'phaser';
import { stressWord, trustWord } from '../../engine/runtime/expression';
import { invalidate, markLive } from '../renderOnDemand';
import { bakedImage } from './bake';
import { labelWidth } from './canvasPen';
import { darken, lighten } from './color';
import { fillPoly, type Pen, type Pt, pt, ribbon, taper } from './draw';
import { prefersReducedMotion } from './motion';
import { makeText, PALETTE, TEXT } from './palette';

export type MeterKind = 'stress' | 'trust';

export const METER_HEIGHT = 60;

const BAR_Y = 38;
const BAR_H = 12;
const PAD = 12;
/** The fill's rounded end: a pill as wide as the bar is tall. */
const END = BAR_H;
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

  /** The fill along the whole track, cropped to the value. */
  private readonly fill: Phaser.GameObjects.Image;
  /** The fill's rounded end, at the value. */
  private readonly fillEnd: Phaser.GameObjects.Image;
  private readonly marker: Phaser.GameObjects.Image;
  /** Where the marker's texture sits against the marker's centre. */
  private readonly markerOffset: Pt;
  private readonly numberText: Phaser.GameObjects.Text;
  private readonly wordText: Phaser.GameObjects.Text;
  private readonly tweensOwned = new Set<Phaser.Tweens.Tween>();
  private readonly timersOwned = new Set<Phaser.Time.TimerEvent>();
  private readonly popups = new Set<Phaser.GameObjects.Image>();
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
    const r = this.trackRect();
    const { fill, dark } = this.colors();

    const card = bakedImage(scene, `meter:${kind}:card:${w}`, (g) => {
      g.fillStyle(PALETTE.shadow, 0.08);
      g.fillRoundedRect(1, 3, w, METER_HEIGHT, 10);
      g.fillStyle(PALETTE.paper, 0.96);
      g.fillRoundedRect(0, 0, w, METER_HEIGHT, 10);
      g.lineStyle(1, PALETTE.line, 1);
      g.strokeRoundedRect(0.5, 0.5, w - 1, METER_HEIGHT - 1, 10);
      this.drawIcon(g, PAD + 8, 19);
      this.drawTrack(g);
      const label = kind === 'stress' ? 'Stress' : 'Trust';
      g.text(PAD + 22, 19, label, { size: 15, bold: true, color: TEXT.ink }, 0, 0.5);
    });
    const bar = { x: r.x, y: r.y, width: r.w, height: r.h };
    this.fill = bakedImage(scene, `meter:${kind}:fill:${w}`, (g) => this.drawFill(g), { area: bar });
    this.fillEnd = bakedImage(
      scene,
      `meter:${kind}:fill-end`,
      (g) => {
        g.fillStyle(fill, 1);
        g.fillRoundedRect(0, r.y, END, r.h, r.h / 2);
      },
      { area: { x: 0, y: r.y, width: END, height: r.h } },
    );
    this.marker = bakedImage(scene, `meter:${kind}:marker`, (g) => this.drawMarker(g, dark));
    this.markerOffset = pt(this.marker.x, this.marker.y);

    // The number and its word share the card's top row with the label.
    this.numberText = makeText(scene, 0, 19, '', { size: 15, bold: true }).setOrigin(1, 0.5);
    this.wordText = makeText(scene, w - PAD, 19, '', { size: 13, color: TEXT.muted }).setOrigin(1, 0.5);

    this.add([card, this.fill, this.fillEnd, this.marker, this.numberText, this.wordText]);
    this.setSize(w, METER_HEIGHT);
    // The card, its shadow and the floating delta labels all stay inside the card's area.
    markLive(this, () => ({ x: -6, y: -6, width: this.barWidth + 12, height: METER_HEIGHT + 12 }));
    this.showFill(this.shown);
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
      this.showFill(next);
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
        this.showFill(this.shown);
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
        this.showFill(next);
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
      this.showFill(this.value);
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

  /** Shows the fill up to `value`: the whole fill cropped, its rounded end and the marker moved there. */
  private showFill(value: number): void {
    if (!this.scene) return;
    invalidate(this);
    const r = this.trackRect();
    const fw = (r.w * clamp(value)) / 100;
    const shown = fw >= 0.5;
    // The fill runs under the middle of its end; an end longer than the fill is cut at the track's start.
    this.fill.setVisible(shown).setCrop(0, 0, Math.max(0, fw - END / 2), r.h);
    const cut = Math.max(0, END - fw);
    this.fillEnd
      .setVisible(shown)
      .setX(r.x + fw - END)
      .setCrop(cut, 0, END - cut, r.h);
    this.marker.setPosition(r.x + fw + this.markerOffset.x, r.y + r.h / 2 + this.markerOffset.y);
  }

  private drawIcon(g: Pen, cx: number, cy: number): void {
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

  private drawTrack(g: Pen): void {
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

  /** The fill along the whole track: its colour, its pattern and a soft top highlight. */
  private drawFill(g: Pen): void {
    const { fill } = this.colors();
    const r = this.trackRect();
    const rad = r.h / 2;
    g.fillStyle(fill, 1);
    g.fillRoundedRect(r.x, r.y, r.w, r.h, rad);
    const x0 = r.x + rad * 0.6;
    const x1 = r.x + r.w - rad * 0.6;
    if (this.kind === 'stress') {
      // Diagonal hatch, clipped by clamping x to the fill.
      const light = lighten(fill, 0.45);
      for (let sx = r.x - r.h; sx < r.x + r.w; sx += 7) {
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
      for (let dx = r.x + 6; dx < r.x + r.w - 3; dx += 8) g.fillCircle(dx, r.y + r.h / 2, 1.6);
    }
    // A soft top highlight.
    ribbon(g, [pt(x0, r.y + 2.5), pt(x1, r.y + 2.5)], taper(0.5, 1.6, 0.5), 0xffffff, 0.35, false);
  }

  /** End marker, centred on (0, 0): a triangle for stress, a circle for trust (as on the debrief chart). */
  private drawMarker(g: Pen, color: number): void {
    g.fillStyle(PALETTE.paper, 1);
    if (this.kind === 'stress') {
      g.fillTriangle(0, -10, -9, 7, 9, 7);
      g.fillStyle(color, 1);
      g.fillTriangle(0, -7, -6.5, 5, 6.5, 5);
    } else {
      g.fillCircle(0, 0, 8.5);
      g.fillStyle(color, 1);
      g.fillCircle(0, 0, 6);
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
    // A pill centred on (0, 0), baked once per label and colour.
    const style = { size: 14, bold: true, color: good ? TEXT.good : TEXT.bad };
    const pop = bakedImage(this.scene, `meter:delta:${label}:${good ? 'good' : 'bad'}`, (g) => {
      const bw = Math.round(labelWidth(label, style)) + 14;
      g.fillStyle(PALETTE.paper, 1);
      g.fillRoundedRect(-bw / 2, -11, bw, 22, 11);
      g.lineStyle(1.5, color, 1);
      g.strokeRoundedRect(-bw / 2, -11, bw, 22, 11);
      g.text(0, 0, label, style, 0.5, 0.5);
    });
    const offset = pt(pop.x, pop.y);
    pop.setPosition(px + offset.x, py + offset.y);
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
      y: { from: py + offset.y, to: py + offset.y - 22 },
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
