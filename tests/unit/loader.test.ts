import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/engine/authoring/loader';
import { fixtureBundle, loadEditedMini } from './helpers';

function problems(edit: (text: string) => string) {
  const load = loadEditedMini(edit);
  if (load.ok) throw new Error('expected the edited scenario to be rejected');
  return load.diagnostics;
}

describe('scenario loading', () => {
  it('accepts a valid scenario and resolves its persona and referenced rules', () => {
    const bundle = fixtureBundle();
    expect(bundle.scenario.id).toBe('mini');
    expect(bundle.persona.name).toBe('Sam Rivera');
    expect(Object.keys(bundle.rules).sort()).toEqual(['counter-privacy', 'no-care-deferral']);
    expect(bundle.contentHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('hashes structure, not words: a reworded line keeps the hash, a changed effect does not', () => {
    const before = fixtureBundle().contentHash;
    const reworded = loadEditedMini((t) =>
      t.replace('OK, what do I owe?', 'OK, how much?').replace('Curt.', 'Too curt.'),
    );
    expect(reworded.ok && reworded.bundle.contentHash).toBe(before);
    const retuned = loadEditedMini((t) => t.replace('effects: { stress: 2 }', 'effects: { stress: 3 }'));
    expect(retuned.ok && retuned.bundle.contentHash).not.toBe(before);
    const rerouted = loadEditedMini((t) => t.replace('goto: paid\n', 'goto: walks-out\n'));
    expect(rerouted.ok && rerouted.bundle.contentHash).not.toBe(before);
  });

  it('reports a YAML syntax error with its line', () => {
    const [d] = problems((t) =>
      t.replace('  ask:\n    line: OK, what do I owe?', '  ask:\n    line: [unclosed'),
    );
    expect(d?.message).toMatch(/^YAML syntax/);
    expect(d?.line).toBeGreaterThan(40);
  });

  it('names the file, line, node and field of a schema error', () => {
    const [d] = problems((t) =>
      t.replace('effects: { stress: 5, trust: 2 }', 'effects: { stress: 5, trust: 2, mood: 3 }'),
    );
    expect(d).toMatchObject({ file: 'mini.yaml', node: 'ask' });
    expect(d?.message).toContain('nodes.ask.choices.0.effects');
    expect(d?.hint).toContain('"mood"');
    expect(d && formatDiagnostic(d)).toMatch(/^mini\.yaml:\d+:\d+ {2}ask {2}/);
  });

  it('rejects meter conditions outside 0..100', () => {
    const [d] = problems((t) => t.replace('{ stress: { gte: 90 } }', '{ stress: { gte: 190 } }'));
    expect(d?.message).toMatch(/reactions\.0\.when\.stress\.gte/);
  });

  it('reports every broken reference at once, each with its node and line', () => {
    const ds = problems((t) =>
      t
        .replace('next: refused', 'next: refusde')
        .replace('rules: [counter-privacy]', 'rules: [counter-privacy, made-up-rule]')
        .replace('id: secret', 'id: warm'),
    );
    const messages = ds.map((d) => `${d.node} ${d.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('greet "next" goes to unknown "refusde"'),
        expect.stringContaining('ask rule "made-up-rule" is not in rules.yaml'),
        expect.stringContaining('ask choice id "warm" is already used in node "greet"'),
      ]),
    );
    for (const d of ds) expect(d.line).toBeGreaterThan(1);
  });

  it('rejects an unknown persona and a missing start node', () => {
    const ds = problems((t) =>
      t.replace('persona: sam-test', 'persona: nobody').replace('start: greet', 'start: nowhere'),
    );
    expect(ds.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'persona "nobody" is not in personas.yaml',
        'start node "nowhere" does not exist',
      ]),
    );
  });

  it('rejects a flag condition that no choice ever sets', () => {
    const ds = problems((t) => t.replace('when: { flags: [greeted] }', 'when: { flags: [greted] }'));
    expect(ds[0]?.message).toBe('flag "greted" is never set by any choice');
  });
});
