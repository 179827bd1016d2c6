import Phaser from 'phaser';
import type { Meters } from '../../engine';
import { drawBackdrop } from '../art';
import { PALETTE } from '../art/palette';
import { SCENES, type SceneData } from '../events';
import { announceReady } from './ready';

const CHART = { left: 84, top: 150, width: 430, height: 360 } as const;
const TEXT_STYLE = {
  fontFamily: 'system-ui, sans-serif',
  color: '#1b2631',
  resolution: window.devicePixelRatio || 1,
};

/** The meter history over the turns. Stress and trust differ by line style and marker shape, not colour alone. */
export class DebriefScene extends Phaser.Scene {
  constructor() {
    super(SCENES.debrief);
  }

  create(data: SceneData['debrief']): void {
    drawBackdrop(this, data.session.bundle.scenario.setting);
    const log = data.session.log();
    const first = log[0]?.before ?? data.session.view().meters;
    const series: Meters[] = [first, ...log.map((turn) => turn.after)];
    this.drawChart(series);
    announceReady(this);
  }

  private drawChart(series: Meters[]): void {
    const { left, top, width, height } = CHART;
    const card = this.add.graphics();
    card.fillStyle(0xfbfaf7, 1);
    card.fillRoundedRect(left - 64, top - 110, width + 100, height + 220, 14);
    this.add.text(left - 36, top - 82, 'How the patient felt, turn by turn', {
      ...TEXT_STYLE,
      fontSize: '24px',
      fontStyle: 'bold',
    });

    const axes = this.add.graphics();
    axes.lineStyle(1, 0xc9d2da, 1);
    for (let v = 0; v <= 100; v += 25) {
      const y = top + height - (v / 100) * height;
      axes.lineBetween(left, y, left + width, y);
      this.add.text(left - 12, y, String(v), { ...TEXT_STYLE, fontSize: '14px' }).setOrigin(1, 0.5);
    }
    axes.lineStyle(2, 0x3f4e5c, 1);
    axes.lineBetween(left, top, left, top + height);
    axes.lineBetween(left, top + height, left + width, top + height);

    const steps = Math.max(series.length - 1, 1);
    const x = (i: number): number => left + (i / steps) * width;
    const y = (v: number): number => top + height - (v / 100) * height;
    series.forEach((_, i) => {
      if (steps <= 12 || i % 2 === 0) {
        this.add
          .text(x(i), top + height + 10, i === 0 ? 'start' : String(i), { ...TEXT_STYLE, fontSize: '14px' })
          .setOrigin(0.5, 0);
      }
    });
    this.add
      .text(left + width / 2, top + height + 32, 'turn', { ...TEXT_STYLE, fontSize: '14px' })
      .setOrigin(0.5, 0);

    const lines = this.add.graphics();
    const stressPoints = series.map((m, i) => new Phaser.Math.Vector2(x(i), y(m.stress)));
    const trustPoints = series.map((m, i) => new Phaser.Math.Vector2(x(i), y(m.trust)));
    lines.lineStyle(4, PALETTE.stressFillDark, 1);
    for (let i = 1; i < stressPoints.length; i++) this.dashed(lines, stressPoints[i - 1], stressPoints[i]);
    lines.lineStyle(4, PALETTE.trustFillDark, 1);
    lines.strokePoints(trustPoints, false);
    for (const p of stressPoints) {
      lines.fillStyle(PALETTE.stressFillDark, 1);
      lines.fillTriangle(p.x, p.y - 8, p.x - 7, p.y + 5, p.x + 7, p.y + 5);
    }
    for (const p of trustPoints) {
      lines.fillStyle(PALETTE.trustFillDark, 1);
      lines.fillCircle(p.x, p.y, 6);
    }

    const legendY = top + height + 60;
    lines.lineStyle(4, PALETTE.stressFillDark, 1);
    this.dashed(lines, new Phaser.Math.Vector2(left, legendY), new Phaser.Math.Vector2(left + 40, legendY));
    lines.fillStyle(PALETTE.stressFillDark, 1);
    lines.fillTriangle(left + 20, legendY - 8, left + 13, legendY + 5, left + 27, legendY + 5);
    this.add
      .text(left + 50, legendY, 'Stress (dashed, triangles)', { ...TEXT_STYLE, fontSize: '16px' })
      .setOrigin(0, 0.5);
    lines.lineStyle(4, PALETTE.trustFillDark, 1);
    const trustY = legendY + 28;
    lines.lineBetween(left, trustY, left + 40, trustY);
    lines.fillStyle(PALETTE.trustFillDark, 1);
    lines.fillCircle(left + 20, trustY, 6);
    this.add
      .text(left + 50, trustY, 'Trust (solid, circles)', { ...TEXT_STYLE, fontSize: '16px' })
      .setOrigin(0, 0.5);
  }

  private dashed(
    g: Phaser.GameObjects.Graphics,
    a: Phaser.Math.Vector2 | undefined,
    b: Phaser.Math.Vector2 | undefined,
  ): void {
    if (!a || !b) return;
    const length = Phaser.Math.Distance.Between(a.x, a.y, b.x, b.y);
    const dash = 10;
    for (let d = 0; d < length; d += dash * 2) {
      const t0 = d / length;
      const t1 = Math.min((d + dash) / length, 1);
      g.lineBetween(
        a.x + (b.x - a.x) * t0,
        a.y + (b.y - a.y) * t0,
        a.x + (b.x - a.x) * t1,
        a.y + (b.y - a.y) * t1,
      );
    }
  }
}
