/**
 * npm run bench:classroom [-- --rooms 10 --participants 200 --turns 6]
 * Starts the classroom server as a child process (its own data folder), then from this process connects
 * ROOMS facilitators and ROOMS x PARTICIPANTS scripted phones over WebSockets and plays TURNS turns in
 * every room at once: open the vote, everyone votes within a second (a tenth also resend their vote, a
 * tenth change it), the vote closes when everyone has voted, reveal, accept. Prints vote acknowledgement
 * latency, reveal fan-out to every phone in a room, the server's CPU and memory per room and per
 * participant, messages per second and lost votes (every acknowledged vote checked against the export).
 * Figures, not a test: the clients share the machine's two cores with the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bestOf, explore } from '../src/engine/authoring/analysis';
import { ClassClient } from '../tests/classroom/client';
import { shippedBundle } from '../tests/classroom/server';
import { writeSection } from './bench/results';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
};
const ROOMS = arg('rooms', 10);
const PARTICIPANTS = arg('participants', 200);
const SCENARIO = 's13-ed-cost-before-screening';
const TURNS = Math.min(arg('turns', 6), bestOf(explore(shippedBundle(SCENARIO), { seed: 1 })).choices.length);
const CLOCK_TICKS = 100;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function startServer(port: number): Promise<ChildProcess> {
  const site = mkdtempSync(join(tmpdir(), 'good-terms-bench-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>bench</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'good-terms-bench-data-')),
      STATIC_DIR: site,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Good Terms is running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it started:\n${out}`)));
  });
}

/** The child's CPU seconds so far and resident memory (Linux /proc). */
function usage(pid: number): { cpu: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpu, rss: rssKb * 1024 };
}

const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

interface Room {
  code: string;
  host: ClassClient;
  people: ClassClient[];
  /** Per participant: turn -> last acknowledged vote. */
  acked: Map<number, string>[];
}

/** Messages on the wire: pushes received, requests sent and their replies. */
let messages = 0;
function counted(client: ClassClient): ClassClient {
  client.socket.onAny(() => {
    messages += 1;
  });
  client.socket.onAnyOutgoing(() => {
    messages += 2;
  });
  return client;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = await startServer(port);
  const pid = server.pid as number;
  const url = `http://127.0.0.1:${port}`;
  const idle = usage(pid);
  console.log(
    `Classroom benchmark: ${ROOMS} rooms x ${PARTICIPANTS} participants, ${TURNS} turns of ${SCENARIO}`,
  );
  console.log(`server pid ${pid} on ${url}; clients in this process (pid ${process.pid})\n`);

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
  const joinSeconds = (performance.now() - joinStart) / 1000;
  await Promise.all(
    rooms.map((room) => room.host.until((c) => c.host?.roster.length === PARTICIPANTS, 'roster', 60_000)),
  );
  const connected = usage(pid);
  console.log(`${ROOMS * PARTICIPANTS} participants joined in ${joinSeconds.toFixed(1)} s`);

  const ackLatencies: number[] = [];
  const fanOutRoom: number[] = [];
  const fanOutEach: number[] = [];
  let votesSent = 0;
  let unanswered = 0;
  const playStart = performance.now();
  const messagesBefore = messages;
  const cpuBefore = usage(pid).cpu;
  const clientCpuBefore = process.cpuUsage();

  const playTurn = async (room: Room, turn: number, choiceId: string): Promise<void> => {
    await room.host.ok({ type: 'command', action: 'open-vote' });
    await Promise.all(
      room.people.map((p) =>
        p.until((c) => c.state?.phase === 'voting' && c.state.turn === turn, 'vote open', 60_000),
      ),
    );
    const round = room.host.state?.vote?.round ?? 1;
    const options = room.host.state?.conversation.options.map((o) => o.id) ?? [];
    const other = options.find((id) => id !== choiceId) as string;
    await Promise.all(
      room.people.map(async (person, i) => {
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
          ackLatencies.push(performance.now() - started);
          if (reply.ok) room.acked[i]?.set(turn, pick);
        };
        // A tenth change their mind once; a tenth send the same vote twice (it must count once).
        if (i % 10 === 1) await send(other);
        await send(i % 10 === 9 ? other : choiceId);
        if (i % 10 === 2) await send(choiceId);
      }),
    );
    await room.host.until((c) => c.state?.phase === 'closed' && c.state.turn === turn, 'vote closed', 60_000);
    const started = performance.now();
    const arrivals = room.people.map((p) =>
      p
        .until((c) => c.state?.phase === 'revealed' && c.state.reveal?.turn === turn, 'reveal', 60_000)
        .then(() => performance.now() - started),
    );
    await room.host.ok({ type: 'command', action: 'reveal' });
    const times = await Promise.all(arrivals);
    fanOutRoom.push(Math.max(...times));
    fanOutEach.push(...times);
    await room.host.ok({ type: 'command', action: 'accept' });
    await room.host.until((c) => c.state?.decision?.turn === turn, 'decision', 60_000);
  };

  await Promise.all(
    rooms.map(async (room, r) => {
      const path = bestOf(explore(shippedBundle(SCENARIO), { seed: 100 + r })).choices;
      for (let turn = 1; turn <= TURNS; turn++) await playTurn(room, turn, path[turn - 1] as string);
    }),
  );
  const playSeconds = (performance.now() - playStart) / 1000;
  const after = usage(pid);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const playMessages = messages - messagesBefore;

  // Every acknowledged vote must be in the room's export, on the right seat and turn.
  let lost = 0;
  let checked = 0;
  for (const room of rooms) {
    const exported = JSON.parse((await room.host.ok({ type: 'export', format: 'json' })).text) as {
      seats: { seat: string; picks: { turn: number; choiceId: string }[] }[];
    };
    const bySeat = new Map(
      exported.seats.map((s) => [s.seat, new Map(s.picks.map((p) => [p.turn, p.choiceId]))]),
    );
    // Seats are numbered in the order the server took the joins (P001 is seat s1), not the order sent.
    const width = Math.max(2, String(PARTICIPANTS).length);
    room.acked.forEach((votes, i) => {
      const seat = Number(room.people[i]?.you?.seat?.slice(1));
      const stored = bySeat.get(`P${String(seat).padStart(width, '0')}`);
      for (const [turn, choiceId] of votes) {
        checked += 1;
        if (stored?.get(turn) !== choiceId) lost += 1;
      }
    });
  }

  const participants = ROOMS * PARTICIPANTS;
  const cpuPlay = after.cpu - cpuBefore;
  const figures = {
    rooms: ROOMS,
    participants,
    turns: TURNS,
    votesSent,
    voteAckMs: {
      p50: quantile(ackLatencies, 0.5),
      p95: quantile(ackLatencies, 0.95),
      p99: quantile(ackLatencies, 0.99),
    },
    revealFanOutMs: {
      roomP50: quantile(fanOutRoom, 0.5),
      roomP95: quantile(fanOutRoom, 0.95),
      phoneP50: quantile(fanOutEach, 0.5),
      phoneP95: quantile(fanOutEach, 0.95),
    },
    serverCpuPercent: (100 * cpuPlay) / playSeconds,
    serverCpuSecondsPerRoom: cpuPlay / ROOMS,
    serverCpuMsPerParticipant: (1000 * cpuPlay) / participants,
    rssIdle: idle.rss,
    rssConnected: connected.rss,
    rssEnd: after.rss,
    rssPerRoom: (after.rss - idle.rss) / ROOMS,
    rssPerParticipant: (after.rss - idle.rss) / participants,
    messagesPerSecond: playMessages / playSeconds,
    clientCpuPercent: (100 * (clientCpu.user + clientCpu.system)) / 1e6 / playSeconds,
    /** The machine's load while playing: other work on these two cores shows up in every latency. */
    loadAverage: loadavg()[0] ?? 0,
    lostVotes: lost,
    unansweredVotes: unanswered,
    votesChecked: checked,
  };

  console.log(`${TURNS} turns in every room in ${playSeconds.toFixed(1)} s; ${votesSent} votes sent\n`);
  const line = (label: string, value: string) =>
    console.log(`| ${label.padEnd(46)} | ${value.padStart(22)} |`);
  console.log(`| ${'measure'.padEnd(46)} | ${'value'.padStart(22)} |`);
  console.log(`|${'-'.repeat(48)}|${'-'.repeat(24)}|`);
  line(
    'vote ack latency p50 / p95 / p99',
    `${ms(figures.voteAckMs.p50)} / ${ms(figures.voteAckMs.p95)} / ${ms(figures.voteAckMs.p99)}`,
  );
  line(
    `reveal fan-out to all ${PARTICIPANTS} in a room, p50 / p95`,
    `${ms(figures.revealFanOutMs.roomP50)} / ${ms(figures.revealFanOutMs.roomP95)}`,
  );
  line(
    'reveal reaching one phone, p50 / p95',
    `${ms(figures.revealFanOutMs.phoneP50)} / ${ms(figures.revealFanOutMs.phoneP95)}`,
  );
  line('server CPU while playing (one core = 100%)', `${figures.serverCpuPercent.toFixed(0)}%`);
  line(
    'server CPU per room / per participant',
    `${figures.serverCpuSecondsPerRoom.toFixed(2)} s / ${figures.serverCpuMsPerParticipant.toFixed(1)} ms`,
  );
  line('server RSS idle / all joined / end', `${mb(idle.rss)} / ${mb(connected.rss)} / ${mb(after.rss)}`);
  line(
    'server RSS per room / per participant',
    `${mb(figures.rssPerRoom)} / ${(figures.rssPerParticipant / 1024).toFixed(0)} kB`,
  );
  line('messages per second (received + sent by clients)', `${figures.messagesPerSecond.toFixed(0)}`);
  line('client process CPU (all phones and facilitators)', `${figures.clientCpuPercent.toFixed(0)}%`);
  line(`machine load average (1 min, ${cpus().length} cores)`, figures.loadAverage.toFixed(1));
  line('lost votes (acknowledged but not in the export)', `${lost} of ${checked}`);
  line('votes not answered within 15 s', `${unanswered}`);
  const goal = figures.revealFanOutMs.roomP95 <= 250 && lost === 0;
  console.log(
    `\ngoal (fan-out p95 <= 250 ms at ${participants} participants, 0 lost votes): ${goal ? 'met' : 'NOT met'}`,
  );
  const file = writeSection('classroom', figures);
  console.log(`results: ${file}`);

  for (const room of rooms) {
    room.host.close();
    for (const p of room.people) p.close();
  }
  server.kill('SIGTERM');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
