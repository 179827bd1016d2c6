/**
 * Serves the test build (dist-test/, made by `vite build --mode test`) with `vite preview` for the whole
 * browser suite, on a free port, and hands its URL to the tests.
 */
import { existsSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** `vite preview` of the test build on a free loopback port, and its URL. */
export async function previewTestBuild(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await preview({
    mode: 'test',
    configLoader: 'runner',
    build: { outDir: 'dist-test' },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('dist-test/index.html')) {
    throw new Error('dist-test/ is missing: run `vite build --mode test` first (npm test does this)');
  }
  const server = await previewTestBuild();
  project.provide('baseUrl', server.url);
  return server.close;
}
