/**
 * npm run assets [--check]
 * Writes the media this repository makes itself into assets/: the sounds (scripts/assets/sounds.ts) and
 * the app icons (scripts/assets/icons.ts). Deterministic; `--check` only compares and exits 1 when a
 * file in assets/ differs from what the scripts make (tests/unit/assets.test.ts runs the same check).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawIcon, ICONS, png } from './assets/icons';
import { sounds, wav } from './assets/sounds';

export const ASSETS_DIR = new URL('../assets/', import.meta.url).pathname;

/** Every generated file: its path under assets/ and its bytes. */
export function generatedAssets(): { path: string; bytes: Uint8Array }[] {
  return [
    ...sounds().map((s) => ({ path: join('sounds', s.file), bytes: wav(s) })),
    ...ICONS.map((icon) => ({ path: join('icons', icon.file), bytes: png(icon.size, drawIcon(icon)) })),
  ];
}

function same(path: string, bytes: Uint8Array): boolean {
  try {
    return Buffer.from(readFileSync(path)).equals(Buffer.from(bytes));
  } catch {
    return false;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { path, bytes } of generatedAssets()) {
    const target = join(ASSETS_DIR, path);
    if (same(target, bytes)) continue;
    if (check) {
      console.error(`assets/${path} differs from what scripts/make-assets.ts makes`);
      stale += 1;
      continue;
    }
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`wrote assets/${path} (${bytes.length} bytes)`);
  }
  if (stale > 0) process.exit(1);
}
