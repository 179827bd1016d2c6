/**
 * Per-browser settings (localStorage): text size, motion, typing speed, contrast, how meters are shown,
 * sound, and the practice helps. Applying them is a pure function of the settings object, so the screen always
 * matches what is stored; storage that is unavailable (private mode, blocked) only means nothing persists.
 */
import type { Mode } from '../engine/runtime';
import type { PlaySettings } from './types';

const MODES: readonly Mode[] = ['practice', 'assessment'];

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
  /** Sound effects and room tone (off by default; never the only way something is told). */
  sound: boolean;
  /** Keys 1-9 pick a reply while focus is in the reply list (WCAG 2.1.4: they can be turned off). */
  numberKeys: boolean;
  play: PlaySettings;
}

export const DEFAULT_SETTINGS: Settings = {
  textSize: 100,
  reducedMotion: undefined,
  typingSpeed: 'normal',
  highContrast: false,
  metersAsText: false,
  sound: false,
  numberKeys: true,
  play: { mode: 'practice', hints: true, coachFeedback: true },
};

const KEY = 'good-terms:settings:v1';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The stored value when it is one of the allowed ones, else the default: a bad value never reaches play. */
function oneOf<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

const flag = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

/**
 * Reads stored settings. Every field is checked on its own and falls back to its default when missing
 * or unknown (an old build's value, a hand edit, another app's key), so one bad value never makes the
 * game unplayable and never costs the trainee the rest of their settings.
 */
export function loadSettings(): Settings {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      stored = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: every setting takes its default.
  }
  const play = (stored.play && typeof stored.play === 'object' ? stored.play : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    textSize: oneOf(stored.textSize, TEXT_SIZES, d.textSize),
    reducedMotion: oneOf(stored.reducedMotion, [true, false, undefined], d.reducedMotion),
    typingSpeed: oneOf(stored.typingSpeed, Object.keys(TYPING_SPEEDS) as TypingSpeed[], d.typingSpeed),
    highContrast: flag(stored.highContrast, d.highContrast),
    metersAsText: flag(stored.metersAsText, d.metersAsText),
    sound: flag(stored.sound, d.sound),
    numberKeys: flag(stored.numberKeys, d.numberKeys),
    play: {
      mode: oneOf(play.mode, MODES, d.play.mode),
      hints: flag(play.hints, d.play.hints),
      coachFeedback: flag(play.coachFeedback, d.play.coachFeedback),
    },
  };
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

/**
 * Whether the panel shows the meters as text: on request, and always when the text is enlarged, since the
 * canvas draws its meter labels at a fixed size that neither the text size setting nor zoom reaches alike
 * (WCAG 1.4.4).
 */
export function effectiveMetersAsText(settings: Settings): boolean {
  return settings.metersAsText || settings.textSize > 100;
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
