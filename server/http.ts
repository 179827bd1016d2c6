/**
 * Serves the built site (dist/): the game at /, the facilitator's page at /classroom/, the projector at
 * /classroom/projector.html and the phone page at /join/<code>. Hashed assets are cached for a year,
 * pages revalidate, and text is gzipped once per file and kept.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentSecurityPolicyHeader } from '../src/security/csp';

const CSP_HEADER = contentSecurityPolicyHeader();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest']);

/** Pages with routes of their own (relative asset URLs still resolve: every page sits one level down). */
const ROUTES: [RegExp, string][] = [
  [/^\/join(\/[A-Za-z0-9-]{0,12})?\/?$/, 'classroom/join.html'],
  [/^\/classroom\/?$/, 'classroom/facilitator.html'],
];

interface Cached {
  mtimeMs: number;
  raw: Buffer;
  gzip: Buffer | undefined;
}

export function staticHandler(root: string): (req: IncomingMessage, res: ServerResponse) => void {
  const base = resolve(root);
  const cache = new Map<string, Cached>();

  const load = async (file: string): Promise<Cached | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const known = cache.get(file);
    if (known && known.mtimeMs === info.mtimeMs) return known;
    const raw = await readFile(file);
    const fresh: Cached = {
      mtimeMs: info.mtimeMs,
      raw,
      gzip: COMPRESSIBLE.has(extname(file)) && raw.length > 1024 ? gzipSync(raw) : undefined,
    };
    cache.set(file, fresh);
    return fresh;
  };

  return (req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res
          .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
          .end('Method not allowed');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://local');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
        return;
      }
      const routed = ROUTES.find(([pattern]) => pattern.test(path))?.[1];
      const relative = routed ?? (path.endsWith('/') ? `${path}index.html` : path);
      const file = normalize(join(base, relative));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const found = await load(file);
      if (!found) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const gzip = found.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? (found.gzip as Buffer) : found.raw;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        // The pages carry the same policy as a meta tag; only a header can say who may frame them.
        ...(extname(file) === '.html' ? { 'content-security-policy': CSP_HEADER } : {}),
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Server error');
      console.error(error);
    });
  };
}
