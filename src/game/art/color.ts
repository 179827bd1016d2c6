/**
 * Small colour helpers for the procedural art. Colours are 0xRRGGBB numbers, as Phaser Graphics wants them.
 */

/** '#rrggbb' (or 'rrggbb') to 0xRRGGBB. Falls back to mid grey on malformed input. */
export function hexToInt(hex: string): number {
  const clean = hex.trim().replace(/^#/, '');
  if (!/^[0-9a-fA-F]{6}$/.test(clean)) return 0x808080;
  return Number.parseInt(clean, 16);
}

/** 0xRRGGBB to '#rrggbb' (for Text styles and CSS). */
export function toCss(color: number): string {
  return `#${(color & 0xffffff).toString(16).padStart(6, '0')}`;
}

function channels(color: number): [number, number, number] {
  return [(color >> 16) & 0xff, (color >> 8) & 0xff, color & 0xff];
}

function pack(r: number, g: number, b: number): number {
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return (c(r) << 16) | (c(g) << 8) | c(b);
}

/** Linear blend from a (t = 0) to b (t = 1). */
export function mix(a: number, b: number, t: number): number {
  const [ar, ag, ab] = channels(a);
  const [br, bg, bb] = channels(b);
  const k = Math.max(0, Math.min(1, t));
  return pack(ar + (br - ar) * k, ag + (bg - ag) * k, ab + (bb - ab) * k);
}

export function lighten(color: number, t: number): number {
  return mix(color, 0xffffff, t);
}

export function darken(color: number, t: number): number {
  return mix(color, 0x000000, t);
}

/** Move a colour toward its own grey (t = 1 is fully grey). */
export function desaturate(color: number, t: number): number {
  const [r, g, b] = channels(color);
  const grey = Math.round(0.3 * r + 0.59 * g + 0.11 * b);
  return mix(color, pack(grey, grey, grey), t);
}

/** Multiply-style shade that keeps some of the hue (nicer shadows on skin than plain darken). */
export function shade(color: number, t: number, tint = 0x5a2a3a): number {
  return mix(darken(color, t), tint, t * 0.35);
}

/** WCAG relative luminance. */
export function luminance(color: number): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = channels(color);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio between two colours (1..21). */
export function contrastRatio(a: number, b: number): number {
  const la = luminance(a);
  const lb = luminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** Rough saturation 0..1 (max - min channel), used to tell grey/white hair from coloured hair. */
export function saturation(color: number): number {
  const [r, g, b] = channels(color);
  return (Math.max(r, g, b) - Math.min(r, g, b)) / 255;
}
