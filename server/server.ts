/**
 * The classroom server as a function: one HTTP server on one port with the static site, the classroom
 * pages and the socket.io endpoint, over the rooms restored from storage. main.ts starts it from the
 * environment; tests and the benchmark start it in-process or as a child.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { fileContentSource } from '../src/content/fileSource';
import type { ScenarioBundle } from '../src/engine/runtime/types';
import { staticHandler } from './http';
import { ClassroomHub, type ClassroomServer } from './hub';
import type { Clock } from './room/room';
import { Rooms } from './rooms';
import { openSqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/storage';

/** The biggest message a page may send (bytes); a bigger one drops its connection. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  staticDir: string;
  /** The address phones use, when it is not where the server listens (a proxy, a LAN name). */
  publicUrl: string | undefined;
  dialoguesDir?: string;
  clock?: Clock;
  log?: (message: string) => void;
  /** Storage other than the SQLite default (tests; a PostgreSQL backend later). */
  storage?: Storage;
  /** What to do when storage fails a write (main.ts exits; see ClassroomHub). */
  onStorageFailure?: (error: unknown) => void;
}

export interface RunningServer {
  port: number;
  /** Where this machine reaches the server. */
  url: string;
  /** Where phones reach it (the join links and QR codes use this). */
  publicUrl: string;
  restoredRooms: number;
  rooms: Rooms;
  close(): Promise<void>;
}

function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

export async function startClassroomServer(config: ServerConfig): Promise<RunningServer> {
  if (!existsSync(join(config.staticDir, 'index.html'))) {
    throw new Error(`${config.staticDir}/index.html is missing: build the site first (npm run build)`);
  }
  const log = config.log ?? ((message: string) => console.log(message));
  const clock = config.clock ?? { now: () => Date.now() };
  // The same content layer as the CLI and the build: a scenario that does not load is not offered.
  const content = fileContentSource(config.dialoguesDir);
  const library = new Map<string, ScenarioBundle>();
  for (const entry of content.scenarios()) {
    const bundle = content.bundle(entry.id);
    if (bundle) library.set(entry.id, bundle);
    else log(`scenario ${entry.file} does not load and is not offered (npm run validate says why)`);
  }
  const storage = config.storage ?? (await openSqliteStorage(config.dataDir));

  let publicUrl = config.publicUrl?.replace(/\/+$/, '') ?? '';
  const hub: ClassroomHub = new ClassroomHub({
    rooms: (): Rooms => rooms,
    library,
    joinUrl: (code) => `${publicUrl}/join/${code}`,
    clock,
    log,
    onStorageFailure: config.onStorageFailure ?? (() => undefined),
  });
  const rooms: Rooms = new Rooms(storage, library, hub, clock, log);

  const http = createServer(staticHandler(config.staticDir));
  const io: ClassroomServer = new Server(http, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    // Pages of another site may not drive a room from a visitor's browser.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || new URL(origin).host === req.headers.host);
    },
  });
  hub.attach(io);
  const restoredRooms = await rooms.restoreOpen();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const sweeper = setInterval(() => {
    rooms
      .sweep((room) => hub.isWatched(room))
      .then(
        ({ ended }) => {
          for (const code of ended) log(`room ${code} ended after two hours with nobody in it`);
        },
        (error: unknown) => log(`sweeping idle rooms failed: ${String(error)}`),
      );
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const url = `http://${wildcard ? '127.0.0.1' : urlHost(config.host)}:${port}`;
  if (!publicUrl)
    publicUrl = `http://${wildcard ? (lanAddress() ?? '127.0.0.1') : urlHost(config.host)}:${port}`;

  return {
    port,
    url,
    publicUrl,
    restoredRooms,
    rooms,
    async close() {
      clearInterval(sweeper);
      hub.close();
      rooms.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await storage.close();
    },
  };
}
