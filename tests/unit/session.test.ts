import { describe, expect, it } from 'vitest';
import { ChoiceUnavailableError, ReplayError, Session } from '../../src/engine/runtime/session';
import { endingIdOf, fixtureBundle, loadEditedMini, offeredIds } from './helpers';

describe('session', () => {
  it('starts at the scenario start with the persona meters and the node choices', () => {
    const view = Session.start(fixtureBundle(), 1).view();
    expect(view).toMatchObject({
      status: 'active',
      turn: 0,
      nodeId: 'greet',
      meters: { stress: 50, trust: 50 },
    });
    // Shown in a seeded order: every authored reply once, numbered 1..n in the order shown.
    expect(offeredIds(view).sort()).toEqual(['cold', 'refuse', 'warm']);
    expect(view.status === 'active' && view.choices.map((c) => c.index)).toEqual([1, 2, 3]);
  });

  it('shows replies in an order drawn from the seed: the same seed the same screen, other seeds other orders', () => {
    const bundle = fixtureBundle();
    const orderAt = (seed: number, ...choices: string[]) =>
      offeredIds(Session.replay(bundle, seed, choices).view());
    const orders = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      expect(orderAt(seed)).toEqual(orderAt(seed));
      expect(orderAt(seed, 'warm')).toEqual(orderAt(seed, 'warm'));
      orders.add(orderAt(seed).join(','));
    }
    // Three replies have six orders; forty seeds show all of them, so no position gives the answer away.
    expect(orders.size).toBe(6);
  });

  it('picks line variants by seed, and the same seed always picks the same one', () => {
    const lines = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const a = Session.start(fixtureBundle(), seed).view().line.id;
      expect(Session.start(fixtureBundle(), seed).view().line.id).toBe(a);
      lines.add(a);
    }
    expect([...lines].sort()).toEqual(['greet-calm', 'greet-rushed']);
  });

  it('same seed and same choices give an identical snapshot', () => {
    const run = () => {
      const s = Session.start(fixtureBundle(), 42);
      s.choose('warm');
      s.choose('ask-dob-again');
      s.choose('ask-copay');
      return { save: s.persist(), view: s.view() };
    };
    expect(run()).toEqual(run());
  });

  it('offers conditional choices only when their condition holds', () => {
    const warm = Session.start(fixtureBundle(), 3);
    warm.choose('warm');
    expect(offeredIds(warm.view())).toContain('secret');
    const cold = Session.start(fixtureBundle(), 3);
    cold.choose('cold');
    expect(offeredIds(cold.view())).not.toContain('secret');
    expect(() => cold.choose('secret')).toThrow(ChoiceUnavailableError);
  });

  it('branches on meters after the choice lands (trust 60+ reaches the happy ending)', () => {
    const s = Session.start(fixtureBundle(), 3);
    s.choose('warm');
    const end = s.choose('ask-copay');
    expect(end.status).toBe('ended');
    expect(endingIdOf(end)).toBe('happy');
    expect(end.ledger.collected).toBe(50);
  });

  it('walks out when stress reaches 90, via the scenario reactions', () => {
    const s = Session.start(fixtureBundle(), 3);
    s.choose('cold');
    const view = s.choose('shout-balance');
    expect(view.meters.stress).toBeGreaterThanOrEqual(90);
    expect(endingIdOf(view)).toBe('walks-out');
  });

  it('an explicit ending outranks a walk-out', () => {
    const s = Session.start(fixtureBundle(), 3);
    expect(endingIdOf(s.choose('refuse'))).toBe('refused');
  });

  it('persist and restore mid-conversation give an identical state and the same choices', () => {
    const s = Session.start(fixtureBundle(), 9);
    s.choose('warm');
    const save = JSON.parse(JSON.stringify(s.persist()));
    const { session: restored, changed } = Session.restore(fixtureBundle(), save);
    expect(changed).toBe(false);
    expect(restored.context()).toEqual(s.context());
    expect(restored.persist()).toEqual(s.persist());
    expect(restored.view()).toEqual(s.view());
    expect(restored.choose('ask-copay')).toEqual(s.choose('ask-copay'));
  });

  it('restoring into reworded content is not a change; changed behaviour is, and says which step no longer fits', () => {
    const s = Session.start(fixtureBundle(), 9);
    s.choose('warm');
    const save = s.persist();
    const reworded = loadEditedMini((t) => t.replace('OK, what do I owe?', 'Right, what do I owe?'));
    if (!reworded.ok) throw new Error('fixture edit failed');
    expect(reworded.bundle.contentHash).toBe(fixtureBundle().contentHash);
    const again = Session.restore(reworded.bundle, save);
    expect(again.changed).toBe(false);
    expect(again.session.view().line.text).toBe('Right, what do I owe?');
    const retuned = loadEditedMini((t) =>
      t.replace('effects: { stress: 5, trust: 2 }', 'effects: { stress: 5, trust: 3 }'),
    );
    if (!retuned.ok) throw new Error('fixture edit failed');
    const { session, changed } = Session.restore(retuned.bundle, save);
    expect(changed).toBe(true);
    expect(session.view().meters).toEqual(s.view().meters);

    const renamed = loadEditedMini((t) => t.replace('id: warm', 'id: friendly'));
    if (!renamed.ok) throw new Error('fixture edit failed');
    expect(() => Session.restore(renamed.bundle, save)).toThrow(ReplayError);
    expect(() => Session.restore(renamed.bundle, save)).toThrow(
      /step 1 of 1: choice "warm" is not available/,
    );
  });

  it('a subscriber sees the new choice in attempt() and persist() during the send', () => {
    const s = Session.start(fixtureBundle(), 5);
    const seen: string[][] = [];
    s.subscribe(() => seen.push(s.persist().choices));
    s.choose('warm');
    s.choose('ask-dob-again');
    expect(seen.at(-1)).toEqual(['warm', 'ask-dob-again']);
  });

  it('emits one-shot cues that are not part of the snapshot', () => {
    const s = Session.start(fixtureBundle(), 5);
    const cues: string[] = [];
    s.onCue((cue) =>
      cues.push(
        cue.type === 'reaction' ? `reaction ${cue.delta.stress}/${cue.delta.trust}` : `ended ${cue.endingId}`,
      ),
    );
    s.choose('warm');
    s.choose('ask-copay');
    expect(cues[0]).toMatch(/^reaction -\d+\/\d+$/);
    expect(cues.at(-1)).toBe('ended happy');
    expect(JSON.stringify(s.persist())).not.toContain('reaction');
  });

  it('records every turn in the event log with meters before and after', () => {
    const s = Session.start(fixtureBundle(), 5);
    s.choose('cold');
    s.choose('ask-dob-again');
    const log = s.log();
    expect(log.map((t) => [t.turn, t.nodeId, t.choiceId])).toEqual([
      [1, 'greet', 'cold'],
      [2, 'ask', 'ask-dob-again'],
    ]);
    expect(log[1]?.before).toEqual(log[0]?.after);
    expect(log[1]?.modelNotes).toContainEqual(expect.objectContaining({ code: 'asked-again', asks: 'dob' }));
    expect(s.attempt()).toEqual({
      scenarioId: 'mini',
      contentHash: s.bundle.contentHash,
      seed: 5,
      choices: ['cold', 'ask-dob-again'],
    });
  });
});
