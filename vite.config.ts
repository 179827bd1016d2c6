import { defineConfig } from 'vite';
import { goodTermsContent } from './src/content/vitePlugin';
import { contentSecurityPolicyMeta } from './src/security/csp';

// `--mode test` builds into dist-test/ with the test hooks (window.__GOOD_TERMS__); `dist/` never has them.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [goodTermsContent(), contentSecurityPolicyMeta()],
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test') },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
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
