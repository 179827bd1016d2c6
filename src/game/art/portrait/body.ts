/**
 * The neck, shoulders and clothes, below the head. Tops are a registry: each gives its neckline (the
 * torso's silhouette is cut along it) and draws its own details over the torso.
 */
import { darken, lighten, luminance, mix } from '../color';
import { constant, fillPoly, mirror, type Pen, type Pt, pt, quad, ribbon, spline, taper } from '../draw';
import type { Figure } from './figure';

export type Top = 'crew' | 'vneck' | 'collar' | 'cardigan';

interface TopDrawing {
  /** Where the skin of the neck stops (y). */
  neckBottom: number;
  /** The neckline from the right shoulder to the left, for a neck of half-width `neckW`. */
  neckline(neckW: number): Pt[];
  /** Details over the torso: ribbing, collar, buttons. */
  details(g: Pen, fig: Figure): void;
}

const roundNeck =
  (depth: number) =>
  (neckW: number): Pt[] =>
    quad(pt(neckW + 9, 30), pt(0, 30 + depth * 2), pt(-neckW - 9, 30), 14);

const rib = (fig: Figure): number => darken(fig.col.top, 0.12);

export const TOPS: Record<Top, TopDrawing> = {
  crew: {
    neckBottom: 52,
    neckline: roundNeck(9),
    details(g, { geo: { neckW }, col }) {
      ribbon(
        g,
        quad(pt(-neckW - 9, 31), pt(0, 50), pt(neckW + 9, 31), 16),
        constant(6),
        darken(col.top, 0.12),
      );
      ribbon(
        g,
        quad(pt(-neckW - 7, 34), pt(0, 52), pt(neckW + 7, 34), 16),
        constant(1.2),
        col.topShade,
        0.6,
        false,
      );
    },
  },
  vneck: {
    neckBottom: 86,
    neckline: (neckW) => [pt(neckW + 12, 28), pt(0, 88), pt(-neckW - 12, 28)],
    details(g, fig) {
      const { neckW } = fig.geo;
      ribbon(g, [pt(-neckW - 12, 29), pt(0, 89)], constant(5), rib(fig));
      ribbon(g, [pt(0, 89), pt(neckW + 12, 29)], constant(5), rib(fig));
    },
  },
  collar: {
    neckBottom: 52,
    neckline: roundNeck(12),
    details(g, { geo: { neckW }, col: c }) {
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
    },
  },
  cardigan: {
    neckBottom: 52,
    neckline: roundNeck(9),
    details(g, fig) {
      // A cardigan over a light shirt.
      const { neckW } = fig.geo;
      const c = fig.col;
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
        ribbon(g, edge, constant(7), rib(fig), 1, false);
      }
      for (const by of [104, 136, 168]) {
        const bx = 10 + ((180 - by) / 150) * neckW - 2;
        g.fillStyle(darken(c.top, 0.35), 1);
        g.fillCircle(bx, by, 3);
        g.fillStyle(lighten(c.top, 0.3), 1);
        g.fillCircle(bx - 0.8, by - 0.8, 1);
      }
    },
  },
};

/** The top a look wears: a cardigan for the elderly, otherwise one of three picked by the look's seed. */
export function topOf(fig: Figure): Top {
  if (fig.age.wrinkles === 2) return 'cardigan';
  return (['crew', 'vneck', 'collar'] as const)[fig.seed % 3] ?? 'crew';
}

export function drawBody(g: Pen, fig: Figure): void {
  const { neckW, shoulderW: sw, chinY } = fig.geo;
  const c = fig.col;
  const top = TOPS[topOf(fig)];

  const neckBottom = top.neckBottom;
  fillPoly(
    g,
    [pt(-neckW, chinY - 40), pt(neckW, chinY - 40), pt(neckW + 3, 40), pt(0, neckBottom), pt(-neckW - 3, 40)],
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
  if (fig.age.wrinkles === 2) {
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

  // Torso silhouette. Loop: left bottom -> left shoulder -> neckline (left to right) -> right shoulder -> right bottom.
  const torsoRight: Pt[] = [
    ...quad(pt(neckW + 9, 30), pt(sw - 46, 52), pt(sw - 16, 88), 10).slice(1),
    ...quad(pt(sw - 16, 88), pt(sw + 2, 100), pt(sw + 4, 132), 8).slice(1),
    pt(sw + 8, 180),
  ];
  fillPoly(g, [...mirror(torsoRight), ...top.neckline(neckW).reverse(), ...torsoRight], c.top);

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
  top.details(g, fig);
}
