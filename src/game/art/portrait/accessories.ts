/**
 * What a look can wear or grow besides hair and clothes. A registry keyed by the look's yes/no fields
 * (`glasses: true`, `beard: true`): each says which layer it belongs to, so a beard moves with the face
 * and glasses sit over the front hair. A new field without a drawing fails to type-check and fails
 * tests/unit/portraitRegistries.test.ts.
 */
import { darken, lighten, mix } from '../color';
import { constant, fillPoly, type Pen, pt, quad, ribbon, spline, taper } from '../draw';
import type { Figure, PersonaLook } from './figure';

/** The look's yes/no fields. */
export type Accessory = {
  [K in keyof PersonaLook]-?: PersonaLook[K] extends boolean ? K : never;
}[keyof PersonaLook];

export interface AccessoryDrawing {
  /** 'face': on the head base, under the features; 'over': over the front hair. */
  layer: 'face' | 'over';
  draw(g: Pen, fig: Figure): void;
}

export const ACCESSORIES: Record<Accessory, AccessoryDrawing> = {
  beard: { layer: 'face', draw: drawBeard },
  glasses: { layer: 'over', draw: drawGlasses },
};

/** Draws the accessories the look wears that belong to `layer`. */
export function drawAccessories(g: Pen, fig: Figure, layer: AccessoryDrawing['layer']): void {
  for (const [name, accessory] of Object.entries(ACCESSORIES) as [Accessory, AccessoryDrawing][]) {
    if (fig.look[name] && accessory.layer === layer) accessory.draw(g, fig);
  }
}

function drawBeard(g: Pen, fig: Figure): void {
  const geo = fig.geo;
  const c = fig.col;
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

function drawGlasses(g: Pen, fig: Figure): void {
  const { eyeY, eyeDX, eyeScale, halfW } = fig.geo;
  const kind = fig.seed % 3;
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
