/** Starts the classroom server in-process on a data folder of its own, for tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startClassroomServer } from '../../server/server';
import { loadLibrary } from '../../src/content/library';
import type { ScenarioBundle } from '../../src/engine/runtime/types';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `good-terms-${prefix}-`));
}

/** A static folder with just an index page: socket tests need the server, not the site. */
export function stubSite(): string {
  const dir = tempDir('site');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>stub</title>');
  return dir;
}

export function startTestServer(options: {
  dataDir: string;
  staticDir?: string;
  port?: number;
}): Promise<RunningServer> {
  return startClassroomServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    dataDir: options.dataDir,
    staticDir: options.staticDir ?? stubSite(),
    publicUrl: undefined,
    log: () => undefined,
  });
}

/** A shipped scenario, loaded the way the server loads it. */
export function shippedBundle(id: string): ScenarioBundle {
  const found = loadLibrary().scenarios.find((s) => s.ok && s.bundle.scenario.id === id);
  if (!found?.ok) throw new Error(`scenario ${id} did not load`);
  return found.bundle;
}
