/**
 * The web app manifest, so Good Terms installs to a home screen. The icons live in assets/icons (made by
 * scripts/make-assets.ts); the build emits them fingerprinted like every other asset and writes
 * manifest.webmanifest (a fixed name: index.html links to it) with their hashed names. The dev server
 * serves the same manifest over the source files.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const ICONS_DIR = new URL('../../assets/icons/', import.meta.url).pathname;
const ICONS = [
  { file: 'icon-192.png', sizes: '192x192', purpose: 'any' },
  { file: 'icon-512.png', sizes: '512x512', purpose: 'any' },
  { file: 'icon-maskable-512.png', sizes: '512x512', purpose: 'maskable' },
] as const;
export const MANIFEST_FILE = 'manifest.webmanifest';

function manifest(iconUrls: readonly string[]): string {
  return JSON.stringify(
    {
      name: 'Good Terms',
      short_name: 'Good Terms',
      description: 'Practise money conversations with simulated patients.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      orientation: 'any',
      background_color: '#1c2a36',
      theme_color: '#1f5f8b',
      icons: ICONS.map((icon, i) => ({
        src: iconUrls[i],
        sizes: icon.sizes,
        type: 'image/png',
        purpose: icon.purpose,
      })),
    },
    null,
    2,
  );
}

export function appManifest(): Plugin {
  return {
    name: 'good-terms-manifest',
    configureServer(server) {
      server.middlewares.use(`/${MANIFEST_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'application/manifest+json');
        res.end(manifest(ICONS.map((icon) => `./assets/icons/${icon.file}`)));
      });
    },
    generateBundle() {
      const urls = ICONS.map((icon) => {
        const ref = this.emitFile({
          type: 'asset',
          name: icon.file,
          source: readFileSync(`${ICONS_DIR}${icon.file}`),
        });
        return `./${this.getFileName(ref)}`;
      });
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: manifest(urls) });
    },
  };
}
