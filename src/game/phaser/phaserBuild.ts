/**
 * Builds the game against the trimmed Phaser (src/game/phaser/slim.js) instead of the stock bundle: a
 * Vite plugin for vite.config.ts. It aliases `phaser` to the trimmed entry and sets Phaser's build-time
 * flags, which its source tests as `typeof FLAG` (the stock bundle has them all on): WebGL and the
 * canvas fallback on, sound and the WebGL debugger off. GOOD_TERMS_STOCK_PHASER=1 builds against the
 * stock bundle instead (the pixel test compares the two).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const PHASER_FLAGS = {
  WEBGL_RENDERER: true,
  CANVAS_RENDERER: true,
  FEATURE_SOUND: false,
  WEBGL_DEBUG: false,
  PLUGIN_3D: false,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
} as const;

const SLIM_ENTRY = fileURLToPath(new URL('./slim.js', import.meta.url));
/** Phaser's source tree (its package exports only the bundles, so the entry reaches it by this alias). */
const PHASER_SRC = join(dirname(createRequire(import.meta.url).resolve('phaser/package.json')), 'src');
const FLAG = new RegExp(`typeof (${Object.keys(PHASER_FLAGS).join('|')})\\b`, 'g');

export function trimmedPhaser(): Plugin {
  return {
    name: 'good-terms:trimmed-phaser',
    enforce: 'pre',
    config: () => ({
      resolve: {
        alias: [
          { find: /^phaser$/, replacement: SLIM_ENTRY },
          { find: /^phaser-src\//, replacement: `${PHASER_SRC}/` },
        ],
      },
    }),
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]phaser[\\/]src[\\/]/.test(id) || !code.includes('typeof ')) return null;
      return {
        code: code.replace(FLAG, (_, flag: keyof typeof PHASER_FLAGS) => String(PHASER_FLAGS[flag])),
        map: null,
      };
    },
  };
}
