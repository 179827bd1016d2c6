/**
 * Throwaway Redis and PostgreSQL servers for the multi-node tests and the benchmark: each in a temporary
 * folder on a free loopback port, stopped (and its folder removed) by `stop()`. PostgreSQL refuses to run
 * as root, so as root the cluster is created and run as the `postgres` user (Debian's package makes it).
 *
 * The tests that need them are skipped only when the binaries are missing and GOOD_TERMS_REQUIRE_SERVICES
 * is unset; `.ci/run` installs both and sets it, so CI always runs them.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REDIS_SERVER = '/usr/bin/redis-server';

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why the services cannot run here, or undefined when they can. */
export function servicesMissing(): string | undefined {
  if (!existsSync(REDIS_SERVER)) return `${REDIS_SERVER} is not installed (Debian package redis-server)`;
  if (!postgresBin()) return 'PostgreSQL is not installed (Debian package postgresql)';
  return undefined;
}

/** Skip a suite when the services are missing, unless CI said they must run. */
export function skipWithoutServices(): boolean {
  const missing = servicesMissing();
  if (!missing) return false;
  if (process.env.GOOD_TERMS_REQUIRE_SERVICES) {
    throw new Error(`GOOD_TERMS_REQUIRE_SERVICES is set but ${missing}`);
  }
  return true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port. */
async function waitForPort(port: number, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`${what} did not start listening on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export class RedisService {
  private child: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'good-terms-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisService> {
    const redis = new RedisService(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again, on the same port, with nothing kept: `--save ''`, no append-only file). */
  async restart(): Promise<void> {
    this.child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(this.port, 'redis-server');
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class PostgresService {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  /** As root, commands run as `postgres`; otherwise as the current user. */
  private static run(bin: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    execFileSync(command, argv, { stdio: 'pipe' });
  }

  static async start(): Promise<PostgresService> {
    const bin = postgresBin();
    if (!bin) throw new Error('PostgreSQL is not installed');
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'good-terms-pg-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    const data = join(dir, 'data');
    PostgresService.run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    PostgresService.run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      'start',
    ]);
    return new PostgresService(port, dir, bin);
  }

  /** A fresh, empty database on this server. */
  database(name: string): string {
    PostgresService.run(join(this.bin, 'createdb'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      name,
    ]);
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async stop(): Promise<void> {
    PostgresService.run(join(this.bin, 'pg_ctl'), [
      '-D',
      join(this.dir, 'data'),
      '-m',
      'immediate',
      '-w',
      'stop',
    ]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
