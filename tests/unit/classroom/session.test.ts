/**
 * A real server and 50 socket.io participants in-process play a scenario to the end: a reconnect in the
 * middle of a vote, a phone that drops without voting, a duplicate vote, a tie the facilitator settles,
 * a server restart between two turns and another in the middle of a vote. Every acknowledged vote must
 * be in the export at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server';
import { bestOf, explore } from '../../../src/engine/authoring/analysis';
import { ClassClient } from '../../classroom/client';
import { shippedBundle, startTestServer, tempDir } from '../../classroom/server';

const SCENARIO = 's13-ed-cost-before-screening';
const SEED = 7;
const PARTICIPANTS = 50;
const best = bestOf(explore(shippedBundle(SCENARIO), { seed: SEED })).choices;

describe('a classroom session over the network', () => {
  const dataDir = tempDir('session');
  let server: RunningServer;
  const clients: ClassClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  const connect = (): ClassClient => {
    const client = new ClassClient(server.url);
    clients.push(client);
    return client;
  };

  it('plays to the debrief with 50 participants and loses nothing', { timeout: 120_000 }, async () => {
    server = await startTestServer({ dataDir });
    const port = server.port;
    const host = connect();
    const created = await host.ok({
      type: 'create',
      scenarioId: SCENARIO,
      mode: 'practice',
      seed: SEED,
      voteSeconds: 60,
    });
    const code: string = created.code;
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    host.rejoin = { type: 'host', code, token: created.token };
    const projector = connect();
    await projector.ok({ type: 'watch', code });
    projector.rejoin = { type: 'watch', code };

    const people: ClassClient[] = [];
    for (let i = 0; i < PARTICIPANTS; i++) {
      const person = connect();
      await person.join(code);
      people.push(person);
    }
    const nicknames = people.map((p) => p.you?.nickname ?? '');
    expect(new Set(nicknames.map((n) => n.toLowerCase())).size).toBe(PARTICIPANTS);
    for (const name of nicknames) expect(name).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
    await host.until((c) => c.host?.roster.length === PARTICIPANTS, 'the roster');

    /** What each participant's last acknowledged vote was, per turn: the record the export must match. */
    const acked = people.map(() => new Map<number, string>());
    const vote = async (i: number, turn: number, round: number, choiceId: string) => {
      const reply = await (people[i] as ClassClient).ok({ type: 'vote', turn, round, choiceId });
      (acked[i] as Map<number, string>).set(turn, choiceId);
      return reply;
    };
    const everyone = (check: (c: ClassClient) => boolean, what: string) =>
      Promise.all([host, projector, ...people].map((c) => c.until(check, what)));

    const restart = async () => {
      const all = [host, projector, ...people];
      const before = all.map((c) => c.rejoined);
      await server.close();
      server = await startTestServer({ dataDir, port });
      expect(server.restoredRooms).toBe(1);
      await Promise.all(
        all.map((c, i) => c.until(() => c.rejoined > (before[i] ?? 0), 'a rejoin after restart')),
      );
    };

    for (const [index, choiceId] of best.entries()) {
      const turn = index + 1;
      await host.ok({ type: 'command', action: 'open-vote' });
      await everyone((c) => c.state?.phase === 'voting' && c.state.turn === turn, `vote ${turn} open`);
      const round = host.state?.vote?.round ?? 1;
      const options = host.state?.conversation.options.map((o) => o.id) ?? [];
      const other = options.find((id) => id !== choiceId) as string;
      const tie = turn === 2;
      // Most vote for the best reply, some for another; on turn 2 the class splits evenly.
      const pickOf = (i: number) => (tie ? (i % 2 === 0 ? choiceId : other) : i % 5 === 4 ? other : choiceId);

      if (turn === 1) {
        // A phone drops without voting: the room does not wait for it.
        (people[49] as ClassClient).socket.disconnect();
        // A participant votes, loses the connection, comes back with its token and still has its vote.
        await vote(3, turn, round, pickOf(3));
        const dropped = people[3] as ClassClient;
        dropped.you = undefined;
        dropped.socket.disconnect();
        dropped.socket.connect();
        await dropped.until((c) => c.you?.vote?.choiceId === pickOf(3), 'the vote back after reconnecting');
        // The same vote sent twice counts once.
        const again = await vote(3, turn, round, pickOf(3));
        expect(again.duplicate).toBe(true);
      }
      const voters = people.map((_, i) => i).filter((i) => !(turn === 1 && (i === 3 || i === 49)));
      if (turn === 4) {
        const [before, after] = [voters.slice(0, 25), voters.slice(25)];
        await Promise.all(before.map((i) => vote(i, turn, round, pickOf(i))));
        await restart();
        await host.until((c) => c.host?.tally.reduce((n, r) => n + r.votes, 0) === 25, 'votes after restart');
        await Promise.all(after.map((i) => vote(i, turn, round, pickOf(i))));
      } else {
        await Promise.all(voters.map((i) => vote(i, turn, round, pickOf(i))));
      }
      const cast = turn === 1 ? PARTICIPANTS - 1 : PARTICIPANTS;
      await host.until((c) => c.state?.phase === 'closed', `vote ${turn} closed by everyone voting`);
      expect(host.host?.tally.reduce((n, r) => n + r.votes, 0)).toBe(cast);
      if (turn === 1) (people[49] as ClassClient).socket.connect();
      await everyone((c) => c.state?.phase === 'closed', `everyone sees vote ${turn} closed`);

      await host.ok({ type: 'command', action: 'reveal' });
      await everyone((c) => c.state?.phase === 'revealed' && c.state.reveal?.turn === turn, `reveal ${turn}`);
      const reveal = projector.state?.reveal;
      expect(reveal?.tally.reduce((n, r) => n + r.votes, 0)).toBe(cast);
      if (tie) {
        expect(reveal?.classPick).toBeUndefined();
        const refused = await host.request({ type: 'command', action: 'accept' });
        expect(refused).toMatchObject({ ok: false, error: { code: 'not-now' } });
        await host.ok({ type: 'command', action: 'override', choiceId });
      } else {
        expect(reveal?.classPick).toBe(choiceId);
        await host.ok({ type: 'command', action: 'accept' });
      }
      await everyone((c) => c.state?.decision?.turn === turn, `decision ${turn}`);
      expect(projector.state?.decision).toMatchObject({ choiceId, by: tie ? 'facilitator' : 'class' });
      expect(projector.state?.decision?.feedback).toBeTruthy();
      if (turn === 2) await restart();
    }

    expect(projector.state?.conversation.status).toBe('ended');
    await host.ok({ type: 'command', action: 'end' });
    await everyone((c) => c.state?.phase === 'ended' && c.state.debrief !== undefined, 'the debrief');
    const debrief = projector.state?.debrief;
    expect(debrief?.score?.total).toBeGreaterThan(80);
    expect(debrief?.turns.map((t) => t.choiceId)).toEqual(best);
    expect(debrief?.classPickedStrongest).toBe(best.length - 1);
    await Promise.all(people.map((p) => p.until((c) => c.you?.picks !== undefined, 'own picks')));
    expect(people[0]?.you?.picks?.map((p) => p.mine)).toEqual(best.map((_, i) => acked[0]?.get(i + 1)));

    const exported = JSON.parse((await host.ok({ type: 'export', format: 'json' })).text);
    expect(exported.path).toEqual(best);
    const seats = new Map<string, { turn: number; choiceId: string }[]>(
      exported.seats.map((s: { seat: string; picks: never[] }) => [s.seat, s.picks]),
    );
    people.forEach((_, i) => {
      const picks = seats.get(`P${String(i + 1).padStart(2, '0')}`) ?? [];
      expect(new Map(picks.map((p) => [p.turn, p.choiceId])), `seat ${i + 1}`).toEqual(acked[i]);
    });
    const csv: string = (await host.ok({ type: 'export', format: 'csv' })).text;
    expect(csv.startsWith('\uFEFFrecord,branch,turn')).toBe(true);
    expect(csv.split('\r\n').filter((l) => l.startsWith('pick,')).length).toBe(
      acked.reduce((n, m) => n + m.size, 0),
    );
  });
});
