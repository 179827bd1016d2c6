/**
 * `npm start`: serves the built game and the classroom on one port. Configured by the environment (the
 * README's operations section lists every variable): PORT and HOST where it listens (default
 * 127.0.0.1:4173), DATA_DIR where rooms are stored (default ./data), PUBLIC_URL the address phones should
 * use when it differs (behind a proxy, or a name on the local network). For several nodes: DATABASE_URL
 * (PostgreSQL), REDIS_URL, NODE_ID, SOCKET_TRANSPORTS and LOG_FORMAT.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createLog, type LogFormat } from './log';
import { startClassroomServer } from './server';
import { describeDatabaseUrl } from './storage/postgres';

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 4173;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value as T))
    throw new Error(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

async function main(): Promise<void> {
  const env = process.env;
  const host = env.HOST || '127.0.0.1';
  const dataDir = resolve(env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const redisUrl = env.REDIS_URL || undefined;
  const node = env.NODE_ID || `${hostname()}-${process.pid}`;
  const format = oneOf<LogFormat>('LOG_FORMAT', env.LOG_FORMAT, ['text', 'json'], redisUrl ? 'json' : 'text');
  const transports = oneOf(
    'SOCKET_TRANSPORTS',
    env.SOCKET_TRANSPORTS,
    ['websocket', 'websocket,polling'],
    'websocket,polling',
  );
  const log = createLog(format, redisUrl ? node : undefined);
  const storageName = databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(databaseUrl)}` : dataDir;
  const server = await startClassroomServer({
    host,
    port: portFrom(env.PORT),
    dataDir,
    staticDir: resolve(env.STATIC_DIR || 'dist'),
    publicUrl: env.PUBLIC_URL || undefined,
    databaseUrl,
    redisUrl,
    node,
    transports: transports === 'websocket' ? ['websocket'] : ['polling', 'websocket'],
    log,
    // Fail-stop: nothing unstored was ever shown, so a restart resumes every room from storage.
    onStorageFailure: () => {
      log('Stopping: storage failed; restart to resume every room from what was stored.', { level: 'error' });
      process.exit(1);
    },
  });
  if (format === 'json') {
    log('Good Terms is running', {
      url: server.url,
      joinUrl: `${server.publicUrl}/join`,
      storage: storageName,
      redis: redisUrl ? 'connected' : undefined,
      restoredRooms: server.restoredRooms,
    });
  } else {
    const loopback = /^(127\.|localhost$|::1$)/.test(host) && !env.PUBLIC_URL;
    console.log(
      [
        '',
        'Good Terms is running.',
        `  Game:          ${server.url}/`,
        `  Facilitator:   ${server.url}/classroom/   <- open this to run a classroom session`,
        `  Phones join:   ${server.publicUrl}/join`,
        loopback
          ? '                 (only this computer can reach it; for phones on your network: HOST=0.0.0.0 npm start)'
          : undefined,
        `  Data:          ${storageName}${server.restoredRooms ? ` (${server.restoredRooms} open rooms restored)` : ''}`,
        '',
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    );
  }
  let stopping = false;
  const stop = (): void => {
    // A second signal stops at once; the first hands the rooms over and closes the connections.
    if (stopping) process.exit(1);
    stopping = true;
    log('shutting down: handing rooms over');
    void server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Good Terms could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
