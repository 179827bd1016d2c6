/**
 * The Redis connection of a node (REDIS_URL). Startup is strict: a server that cannot reach Redis says
 * so, naming the variable and the host, and does not start. Once running, a lost connection is retried
 * for ever (commands wait in the client's queue), and the client's 'ready' event fires each time it
 * comes back (the cluster listens for it: server/cluster/cluster.ts).
 */
import { createClient, type RedisClientType } from 'redis';

export type Redis = RedisClientType;

const CONNECT_TIMEOUT_MS = 5_000;

/** Where a Redis URL points, without its password: for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '6379'}`;
  } catch {
    throw new Error('REDIS_URL is not a URL (expected redis://host:6379)');
  }
}

export async function connectRedis(
  url: string,
  onError: (message: string) => void,
): Promise<{ client: Redis; where: string }> {
  const where = describeRedisUrl(url);
  let started = false;
  const client: Redis = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start, one try: a wrong address is an error to fix, not something to wait out.
      reconnectStrategy: (retries, cause) =>
        started ? Math.min(50 * 2 ** retries, 1_000) : new Error(cause?.message ?? 'unreachable'),
    },
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    // Said once per outage, not once per retry.
    if (started && error.message !== lastError) onError(`Redis at ${where}: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => {
    lastError = '';
  });
  try {
    await client.connect();
  } catch (error) {
    await client.disconnect().catch(() => undefined);
    const reason = error instanceof Error ? error.message || error.constructor.name : String(error);
    throw new Error(`REDIS_URL: cannot reach Redis at ${where} (${reason})`);
  }
  started = true;
  return { client, where };
}
