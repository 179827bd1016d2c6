/**
 * Builds the game with Vite's JS API (the project's own vite.config.ts, loaded with configLoader 'runner')
 * and sorts the output into what a trainee downloads first (index.html, the entry chunk and its static
 * imports, the CSS) and what loads later (each scenario's content). Shared by `npm run bench:bundle`
 * and tests/unit/bundleSize.test.ts, so the benchmark and the enforced budget measure the same thing.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Application code in the first load, without Phaser: at most 120 kB gzipped (docs: architecture, Budgets). */
export const APP_GZIP_BUDGET = 120_000;
/** Everything the classroom's phone page loads first (HTML, scripts, styles): at most 80 kB gzipped (issue 14). */
export const JOIN_PAGE_GZIP_BUDGET = 80_000;
/** The trimmed Phaser chunk (src/game/phaser/slim.js): at most 195 kB gzipped, 45% under the stock bundle. */
export const PHASER_GZIP_BUDGET = 195_000;

const SCENARIO_MODULE = '\0virtual:good-terms/scenario/';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface ScenarioSize extends FileSize {
  id: string;
}

export interface BundleReport {
  phaser: FileSize[];
  /** JavaScript chunks of the first load other than Phaser's (the entry and what it imports statically). */
  app: FileSize[];
  css: FileSize[];
  html: FileSize;
  scenarios: ScenarioSize[];
  /** JavaScript chunks loaded on demand that are not scenario content. */
  lazyOther: FileSize[];
  totals: { appGzip: number; appRaw: number; firstLoadGzip: number; firstLoadRaw: number };
  /** Scenario chunks reachable from the entry without a dynamic import (should be none). */
  scenariosInFirstLoad: string[];
  /** Files index.html preloads or loads (script, modulepreload, stylesheet). */
  htmlLoads: string[];
  /** The biggest contributors to the application chunks, by rendered (minified) length. */
  topModules: { module: string; bytes: number }[];
  /** Every other HTML page (the classroom's): what it loads first, and the modules in it. */
  pages: PageLoad[];
}

export interface PageLoad {
  html: string;
  files: FileSize[];
  gzip: number;
  modules: string[];
}

interface Chunk {
  type: 'chunk';
  fileName: string;
  name: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  modules: Record<string, { renderedLength: number }>;
}
interface Asset {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}
type OutputItem = Chunk | Asset;

function size(file: string, content: string | Uint8Array): FileSize {
  const buffer = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
  return { file, raw: buffer.length, gzip: gzipSync(buffer).length };
}

/** A readable name for a module id: the package for node_modules, the repo path for ours. */
function moduleName(id: string, root: string): string {
  const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  if (pkg?.[1]) return pkg[1].replace('\\', '/');
  if (id.startsWith('\0')) return id.slice(1);
  return id.startsWith(root) ? id.slice(root.length + 1) : id;
}

/**
 * Builds in memory (nothing is written) unless `outDir` is given, e.g. 'dist' for the same output as
 * `npm run build`.
 */
export async function bundleReport(options: { mode?: string; outDir?: string } = {}): Promise<BundleReport> {
  const root = process.cwd();
  // The service worker is not part of any page's first load; in memory it has nothing to precache.
  process.env.GOOD_TERMS_NO_SERVICE_WORKER = options.outDir ? '' : '1';
  const result = await build({
    configLoader: 'runner',
    mode: options.mode ?? 'production',
    logLevel: 'silent',
    build: options.outDir
      ? { outDir: options.outDir, emptyOutDir: true, write: true }
      : { write: false, emptyOutDir: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as unknown as { output: OutputItem[] }[];
  const items = outputs.flatMap((o) => o.output ?? []);
  const chunks = new Map(
    items.filter((i): i is Chunk => i.type === 'chunk').map((c) => [c.fileName, c] as const),
  );
  const assets = items.filter((i): i is Asset => i.type === 'asset');

  // The game's entry; the classroom pages are entries too and are reported under `pages`.
  const entry = [...chunks.values()].find(
    (c) => c.isEntry && /(^|[\\/])index\.html$/.test(c.facadeModuleId ?? ''),
  );
  if (!entry) throw new Error('the build produced no entry chunk for index.html');
  const firstLoad = new Set<string>();
  const visit = (file: string): void => {
    if (firstLoad.has(file)) return;
    firstLoad.add(file);
    for (const dep of chunks.get(file)?.imports ?? []) visit(dep);
  };
  visit(entry.fileName);

  const isPhaser = (c: Chunk): boolean => c.name === 'phaser';
  const scenarioId = (c: Chunk): string | undefined =>
    c.facadeModuleId?.startsWith(SCENARIO_MODULE)
      ? c.facadeModuleId.slice(SCENARIO_MODULE.length)
      : undefined;

  const phaser: FileSize[] = [];
  const app: FileSize[] = [];
  const scenarios: ScenarioSize[] = [];
  const lazyOther: FileSize[] = [];
  const scenariosInFirstLoad: string[] = [];
  const moduleBytes = new Map<string, number>();
  for (const chunk of chunks.values()) {
    const s = size(chunk.fileName, chunk.code);
    const id = scenarioId(chunk);
    if (id !== undefined) {
      scenarios.push({ id, ...s });
      if (firstLoad.has(chunk.fileName)) scenariosInFirstLoad.push(id);
    } else if (isPhaser(chunk)) phaser.push(s);
    else if (firstLoad.has(chunk.fileName)) {
      app.push(s);
      for (const [mod, info] of Object.entries(chunk.modules)) {
        const key = moduleName(mod, root);
        moduleBytes.set(key, (moduleBytes.get(key) ?? 0) + info.renderedLength);
      }
    } else lazyOther.push(s);
  }
  const css = assets.filter((a) => a.fileName.endsWith('.css')).map((a) => size(a.fileName, a.source));
  const htmlAsset = assets.find((a) => a.fileName.endsWith('index.html'));
  if (!htmlAsset) throw new Error('the build produced no index.html');
  const html = size(htmlAsset.fileName, htmlAsset.source);
  const htmlText =
    typeof htmlAsset.source === 'string' ? htmlAsset.source : Buffer.from(htmlAsset.source).toString();
  const htmlLoads = [...htmlText.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] ?? '',
  );
  for (const file of htmlLoads) {
    const chunk = chunks.get(file);
    const id = chunk ? scenarioId(chunk) : undefined;
    if (id !== undefined && !scenariosInFirstLoad.includes(id)) scenariosInFirstLoad.push(id);
  }

  const sum = (xs: FileSize[], k: 'raw' | 'gzip'): number => xs.reduce((n, x) => n + x[k], 0);
  const pages = assets
    .filter((a) => a.fileName.endsWith('.html') && a !== htmlAsset)
    .map((page): PageLoad => {
      const text = typeof page.source === 'string' ? page.source : Buffer.from(page.source).toString();
      const loads = [...text.matchAll(/(?:src|href)="(?:\.\.?\/)*([^"]+\.(?:js|css))"/g)].map(
        (m) => m[1] ?? '',
      );
      const seen = new Set<string>();
      const visitPage = (file: string): void => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const dep of chunks.get(file)?.imports ?? []) visitPage(dep);
      };
      for (const file of loads) visitPage(file);
      const files = [
        size(page.fileName, page.source),
        ...[...seen].flatMap((file) => {
          const chunk = chunks.get(file);
          if (chunk) return [size(file, chunk.code)];
          const asset = assets.find((a) => a.fileName === file);
          return asset ? [size(file, asset.source)] : [];
        }),
      ];
      const modules = [...seen].flatMap((file) =>
        Object.keys(chunks.get(file)?.modules ?? {}).map((m) => moduleName(m, root)),
      );
      return { html: page.fileName, files, gzip: sum(files, 'gzip'), modules: [...new Set(modules)] };
    });
  scenarios.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  return {
    phaser,
    app,
    css,
    html,
    scenarios,
    lazyOther,
    totals: {
      appGzip: sum(app, 'gzip'),
      appRaw: sum(app, 'raw'),
      firstLoadGzip: sum([...phaser, ...app, ...css, html], 'gzip'),
      firstLoadRaw: sum([...phaser, ...app, ...css, html], 'raw'),
    },
    scenariosInFirstLoad,
    htmlLoads,
    topModules: [...moduleBytes]
      .map(([module, bytes]) => ({ module, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 12),
    pages,
  };
}
