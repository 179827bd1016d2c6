/**
 * Hostile and careless input against a real server: participants sending facilitator commands, malformed
 * and unknown messages, an oversized payload, a flood of votes, wrong codes and tokens, locked and full
 * rooms, removed participants. Every case gets an error reply (or a dropped connection) and the server
 * keeps serving everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, type RunningServer } from '../../../server/server';
import { ROOM_CAP } from '../../../src/classroom/protocol';
import { ClassClient } from '../../classroom/client';
import { startTestServer, tempDir } from '../../classroom/server';

const SCENARIO = 's13-ed-cost-before-screening';

describe('classroom security', () => {
  let server: RunningServer;
  const clients: ClassClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dataDir: tempDir('security') });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  const connect = (): ClassClient => {
    const client = new ClassClient(server.url);
    clients.push(client);
    return client;
  };

  async function room(): Promise<{ host: ClassClient; code: string; token: string }> {
    const host = connect();
    const reply = await host.ok({
      type: 'create',
      scenarioId: SCENARIO,
      mode: 'practice',
      seed: 3,
      voteSeconds: 30,
    });
    return { host, code: reply.code, token: reply.token };
  }

  /** The server still answers: a fresh client can list scenarios. */
  async function stillServing(): Promise<void> {
    const probe = connect();
    const reply = await probe.ok({ type: 'scenarios' });
    expect(reply.scenarios.length).toBeGreaterThan(0);
  }

  it('refuses every facilitator command from a participant, a projector and a stranger', async () => {
    const { host, code } = await room();
    const participant = connect();
    await participant.join(code);
    await host.until((c) => c.host?.roster.length === 1, 'the participant on the roster');
    const projector = connect();
    await projector.ok({ type: 'watch', code });
    const stranger = connect();
    await host.until((c) => c.host?.roster.length === 1, 'the participant on the roster');
    const actions = [
      { action: 'open-vote' },
      { action: 'close-vote' },
      { action: 'add-time' },
      { action: 'skip-timer' },
      { action: 'pause' },
      { action: 'resume' },
      { action: 'reveal' },
      { action: 'accept' },
      { action: 'override', choiceId: 'walkin-rights' },
      { action: 'revote' },
      { action: 'rewind', turn: 1 },
      { action: 'lock' },
      { action: 'unlock' },
      { action: 'remove', seat: 's1' },
      { action: 'end' },
    ];
    for (const sender of [participant, projector, stranger]) {
      for (const command of actions) {
        const reply = await sender.request({ type: 'command', ...command });
        expect(reply, JSON.stringify(command)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await sender.request({ type: 'export', format: 'json' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(host.state?.phase).toBe('lobby');
    expect(host.host?.roster.map((r) => r.removed)).toEqual([false]);
    // Another room's token does not give control of this one.
    const other = await room();
    expect(await participant.request({ type: 'host', code, token: other.token })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('answers malformed and unknown messages with an error and nothing else', async () => {
    const { host, code } = await room();
    const client = connect();
    await client.join(code);
    const cases: [unknown, string][] = [
      ['a string', 'malformed'],
      [42, 'malformed'],
      [null, 'malformed'],
      [[1, 2], 'malformed'],
      [{}, 'malformed'],
      [{ type: 'teleport' }, 'unknown-request'],
      [{ type: 'vote' }, 'malformed'],
      [{ type: 'vote', turn: '1', round: 1, choiceId: 'x' }, 'malformed'],
      [{ type: 'vote', turn: 1.5, round: 1, choiceId: 'x' }, 'malformed'],
      [{ type: 'vote', turn: 1, round: 1, choiceId: 'x', extra: true }, 'malformed'],
      [{ type: 'join', code: { $ne: '' } }, 'malformed'],
      [{ type: 'command', action: 'explode' }, 'malformed'],
      [{ type: 'command', action: 'rewind', turn: -1 }, 'malformed'],
      [{ type: 'create', scenarioId: SCENARIO, mode: 'practice', voteSeconds: 5 }, 'malformed'],
      [{ type: 'create', scenarioId: SCENARIO, mode: 'party', voteSeconds: 30 }, 'malformed'],
      [{ type: 'rename', nickname: 'x'.repeat(500) }, 'malformed'],
      [{ type: 'join', code: 'ZZZZZZ' }, 'not-found'],
      [{ type: 'vote', turn: 1, round: 1, choiceId: 'walkin-rights' }, 'not-now'],
    ];
    for (const [payload, code] of cases) {
      const reply = await client.request(payload as Record<string, unknown>);
      expect(reply, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
      expect(reply.ok ? '' : reply.error.message.length).toBeGreaterThan(10);
    }
    // An event the server does not know, with and without an acknowledgement.
    const unknown = await client.raw.timeout(5000).emitWithAck('bogus');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    client.raw.emit('bogus');
    // A request without an acknowledgement gets its error as a 'problem' push.
    client.raw.emit('request', { type: 'teleport' });
    await client.until((c) => c.problems.length >= 2, 'problem pushes');
    expect(client.problems.map((p) => (p.ok ? '' : p.error.code))).toEqual([
      'unknown-request',
      'unknown-request',
    ]);
    expect(client.socket.connected).toBe(true);
    expect(host.state?.phase).toBe('lobby');
    await stillServing();
  });

  it('drops a connection that sends an oversized payload and serves everyone else', async () => {
    const { code } = await room();
    const big = connect();
    await big.join(code);
    const disconnected = new Promise<string>((resolve) =>
      big.socket.once('disconnect', (reason) => resolve(reason)),
    );
    big.socket.io.reconnection(false);
    big.socket.emit(
      'request',
      { type: 'rename', nickname: 'x'.repeat(MAX_MESSAGE_BYTES * 4) } as never,
      () => {},
    );
    expect(await disconnected).toMatch(/transport close|transport error/);
    await stillServing();
  });

  it('rate-limits a flood of votes, counts the vote once and keeps the room usable', async () => {
    const { host, code } = await room();
    const flooder = connect();
    await flooder.join(code);
    const calm = connect();
    await calm.join(code);
    await host.ok({ type: 'command', action: 'open-vote' });
    await flooder.until((c) => c.state?.phase === 'voting', 'the vote');
    const options = flooder.state?.conversation.options.map((o) => o.id) ?? [];
    const replies = await Promise.allSettled(
      Array.from({ length: 400 }, (_, i) =>
        flooder.request({ type: 'vote', turn: 1, round: 1, choiceId: options[i % options.length] as string }),
      ),
    );
    const answered = replies.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const limited = answered.filter((r) => !r.ok && r.error.code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(90);
    expect(answered.filter((r) => r.ok).length).toBeLessThanOrEqual(31);
    // A socket that keeps pushing past its limit is dropped.
    await flooder.until((c) => !c.socket.connected, 'the flooder dropped');
    await calm.ok({ type: 'vote', turn: 1, round: 1, choiceId: options[0] as string });
    await host.until(
      (c) => (c.host?.tally.reduce((n, r) => n + r.votes, 0) ?? 0) === 2 || c.state?.phase === 'closed',
      'tally',
    );
    const counted = host.host?.tally.reduce((n, r) => n + r.votes, 0);
    expect(counted).toBe(2);
  });

  it('limits guessing room codes', async () => {
    const guesser = connect();
    const codes = Array.from({ length: 40 }, (_, i) => `QQQQ${'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[i % 31]}Q`);
    const replies = [];
    for (const code of codes) replies.push(await guesser.request({ type: 'join', code }));
    expect(replies.every((r) => !r.ok)).toBe(true);
    expect(replies.some((r) => !r.ok && r.error.code === 'rate-limited')).toBe(true);
  });

  it('keeps late joiners out of a locked room and anyone over the cap: they only watch', {
    timeout: 60_000,
  }, async () => {
    const { host, code } = await room();
    const early = connect();
    await early.join(code);
    await host.ok({ type: 'command', action: 'lock' });
    const late = connect();
    const reply = await late.ok({ type: 'join', code });
    expect(reply.role).toBe('observer');
    await late.until((c) => c.you?.observerReason === 'locked', 'observer notice');
    await host.ok({ type: 'command', action: 'open-vote' });
    await late.until((c) => c.state?.phase === 'voting', 'the vote');
    const choiceId = late.state?.conversation.options[0]?.id as string;
    expect(await late.request({ type: 'vote', turn: 1, round: 1, choiceId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A seat taken before the lock comes back after a reconnection.
    early.socket.disconnect();
    early.socket.connect();
    await early.until((c) => c.rejoined === 1 && c.you?.role === 'participant', 'seat back after lock');
    await early.ok({ type: 'vote', turn: 1, round: 1, choiceId });

    await host.ok({ type: 'command', action: 'unlock' });
    const crowd: ClassClient[] = [];
    for (let i = 1; i < ROOM_CAP; i++) {
      const person = connect();
      await person.ok({ type: 'join', code });
      crowd.push(person);
    }
    await host.until((c) => c.host?.roster.length === ROOM_CAP, 'a full room');
    const overflow = connect();
    expect((await overflow.ok({ type: 'join', code })).role).toBe('observer');
    await overflow.until((c) => c.you?.observerReason === 'full', 'full notice');
    for (const person of crowd) person.close();
  });

  it('checks nicknames and removes participants for good', async () => {
    const { host, code } = await room();
    const person = connect();
    const token = await person.join(code);
    for (const bad of [
      '<b>hi</b>',
      'x',
      'a'.repeat(25),
      'F\u00fcck Face',
      'sh1t head',
      '\u202eevil',
      '   ',
    ]) {
      expect(await person.request({ type: 'rename', nickname: bad }), bad).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    }
    expect((await person.ok({ type: 'rename', nickname: '  Ren\u00e9e   from Scunthorpe ' })).nickname).toBe(
      'Ren\u00e9e from Scunthorpe',
    );
    await host.until((c) => c.host?.roster[0]?.nickname === 'Ren\u00e9e from Scunthorpe', 'new nickname');
    await host.ok({ type: 'command', action: 'remove', seat: 's1' });
    await person.until((c) => c.you?.observerReason === 'removed', 'removed notice');
    await host.ok({ type: 'command', action: 'open-vote' });
    await person.until((c) => c.state?.phase === 'voting', 'the vote');
    const choiceId = person.state?.conversation.options[0]?.id as string;
    expect((await person.request({ type: 'vote', turn: 1, round: 1, choiceId })).ok).toBe(false);
    const again = connect();
    expect((await again.ok({ type: 'join', code, token })).role).toBe('observer');
    await again.until((c) => c.you?.observerReason === 'removed', 'still removed');
  });
});
