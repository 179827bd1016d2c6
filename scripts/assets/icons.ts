/**
 * The app icons for installation, drawn here as shapes (two speech bubbles on the brand blue) and
 * written as PNG with Node's zlib: no image tools needed. `any` icons have rounded corners; the
 * maskable one fills its square and keeps the drawing inside the central 80 % safe zone. The SVG
 * favicon (assets/icons/favicon.svg) is the same drawing.
 */
import { deflateSync } from 'node:zlib';

export interface Icon {
  file: string;
  size: number;
  maskable: boolean;
}

export const ICONS: readonly Icon[] = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
];

type Rgb = readonly [number, number, number];
const BLUE: Rgb = [0x1f, 0x5f, 0x8b];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const GOLD: Rgb = [0xf2, 0xb1, 0x34];

/** Signed distance to a rounded box centred at (cx, cy) with half sizes (hx, hy) and radius r. */
function roundedBox(x: number, y: number, cx: number, cy: number, hx: number, hy: number, r: number): number {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Inside a triangle (for the bubbles' tails). */
function inTriangle(
  x: number,
  y: number,
  a: readonly number[],
  b: readonly number[],
  c: readonly number[],
): boolean {
  const side = (p: readonly number[], q: readonly number[]) =>
    ((q[0] ?? 0) - (p[0] ?? 0)) * (y - (p[1] ?? 0)) - ((q[1] ?? 0) - (p[1] ?? 0)) * (x - (p[0] ?? 0));
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The colour at (x, y) in unit coordinates, or undefined outside the icon. */
function paint(x: number, y: number, maskable: boolean): Rgb | undefined {
  if (!maskable && roundedBox(x, y, 0.5, 0.5, 0.5, 0.5, 0.22) > 0) return undefined;
  // The drawing is scaled into the safe zone on maskable icons.
  const k = maskable ? 0.8 : 1;
  const u = (x - 0.5) / k + 0.5;
  const v = (y - 0.5) / k + 0.5;
  const gold =
    roundedBox(u, v, 0.61, 0.6, 0.23, 0.15, 0.09) <= 0 ||
    inTriangle(u, v, [0.66, 0.7], [0.8, 0.7], [0.78, 0.86]);
  const white =
    roundedBox(u, v, 0.41, 0.4, 0.25, 0.16, 0.1) <= 0 ||
    inTriangle(u, v, [0.24, 0.5], [0.38, 0.5], [0.22, 0.66]);
  if (white) {
    const dot = [0.31, 0.41, 0.51].some((cx) => Math.hypot(u - cx, v - 0.4) <= 0.035);
    return dot ? BLUE : WHITE;
  }
  if (gold) return GOLD;
  return BLUE;
}

/** RGBA pixels, 4 x 4 samples per pixel for smooth edges. */
export function drawIcon({ size, maskable }: Icon): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, maskable);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGBA image as PNG bytes (8 bits per channel, no filtering, zlib level 9). */
export function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}
