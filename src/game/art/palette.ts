/**
 * Shared colours for the procedural art and the canvas UI pieces: a calm, professional healthcare look
 * (soft blue-greys, teal accents, warm neutrals). Text colours are chosen to keep dark-on-light contrast
 * at or above 4.5:1 on every surface listed here (see `TEXT_ON`).
 */
import type Phaser from 'phaser';
import { toCss } from './color';

export const PALETTE = {
  // Surfaces
  paper: 0xffffff,
  surface: 0xf5f8fa,
  surfaceAlt: 0xeaf0f4,
  line: 0xc9d5dd,
  lineSoft: 0xdde6ec,
  shadow: 0x1b2a36,

  // Text
  ink: 0x1b2a36, // 14.7:1 on paper
  inkMuted: 0x44566a, // 7.5:1 on paper, 6.6:1 on surfaceAlt
  inkSoft: 0x5a6b7b, // 5.5:1 on paper, 4.8:1 on surfaceAlt (icons and ticks, not body text)

  // Brand / accents
  teal: 0x1f7a7a,
  tealDark: 0x155e5e,
  tealSoft: 0xcfe7e5,
  blue: 0x2f6690,
  blueSoft: 0xd6e4ef,
  sage: 0x8fb8a4,
  sand: 0xe9dfd0,
  coral: 0xd2694a,
  amber: 0xe0a43a,

  // Meters
  stressFill: 0xd0643f,
  stressFillDark: 0xa8472a,
  stressTrack: 0xf6e4dc,
  trustFill: 0x2c7a99,
  trustFillDark: 0x1d5a73,
  trustTrack: 0xdcebf1,
  good: 0x1e6b4f, // 6.4:1 on paper
  bad: 0xa33b1f, // 6.6:1 on paper

  // Call UI
  callLive: 0x267a4a, // white icon on it: 5.3:1
  callEnd: 0xc73e3a, // white icon on it: 5:1

  // Room materials
  wallCool: 0xe6edf1,
  wallCoolDeep: 0xd6e1e8,
  wallMint: 0xe3efec,
  wallMintDeep: 0xcfe2dd,
  wallWarm: 0xf1e9df,
  wallWarmDeep: 0xe4d8c8,
  wood: 0xb98a5e,
  woodDark: 0x8e6542,
  woodLight: 0xd4ad84,
  laminate: 0xdfe6ea,
  laminateDark: 0xb7c4cc,
  metal: 0xa9b6bf,
  metalDark: 0x7d8c97,
  glass: 0xcfe3ee,
  sky: 0xbfdcef,
  leaf: 0x5f9a6e,
  leafDark: 0x3f7a52,
  curtain: 0x8fc1c4,
  curtainDark: 0x6aa3a7,
  sheet: 0xf7f9fb,
  blanket: 0x9cbfd9,
  screenDark: 0x1f2f3b,
  ecg: 0x55d48a,
} as const;

/** Text colours as CSS strings, for Phaser Text styles. */
export const TEXT = {
  ink: toCss(PALETTE.ink),
  muted: toCss(PALETTE.inkMuted),
  soft: toCss(PALETTE.inkSoft),
  good: toCss(PALETTE.good),
  bad: toCss(PALETTE.bad),
  onDark: '#ffffff',
} as const;

/** The surfaces dark text is expected to sit on (all pass 4.5:1 with `ink` and `inkMuted`). */
export const TEXT_ON = [PALETTE.paper, PALETTE.surface, PALETTE.surfaceAlt] as const;

export const FONT_FAMILY =
  '"Atkinson Hyperlegible", system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Pixel ratio for crisp short labels (Phaser Text renders to a canvas texture). */
function textResolution(): number {
  return typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
}

export interface TextLook {
  /** Font size in px (14 unless given). */
  size?: number;
  color?: string;
  bold?: boolean;
}

/** A short label in the game's font at the screen's pixel ratio, not yet on any display list. */
export function makeText(
  scene: Phaser.Scene,
  x: number,
  y: number,
  text: string,
  look: TextLook = {},
): Phaser.GameObjects.Text {
  return scene.make.text(
    {
      x,
      y,
      text,
      style: {
        fontFamily: FONT_FAMILY,
        fontSize: `${look.size ?? 14}px`,
        fontStyle: look.bold ? 'bold' : '',
        color: look.color ?? TEXT.ink,
        resolution: textResolution(),
      },
    },
    false,
  );
}
