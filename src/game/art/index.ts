/** Procedural art for Good Terms: patient portraits, setting backdrops and the stress / trust meters. */
export { drawBackdrop, FOREGROUND_Y, PANEL_LEFT, PORTRAIT_ANCHOR } from './backdrops';
export { METER_HEIGHT, MeterBar, type MeterKind } from './MeterBar';
export { prefersReducedMotion } from './motion';
export { PatientPortrait, type PersonaLook, PORTRAIT_HEIGHT } from './PatientPortrait';
export { FONT_FAMILY, PALETTE, TEXT } from './palette';
