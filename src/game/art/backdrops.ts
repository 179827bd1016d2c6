/**
 * Setting backdrops, drawn in a flat vector style on a 1280 x 720 design canvas and baked into one
 * texture per setting (bake.ts), shown as a single Image.
 *
 * Composition: the patient portrait stands at PORTRAIT_ANCHOR (x 330, y 420); its shoulders are cut straight
 * at FOREGROUND_Y (y 600), which is where every backdrop puts its foreground edge (counter, bed, desk, call
 * card), so the figure reads as standing behind it. Detail lives on the left ~45 %; the right ~55 % (under the
 * DOM panel) is kept to calm wall colour.
 */
import type Phaser from 'phaser';
import type { Setting } from '../../engine/authoring/schema';
import { bakedImage } from './bake';
import { labelWidth, type Painter, Recording } from './canvasPen';
import { darken, lighten, mix } from './color';
import {
  arcPts,
  constant,
  cornerMask,
  ellipsePts,
  fillPoly,
  type Pt,
  pt,
  quad,
  ribbon,
  spline,
  taper,
} from './draw';
import { PALETTE, TEXT, type TextLook } from './palette';

const W = 1280;
const H = 720;

/** Where the portrait is meant to stand (its centre). */
export const PORTRAIT_ANCHOR = { x: 330, y: 420 } as const;
/** The y of the foreground edge in every backdrop (= the portrait's bottom edge at PORTRAIT_ANCHOR). */
export const FOREGROUND_Y = 600;
/** Left edge of the DOM panel on the design canvas (the right 55 % is covered). */
export const PANEL_LEFT = Math.round(W * 0.45);

const FG = FOREGROUND_Y;

type G = Painter;

/** The layers of a backdrop in the order they are painted: shapes, with labels between them. */
interface Ctx {
  layers: Recording[];
}

/** The backdrop for a setting, as one Image at the top-left of the stage (not yet on a display list). */
export function drawBackdrop(scene: Phaser.Scene, setting: Setting): Phaser.GameObjects.Image {
  const image = bakedImage(scene, `backdrop:${setting}`, (painter) => paintBackdrop(painter, setting), {
    area: { x: 0, y: 0, width: W, height: H },
  });
  return image.setName(`backdrop-${setting}`);
}

function paintBackdrop(painter: Painter, setting: Setting): void {
  const ctx: Ctx = { layers: [] };
  switch (setting) {
    case 'front-desk':
      frontDesk(ctx);
      break;
    case 'phone-inbound':
      phoneCall(ctx, 'inbound');
      break;
    case 'phone-outbound':
      phoneCall(ctx, 'outbound');
      break;
    case 'ed-discharge':
      edDischarge(ctx);
      break;
    case 'counselor-office':
      counselorOffice(ctx);
      break;
    default:
      calmWall(gfx(ctx), PALETTE.wallCool, PALETTE.wallCoolDeep);
      break;
  }
  for (const layer of ctx.layers) layer.replay(painter);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/** A new layer of shapes over everything so far (labels written before it stay under it). */
function gfx(ctx: Ctx): G {
  const layer = new Recording();
  ctx.layers.push(layer);
  return layer;
}

/** A label over every layer so far; returns its width. */
function label(
  ctx: Ctx,
  x: number,
  y: number,
  text: string,
  opts: TextLook & { originX?: number; originY?: number } = {},
): number {
  const style = { size: opts.size ?? 14, bold: opts.bold, color: opts.color ?? TEXT.ink };
  gfx(ctx).text(x, y, text, style, opts.originX ?? 0, opts.originY ?? 0.5);
  return labelWidth(text, style);
}

function vgrad(
  g: G,
  x: number,
  y: number,
  w: number,
  h: number,
  top: number,
  bottom: number,
  alpha = 1,
): void {
  g.fillGradientStyle(top, top, bottom, bottom, alpha, alpha, alpha, alpha);
  g.fillRect(x, y, w, h);
}

function rrect(g: G, x: number, y: number, w: number, h: number, r: number, color: number, alpha = 1): void {
  g.fillStyle(color, alpha);
  g.fillRoundedRect(x, y, w, h, Math.min(r, w / 2, h / 2));
}

function rect(g: G, x: number, y: number, w: number, h: number, color: number, alpha = 1): void {
  g.fillStyle(color, alpha);
  g.fillRect(x, y, w, h);
}

/** Plain wall with a soft vertical gradient; the right side stays this calm. */
function calmWall(g: G, top: number, bottom: number): void {
  vgrad(g, 0, 0, W, H, top, bottom);
}

/** A soft drop shadow under an object. */
function shadow(g: G, cx: number, cy: number, rx: number, ry: number, alpha = 0.12): void {
  fillPoly(g, ellipsePts(cx, cy, rx, ry, 28), PALETTE.shadow, alpha);
}

function plant(g: G, x: number, baseY: number, s: number, potColor: number): void {
  const leaf = (a: number, len: number, wid: number, col: number, ox = 0) => {
    const bx = x + ox;
    const by = baseY - 62 * s;
    const tip = pt(bx + Math.cos(a) * len * s, by + Math.sin(a) * len * s);
    const mid = pt(bx + Math.cos(a) * len * s * 0.5, by + Math.sin(a) * len * s * 0.5);
    const nx = -Math.sin(a) * wid * s;
    const ny = Math.cos(a) * wid * s;
    const shape = [
      ...quad(pt(bx, by), pt(mid.x + nx, mid.y + ny), tip, 10),
      ...quad(tip, pt(mid.x - nx, mid.y - ny), pt(bx, by), 10),
    ];
    fillPoly(g, shape, col);
    ribbon(g, quad(pt(bx, by), mid, tip, 8), taper(1.2 * s, 0.8 * s, 0.1), darken(col, 0.18), 0.6, false);
  };
  const angles = [-1.2, -1.55, -1.9, -0.85, -2.25, -1.35, -1.75, -0.6, -2.5];
  angles.forEach((a, i) => {
    leaf(
      a,
      80 + ((i * 37) % 40),
      13 + (i % 3) * 2,
      i % 2 ? PALETTE.leaf : PALETTE.leafDark,
      ((i % 3) - 1) * 4 * s,
    );
  });
  // Pot.
  const pw = 36 * s;
  const top = baseY - 64 * s;
  fillPoly(
    g,
    [pt(x - pw, top), pt(x + pw, top), pt(x + pw * 0.78, baseY), pt(x - pw * 0.78, baseY)],
    potColor,
  );
  rect(g, x - pw - 3 * s, top - 4 * s, 2 * pw + 6 * s, 10 * s, lighten(potColor, 0.12));
  fillPoly(
    g,
    [
      pt(x + pw * 0.35, top + 6 * s),
      pt(x + pw, top + 6 * s),
      pt(x + pw * 0.78, baseY),
      pt(x + pw * 0.2, baseY),
    ],
    darken(potColor, 0.12),
    0.6,
  );
}

/** Outline of a classic phone handset in a 24-unit box (earpiece top left, mouthpiece bottom right). */
const HANDSET: readonly Pt[] = [
  pt(4.5, 3),
  pt(8, 3),
  pt(9, 4),
  pt(9.3, 7.2),
  pt(8.9, 8.5),
  pt(7.2, 10.2),
  pt(9.6, 13.2),
  pt(12.2, 15.4),
  pt(14, 16.6),
  pt(15.6, 15),
  pt(16.8, 14.7),
  pt(20, 15),
  pt(21, 16),
  pt(21, 20),
  pt(20, 21),
  pt(14.5, 20.2),
  pt(9.5, 17.8),
  pt(5.8, 13.8),
  pt(3.6, 9),
  pt(3, 4.5),
];

/** Phone handset icon centred at (cx, cy), `s` ~ half its size, rotated by `rot` radians. */
function handset(g: G, cx: number, cy: number, s: number, color: number, rot = 0): void {
  const c = Math.cos(rot);
  const si = Math.sin(rot);
  const k = s / 9;
  const pts = spline(HANDSET, true, 3).map((p) => {
    const x = (p.x - 12) * k;
    const y = (p.y - 12) * k;
    return pt(cx + x * c - y * si, cy + x * si + y * c);
  });
  fillPoly(g, pts, color);
}

// ---------------------------------------------------------------------------------------------
// Front desk: registration counter, waiting room behind, privacy partition
// ---------------------------------------------------------------------------------------------

function frontDesk(ctx: Ctx): void {
  const g = gfx(ctx);
  calmWall(g, 0xeef3f6, 0xdbe4ea);
  // Ceiling band and a wainscot line that runs calmly across the whole width.
  rect(g, 0, 0, W, 26, 0xf7f9fb);
  rect(g, 0, 26, W, 3, PALETTE.lineSoft);
  rect(g, 0, 470, W, 130, 0xd3dee5);
  rect(g, 0, 468, W, 4, PALETTE.tealSoft);

  // Glass opening into the waiting area (left part).
  const wx = 36;
  const wy = 170;
  const ww = 520;
  const wh = 300;
  vgrad(g, wx, wy, ww, wh, 0xf4f7f6, 0xe8eeec);
  // Waiting room beyond: back wall stripe, floor, chairs, clock, plant.
  rect(g, wx, wy + 150, ww, 6, mix(PALETTE.tealSoft, 0xffffff, 0.3));
  vgrad(g, wx, wy + 232, ww, wh - 232, 0xdfe5e2, 0xd5dcd9);
  const chair = (x: number, y: number, col: number) => {
    rrect(g, x, y, 40, 34, 7, col);
    rrect(g, x - 2, y + 30, 44, 10, 4, darken(col, 0.12));
    rect(g, x + 4, y + 40, 3, 14, PALETTE.metalDark);
    rect(g, x + 33, y + 40, 3, 14, PALETTE.metalDark);
  };
  const seat = mix(PALETTE.teal, 0xffffff, 0.45);
  for (let i = 0; i < 3; i++) chair(wx + 14 + i * 48, wy + 190, seat);
  for (let i = 0; i < 2; i++) chair(wx + 400 + i * 50, wy + 190, seat);
  plant(g, wx + 188, wy + 246, 0.55, 0xc8b59c);
  // Wall clock in the waiting room.
  fillPoly(g, ellipsePts(wx + 452, wy + 70, 20, 20, 28), 0xffffff);
  g.lineStyle(3, PALETTE.metalDark, 1);
  g.strokeCircle(wx + 452, wy + 70, 20);
  ribbon(g, [pt(wx + 452, wy + 70), pt(wx + 452, wy + 56)], constant(2), PALETTE.ink);
  ribbon(g, [pt(wx + 452, wy + 70), pt(wx + 462, wy + 74)], constant(2), PALETTE.ink);
  // Glass sheen and mullions.
  fillPoly(
    g,
    [pt(wx + 60, wy), pt(wx + 130, wy), pt(wx + 40, wy + wh), pt(wx - 30, wy + wh)].map((p) =>
      pt(Math.max(wx, p.x), p.y),
    ),
    0xffffff,
    0.25,
  );
  fillPoly(
    g,
    [pt(wx + 150, wy), pt(wx + 175, wy), pt(wx + 85, wy + wh), pt(wx + 60, wy + wh)],
    0xffffff,
    0.2,
  );
  g.lineStyle(6, PALETTE.metal, 1);
  g.strokeRect(wx, wy, ww, wh);
  rect(g, wx + ww / 2 - 3, wy, 6, wh, PALETTE.metal);

  // Registration sign and the queue display.
  const signWidth = label(ctx, 112, 132, 'Registration', { size: 18, bold: true, color: TEXT.onDark });
  const signW = Math.min(240, signWidth + 70);
  rrect(g, 60, 106, signW, 52, 10, PALETTE.teal);
  // Clipboard icon.
  rrect(g, 76, 116, 24, 32, 4, 0xffffff);
  rrect(g, 82, 112, 12, 8, 3, PALETTE.tealSoft);
  for (let i = 0; i < 3; i++) rect(g, 81, 126 + i * 7, 14, 2, PALETTE.teal);
  const qx = 60 + signW + 20;
  rrect(g, qx, 110, 190, 44, 8, PALETTE.screenDark);
  label(ctx, qx + 14, 132, 'NOW SERVING', { size: 12, bold: true, color: '#9fd9cf' });
  label(ctx, qx + 178, 132, 'A-14', { size: 22, bold: true, color: '#ffffff', originX: 1 });

  // Privacy partition on the counter, to the patient's right.
  const px = 524;
  fillPoly(g, [pt(px, 250), pt(px + 40, 236), pt(px + 40, FG), pt(px, FG)], 0xffffff, 0.55);
  for (let i = 0; i < 6; i++)
    ribbon(g, [pt(px + 4, 300 + i * 46), pt(px + 36, 290 + i * 46)], constant(1.5), 0xffffff, 0.6, false);
  ribbon(g, [pt(px, 250), pt(px, FG)], constant(5), PALETTE.metal, 1, false);
  ribbon(g, [pt(px + 40, 236), pt(px + 40, FG)], constant(5), PALETTE.metalDark, 1, false);
  ribbon(g, [pt(px, 250), pt(px + 40, 236)], constant(5), PALETTE.metal);

  // The counter (foreground).
  const fg = gfx(ctx);
  rect(fg, 0, FG, W, 22, 0xf3f5f6);
  rect(fg, 0, FG + 22, W, 4, PALETTE.laminateDark);
  vgrad(fg, 0, FG + 26, W, H - FG - 26, mix(PALETTE.wood, 0xffffff, 0.25), PALETTE.wood);
  for (let x = 40; x < W; x += 64) rect(fg, x, FG + 34, 2, H - FG - 34, darken(PALETTE.wood, 0.08), 0.5);
  rect(fg, 0, FG, W, 2, 0xffffff);
  // A registration form on the counter and a pen.
  const form = [pt(262, FG + 8), pt(418, FG + 8), pt(430, FG + 52), pt(252, FG + 52)];
  shadow(fg, 342, FG + 52, 96, 6, 0.1);
  fillPoly(fg, form, 0xffffff);
  rect(fg, 276, FG + 14, 60, 4, PALETTE.teal);
  for (let i = 0; i < 4; i++)
    fillPoly(
      fg,
      [
        pt(274 - i * 2, FG + 24 + i * 7),
        pt(400 + i * 2, FG + 24 + i * 7),
        pt(400 + i * 2, FG + 26 + i * 7),
        pt(274 - i * 2, FG + 26 + i * 7),
      ],
      PALETTE.line,
    );
  ribbon(fg, [pt(440, FG + 40), pt(500, FG + 20)], taper(3, 4, 2), PALETTE.blue);
  // The rep's monitor, close to camera at the bottom left.
  const mon = [pt(22, FG + 40), pt(226, FG + 34), pt(232, H + 4), pt(16, H + 4)];
  fillPoly(fg, mon, 0x2a3742);
  const scr = [pt(32, FG + 49), pt(216, FG + 44), pt(221, H + 4), pt(27, H + 4)];
  fillPoly(fg, scr, 0xf4f8fa);
  fillPoly(fg, [pt(32, FG + 49), pt(216, FG + 44), pt(217, FG + 60), pt(31, FG + 65)], PALETTE.teal);
  for (let i = 0; i < 3; i++) {
    const y = FG + 76 + i * 14;
    fillPoly(fg, [pt(40, y), pt(90, y - 1), pt(90, y + 8), pt(40, y + 9)], PALETTE.line);
    fillPoly(fg, [pt(98, y - 1), pt(200, y - 3), pt(200, y + 6), pt(98, y + 8)], 0xffffff);
    fg.lineStyle(1, PALETTE.laminateDark, 1);
    fg.strokePoints([pt(98, y - 1), pt(200, y - 3), pt(200, y + 6), pt(98, y + 8)], true, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Phone calls: the patient at home inside a call card, with call controls
// ---------------------------------------------------------------------------------------------

function phoneCall(ctx: Ctx, direction: 'inbound' | 'outbound'): void {
  const g = gfx(ctx);
  calmWall(g, 0xe9eff3, 0xd9e2e9);
  // Very soft signal rings behind the card, fading out before the panel.
  for (let i = 0; i < 4; i++) {
    ribbon(
      g,
      arcPts(300, 330, 300 + i * 46, -0.9, 0.9, 40),
      constant(2),
      PALETTE.blue,
      0.07 - i * 0.012,
      false,
    );
  }

  // The card starts below the meters (y < 96 is theirs) and its picture ends at the foreground line.
  const card = { x: 34, y: 100, w: 532, h: FG + 8 - 100 };
  const scene = { x: 42, y: 160, w: 516, h: FG - 160 };
  // Card shadow and body.
  rrect(g, card.x + 2, card.y + 6, card.w, card.h, 22, PALETTE.shadow, 0.1);
  rrect(g, card.x, card.y, card.w, card.h, 22, 0xffffff);

  // The home interior, drawn inside the scene rect.
  const room = gfx(ctx);
  if (direction === 'inbound') kitchen(room, scene);
  else livingRoom(room, scene);
  cornerMask(room, scene.x, scene.y, scene.w, scene.h, 14, 0xffffff);
  const head = gfx(ctx);

  // Header: handset badge, direction, status.
  const bx = 84;
  const by = card.y + 30;
  fillPoly(head, ellipsePts(bx, by, 24, 24, 32), PALETTE.callLive);
  handset(head, bx - 1, by + 1, 12, 0xffffff, 0);
  // Direction arrow next to the handset.
  const arrow = (x0: number, y0: number, x1: number, y1: number) => {
    ribbon(head, [pt(x0, y0), pt(x1, y1)], constant(2.6), 0xffffff);
    const a = Math.atan2(y1 - y0, x1 - x0);
    const hx = (d: number) => pt(x1 - Math.cos(a + d) * 6, y1 - Math.sin(a + d) * 6);
    ribbon(head, [hx(0.6), pt(x1, y1), hx(-0.6)], constant(2.6), 0xffffff);
  };
  if (direction === 'inbound') arrow(bx + 15, by - 15, bx + 6, by - 6);
  else arrow(bx + 6, by - 6, bx + 15, by - 15);
  // Sound waves.
  for (let i = 0; i < 3; i++)
    ribbon(head, arcPts(bx, by, 31 + i * 6, -0.55, 0.55, 10), constant(2), PALETTE.callLive, 0.75 - i * 0.22);
  label(ctx, 130, by - 10, direction === 'inbound' ? 'Incoming call' : 'Outgoing call', {
    size: 18,
    bold: true,
  });
  label(
    ctx,
    130,
    by + 12,
    direction === 'inbound'
      ? 'Patient calling in \u00b7 call in progress'
      : 'You called the patient \u00b7 call in progress',
    {
      size: 13,
      color: TEXT.muted,
    },
  );
  // Live pill with a level meter.
  rrect(head, 454, by - 14, 92, 28, 14, mix(PALETTE.callLive, 0xffffff, 0.85));
  fillPoly(head, ellipsePts(470, by, 5, 5, 16), PALETTE.callLive);
  label(ctx, 481, by, 'LIVE', { size: 12, bold: true, color: '#1f6b43' });
  [6, 11, 8, 14].forEach((h, i) => {
    rrect(head, 516 + i * 6, by - h / 2, 3.5, h, 1.5, PALETTE.callLive);
  });

  // Call controls under the card.
  const controls = gfx(ctx);
  const cy = 652;
  const items: { x: number; text: string; end?: boolean; draw: (x: number) => void }[] = [
    {
      x: 150,
      text: 'Mute',
      draw: (x) => {
        rrect(controls, x - 5, cy - 13, 10, 17, 5, PALETTE.ink);
        ribbon(controls, arcPts(x, cy - 4, 9, 0.1, Math.PI - 0.1, 10), constant(2.2), PALETTE.ink, 1, false);
        rect(controls, x - 1, cy + 5, 2, 6, PALETTE.ink);
        rect(controls, x - 6, cy + 10, 12, 2, PALETTE.ink);
      },
    },
    {
      x: 240,
      text: 'Keypad',
      draw: (x) => {
        for (let r = 0; r < 3; r++)
          for (let c = 0; c < 3; c++)
            fillPoly(controls, ellipsePts(x - 8 + c * 8, cy - 8 + r * 8, 2.6, 2.6, 10), PALETTE.ink);
      },
    },
    {
      x: 330,
      text: 'Speaker',
      draw: (x) => {
        fillPoly(
          controls,
          [
            pt(x - 11, cy - 4),
            pt(x - 6, cy - 4),
            pt(x + 1, cy - 10),
            pt(x + 1, cy + 10),
            pt(x - 6, cy + 4),
            pt(x - 11, cy + 4),
          ],
          PALETTE.ink,
        );
        ribbon(controls, arcPts(x + 2, cy, 6, -0.8, 0.8, 8), constant(2), PALETTE.ink, 1, false);
        ribbon(controls, arcPts(x + 2, cy, 11, -0.8, 0.8, 8), constant(2), PALETTE.ink, 1, false);
      },
    },
    {
      x: 450,
      text: 'End call',
      end: true,
      draw: (x) => handset(controls, x + 1, cy + 3, 12, 0xffffff, Math.PI * 0.75),
    },
  ];
  for (const it of items) {
    if (it.end) {
      rrect(controls, it.x - 36, cy - 22, 72, 44, 22, PALETTE.callEnd);
    } else {
      fillPoly(controls, ellipsePts(it.x, cy, 23, 23, 32), 0xffffff);
      controls.lineStyle(1.5, PALETTE.line, 1);
      controls.strokeCircle(it.x, cy, 23);
    }
    it.draw(it.x);
    label(ctx, it.x, cy + 38, it.text, { size: 12, color: TEXT.muted, originX: 0.5 });
  }
}

function kitchen(g: G, r: { x: number; y: number; w: number; h: number }): void {
  const { x, y, w, h } = r;
  vgrad(g, x, y, w, h, 0xf6efe4, 0xeee3d3);
  // Upper cabinets (left) with handles.
  for (let i = 0; i < 2; i++) {
    const cx = x + i * 82;
    rect(g, cx, y, 80, 118, 0xd9c3a5);
    rrect(g, cx + 8, y + 8, 64, 100, 4, 0xe3d0b5);
    rrect(g, cx + (i ? 12 : 60), y + 70, 5, 26, 2, PALETTE.metalDark);
  }
  rect(g, x, y + 118, 166, 8, darken(0xd9c3a5, 0.15), 0.5);
  // Window with curtains (right).
  const wx = x + 350;
  const wy = y + 34;
  rrect(g, wx - 6, wy - 6, 156, 170, 6, 0xffffff);
  vgrad(g, wx, wy, 144, 158, 0xbfe0f2, 0xe4f2f8);
  const inWindow = (pts: Pt[]) =>
    pts.map((q) => pt(Math.max(wx, Math.min(wx + 144, q.x)), Math.min(wy + 158, q.y)));
  fillPoly(g, inWindow(ellipsePts(wx + 40, wy + 140, 44, 30, 20)), 0x9cc79a);
  fillPoly(g, inWindow(ellipsePts(wx + 110, wy + 150, 50, 34, 20)), 0x86b98a);
  rect(g, wx + 70, wy, 4, 158, 0xffffff);
  rect(g, wx, wy + 78, 144, 4, 0xffffff);
  for (const s of [0, 1]) {
    const cx = s ? wx + 124 : wx - 16;
    const curtain = [
      pt(cx, wy - 12),
      pt(cx + 36, wy - 12),
      ...quad(pt(cx + 36, wy - 12), pt(cx + (s ? 10 : 26), wy + 90), pt(cx + (s ? 22 : 14), wy + 176), 10),
      pt(cx + (s ? 36 : 0), wy + 176),
    ];
    fillPoly(g, curtain, 0xe8a48b);
  }
  rect(g, wx - 24, wy - 16, 190, 5, PALETTE.woodDark);
  // Wall clock above the patient's head.
  const kx = x + 262;
  const ky = y + 50;
  fillPoly(g, ellipsePts(kx, ky, 24, 24, 30), 0xffffff);
  g.lineStyle(3, PALETTE.woodDark, 1);
  g.strokeCircle(kx, ky, 24);
  ribbon(g, [pt(kx, ky), pt(kx - 6, ky - 12)], constant(2.4), PALETTE.ink);
  ribbon(g, [pt(kx, ky), pt(kx + 14, ky + 2)], constant(2), PALETTE.ink);
  // Tiled backsplash and the worktop behind the patient.
  const by = y + 258;
  rect(g, x, by, w, 96, 0xf4f1ea);
  g.lineStyle(1, 0xe0d8c8, 1);
  for (let ty = by + 24; ty < by + 96; ty += 24) g.lineBetween(x, ty, x + w, ty);
  for (let tx = x + 30; tx < x + w; tx += 40) g.lineBetween(tx, by, tx, by + 96);
  rect(g, x, by + 96, w, 14, 0xb7a48a);
  vgrad(g, x, by + 110, w, h - 368, 0xd8c6aa, 0xcbb696);
  // Kettle (left) and fruit bowl (right) on the worktop.
  const kex = x + 56;
  fillPoly(
    g,
    [pt(kex - 22, by + 96), pt(kex + 22, by + 96), pt(kex + 18, by + 50), pt(kex - 18, by + 50)],
    0x6e9fb5,
  );
  rrect(g, kex - 14, by + 42, 28, 10, 4, 0x4f7f94);
  ribbon(
    g,
    quad(pt(kex - 14, by + 48), pt(kex, by + 22), pt(kex + 14, by + 48), 10),
    constant(4),
    0x4f7f94,
    1,
    false,
  );
  ribbon(g, [pt(kex + 20, by + 62), pt(kex + 34, by + 52)], taper(6, 4, 3), 0x6e9fb5);
  const fx = x + 462;
  fillPoly(g, [...quad(pt(fx - 34, by + 80), pt(fx, by + 108), pt(fx + 34, by + 80), 12)], 0xf0f0ea);
  fillPoly(g, ellipsePts(fx - 14, by + 74, 10, 10, 16), 0xe2574c);
  fillPoly(g, ellipsePts(fx + 6, by + 72, 11, 11, 16), 0xf2b33d);
  fillPoly(g, ellipsePts(fx + 20, by + 78, 9, 9, 16), 0x8cbf5a);
}

function livingRoom(g: G, r: { x: number; y: number; w: number; h: number }): void {
  const { x, y, w, h } = r;
  vgrad(g, x, y, w, h, 0xe5ecef, 0xd9e3e7);
  // Wainscot line.
  rect(g, x, y + 250, w, 4, 0xffffff, 0.8);
  // Framed pictures.
  const frame = (
    fx: number,
    fy: number,
    fw: number,
    fh: number,
    art: (ix: number, iy: number, iw: number, ih: number) => void,
  ) => {
    rrect(g, fx, fy, fw, fh, 3, PALETTE.woodDark);
    rect(g, fx + 6, fy + 6, fw - 12, fh - 12, 0xfaf8f2);
    art(fx + 12, fy + 12, fw - 24, fh - 24);
  };
  frame(x + 60, y + 46, 100, 80, (ix, iy, iw, ih) => {
    vgrad(g, ix, iy, iw, ih, 0xcfe6f1, 0xf2ead8);
    fillPoly(
      g,
      [
        pt(ix, iy + ih),
        pt(ix + iw * 0.35, iy + ih * 0.35),
        pt(ix + iw * 0.6, iy + ih * 0.7),
        pt(ix + iw * 0.8, iy + ih * 0.45),
        pt(ix + iw, iy + ih),
      ],
      0x8fb39a,
    );
  });
  frame(x + 392, y + 30, 86, 106, (ix, iy, iw, ih) => {
    rect(g, ix, iy, iw, ih, 0xf3e4d0);
    fillPoly(g, ellipsePts(ix + iw / 2, iy + ih * 0.42, iw * 0.3, iw * 0.3, 24), 0xe7a35a);
    rect(g, ix, iy + ih * 0.72, iw, ih * 0.28, 0x7fa6b8);
  });
  // Floor lamp on the left.
  const lx = x + 40;
  rect(g, lx - 2, y + 150, 4, h - 150, 0x5b5148);
  fillPoly(
    g,
    [pt(lx - 30, y + 150), pt(lx + 30, y + 150), pt(lx + 22, y + 100), pt(lx - 22, y + 100)],
    0xf3e3bf,
  );
  fillPoly(g, ellipsePts(lx, y + 152, 40, 10, 24), 0xfff6dc, 0.5);
  // Sofa back behind the patient.
  const sy = y + h - 150;
  const sofa = 0x7c9c9a;
  const bottom = y + h;
  g.fillStyle(sofa, 1);
  g.fillRoundedRect(x + 70, sy, 380, bottom - sy, { tl: 28, tr: 28, bl: 0, br: 0 });
  g.fillStyle(darken(sofa, 0.08), 1);
  g.fillRoundedRect(x + 50, sy + 60, 60, bottom - sy - 60, { tl: 22, tr: 22, bl: 0, br: 0 });
  g.fillRoundedRect(x + 410, sy + 60, 60, bottom - sy - 60, { tl: 22, tr: 22, bl: 0, br: 0 });
  ribbon(g, [pt(x + 260, sy + 12), pt(x + 260, y + h)], constant(3), darken(sofa, 0.14), 0.6, false);
  // Cushion leaning in the corner.
  fillPoly(
    g,
    spline(
      [pt(x + 104, sy + 70), pt(x + 150, sy + 40), pt(x + 178, sy + 80), pt(x + 140, sy + 116)],
      true,
      6,
    ),
    0xe9c46a,
  );
  // A side table with a vase of tulips on the right.
  const tx = x + 492;
  rect(g, tx - 14, sy + 70, 28, bottom - sy - 70, 0xb9996f);
  rect(g, tx - 20, sy + 64, 40, 8, 0xcfb089);
  for (const [dx, top, col] of [
    [-7, sy + 6, 0xe76f6f],
    [0, sy - 4, 0xf2b33d],
    [7, sy + 10, 0xe76f6f],
  ] as const) {
    ribbon(
      g,
      quad(pt(tx, sy + 50), pt(tx + dx * 0.4, sy + 30), pt(tx + dx, top + 8), 8),
      constant(2),
      PALETTE.leafDark,
      1,
      false,
    );
    fillPoly(
      g,
      spline(
        [
          pt(tx + dx - 5, top + 4),
          pt(tx + dx - 4, top - 4),
          pt(tx + dx, top),
          pt(tx + dx + 4, top - 4),
          pt(tx + dx + 5, top + 4),
          pt(tx + dx, top + 10),
        ],
        true,
        4,
      ),
      col,
    );
  }
  fillPoly(
    g,
    spline(
      [
        pt(tx - 8, sy + 64),
        pt(tx - 11, sy + 52),
        pt(tx - 5, sy + 40),
        pt(tx + 5, sy + 40),
        pt(tx + 11, sy + 52),
        pt(tx + 8, sy + 64),
      ],
      true,
      5,
    ),
    0x9fc3d6,
  );
}

// ---------------------------------------------------------------------------------------------
// ED discharge bay: curtain, monitor, IV pole, bed edge with a wristband and discharge papers
// ---------------------------------------------------------------------------------------------

function edDischarge(ctx: Ctx): void {
  const g = gfx(ctx);
  calmWall(g, 0xeef5f3, 0xdde9e6);
  rect(g, 0, 0, W, 24, 0xf8fbfa);
  // Curtain rail across the top.
  rect(g, 0, 30, W, 6, PALETTE.metal);
  // Headwall behind the patient with gas outlets.
  rrect(g, 150, 290, 400, 64, 8, 0xf6f9f9);
  rect(g, 150, 352, 400, 4, PALETTE.lineSoft);
  const outlet = (x: number, ring: number) => {
    fillPoly(g, ellipsePts(x, 322, 11, 11, 20), 0xe9eeee);
    fillPoly(g, ellipsePts(x, 322, 7, 7, 16), ring);
    fillPoly(g, ellipsePts(x, 322, 3, 3, 12), 0x5b6770);
  };
  outlet(176, 0x4caf7a);
  outlet(206, 0xf0f0f0);
  outlet(236, 0xf2c14e);
  outlet(470, 0x4caf7a);
  outlet(500, 0xf0f0f0);
  // Bay sign.
  rrect(g, 176, 96, 150, 44, 8, PALETTE.teal);
  label(ctx, 192, 118, 'ED \u00b7 Bay 4', { size: 18, bold: true, color: TEXT.onDark });
  // Vital-signs monitor on an arm.
  rect(g, 448, 40, 8, 80, PALETTE.metalDark);
  rrect(g, 358, 112, 160, 104, 10, 0x3a4650);
  rrect(g, 366, 120, 144, 88, 6, PALETTE.screenDark);
  const ecg: Pt[] = [];
  for (let i = 0; i <= 60; i++) {
    const t = i / 60;
    const px = 374 + t * 90;
    const ph = (t * 3) % 1;
    let py = 150;
    if (ph > 0.3 && ph < 0.34) py -= 18;
    else if (ph >= 0.34 && ph < 0.38) py += 10;
    else if (ph > 0.55 && ph < 0.65) py -= 4 * Math.sin(((ph - 0.55) / 0.1) * Math.PI);
    ecg.push(pt(px, py));
  }
  g.lineStyle(2, PALETTE.ecg, 1);
  g.strokePoints(ecg, false, false);
  label(ctx, 502, 146, '72', { size: 20, bold: true, color: '#7ee2a6', originX: 1 });
  label(ctx, 374, 186, 'SpO\u2082 98%', { size: 12, color: '#9fd9cf' });
  label(ctx, 502, 186, '118/76', { size: 12, color: '#ffffff', originX: 1 });

  // IV pole with a bag, near the curtain.
  const ix = 184;
  rect(g, ix - 2, 160, 4, 440, PALETTE.metalDark);
  ribbon(g, [pt(ix - 22, 164), pt(ix + 22, 164)], constant(3), PALETTE.metalDark);
  const bag = spline(
    [
      pt(ix - 26, 176),
      pt(ix - 14, 168),
      pt(ix - 4, 176),
      pt(ix - 6, 236),
      pt(ix - 18, 246),
      pt(ix - 28, 236),
    ],
    true,
    6,
  );
  fillPoly(g, bag, 0xeaf4fb, 0.9);
  fillPoly(
    g,
    spline([pt(ix - 27, 206), pt(ix - 5, 206), pt(ix - 6, 236), pt(ix - 18, 246), pt(ix - 28, 236)], true, 6),
    0xcde6f5,
  );
  ribbon(
    g,
    quad(pt(ix - 16, 246), pt(ix - 30, 330), pt(ix - 10, 420), 16),
    constant(1.5),
    0xb9d6e6,
    0.9,
    false,
  );

  // Curtains: full on the left, gathered on the right of the focus area.
  const curtain = gfx(ctx);
  pleats(curtain, 0, 134, 36, FG + 40, 9);
  pleats(curtain, 528, 46, 36, FG + 40, 4);

  // Bed edge (foreground): mattress, blanket, rail, wristband, discharge papers.
  const fg = gfx(ctx);
  vgrad(fg, 0, FG, W, H - FG, 0xf7f9fb, 0xe7edf1);
  fillPoly(
    fg,
    [pt(0, FG + 30), ...quad(pt(0, FG + 30), pt(300, FG + 14), pt(W, FG + 34), 20), pt(W, H), pt(0, H)],
    PALETTE.blanket,
  );
  fillPoly(
    fg,
    [
      pt(0, FG + 30),
      ...quad(pt(0, FG + 30), pt(300, FG + 14), pt(W, FG + 34), 20),
      pt(W, FG + 44),
      ...quad(pt(W, FG + 44), pt(300, FG + 26), pt(0, FG + 40), 20),
    ],
    lighten(PALETTE.blanket, 0.3),
  );
  rect(fg, 0, FG, W, 3, 0xffffff);
  // Side rail.
  rrect(fg, 0, H - 40, 600, 10, 5, PALETTE.metal);
  for (let x = 30; x < 600; x += 90) rect(fg, x, H - 32, 6, 40, PALETTE.metalDark);
  rrect(fg, 0, H - 40, W, 10, 5, PALETTE.metal, 0.6);
  // Clipboard with discharge instructions.
  shadow(fg, 142, FG + 92, 80, 8, 0.14);
  fillPoly(fg, [pt(70, FG + 24), pt(210, FG + 18), pt(218, FG + 96), pt(66, FG + 100)], 0x9a7654);
  fillPoly(fg, [pt(78, FG + 32), pt(202, FG + 27), pt(208, FG + 90), pt(74, FG + 94)], 0xffffff);
  rrect(fg, 120, FG + 14, 44, 12, 4, PALETTE.metalDark);
  label(ctx, 86, FG + 40, 'Discharge', { size: 11, bold: true, color: TEXT.ink });
  for (let i = 0; i < 3; i++) {
    const ly = FG + 56 + i * 11;
    fg.lineStyle(1.5, PALETTE.teal, 1);
    fg.strokeRect(86, ly - 4, 8, 8);
    ribbon(fg, [pt(87, ly), pt(89.5, ly + 3), pt(94, ly - 4)], constant(1.6), PALETTE.good, 1, false);
    rect(fg, 100, ly - 1, 88 - i * 14, 2.5, PALETTE.line);
  }
  // Patient ID wristband.
  const band = quad(pt(330, FG + 62), pt(420, FG + 40), pt(520, FG + 66), 20);
  ribbon(fg, band, constant(16), 0xffffff);
  ribbon(
    fg,
    band.map((p) => pt(p.x, p.y + 7.5)),
    constant(1.2),
    PALETTE.line,
    1,
    false,
  );
  fillPoly(fg, ellipsePts(334, FG + 62, 8, 8, 16), PALETTE.blue);
  fillPoly(fg, ellipsePts(334, FG + 62, 3.5, 3.5, 12), lighten(PALETTE.blue, 0.5));
  for (let i = 0; i < 14; i++) {
    const t = 0.5 + i * 0.022;
    const p = band[Math.round(t * (band.length - 1))] as Pt;
    rect(fg, p.x - 0.5 + (i % 3 === 0 ? 0 : 1), p.y - 5, i % 3 === 0 ? 2 : 1, 10, PALETTE.ink, 0.85);
  }
  rrect(fg, 376, FG + 42, 40, 10, 3, mix(PALETTE.tealSoft, 0xffffff, 0.2));
}

/** A hanging privacy curtain with pleats. */
function pleats(g: G, x: number, width: number, top: number, bottom: number, folds: number): void {
  const fw = width / folds;
  for (let i = 0; i < folds; i++) {
    const fx = x + i * fw;
    fillPoly(
      g,
      [
        pt(fx, top),
        pt(fx + fw + 1, top),
        pt(fx + fw + 1, bottom + (i % 2) * 6),
        pt(fx, bottom + ((i + 1) % 2) * 6),
      ],
      i % 2 ? PALETTE.curtain : PALETTE.curtainDark,
    );
    ribbon(
      g,
      [pt(fx + fw * 0.5, top + 10), pt(fx + fw * 0.5, bottom)],
      taper(0.5, 4, 1),
      lighten(PALETTE.curtain, 0.25),
      0.35,
      false,
    );
  }
  for (let i = 0; i <= folds; i++) {
    fillPoly(g, ellipsePts(x + i * fw, top - 2, 4, 4, 12), PALETTE.metalDark);
  }
  // A subtle check pattern line near the top.
  rect(g, x, top + 24, width, 3, 0xffffff, 0.35);
}

// ---------------------------------------------------------------------------------------------
// Counselor office: window, certificates, armchair, plant, desk with tissues
// ---------------------------------------------------------------------------------------------

function counselorOffice(ctx: Ctx): void {
  const g = gfx(ctx);
  calmWall(g, 0xf4eee6, 0xe8ddd0);
  rect(g, 0, 0, W, 22, 0xfaf7f2);
  // Floor (mostly hidden behind the desk).
  vgrad(g, 0, 560, W, 160, 0xc9a87f, 0xb48f64);

  // Window with a tree outside and half-raised blinds.
  const wx = 40;
  const wy = 108;
  const wh = 240;
  rrect(g, wx - 10, wy - 10, 220, wh + 20, 6, 0xffffff);
  vgrad(g, wx, wy, 200, wh, 0xb9dcf0, 0xe6f3f8);
  fillPoly(g, ellipsePts(wx + 150, wy + 60, 36, 16, 20), 0xffffff, 0.8);
  fillPoly(g, ellipsePts(wx + 124, wy + 66, 24, 12, 20), 0xffffff, 0.8);
  rect(g, wx + 56, wy + 170, 10, wh - 170, 0x7a5a3c);
  for (const [cx, cy, rr, col] of [
    [wx + 40, wy + 170, 40, 0x7fb08a],
    [wx + 80, wy + 150, 44, 0x6da57c],
    [wx + 60, wy + 200, 36, 0x8dbb94],
    [wx + 110, wy + 196, 34, 0x7fb08a],
  ] as const) {
    fillPoly(g, ellipsePts(cx, cy, rr, rr * 0.9, 24), col);
  }
  rect(g, wx, wy + wh - 16, 200, 16, 0xa9cf9c);
  rect(g, wx + 97, wy, 6, wh, 0xffffff);
  rect(g, wx, wy + 128, 200, 6, 0xffffff);
  for (let i = 0; i < 8; i++) rect(g, wx, wy + i * 9, 200, 7, 0xf6f1e8);
  rect(g, wx - 6, wy + 72, 212, 5, 0xd8cfc2);
  ribbon(g, [pt(wx + 180, wy + 77), pt(wx + 180, wy + 120)], constant(1.5), 0xbfb3a2, 1, false);
  rect(g, wx - 16, wy + wh + 2, 232, 10, 0xffffff);

  // Certificates above the chair.
  const cert = (x: number, y: number, w: number, h: number) => {
    shadow(g, x + w / 2, y + h + 4, w * 0.45, 3, 0.08);
    rrect(g, x, y, w, h, 3, PALETTE.woodDark);
    rect(g, x + 6, y + 6, w - 12, h - 12, 0xfdfbf6);
    rect(g, x + 16, y + 16, w - 32, 4, 0xc8b89f);
    rect(g, x + 22, y + 26, w - 44, 3, 0xddd3c2);
    rect(g, x + 22, y + 33, w - 44, 3, 0xddd3c2);
    fillPoly(g, ellipsePts(x + w - 22, y + h - 20, 7, 7, 16), 0xd2a23c);
  };
  cert(384, 112, 112, 84);
  cert(272, 132, 80, 62);

  // Wall shelf with books on the right edge of the focus area.
  rect(g, 420, 234, 140, 8, PALETTE.woodDark);
  const books = [0x3f6f8f, 0xc8734f, 0x6f8f5f, 0xe0b95a, 0x8a6f9a, 0x4f8f8a];
  books.forEach((col, i) => {
    const bh = 38 + ((i * 7) % 12);
    rect(g, 428 + i * 15, 234 - bh, 13, bh, col);
    rect(g, 428 + i * 15, 234 - bh + 8, 13, 2, lighten(col, 0.3));
  });
  fillPoly(g, [pt(524, 234), pt(534, 192), pt(547, 195), pt(537, 234)], 0x9ab3c8);

  // Floor plant (left) and a visitor chair (right edge of the focus area).
  plant(g, 78, 594, 1.15, 0xd9cbb5);
  const vc = 0xa8bfb4;
  rrect(g, 500, 390, 90, 150, 20, vc);
  rrect(g, 494, 520, 100, 30, 12, darken(vc, 0.1));
  rect(g, 506, 550, 6, 50, PALETTE.woodDark);

  // The patient's armchair (behind the figure).
  const chair = 0x6f9a8e;
  rrect(g, 164, 378, 332, 240, 56, chair);
  rrect(g, 180, 394, 300, 210, 46, lighten(chair, 0.1));
  rrect(g, 140, 500, 56, 110, 24, darken(chair, 0.1));
  rrect(g, 464, 500, 56, 110, 24, darken(chair, 0.1));
  ribbon(
    g,
    quad(pt(200, 404), pt(330, 394), pt(460, 404), 16),
    constant(3),
    lighten(chair, 0.25),
    0.5,
    false,
  );

  // Desk (foreground) with tissues, papers, mug and a pen.
  const fg = gfx(ctx);
  rect(fg, 0, FG, W, 30, PALETTE.woodLight);
  rect(fg, 0, FG, W, 3, lighten(PALETTE.woodLight, 0.35));
  vgrad(fg, 0, FG + 30, W, H - FG - 30, PALETTE.wood, PALETTE.woodDark);
  rect(fg, 0, FG + 30, W, 4, darken(PALETTE.woodLight, 0.2));
  // Tissue box.
  const tx = 52;
  shadow(fg, tx + 46, FG + 22, 56, 6, 0.15);
  fillPoly(fg, [pt(tx, FG - 36), pt(tx + 92, FG - 36), pt(tx + 92, FG + 20), pt(tx, FG + 20)], 0x9fc3d6);
  fillPoly(
    fg,
    [pt(tx, FG - 36), pt(tx + 92, FG - 36), pt(tx + 84, FG - 46), pt(tx + 8, FG - 46)],
    lighten(0x9fc3d6, 0.3),
  );
  for (let i = 0; i < 3; i++) fillPoly(fg, ellipsePts(tx + 20 + i * 26, FG - 2, 6, 6, 12), 0xffffff, 0.5);
  fillPoly(
    fg,
    spline([pt(tx + 30, FG - 44), pt(tx + 40, FG - 74), pt(tx + 56, FG - 62), pt(tx + 66, FG - 44)], true, 6),
    0xffffff,
  );
  // Papers and pen.
  shadow(fg, 360, FG + 64, 110, 8, 0.1);
  fillPoly(fg, [pt(258, FG + 16), pt(430, FG + 8), pt(462, FG + 62), pt(270, FG + 70)], 0xfbfbf8);
  fillPoly(fg, [pt(268, FG + 22), pt(360, FG + 18), pt(361, FG + 24), pt(269, FG + 28)], PALETTE.teal, 0.8);
  for (let i = 0; i < 4; i++) {
    const ly = FG + 34 + i * 8;
    fillPoly(
      fg,
      [pt(270 + i, ly), pt(430 + i * 3, ly - 5), pt(430 + i * 3, ly - 3), pt(270 + i, ly + 2)],
      PALETTE.line,
    );
  }
  ribbon(fg, [pt(470, FG + 58), pt(540, FG + 30)], taper(3, 4.5, 2), PALETTE.ink);
  // Mug.
  const mx = 520;
  shadow(fg, mx, FG + 14, 26, 5, 0.15);
  fillPoly(
    fg,
    [pt(mx - 18, FG - 30), pt(mx + 18, FG - 30), pt(mx + 16, FG + 12), pt(mx - 16, FG + 12)],
    0xffffff,
  );
  fillPoly(fg, ellipsePts(mx, FG - 30, 18, 5, 20), 0x8a5a3c);
  ribbon(fg, arcPts(mx + 18, FG - 12, 9, -Math.PI / 2, Math.PI / 2, 10), constant(4), 0xffffff, 1, false);
  rect(fg, mx - 18, FG - 14, 36, 8, PALETTE.teal, 0.85);
}
