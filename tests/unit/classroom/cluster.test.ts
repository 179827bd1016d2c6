/**
 * The classroom on several nodes, all on this machine: two server processes sharing a throwaway Redis
 * and PostgreSQL. One room with participants split across both nodes plays to the end and everyone sees
 * every reveal; the node that runs the room is killed (SIGKILL) in the middle of a vote and the room
 * carries on on the survivor within 5 s, with every acknowledged vote and clients that reconnect by
 * themselves; Redis restarts in the middle of a vote; and each run's export equals the run without a
 * failure. A node stopped with SIGTERM hands its rooms over without waiting for a lease to run out. A server whose database or Redis is unreachable says which variable and host, and exits.
 */
import { createConnection } from 'node:net';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { bestOf, explore } from '../../../src/engine/authoring/analysis';
import { ClassClient } from '../../classroom/client';
import { Balancer, type NodeProcess, spawnNode, startNode, stopNode } from '../../classroom/cluster';
import { shippedBundle } from '../../classroom/server';
import { freePort, PostgresService, RedisService, skipWithoutServices } from '../../classroom/services';

const SCENARIO = 's13-ed-cost-before-screening';
const SEED = 11;
const PARTICIPANTS = 12;
const best = bestOf(explore(shippedBundle(SCENARIO), { seed: SEED })).choices;
const skip = skipWithoutServices();

interface Session {
  code: string;
  host: ClassClient;
  projector: ClassClient;
  people: ClassClient[];
  /** Per participant: turn -> the vote the server acknowledged. */
  acked: Map<number, string>[];
  /** Per client: the turns whose reveal it was shown. */
  reveals: Map<ClassClient, Set<number>>;
}

/** The votes the facilitator's tally counts. */
const votesIn = (c: ClassClient) => c.host?.tally.reduce((n, r) => n + r.votes, 0);
const everyoneIn = (s: Session) => [s.host, s.projector, ...s.people];
const everyone = (s: Session, check: (c: ClassClient) => boolean, what: string, ms = 20_000) =>
  Promise.all(everyoneIn(s).map((c) => c.until(check, what, ms)));

function client(url: string, s: Pick<Session, 'reveals'>): ClassClient {
  const c = new ClassClient(url);
  const seen = new Set<number>();
  s.reveals.set(c, seen);
  c.socket.on('state', (state) => {
    if (state.phase === 'revealed' && state.reveal) seen.add(state.reveal.turn);
  });
  return c;
}

/** The facilitator, a projector and the participants, connected to `urls` in turn. */
async function openSession(urls: string[]): Promise<Session> {
  const at = (i: number) => urls[i % urls.length] as string;
  const reveals = new Map<ClassClient, Set<number>>();
  const host = client(at(0), { reveals });
  const created = await host.ok({
    type: 'create',
    scenarioId: SCENARIO,
    mode: 'practice',
    seed: SEED,
    voteSeconds: 120,
  });
  const code: string = created.code;
  host.rejoin = { type: 'host', code, token: created.token };
  const projector = client(at(1), { reveals });
  await projector.ok({ type: 'watch', code });
  projector.rejoin = { type: 'watch', code };
  const people: ClassClient[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const person = client(at(i), { reveals });
    await person.join(code);
    people.push(person);
  }
  await host.until((c) => c.host?.roster.length === PARTICIPANTS, 'the roster');
  return { code, host, projector, people, acked: people.map(() => new Map()), reveals };
}

const pickOf = (turn: number, i: number, options: string[]): string => {
  const choiceId = best[turn - 1] as string;
  return i % 4 === 3 ? (options.find((id) => id !== choiceId) as string) : choiceId;
};

async function vote(s: Session, turn: number, voters: number[]): Promise<void> {
  const round = s.host.state?.vote?.round ?? 1;
  const options = s.host.state?.conversation.options.map((o) => o.id) ?? [];
  await Promise.all(
    voters.map(async (i) => {
      const choiceId = pickOf(turn, i, options);
      await (s.people[i] as ClassClient).ok({ type: 'vote', turn, round, choiceId });
      (s.acked[i] as Map<number, string>).set(turn, choiceId);
    }),
  );
}

/** One turn: open, everyone votes (`midVote` runs after the first half), reveal, accept. */
async function playTurn(s: Session, turn: number, midVote?: () => Promise<void>): Promise<void> {
  await s.host.ok({ type: 'command', action: 'open-vote' });
  await everyone(s, (c) => c.state?.phase === 'voting' && c.state.turn === turn, `vote ${turn} open`);
  const all = s.people.map((_, i) => i);
  const half = Math.floor(PARTICIPANTS / 2);
  await vote(s, turn, all.slice(0, half));
  if (midVote) await midVote();
  await vote(s, turn, all.slice(half));
  await everyone(s, (c) => c.state?.phase === 'closed' && c.state.turn === turn, `vote ${turn} closed`);
  await s.host.ok({ type: 'command', action: 'reveal' });
  await everyone(s, (c) => c.state?.phase === 'revealed' && c.state.reveal?.turn === turn, `reveal ${turn}`);
  expect(s.projector.state?.reveal?.tally.reduce((n, r) => n + r.votes, 0)).toBe(PARTICIPANTS);
  await s.host.ok({ type: 'command', action: 'accept' });
  await everyone(s, (c) => c.state?.decision?.turn === turn, `decision ${turn}`);
}

/** Ends the session and returns its export without what differs between runs (the code, the times). */
async function finish(s: Session): Promise<unknown> {
  await s.host.ok({ type: 'command', action: 'end' });
  await everyone(s, (c) => c.state?.phase === 'ended' && c.state.debrief !== undefined, 'the debrief');
  for (const c of everyoneIn(s))
    expect([...(s.reveals.get(c) ?? [])].sort()).toEqual(best.map((_, i) => i + 1));
  const exported = JSON.parse((await s.host.ok({ type: 'export', format: 'json' })).text);
  expect(exported.path).toEqual(best);
  const picks = new Map<string, { turn: number; choiceId: string }[]>(
    exported.seats.map((seat: { seat: string; picks: never[] }) => [seat.seat, seat.picks]),
  );
  s.people.forEach((person, i) => {
    const seat = `P${String(Number(person.you?.seat?.slice(1))).padStart(2, '0')}`;
    expect(new Map((picks.get(seat) ?? []).map((p) => [p.turn, p.choiceId])), seat).toEqual(s.acked[i]);
  });
  for (const c of everyoneIn(s)) c.close();
  return { ...exported, room: { ...exported.room, code: 'any', createdAt: 'any', endedAt: 'any' } };
}

/** Every client connected and, if it had to reconnect, attached to its room again. */
const back = (s: Session) =>
  Promise.all(
    everyoneIn(s).map((c) =>
      c.until((x) => x.socket.connected && x.rejoined >= x.connects - 1, 'reconnected and rejoined', 15_000),
    ),
  );

async function ready(node: NodeProcess): Promise<boolean> {
  const response = await fetch(`${node.url}/readyz`).catch(() => undefined);
  return response?.status === 200;
}

describe.skipIf(skip)('the classroom on two nodes', () => {
  let redis: RedisService;
  let postgres: PostgresService;
  let databases = 0;
  const nodes: NodeProcess[] = [];
  let baseline: unknown;
  /** The pair of the first test, kept for the Redis restart. */
  let pair: [NodeProcess, NodeProcess] | undefined;

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([RedisService.start(), PostgresService.start()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => stopNode(n)));
    await redis?.stop();
    await postgres?.stop();
  });

  /** Two fresh nodes over a fresh database (the second starts once the first has migrated it). */
  async function twoNodes(): Promise<[NodeProcess, NodeProcess]> {
    databases += 1;
    const databaseUrl = postgres.database(`cluster_${databases}`);
    const a = await startNode({ node: `node-a${databases}`, databaseUrl, redisUrl: redis.url });
    const b = await startNode({ node: `node-b${databases}`, databaseUrl, redisUrl: redis.url });
    nodes.push(a, b);
    // A failure in CI is read from the nodes' own logs (the stack of a 'server' answer is only there).
    onTestFailed(() => {
      for (const n of [a, b]) console.error(`--- ${n.node} ---\n${n.output()}`);
    });
    return [a, b];
  }

  it('plays one room to the end with participants on both nodes; everyone sees every reveal', {
    timeout: 120_000,
  }, async () => {
    pair = await twoNodes();
    const [a, b] = pair;
    expect(await ready(a)).toBe(true);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    const s = await openSession([a.url, b.url]);
    for (let turn = 1; turn <= best.length; turn++) await playTurn(s, turn);
    baseline = await finish(s);
    // Structured logs: JSON lines that name the node, and the room on every line about one.
    for (const n of [a, b]) {
      const lines = n
        .output()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      for (const line of lines) expect(line).toMatchObject({ node: n.node, time: expect.any(String) });
      for (const line of lines.filter((l) => String(l.msg).includes(s.code))) expect(line.room).toBe(s.code);
    }
  });

  /**
   * A session whose pages all connect through a balancer over `nodes`, played to the end of turn 1; `run`
   * gets the node that runs the room and reads the room's owner from the directory.
   */
  async function throughBalancer(
    nodes: NodeProcess[],
    run: (t: {
      s: Session;
      live: Set<NodeProcess>;
      owner: NodeProcess;
      ownerNow: () => Promise<string | null>;
    }) => Promise<void>,
  ): Promise<void> {
    const live = new Set(nodes);
    const balancer = await Balancer.start(() => [...live].map((n) => n.port));
    const directory = createClient({ url: redis.url });
    await directory.connect();
    try {
      const s = await openSession([balancer.url]);
      await playTurn(s, 1);
      const ownerNow = () => directory.get(`good-terms:room:${s.code}`);
      const ownerId = await ownerNow();
      await run({ s, live, owner: nodes.find((n) => n.node === ownerId) as NodeProcess, ownerNow });
    } finally {
      await directory.disconnect();
      await balancer.close();
    }
  }

  it('carries on after the owner is killed in the middle of a vote, losing nothing', {
    timeout: 120_000,
  }, async () => {
    const both = await twoNodes();
    try {
      await throughBalancer(both, async ({ s, live, owner, ownerNow }) => {
        let failoverMs = 0;
        await playTurn(s, 2, async () => {
          expect(owner).toBeDefined();
          const acknowledged = s.acked.filter((m) => m.has(2)).length;
          const killedAt = Date.now();
          owner.child.kill('SIGKILL');
          live.delete(owner);
          await owner.exited;
          await back(s);
          // Every vote acknowledged before the kill is still counted on the survivor.
          await s.host.until((c) => votesIn(c) === acknowledged, 'the votes kept');
          await vote(s, 2, [PARTICIPANTS - 1]);
          failoverMs = Date.now() - killedAt;
          s.acked[PARTICIPANTS - 1]?.delete(2);
        });
        expect(failoverMs).toBeLessThan(5_000);
        const survivor = [...live][0] as NodeProcess;
        expect(await ownerNow()).toBe(survivor.node);
        for (let turn = 3; turn <= best.length; turn++) await playTurn(s, turn);
        expect(await finish(s)).toEqual(baseline);
        expect(survivor.output()).toContain('restored from the database');
      });
    } finally {
      await Promise.all(both.map((n) => stopNode(n)));
    }
  });

  it('resumes after Redis restarts in the middle of a vote, losing nothing', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = await twoNodes();
    const s = await openSession([a.url, b.url]);
    await playTurn(s, 1);
    await playTurn(s, 2, async () => {
      const acknowledged = s.acked.filter((m) => m.has(2)).length;
      await redis.kill();
      await redis.restart();
      await Promise.all(
        [a, b].map(async (n) => {
          while (!(await ready(n))) await new Promise((resolve) => setTimeout(resolve, 100));
        }),
      );
      await back(s);
      await s.host.until((c) => votesIn(c) === acknowledged, 'the votes kept');
    });
    for (let turn = 3; turn <= best.length; turn++) await playTurn(s, turn);
    expect(await finish(s)).toEqual(baseline);
  });

  it('hands its rooms over on SIGTERM: the other node carries on at once', { timeout: 120_000 }, async () => {
    const nodes = pair ?? (await twoNodes());
    await throughBalancer(nodes, async ({ s, live, owner, ownerNow }) => {
      const other = nodes.find((n) => n !== owner) as NodeProcess;
      await s.host.ok({ type: 'command', action: 'open-vote' });
      await everyone(s, (c) => c.state?.phase === 'voting' && c.state.turn === 2, 'vote 2 open');
      await vote(s, 2, [0, 1, 2]);
      const stoppedAt = Date.now();
      live.delete(owner);
      await stopNode(owner);
      expect(await owner.exited).toBe(0);
      expect(owner.output()).toMatch(/handed \d+ rooms over/);
      await back(s);
      await vote(s, 2, [3]);
      const handOverMs = Date.now() - stoppedAt;
      // No lease had to run out: the room moved as soon as it was released.
      expect(await ownerNow()).toBe(other.node);
      expect(handOverMs).toBeLessThan(5_000);
      await s.host.until((c) => votesIn(c) === 4, 'the votes kept');
      for (const c of everyoneIn(s)) c.close();
    });
  });
});

describe.concurrent('a node that cannot reach its services', () => {
  const refused = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });

  it('says DATABASE_URL and the host when PostgreSQL is unavailable, exits non-zero and never listens', async () => {
    const [dbPort, port] = [await freePort(), await freePort()];
    const node = spawnNode({
      node: 'no-db',
      port,
      databaseUrl: `postgres://trainer:secret@127.0.0.1:${dbPort}/classroom`,
    });
    expect(await node.exited).toBe(1);
    expect(node.output()).toContain(`DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:${dbPort}/classroom`);
    expect(node.output()).not.toContain('secret');
    expect(node.output()).not.toContain('Good Terms is running');
    expect(await refused(port)).toBe(true);
  });

  it('says REDIS_URL and the host when Redis is unavailable, exits non-zero and never listens', async () => {
    const [redisPort, port] = [await freePort(), await freePort()];
    const node = spawnNode({ node: 'no-redis', port, redisUrl: `redis://127.0.0.1:${redisPort}` });
    expect(await node.exited).toBe(1);
    expect(node.output()).toContain(`REDIS_URL: cannot reach Redis at 127.0.0.1:${redisPort}`);
    expect(node.output()).not.toContain('Good Terms is running');
    expect(await refused(port)).toBe(true);
  });
});
