import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../src/content/library';
import type { ScenarioBundle } from '../../../src/engine/runtime/types';
import { HARMFUL_TECHNIQUES } from '../../../src/engine/runtime/vocabulary';
import { decisionOf, MAX_CHOICES_PER_NODE } from '../../../src/lms/interaction';
import { fixtureBundle } from '../helpers';

const bundles: ScenarioBundle[] = loadLibrary().scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));

describe('a decision as an LMS interaction', () => {
  const bundle = fixtureBundle();
  const nodes = Object.entries(bundle.scenario.nodes);

  it('names the decision point and the choice, with its letter in authored order', () => {
    const [nodeId, node] = nodes[0] ?? [];
    const second = node?.choices[1];
    if (!nodeId || !second) throw new Error('the fixture needs a node with two choices');
    expect(decisionOf(bundle, second.id, 1234)).toMatchObject({
      id: `${bundle.scenario.id}.${nodeId}`,
      choiceId: second.id,
      letter: 'b',
      latencyMs: 1234,
    });
    expect(decisionOf(bundle, 'no-such-choice', 0)).toBeUndefined();
  });

  it('is wrong for a broken rule or a harmful technique, neutral with a stronger reply, else correct', () => {
    const choices = bundles.flatMap((b) =>
      Object.values(b.scenario.nodes).flatMap((n) => n.choices.map((choice) => ({ b, choice }))),
    );
    const harmful = (tags: readonly string[]) =>
      tags.some((t) => (HARMFUL_TECHNIQUES as readonly string[]).includes(t));
    const cases = {
      breaksRule: choices.find(({ choice }) => (choice.rules?.length ?? 0) > 0 && !harmful(choice.tags)),
      harmfulOnly: choices.find(({ choice }) => !choice.rules?.length && harmful(choice.tags)),
      weaker: choices.find(({ choice }) => !choice.rules?.length && !harmful(choice.tags) && choice.better),
      best: choices.find(({ choice }) => !choice.rules?.length && !harmful(choice.tags) && !choice.better),
    };
    const resultOf = (found: (typeof choices)[number] | undefined) => {
      if (!found) throw new Error('the shipped content has no example of this case');
      return decisionOf(found.b, found.choice.id, 0)?.result;
    };
    expect(resultOf(cases.breaksRule)).toBe('wrong');
    expect(resultOf(cases.harmfulOnly)).toBe('wrong');
    expect(resultOf(cases.weaker)).toBe('neutral');
    expect(resultOf(cases.best)).toBe('correct');
  });

  it.each(bundles.map((b) => [b.scenario.id, b] as const))(
    '%s: every decision point offers a correct reply and at most %s choices',
    (_, b) => {
      for (const [nodeId, node] of Object.entries(b.scenario.nodes)) {
        expect(node.choices.length, nodeId).toBeLessThanOrEqual(MAX_CHOICES_PER_NODE);
        const results = node.choices.map((c) => decisionOf(b, c.id, 0)?.result);
        expect(results, `${b.scenario.id} ${nodeId}`).toContain('correct');
      }
    },
  );
});
