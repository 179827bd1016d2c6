/**
 * The neck, shoulders and clothes, below the head. Tops are a registry keyed by the schema's `outfit`:
 * each gives its neckline (the torso's silhouette is cut along it), may draw behind the neck (a hood)
 * and draws its own details over the torso. An outfit in the schema without a drawing fails to
 * type-check and fails tests/unit/portraitRegistries.test.ts.
 */
import { darken, lighten, luminance, mix } from '../color';
import { constant, fillPoly, mirror, type Pen, type Pt, pt, quad, ribbon, spline, taper } from '../draw';
import type { Figure, PersonaLook } from './figure';

export type Top = NonNullable<PersonaLook['outfit']>;

interface TopDrawing {
  /** Where the skin of the neck stops (y). */
  neckBottom: number;
  /** The neckline from the right shoulder to the left, for a neck of half-width `neckW`. */
  neckline(neckW: number): Pt[];
  /** Drawn before the neck, so the neck covers it (a hood). */
  behind?(g: Pen, fig: Figure): void;
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
  tee: {
    neckBottom: 46,
    neckline: roundNeck(6),
    details(g, fig) {
      const { neckW, shoulderW: sw } = fig.geo;
      const c = fig.col;
      ribbon(g, quad(pt(-neckW - 9, 31), pt(0, 43), pt(neckW + 9, 31), 16), constant(4), rib(fig));
      // A printed star on the chest.
      const cx = -sw * 0.3;
      const cy = 122;
      const star = Array.from({ length: 10 }, (_, i) => {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const r = i % 2 === 0 ? 17 : 7.5;
        return pt(cx + Math.cos(a) * r, cy + Math.sin(a) * r);
      });
      fillPoly(g, star, luminance(c.top) > 0.45 ? darken(c.top, 0.45) : lighten(c.top, 0.7));
    },
  },
  hoodie: {
    neckBottom: 50,
    neckline: roundNeck(10),
    behind(g, { geo: { neckW, chinY }, col }) {
      // The hood, bunched behind the neck and rising to the jaw on both sides.
      const hood = [
        pt(-neckW - 26, 40),
        ...quad(pt(-neckW - 26, 40), pt(-neckW - 18, chinY - 4), pt(-neckW + 4, chinY - 6), 8),
        ...quad(pt(neckW - 4, chinY - 6), pt(neckW + 18, chinY - 4), pt(neckW + 26, 40), 8),
      ];
      fillPoly(g, hood, col.topShade);
    },
    details(g, fig) {
      const { neckW } = fig.geo;
      const c = fig.col;
      // The hood's rim around the neckline, and the drawstrings.
      ribbon(
        g,
        quad(pt(-neckW - 12, 30), pt(0, 54), pt(neckW + 12, 30), 16),
        constant(9),
        darken(c.top, 0.22),
      );
      ribbon(
        g,
        quad(pt(-neckW - 10, 33), pt(0, 52), pt(neckW + 10, 33), 16),
        constant(2),
        c.topLight,
        0.7,
        false,
      );
      for (const s of [-1, 1]) {
        const string = quad(pt(s * 9, 52), pt(s * 12, 80), pt(s * 10, 108), 8);
        ribbon(g, string, constant(2.4), lighten(c.top, 0.55));
        g.fillStyle(c.topShade, 1);
        g.fillRoundedRect(s * 10 - 2.2, 106, 4.4, 9, 1.5);
      }
    },
  },
  'hi-vis': {
    neckBottom: 52,
    neckline: roundNeck(9),
    details(g, fig) {
      const { neckW, shoulderW: sw } = fig.geo;
      ribbon(g, quad(pt(-neckW - 9, 31), pt(0, 50), pt(neckW + 9, 31), 16), constant(5), rib(fig));
      // A safety vest over the shirt: two fluorescent panels open at the front, reflective bands
      // over the shoulders and across the chest.
      const vest = 0xd4e430;
      const edge = darken(vest, 0.22);
      const silver = 0xc9ced3;
      for (const s of [-1, 1]) {
        const panel = [
          pt(s * (neckW + 12), 30),
          ...quad(pt(s * (neckW + 12), 30), pt(s * (sw - 50), 48), pt(s * (sw - 26), 74), 8).slice(1),
          ...quad(pt(s * (sw - 26), 74), pt(s * (sw - 40), 116), pt(s * (sw - 22), 180), 8).slice(1),
          pt(s * 12, 180),
          pt(s * 12, 96),
          pt(s * (neckW + 4), 50),
        ];
        fillPoly(g, panel, vest);
        ribbon(g, [...panel, panel[0] as Pt], constant(2), edge, 1, false);
        // Over the shoulder, then across the chest.
        const x = s * (neckW + 30);
        fillPoly(g, [pt(x - 9, 36), pt(x + 9, 38), pt(x + 9, 132), pt(x - 9, 132)], silver);
        ribbon(g, [pt(x, 40), pt(x, 130)], constant(2.5), lighten(silver, 0.5), 0.9, false);
        const inner = s * 13;
        const outer = s * (sw - 31);
        fillPoly(g, [pt(inner, 132), pt(outer, 132), pt(outer + s * 2, 150), pt(inner, 150)], silver);
        ribbon(g, [pt(inner, 141), pt(outer, 141)], constant(2.5), lighten(silver, 0.5), 0.9, false);
      }
      // The zip's pull on the right panel.
      g.fillStyle(darken(vest, 0.45), 1);
      g.fillRoundedRect(13, 112, 5, 11, 2);
    },
  },
};

/**
 * The top a look wears: its `outfit`, or else a cardigan for the elderly, a tee for a child, and one of
 * three picked by the look's seed for everyone else.
 */
export function topOf(fig: Figure): Top {
  if (fig.look.outfit) return fig.look.outfit;
  if (fig.age.wrinkles === 2) return 'cardigan';
  if (fig.look.age === 'child') return 'tee';
  return (['crew', 'vneck', 'collar'] as const)[fig.seed % 3] ?? 'crew';
}

export function drawBody(g: Pen, fig: Figure): void {
  const { neckW, shoulderW: sw, chinY } = fig.geo;
  const c = fig.col;
  const top = TOPS[topOf(fig)];

  top.behind?.(g, fig);
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
