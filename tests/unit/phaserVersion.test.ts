/**
 * renderOnDemand replaces Phaser's Game#step with a copy of one release's, and the trimmed Phaser build
 * takes modules from that release's source tree: package.json must pin exactly that release, and the
 * installed package must be it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_PHASER } from '../../src/game/phaserVersion';

const json = (path: string): { version?: string; dependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

describe('the Phaser version', () => {
  it('is pinned in package.json to the release renderOnDemand copies', () => {
    expect(json('../../package.json').dependencies?.phaser).toBe(SUPPORTED_PHASER);
  });

  it('is the release installed', () => {
    expect(json('../../node_modules/phaser/package.json').version).toBe(SUPPORTED_PHASER);
  });
});
