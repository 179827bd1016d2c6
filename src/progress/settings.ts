/**
 * Facilitator settings for the curriculum, in localStorage (small, synchronous, per browser). Storage
 * that is missing or throws (private mode, blocked) only means the setting does not persist.
 */
import { defaultStorage } from './inProgressMirror';
export interface ProgressSettings {
  formatVersion: 1;
  /** A facilitator can open every module at once (a workshop, or a trainee who already knows the basics). */
  unlockAll: boolean;
}

export const DEFAULT_PROGRESS_SETTINGS: ProgressSettings = { formatVersion: 1, unlockAll: false };
export const PROGRESS_SETTINGS_KEY = 'good-terms:progress-settings';

export function loadProgressSettings(storage = defaultStorage()): ProgressSettings {
  try {
    const raw = storage?.getItem(PROGRESS_SETTINGS_KEY);
    if (!raw) return DEFAULT_PROGRESS_SETTINGS;
    const stored = JSON.parse(raw) as Partial<ProgressSettings> | null;
    return { formatVersion: 1, unlockAll: stored?.unlockAll === true };
  } catch {
    return DEFAULT_PROGRESS_SETTINGS;
  }
}

/** Returns false when the setting could not be stored (it still applies for this visit if the caller keeps it). */
export function saveProgressSettings(settings: ProgressSettings, storage = defaultStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(PROGRESS_SETTINGS_KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}
