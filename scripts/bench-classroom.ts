/**
 * npm run bench:classroom [-- --nodes 2 --rooms 20 --participants 100 --turns 6]
 * Starts the classroom server as child processes behind a small TCP load balancer (the same one the
 * multi-node tests use), then from this process connects ROOMS facilitators and ROOMS x PARTICIPANTS
 * scripted phones over WebSockets and plays TURNS turns in every room at once: open the vote, everyone
 * votes within a second (a tenth also resend their vote, a tenth change it), the vote closes when
 * everyone has voted, reveal, accept. Prints vote acknowledgement latency, reveal fan-out to every phone
 * in a room, CPU and memory per node, messages per second and lost votes (every acknowledged vote
 * checked against the export).
 *
 * With --nodes N (N >= 2) the same load runs twice in one go: on one node (the default: SQLite, no
 * Redis) and on N nodes sharing a throwaway PostgreSQL and Redis, side by side. In the N-node run the
 * last turn is the failover: with half of every room's votes in, the node running the most rooms is
 * killed (SIGKILL); the table gives the time until those rooms take votes again and the votes lost.
 * Figures, not a test: the clients and the balancer share the machine's two cores with the servers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createClient } from 'redis';
import { bestOf, explore } from '../src/engine/authoring/analysis';
import { ClassClient } from '../tests/classroom/client';
import { Balancer, type NodeProcess, startNode, stopNode } from '../tests/classroom/cluster';
import { shippedBundle } from '../tests/classroom/server';
import { PostgresService, RedisService, servicesMissing } from '../tests/classroom/services';
import { processCpuSeconds } from './bench/processCpu';
import { writeSection } from './bench/results';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
};
const NODES = arg('nodes', 1);
const ROOMS = arg('rooms', NODES > 1 ? 20 : 10);
const PARTICIPANTS = arg('participants', NODES > 1 ? 100 : 200);
const SCENARIO = 's13-ed-cost-before-screening';
const TURNS = Math.min(arg('turns', 6), bestOf(explore(shippedBundle(SCENARIO), { seed: 1 })).choices.length);

/** A process's CPU seconds so far and resident memory (Linux /proc). */
function usage(pid: number): { cpu: number; rss: number } {
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpu: processCpuSeconds(pid), rss: rssKb * 1024 };
}

const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const ms = (n: number): string => (Number.isNaN(n) ? '-' : `${n.toFixed(1)} ms`);
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

interface Room {
  code: string;
  host: ClassClient;
  people: ClassClient[];
  /** Per participant: turn -> last acknowledged vote. */
  acked: Map<number, string>[];
}

interface NodeFigures {
  node: string;
  cpuPercent: number;
  rssIdle: number;
  rssEnd: number;
}

interface Figures {
  label: string;
  rooms: number;
  participants: number;
  turns: number;
  votesSent: number;
  voteAckMs: { p50: number; p95: number; p99: number };
  revealFanOutMs: { roomP50: number; roomP95: number; phoneP95: number };
  nodes: NodeFigures[];
  serverCpuMsPerParticipant: number;
  messagesPerSecond: number;
  clientCpuPercent: number;
  loadAverage: number;
  lostVotes: number;
  votesChecked: number;
  unansweredVotes: number;
  failover?: {
    roomsMoved: number;
    /** Kill to the first vote acknowledged in each moved room: the slowest room. */
    firstVoteMs: number;
    /** Kill to every vote of the turn acknowledged, in the slowest room. */
    allVotesMs: number;
  };
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function measure(
  label: string,
  nodes: NodeProcess[],
  failover: { redisUrl: string; databaseUrl: string } | undefined,
): Promise<Figures> {
  const live = new Set(nodes);
  const balancer = await Balancer.start(() => [...live].map((n) => n.port));
  const url = balancer.url;
  const idle = new Map(nodes.map((n) => [n, usage(n.child.pid as number)]));
  console.log(
    `\n${label}: ${nodes.length} node(s), ${ROOMS} rooms x ${PARTICIPANTS} participants, ${TURNS} turns`,
  );

  /** Messages on the wire: pushes received, requests sent and their replies. */
  let messages = 0;
  const counted = (client: ClassClient): ClassClient => {
    client.socket.onAny(() => {
      messages += 1;
    });
    client.socket.onAnyOutgoing(() => {
      messages += 2;
    });
    return client;
  };

  const rooms: Room[] = [];
  for (let r = 0; r < ROOMS; r++) {
    const host = counted(new ClassClient(url));
    const created = await host.ok({
      type: 'create',
      scenarioId: SCENARIO,
      mode: 'practice',
      seed: 100 + r,
      voteSeconds: 120,
    });
    host.rejoin = { type: 'host', code: created.code, token: created.token };
    rooms.push({ code: created.code, host, people: [], acked: [] });
  }
  const joinStart = performance.now();
  for (const room of rooms) {
    const people = Array.from({ length: PARTICIPANTS }, () => counted(new ClassClient(url)));
    await inBatches(people, 50, async (p) => {
      await p.join(room.code);
    });
    room.people = people;
    room.acked = people.map(() => new Map());
  }
  await Promise.all(
    rooms.map((room) => room.host.until((c) => c.host?.roster.length === PARTICIPANTS, 'roster', 60_000)),
  );
  console.log(
    `${ROOMS * PARTICIPANTS} participants joined in ${((performance.now() - joinStart) / 1000).toFixed(1)} s`,
  );

  const ackLatencies: number[] = [];
  const fanOutRoom: number[] = [];
  const fanOutEach: number[] = [];
  let votesSent = 0;
  let unanswered = 0;
  const refusals = new Map<string, number>();
  // With a failover, the last turn is the failover's and is not measured.
  const measuredTurns = failover ? TURNS - 1 : TURNS;
  const playStart = performance.now();
  let playEnd = 0;
  const messagesBefore = messages;
  const before = new Map(nodes.map((n) => [n, usage(n.child.pid as number)]));
  const atEnd = new Map<NodeProcess, { cpu: number; rss: number }>();
  const markEnd = (): void => {
    playEnd = performance.now();
    for (const n of nodes) atEnd.set(n, usage(n.child.pid as number));
  };
  const clientCpuBefore = process.cpuUsage();

  // The failover: every room waits here with half its votes in; the busiest node is then killed.
  let arrived = 0;
  let killedAt = 0;
  let roomsMoved = new Set<string>();
  const firstAfterKill = new Map<string, number>();
  const allAfterKill = new Map<string, number>();
  let releaseBarrier: () => void = () => undefined;
  const barrier = new Promise<void>((resolve) => {
    releaseBarrier = resolve;
  });
  const killBusiest = async (): Promise<void> => {
    const directory = createClient({ url: failover?.redisUrl });
    await directory.connect();
    const owners = await directory.mGet(rooms.map((r) => `good-terms:room:${r.code}`));
    await directory.disconnect();
    const count = (n: NodeProcess) => owners.filter((o) => o === n.node).length;
    const victim = [...nodes].sort((a, b) => count(b) - count(a))[0] as NodeProcess;
    roomsMoved = new Set(rooms.filter((_, i) => owners[i] === victim.node).map((r) => r.code));
    markEnd();
    killedAt = performance.now();
    victim.child.kill('SIGKILL');
    live.delete(victim);
    console.log(
      `killed ${victim.node} (it ran ${roomsMoved.size} of ${ROOMS} rooms) with half of every vote in`,
    );
  };

  const playTurn = async (room: Room, turn: number, choiceId: string): Promise<void> => {
    const measured = turn <= measuredTurns;
    await room.host.ok({ type: 'command', action: 'open-vote' });
    await Promise.all(
      room.people.map((p) =>
        p.until((c) => c.state?.phase === 'voting' && c.state.turn === turn, 'vote open', 60_000),
      ),
    );
    const round = room.host.state?.vote?.round ?? 1;
    const options = room.host.state?.conversation.options.map((o) => o.id) ?? [];
    const other = options.find((id) => id !== choiceId) as string;
    const voter = async (person: ClassClient, i: number) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
      const send = async (pick: string) => {
        const started = performance.now();
        votesSent += 1;
        // An unanswered vote was never acknowledged, so it cannot be lost; it is counted on its own.
        const reply = await person
          .request({ type: 'vote', turn, round, choiceId: pick })
          .catch(() => undefined);
        if (!reply) {
          unanswered += 1;
          return;
        }
        const now = performance.now();
        if (measured) ackLatencies.push(now - started);
        if (!reply.ok) refusals.set(reply.error.message, (refusals.get(reply.error.message) ?? 0) + 1);
        if (reply.ok) {
          room.acked[i]?.set(turn, pick);
          if (killedAt && !firstAfterKill.has(room.code)) firstAfterKill.set(room.code, now - killedAt);
        }
      };
      // A tenth change their mind once; a tenth send the same vote twice (it must count once).
      if (i % 10 === 1) await send(other);
      await send(i % 10 === 9 ? other : choiceId);
      if (i % 10 === 2) await send(choiceId);
    };
    if (failover && turn === TURNS) {
      const half = Math.floor(PARTICIPANTS / 2);
      await Promise.all(room.people.slice(0, half).map((p, i) => voter(p, i)));
      arrived += 1;
      if (arrived === ROOMS) await killBusiest().then(releaseBarrier);
      await barrier;
      await Promise.all(room.people.slice(half).map((p, i) => voter(p, i + half)));
      allAfterKill.set(room.code, performance.now() - killedAt);
    } else {
      await Promise.all(room.people.map((p, i) => voter(p, i)));
    }
    await room.host.until((c) => c.state?.phase === 'closed' && c.state.turn === turn, 'vote closed', 60_000);
    const started = performance.now();
    const arrivals = room.people.map((p) =>
      p
        .until((c) => c.state?.phase === 'revealed' && c.state.reveal?.turn === turn, 'reveal', 60_000)
        .then(() => performance.now() - started),
    );
    await room.host.ok({ type: 'command', action: 'reveal' });
    const times = await Promise.all(arrivals);
    if (measured) {
      fanOutRoom.push(Math.max(...times));
      fanOutEach.push(...times);
    }
    await room.host.ok({ type: 'command', action: 'accept' });
    await room.host.until((c) => c.state?.decision?.turn === turn, 'decision', 60_000);
  };

  try {
    await Promise.all(
      rooms.map(async (room, r) => {
        const path = bestOf(explore(shippedBundle(SCENARIO), { seed: 100 + r })).choices;
        for (let turn = 1; turn <= TURNS; turn++) await playTurn(room, turn, path[turn - 1] as string);
      }),
    );
  } catch (error) {
    // What the nodes said is the first thing to read when a run stalls: all of it, in a file per node.
    const logs = mkdtempSync(join(tmpdir(), 'good-terms-bench-'));
    for (const n of nodes) {
      const file = join(logs, `${n.node}.log`);
      writeFileSync(file, n.output());
      console.error(`${n.node}'s log: ${file}`);
    }
    for (const room of rooms) {
      const h = room.host;
      console.error(
        `room ${room.code}: host (connected ${h.socket.connected}, ${h.connects} connects, ${h.rejoined} rejoins) sees v${h.state?.version} ${h.state?.phase} turn ${h.state?.turn}, votes ${JSON.stringify(h.host?.tally)}, acked ${room.acked.filter((m) => m.size > 0).length}`,
      );
    }
    console.error('refused votes:', refusals);
    console.error('votes not answered:', unanswered);
    if (failover) {
      const client = new pg.Client({ connectionString: failover.databaseUrl });
      await client.connect();
      const activity = await client.query(
        'select pid, state, wait_event_type, wait_event, now() - xact_start as age, left(query, 100) as query from pg_stat_activity where datname = current_database()',
      );
      console.error(activity.rows);
      await client.end();
    }
    throw error;
  }
  if (!playEnd) markEnd();
  const playSeconds = (playEnd - playStart) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const playMessages = messages - messagesBefore;

  // Every acknowledged vote must be in the room's export, on the right seat and turn.
  let lost = 0;
  let checked = 0;
  const width = Math.max(2, String(PARTICIPANTS).length);
  for (const room of rooms) {
    const exported = JSON.parse((await room.host.ok({ type: 'export', format: 'json' })).text) as {
      seats: { seat: string; picks: { turn: number; choiceId: string }[] }[];
    };
    const bySeat = new Map(
      exported.seats.map((s) => [s.seat, new Map(s.picks.map((p) => [p.turn, p.choiceId]))]),
    );
    // Seats are numbered in the order the server took the joins (P001 is seat s1), not the order sent.
    room.acked.forEach((votes, i) => {
      const seat = Number(room.people[i]?.you?.seat?.slice(1));
      const stored = bySeat.get(`P${String(seat).padStart(width, '0')}`);
      for (const [turn, choiceId] of votes) {
        checked += 1;
        if (stored?.get(turn) !== choiceId) lost += 1;
      }
    });
  }
  for (const room of rooms) {
    room.host.close();
    for (const p of room.people) p.close();
  }
  await balancer.close();

  const participants = ROOMS * PARTICIPANTS;
  /** CPU seconds the node used while playing. */
  const cpuUsed = (n: NodeProcess): number =>
    (atEnd.get(n) as { cpu: number }).cpu - (before.get(n) as { cpu: number }).cpu;
  const nodeFigures = nodes.map((n) => ({
    node: n.node,
    cpuPercent: (100 * cpuUsed(n)) / playSeconds,
    rssIdle: (idle.get(n) as { rss: number }).rss,
    rssEnd: (atEnd.get(n) as { rss: number }).rss,
  }));
  const cpuSeconds = nodes.reduce((sum, n) => sum + cpuUsed(n), 0);
  const moved = [...roomsMoved];
  return {
    label,
    rooms: ROOMS,
    participants,
    turns: measuredTurns,
    votesSent,
    voteAckMs: {
      p50: quantile(ackLatencies, 0.5),
      p95: quantile(ackLatencies, 0.95),
      p99: quantile(ackLatencies, 0.99),
    },
    revealFanOutMs: {
      roomP50: quantile(fanOutRoom, 0.5),
      roomP95: quantile(fanOutRoom, 0.95),
      phoneP95: quantile(fanOutEach, 0.95),
    },
    nodes: nodeFigures,
    serverCpuMsPerParticipant: (1000 * cpuSeconds) / participants,
    messagesPerSecond: playMessages / playSeconds,
    clientCpuPercent: (100 * (clientCpu.user + clientCpu.system)) / 1e6 / playSeconds,
    loadAverage: loadavg()[0] ?? 0,
    lostVotes: lost,
    votesChecked: checked,
    unansweredVotes: unanswered,
    ...(failover
      ? {
          failover: {
            roomsMoved: moved.length,
            firstVoteMs: Math.max(...moved.map((code) => firstAfterKill.get(code) ?? Number.NaN)),
            allVotesMs: Math.max(...moved.map((code) => allAfterKill.get(code) ?? Number.NaN)),
          },
        }
      : {}),
  };
}

function print(runs: Figures[]): void {
  const width = 30;
  const row = (label: string, values: string[]) =>
    console.log(`| ${label.padEnd(52)} | ${values.map((v) => v.padStart(width)).join(' | ')} |`);
  console.log('');
  row(
    'measure',
    runs.map((r) => r.label),
  );
  console.log(`|${'-'.repeat(54)}|${runs.map(() => '-'.repeat(width + 2)).join('|')}|`);
  row(
    'vote ack latency p50 / p95 / p99',
    runs.map((r) => `${ms(r.voteAckMs.p50)} / ${ms(r.voteAckMs.p95)} / ${ms(r.voteAckMs.p99)}`),
  );
  row(
    `reveal fan-out to all ${PARTICIPANTS} in a room, p50 / p95`,
    runs.map((r) => `${ms(r.revealFanOutMs.roomP50)} / ${ms(r.revealFanOutMs.roomP95)}`),
  );
  row(
    'reveal reaching one phone, p95',
    runs.map((r) => ms(r.revealFanOutMs.phoneP95)),
  );
  const most = Math.max(...runs.map((r) => r.nodes.length));
  for (let i = 0; i < most; i++) {
    row(
      `node ${i + 1}: CPU while playing (one core = 100%)`,
      runs.map((r) => {
        const n = r.nodes[i];
        return n ? `${n.cpuPercent.toFixed(0)}%` : '';
      }),
    );
    row(
      `node ${i + 1}: RSS idle / end`,
      runs.map((r) => {
        const n = r.nodes[i];
        return n ? `${mb(n.rssIdle)} / ${mb(n.rssEnd)}` : '';
      }),
    );
  }
  row(
    'server CPU per participant (all nodes)',
    runs.map((r) => `${r.serverCpuMsPerParticipant.toFixed(1)} ms`),
  );
  row(
    'messages per second (received + sent by clients)',
    runs.map((r) => r.messagesPerSecond.toFixed(0)),
  );
  row(
    'client + balancer process CPU',
    runs.map((r) => `${r.clientCpuPercent.toFixed(0)}%`),
  );
  row(
    `machine load average (1 min, ${cpus().length} cores)`,
    runs.map((r) => r.loadAverage.toFixed(1)),
  );
  row(
    'failover: rooms moved to the survivor',
    runs.map((r) => (r.failover ? String(r.failover.roomsMoved) : '-')),
  );
  row(
    'failover: kill to first vote accepted (slowest room)',
    runs.map((r) => (r.failover ? ms(r.failover.firstVoteMs) : '-')),
  );
  row(
    'failover: kill to all votes of the turn accepted',
    runs.map((r) => (r.failover ? ms(r.failover.allVotesMs) : '-')),
  );
  row(
    'lost votes (acknowledged but not in the export)',
    runs.map((r) => `${r.lostVotes} of ${r.votesChecked}`),
  );
  row(
    'votes the page got no answer to (10 s)',
    runs.map((r) => String(r.unansweredVotes)),
  );
}

async function main(): Promise<void> {
  console.log(
    `Classroom benchmark: ${ROOMS} rooms x ${PARTICIPANTS} participants, ${TURNS} turns of ${SCENARIO}; clients in this process (pid ${process.pid})`,
  );
  const runs: Figures[] = [];
  const single = await startNode({ node: 'single' });
  try {
    runs.push(await measure('1 node (SQLite)', [single], undefined));
  } finally {
    await stopNode(single);
  }
  if (NODES > 1) {
    const missing = servicesMissing();
    if (missing) throw new Error(`--nodes ${NODES} needs Redis and PostgreSQL: ${missing}`);
    const [redis, postgres] = await Promise.all([RedisService.start(), PostgresService.start()]);
    const nodes: NodeProcess[] = [];
    try {
      const databaseUrl = postgres.database('bench');
      for (let i = 1; i <= NODES; i++) {
        nodes.push(await startNode({ node: `node-${i}`, databaseUrl, redisUrl: redis.url }));
      }
      runs.push(
        await measure(`${NODES} nodes (PostgreSQL + Redis)`, nodes, { redisUrl: redis.url, databaseUrl }),
      );
    } finally {
      await Promise.all(nodes.map((n) => stopNode(n)));
      await redis.stop();
      await postgres.stop();
    }
  }
  print(runs);
  const ok = runs.every((r) => r.lostVotes === 0);
  console.log(`\nlost votes: ${ok ? '0 in every run' : 'SOME VOTES WERE LOST'}`);
  console.log(
    `results: ${writeSection(NODES > 1 ? 'classroom-nodes' : 'classroom', NODES > 1 ? runs : runs[0])}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
