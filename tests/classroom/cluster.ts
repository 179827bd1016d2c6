/**
 * Classroom server nodes as child processes (so a test can SIGKILL one) and a small TCP load balancer in
 * front of them, for the multi-node tests and the benchmark. The balancer hands each new connection to
 * the next node in turn and skips nodes that refuse it, as a load balancer's health check would: with
 * WebSocket-only clients no sticky sessions are needed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { stubSite, tempDir } from './server';
import { freePort } from './services';

export interface NodeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  node: string;
  /** Everything the node wrote (JSON log lines). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
}

export interface NodeOptions {
  node: string;
  databaseUrl?: string;
  redisUrl?: string;
  port?: number;
  env?: Record<string, string>;
}

export function spawnNode(options: NodeOptions): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      DATA_DIR: tempDir('node-data'),
      STATIC_DIR: stubSite(),
      NODE_ID: options.node,
      SOCKET_TRANSPORTS: 'websocket',
      LOG_FORMAT: 'json',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => out, exited };
}

export async function startNode(options: NodeOptions): Promise<NodeProcess> {
  const port = options.port ?? (await freePort());
  const { child, output, exited } = spawnNode({ ...options, port });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output().includes('Good Terms is running')) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) =>
      reject(new Error(`node ${options.node} exited (${code}) before it started:\n${output()}`)),
    );
  });
  return { child, port, url: `http://127.0.0.1:${port}`, node: options.node, output, exited };
}

/** Stops a node gracefully (SIGTERM: it hands its rooms over) and waits for it to exit. */
export async function stopNode(node: NodeProcess): Promise<void> {
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGTERM');
  await node.exited;
}

export class Balancer {
  private readonly sockets = new Set<Socket>();
  private next = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly backends: () => number[],
  ) {}

  static async start(backends: () => number[]): Promise<Balancer> {
    const port = await freePort();
    let balancer: Balancer | undefined;
    const server = createServer((client) => balancer?.accept(client));
    balancer = new Balancer(server, port, backends);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const ports = this.backends();
    const tryBackend = (left: number): void => {
      if (left === 0 || ports.length === 0) {
        client.destroy();
        return;
      }
      const port = ports[this.next++ % ports.length] as number;
      const upstream = createConnection({ port, host: '127.0.0.1' });
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        this.sockets.add(upstream);
        upstream.once('close', () => {
          this.sockets.delete(upstream);
          client.destroy();
        });
        client.once('close', () => upstream.destroy());
        upstream.on('error', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => {
        if (!connected) tryBackend(left - 1);
      });
    };
    tryBackend(ports.length);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
