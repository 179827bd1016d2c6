/**
 * Per-browser settings (localStorage): text size, motion, typing speed, contrast, how meters are shown,
 * and the practice helps. Applying them is a pure function of the settings object, so the screen always
 * matches what is stored; storage that is unavailable (private mode, blocked) only means nothing persists.
 */
import type { PlaySettings } from './app';

export const TEXT_SIZES = [100, 125, 150, 175, 200] as const;
export const TYPING_SPEEDS = { instant: 0, slow: 30, normal: 55, fast: 90 } as const;
export type TypingSpeed = keyof typeof TYPING_SPEEDS;

export interface Settings {
  textSize: (typeof TEXT_SIZES)[number];
  /** undefined: follow the system's prefers-reduced-motion. */
  reducedMotion: boolean | undefined;
  typingSpeed: TypingSpeed;
  highContrast: boolean;
  /** Also show the meters as text in the conversation panel (the canvas always shows numbers and words). */
  metersAsText: boolean;
  play: PlaySettings;
}

export const DEFAULT_SETTINGS: Settings = {
  textSize: 100,
  reducedMotion: undefined,
  typingSpeed: 'normal',
  highContrast: false,
  metersAsText: false,
  play: { mode: 'practice', hints: true, coachFeedback: true },
};

const KEY = 'good-terms:settings:v1';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Reads stored settings, keeping defaults for anything missing or malformed. */
export function loadSettings(): Settings {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return DEFAULT_SETTINGS;
    const stored = JSON.parse(raw) as Partial<Settings>;
    const merged: Settings = {
      ...DEFAULT_SETTINGS,
      ...stored,
      play: { ...DEFAULT_SETTINGS.play, ...stored.play },
    };
    if (!TEXT_SIZES.includes(merged.textSize)) merged.textSize = DEFAULT_SETTINGS.textSize;
    if (!(merged.typingSpeed in TYPING_SPEEDS)) merged.typingSpeed = DEFAULT_SETTINGS.typingSpeed;
    return merged;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(settings: Settings): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage full or blocked: the settings still apply for this visit.
  }
}

export function systemPrefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function effectiveReducedMotion(settings: Settings): boolean {
  return settings.reducedMotion ?? systemPrefersReducedMotion();
}

/** Characters per second for the patient's line: 0 (instant) under reduced motion. */
export function effectiveTypingSpeed(settings: Settings): number {
  return effectiveReducedMotion(settings) ? 0 : TYPING_SPEEDS[settings.typingSpeed];
}

export function applySettings(settings: Settings, root: HTMLElement = document.documentElement): void {
  root.style.fontSize = `${settings.textSize}%`;
  root.classList.toggle('theme-high-contrast', settings.highContrast);
  root.classList.toggle('reduced-motion', effectiveReducedMotion(settings));
}
