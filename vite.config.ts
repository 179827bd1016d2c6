import { defineConfig } from 'vite';
import { goodTermsContent } from './src/content/vitePlugin';
import { trimmedPhaser } from './src/game/phaser/phaserBuild';

// `--mode test` builds into dist-test/ with the test hooks (window.__GOOD_TERMS__); `dist/` never has them.
export default defineConfig(({ mode }) => ({
  base: './',
  // The app ships a Phaser trimmed to what it uses; GOOD_TERMS_STOCK_PHASER=1 builds with the stock bundle.
  plugins: [goodTermsContent(), ...(process.env.GOOD_TERMS_STOCK_PHASER === '1' ? [] : [trimmedPhaser()])],
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test') },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Phaser is a large fixed cost that changes rarely: its own chunk caches across our releases.
        codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] },
      },
    },
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));
