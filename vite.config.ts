import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { appManifest } from './src/build/appManifest';
import { goodTermsContent } from './src/content/vitePlugin';
import { trimmedPhaser } from './src/game/phaser/phaserBuild';
import { contentSecurityPolicyMeta } from './src/security/csp';

// `--mode test` builds into dist-test/ with the test hooks (window.__GOOD_TERMS__); `dist/` never has them.
export default defineConfig(({ mode }) => ({
  base: './',
  // The app ships a Phaser trimmed to what it uses; GOOD_TERMS_STOCK_PHASER=1 builds with the stock bundle.
  plugins: [
    goodTermsContent(),
    ...(process.env.GOOD_TERMS_STOCK_PHASER === '1' ? [] : [trimmedPhaser()]),
    contentSecurityPolicyMeta(),
    appManifest(),
    // Offline after the first visit (src/ui/offline.ts): everything the build writes is precached, Phaser
    // and every scenario chunk included. A new worker waits for the next start (no skipWaiting). The test
    // build's caches have their own name, so a test build and a real one on one origin never mix.
    VitePWA({
      // The bundle report builds in memory (nothing written), where a worker has no files to precache.
      disable: process.env.GOOD_TERMS_NO_SERVICE_WORKER === '1',
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      filename: 'sw.js',
      workbox: {
        cacheId: mode === 'test' ? 'good-terms-test' : 'good-terms',
        globPatterns: ['**/*.{js,css,html,woff2,png,svg,wav,webmanifest}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
        // The classroom server's own pages and routes (server/http.ts) are never answered with the game.
        navigateFallbackDenylist: [/^\/join(\/|$)/, /^\/classroom\//, /^\/socket\.io\//],
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
  ],
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test') },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    // Every file under assets/ is served as a fingerprinted file of its own (cached, precached), never inlined.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // The game, and the classroom's pages (server/): facilitator, projector and the phone's join page.
      input: {
        index: 'index.html',
        facilitator: 'classroom/facilitator.html',
        projector: 'classroom/projector.html',
        join: 'classroom/join.html',
      },
      output: {
        // Phaser is a large fixed cost that changes rarely: its own chunk caches across our releases.
        codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] },
      },
    },
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));
