/**
 * The classroom server as a function: one HTTP server on one port with the static site, the classroom
 * pages, the socket.io endpoint and the health checks, over the rooms restored from storage. Storage is
 * SQLite in the data folder, or PostgreSQL (databaseUrl); with redisUrl the server is one node of a
 * cluster (server/cluster). main.ts starts it from the environment; tests and the benchmark start it
 * in-process or as a child. Everything it depends on is reached before it listens: a server that cannot
 * reach its database or Redis fails to start, with the variable and host in the message.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { fileContentSource } from '../src/content/fileSource';
import type { ScenarioBundle } from '../src/engine/runtime/types';
import { Cluster } from './cluster/cluster';
import { connectRedis } from './cluster/redis';
import { Edge } from './edge';
import { staticHandler } from './http';
import { ClassroomHub, type ClassroomServer } from './hub';
import { createLog, type Log } from './log';
import type { Clock } from './room/room';
import { Rooms } from './rooms';
import { openPostgresStorage } from './storage/postgres';
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
  log?: Log;
  /** PostgreSQL instead of SQLite in dataDir (DATABASE_URL). */
  databaseUrl?: string;
  /** One node of several, sharing rooms through Redis (REDIS_URL). */
  redisUrl?: string;
  /** This node's name in logs and in the room directory (NODE_ID); unique per process. */
  node?: string;
  /** socket.io transports; ['websocket'] needs no sticky sessions at the load balancer. */
  transports?: ('polling' | 'websocket')[];
  /** Storage other than SQLite or PostgreSQL (tests). */
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
  node: string;
  /**
   * Graceful shutdown: stops taking events, stores what was accepted, hands every room over (with
   * several nodes another node takes it at once), then closes the connections (pages reconnect).
   */
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
  const node = config.node ?? `${hostname()}-${process.pid}`;
  const log = config.log ?? createLog('text', undefined);
  const clock = config.clock ?? { now: () => Date.now() };
  const storage =
    config.storage ??
    (config.databaseUrl
      ? await openPostgresStorage(config.databaseUrl)
      : await openSqliteStorage(config.dataDir));
  let cluster: Cluster | undefined;
  if (config.redisUrl) {
    try {
      const { client, where } = await connectRedis(config.redisUrl, (message) =>
        log(message, { level: 'warn' }),
      );
      cluster = new Cluster(client, node, where);
    } catch (error) {
      await storage.close();
      throw error;
    }
  }

  // The same content layer as the CLI and the build: a scenario that does not load is not offered.
  const content = fileContentSource(config.dialoguesDir);
  const library = new Map<string, ScenarioBundle>();
  for (const entry of content.scenarios()) {
    const bundle = content.bundle(entry.id);
    if (bundle) library.set(entry.id, bundle);
    else log(`scenario ${entry.file} does not load and is not offered (npm run validate says why)`);
  }

  let publicUrl = config.publicUrl?.replace(/\/+$/, '') ?? '';
  const hub: ClassroomHub = new ClassroomHub({
    rooms: (): Rooms => rooms,
    library,
    joinUrl: (code) => `${publicUrl}/join/${code}`,
    clock,
    log,
    onStorageFailure: config.onStorageFailure ?? (() => undefined),
    onRoomLost: (code) => void cluster?.release(code).catch(() => undefined),
    onPeerDropped: (peer) => cluster?.dropped(peer),
  });
  const rooms: Rooms = new Rooms(
    storage,
    library,
    hub,
    clock,
    log,
    cluster ? (code) => (cluster as Cluster).directory.claim(code) : undefined,
  );

  let draining = false;
  const files = staticHandler(config.staticDir);
  const http = createServer((req, res) => {
    if (!health(req, res, { draining, cluster, storage })) files(req, res);
  });
  const io: ClassroomServer = new Server(http, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    ...(config.transports ? { transports: config.transports } : {}),
    ...(cluster ? { adapter: cluster.adapter() } : {}),
    // Pages of another site may not drive a room from a visitor's browser.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || new URL(origin).host === req.headers.host);
    },
  });
  hub.attach(io);
  const edge = new Edge(hub, node, log, cluster);
  edge.attach(io);
  await cluster?.start({ io, hub, rooms, storage, log });
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
        ({ ended, unloaded }) => {
          for (const code of ended) log('ended after two hours with nobody in it', { room: code });
          for (const code of unloaded) void cluster?.release(code).catch(() => undefined);
        },
        (error: unknown) => log(`sweeping idle rooms failed: ${String(error)}`, { level: 'warn' }),
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
    node,
    async close() {
      draining = true;
      clearInterval(sweeper);
      edge.close();
      const codes = rooms.all().map((room) => room.code);
      hub.close();
      rooms.close();
      await storage.flush();
      if (cluster) {
        await cluster.handOver(codes).catch(() => undefined);
        log(`handed ${codes.length} rooms over`, { rooms: codes.length });
      }
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await cluster?.close();
      await storage.close();
    },
  };
}

/**
 * /healthz: the process is up. /readyz: it can take pages (the database answers, Redis is connected,
 * it is not shutting down); a load balancer sends new connections only to ready nodes.
 */
function health(
  req: IncomingMessage,
  res: ServerResponse,
  state: { draining: boolean; cluster: Cluster | undefined; storage: Storage },
): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/healthz' && path !== '/readyz') return false;
  const send = (status: number, body: object) =>
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  if (path === '/healthz') {
    send(200, { status: 'ok' });
    return true;
  }
  const problems: string[] = [];
  if (state.draining) problems.push('shutting down');
  if (state.cluster && !state.cluster.ready)
    problems.push(`Redis at ${state.cluster.where} is not connected`);
  state.storage
    .ping()
    .catch((error: unknown) => {
      problems.push(
        `the database does not answer (${error instanceof Error ? error.message : String(error)})`,
      );
    })
    .finally(() =>
      send(
        problems.length ? 503 : 200,
        problems.length ? { status: 'unready', problems } : { status: 'ready' },
      ),
    );
  return true;
}
