/**
 * The pages' RoomConnection when the connection drops under a request (its server died as the request
 * went out): a vote is sent again once the page is back in its room and counts once; a facilitator's
 * command is not repeated behind the facilitator's back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server';
import { ADD_TIME_MS } from '../../../src/classroom/protocol';
import { ClassClient } from '../../classroom/client';
import { startTestServer, tempDir } from '../../classroom/server';

describe('a page whose connection drops under a request', () => {
  let server: RunningServer | undefined;
  const clients: ClassClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });
  const connect = (url: string): ClassClient => {
    const client = new ClassClient(url);
    clients.push(client);
    return client;
  };
  /**
   * Closes the page's transport under a request already on the wire (a turn of the event loop after it
   * was made), as a dying server does; socket.io reconnects on its own.
   */
  const dropUnder = async (client: ClassClient): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    client.socket.io.engine.close();
  };

  it('sends a vote again once back in its room, where it counts once; a command is not repeated', async () => {
    server = await startTestServer({ dataDir: tempDir('dropped-request') });
    const host = connect(server.url);
    const created = await host.ok({
      type: 'create',
      scenarioId: 's13-ed-cost-before-screening',
      mode: 'practice',
      seed: 3,
      voteSeconds: 60,
    });
    host.rejoin = { type: 'host', code: created.code, token: created.token };
    const person = connect(server.url);
    const other = connect(server.url);
    await person.join(created.code);
    await other.join(created.code);
    await host.ok({ type: 'command', action: 'open-vote' });
    await person.until((c) => c.state?.phase === 'voting', 'the vote open');
    const choiceId = person.state?.conversation.options[0]?.id as string;

    const voting = person.request({ type: 'vote', turn: 1, round: 1, choiceId });
    await dropUnder(person);
    expect(await voting).toMatchObject({ ok: true, vote: { turn: 1, round: 1, choiceId } });
    expect(person.connects).toBe(2);
    expect(person.rejoined).toBe(1);
    await host.until((c) => c.progress?.voted === 1, 'one vote counted');

    const deadline = host.state?.vote?.deadline as number;
    const adding = host.request({ type: 'command', action: 'add-time' });
    await dropUnder(host);
    expect(await adding).toMatchObject({ ok: false, error: { code: 'server' } });
    await host.until((c) => c.rejoined === 1, 'the facilitator back');
    // Whether the one request reached the server is not known; it was not sent a second time.
    const added = (host.state?.vote?.deadline as number) - deadline;
    expect([0, ADD_TIME_MS]).toContain(added);
    expect(host.progress?.voted).toBe(1);
  });
});
