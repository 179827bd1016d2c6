/**
 * `npm start`: serves the built game and the classroom on one port. PORT and HOST choose where it
 * listens (default 127.0.0.1:4173), DATA_DIR where rooms are stored (default ./data), PUBLIC_URL the
 * address phones should use when it differs (behind a proxy, or a name on the local network).
 */
import { resolve } from 'node:path';
import { startClassroomServer } from './server';

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 4173;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const host = process.env.HOST || '127.0.0.1';
  const dataDir = resolve(process.env.DATA_DIR || 'data');
  const server = await startClassroomServer({
    host,
    port: portFrom(process.env.PORT),
    dataDir,
    staticDir: resolve(process.env.STATIC_DIR || 'dist'),
    publicUrl: process.env.PUBLIC_URL || undefined,
    // Fail-stop: nothing unstored was ever shown, so a restart resumes every room from storage.
    onStorageFailure: () => {
      console.error('Stopping: storage failed; restart to resume every room from what was stored.');
      process.exit(1);
    },
  });
  const loopback = /^(127\.|localhost$|::1$)/.test(host) && !process.env.PUBLIC_URL;
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
      `  Data:          ${dataDir}${server.restoredRooms ? ` (${server.restoredRooms} open rooms restored)` : ''}`,
      '',
    ]
      .filter((line) => line !== undefined)
      .join('\n'),
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Good Terms could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
