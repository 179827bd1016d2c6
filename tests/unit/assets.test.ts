/** The media in assets/ that this repository makes are exactly what its script makes (nothing drifts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSETS_DIR, generatedAssets } from '../../scripts/make-assets';

describe('generated assets', () => {
  it.each(generatedAssets().map((a) => [a.path, a] as const))(
    'assets/%s matches scripts/make-assets.ts',
    (_, asset) => {
      const stored = readFileSync(join(ASSETS_DIR, asset.path));
      expect(stored.equals(Buffer.from(asset.bytes)), 'run `npm run assets` and commit the result').toBe(
        true,
      );
    },
  );

  it('sounds are short, quiet and never clip', () => {
    for (const { path, bytes } of generatedAssets().filter((a) => a.path.endsWith('.wav'))) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const rate = view.getUint32(24, true);
      const samples = (bytes.length - 44) / 2;
      let peak = 0;
      for (let i = 0; i < samples; i++) peak = Math.max(peak, Math.abs(view.getInt16(44 + i * 2, true)));
      expect(samples / rate, path).toBeLessThanOrEqual(4);
      expect(peak / 32767, path).toBeLessThan(0.95);
      expect(peak / 32767, path).toBeGreaterThan(0.05);
    }
  });
});
