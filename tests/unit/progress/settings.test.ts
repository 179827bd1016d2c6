import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROGRESS_SETTINGS,
  loadProgressSettings,
  PROGRESS_SETTINGS_KEY,
  saveProgressSettings,
} from '../../../src/progress/settings';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => data.delete(k),
    setItem: (k, v) => data.set(k, v),
  };
}

describe('the facilitator setting', () => {
  it('is off by default and round-trips through localStorage', () => {
    const storage = memoryStorage();
    expect(loadProgressSettings(storage)).toEqual(DEFAULT_PROGRESS_SETTINGS);
    expect(saveProgressSettings({ formatVersion: 1, unlockAll: true }, storage)).toBe(true);
    expect(loadProgressSettings(storage).unlockAll).toBe(true);
  });

  it('survives malformed values and storage that throws (private mode)', () => {
    const storage = memoryStorage();
    storage.setItem(PROGRESS_SETTINGS_KEY, '{not json');
    expect(loadProgressSettings(storage)).toEqual(DEFAULT_PROGRESS_SETTINGS);
    storage.setItem(PROGRESS_SETTINGS_KEY, '{"unlockAll":"yes"}');
    expect(loadProgressSettings(storage).unlockAll).toBe(false);
    const throwing = {
      ...storage,
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    } as Storage;
    expect(loadProgressSettings(throwing)).toEqual(DEFAULT_PROGRESS_SETTINGS);
    expect(saveProgressSettings({ formatVersion: 1, unlockAll: true }, throwing)).toBe(false);
    expect(loadProgressSettings(undefined)).toEqual(DEFAULT_PROGRESS_SETTINGS);
  });
});
