/**
 * Hair styles, keyed by the schema's `hairStyle`. Each draws into two layers: `back` (behind the head and
 * body: the volume, a ponytail, long hair over the shoulders) and `front` (over the face's top edge: the
 * cap, the fringe, curls along the hairline). A style in the schema without a drawing here fails to
 * type-check and fails tests/unit/portraitRegistries.test.ts, instead of drawing bald.
 */
import { darken, lighten, mix } from '../color';
import {
  arcPts,
  constant,
  ellipsePts,
  fillPoly,
  type Pen,
  type Pt,
  pt,
  quad,
  ribbon,
  spline,
  taper,
} from '../draw';
import type { Figure, HairStyle } from './figure';

export type HairDrawing = (back: Pen, front: Pen, fig: Figure) => void;

/** Lighter grey strands for older looks, following the given flow lines. */
function streaks(g: Pen, fig: Figure, lines: Pt[][]): void {
  const many = fig.age.streaks === 2;
  if (fig.age.streaks === 0) return;
  const count = many ? lines.length : Math.ceil(lines.length * 0.6);
  lines.slice(0, count).forEach((line) => {
    ribbon(g, spline(line, false, 6), taper(0.4, 2.6, 0.4), fig.col.streak, many ? 0.75 : 0.6);
  });
}

function hairShort(back: Pen, front: Pen, fig: Figure): void {
  const { halfW: w, eyeY, crownY, browY } = fig.geo;
  const c = fig.col;
  // Older hair sits flatter and the hairline recedes at the temples.
  const r = fig.age.recede;
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
  streaks(front, fig, [
    [pt(-w * 0.3, browY - 46), pt(w * 0.2, browY - 44), pt(w * 0.7, browY - 28)],
    [pt(-w * 0.85, crownY + 40), pt(-w * 0.9, browY - 10)],
    [pt(w * 0.85, crownY + 36), pt(w * 0.92, browY - 6)],
    [pt(-w * 0.2, crownY + 10), pt(w * 0.3, crownY + 16), pt(w * 0.85, crownY + 40)],
    [pt(-w * 0.3, crownY + 2), pt(-w * 0.7, browY - 22)],
  ]);
}

function hairCropped(_back: Pen, front: Pen, fig: Figure): void {
  const { halfW: w, eyeY, crownY, browY } = fig.geo;
  const c = fig.col;
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
    const a = ((fig.seed >> (i % 20)) & 7) / 7;
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
  streaks(front, fig, [
    [pt(-w * 0.8, crownY + 44), pt(-w * 0.85, browY - 12)],
    [pt(w * 0.8, crownY + 44), pt(w * 0.85, browY - 12)],
  ]);
}

function hairBald(back: Pen, front: Pen, fig: Figure): void {
  const { halfW: w, eyeY, crownY, browY } = fig.geo;
  const c = fig.col;
  if (fig.age.recede > 0) {
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

function hairLong(back: Pen, front: Pen, fig: Figure): void {
  const { halfW: w, eyeY, crownY, browY, chinY } = fig.geo;
  const c = fig.col;
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
  streaks(front, fig, [
    [pt(-w * 0.2, crownY - 4), pt(-w * 0.9, crownY + 40), pt(-w - 6, eyeY + 20)],
    [pt(w * 0.2, crownY - 4), pt(w * 0.9, crownY + 40), pt(w + 7, eyeY + 24)],
    [pt(-w - 2, browY), pt(-w - 10, chinY), pt(-w - 10, 60)],
    [pt(w + 2, browY), pt(w + 10, chinY), pt(w + 12, 64)],
    [pt(-w * 0.5, crownY + 2), pt(-w * 0.75, browY - 22)],
  ]);
}

/** Hair pulled back: a bun on top, or a ponytail swinging out behind one side. */
function hairBack(back: Pen, front: Pen, fig: Figure, kind: 'bun' | 'ponytail'): void {
  const { halfW: w, eyeY, crownY, browY, chinY } = fig.geo;
  const c = fig.col;
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
  streaks(front, fig, [
    [pt(-w * 0.3, browY - 34), pt(-w * 0.25, crownY + 10), pt(-w * 0.05, crownY - 6)],
    [pt(w * 0.3, browY - 34), pt(w * 0.25, crownY + 10), pt(w * 0.05, crownY - 6)],
    [pt(-w * 0.8, browY - 20), pt(-w * 0.75, crownY + 22)],
    [pt(w * 0.8, browY - 20), pt(w * 0.75, crownY + 22)],
  ]);
}

function hairCurly(back: Pen, front: Pen, fig: Figure): void {
  const { halfW: w, eyeY, crownY, browY, mouthY } = fig.geo;
  const c = fig.col;
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
    back.fillCircle(b.x, b.y, 15 + ((fig.seed >> i) & 3) * 1.5);
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
    const r = 9 + ((fig.seed >> (i + 3)) & 3);
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
  if (fig.age.streaks > 0) {
    const n = fig.age.streaks === 2 ? 16 : 9;
    for (let i = 0; i < n; i++) {
      const x = -w * 0.85 + ((i * 0.53) % 1) * w * 1.7;
      const y = crownY + 2 + ((i * 0.71) % 1) * 48;
      ribbon(front, arcPts(x, y, 4, 0.7 * i, 0.7 * i + Math.PI, 6), taper(0.3, 1.8, 0.3), c.streak, 0.8);
    }
  }
}

export const HAIR_STYLES: Record<HairStyle, HairDrawing> = {
  short: hairShort,
  long: hairLong,
  bun: (back, front, fig) => hairBack(back, front, fig, 'bun'),
  ponytail: (back, front, fig) => hairBack(back, front, fig, 'ponytail'),
  curly: hairCurly,
  cropped: hairCropped,
  bald: hairBald,
};
