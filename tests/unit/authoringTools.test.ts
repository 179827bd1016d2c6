import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AnswerError, playAnswers } from '../../src/cli/player';
import { loadLibrary } from '../../src/content/library';
import { bestOf, deviationsToEndings, explainBest, explore } from '../../src/engine/authoring/analysis';
import { Session } from '../../src/engine/runtime/session';

/** Issue 18: explainable strategies, drafts that teach, and a player that can be scripted. */
const s13 = loadLibrary().scenarios.find(
  (s) => s.ok && s.bundle.scenario.id === 's13-ed-cost-before-screening',
);
if (!s13?.ok) throw new Error('S13 did not load');
const bundle = s13.bundle;
const exploration = explore(bundle);
const best = bestOf(exploration);

const ROOT = new URL('../../', import.meta.url).pathname;
const tsx = (script: string, args: string[], input?: string) =>
  spawnSync(`${ROOT}node_modules/.bin/tsx`, [`src/cli/${script}.ts`, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });

describe('--plan drafts: the best path, and the best path with one deviation per ending', () => {
  const drafts = deviationsToEndings(bundle, best);

  it('covers every ending the analyzer can reach', () => {
    expect(Object.keys(drafts).sort()).toEqual(Object.keys(exploration.endings).sort());
  });

  it('follows the best path up to a single changed choice, then takes the best way into that ending', () => {
    for (const [endingId, path] of Object.entries(drafts)) {
      expect(path.endingId).toBe(endingId);
      if (path === best) continue;
      const at = path.choices.findIndex((c, i) => best.choices[i] !== c);
      expect(path.choices.slice(0, at), endingId).toEqual(best.choices.slice(0, at));
      // The latest deviation that can reach the ending: none later on the best path reaches it.
      for (let later = at + 1; later < best.choices.length; later++) {
        const prefix = best.choices.slice(0, later);
        const state = Session.replay(bundle, 1, prefix).view();
        const others =
          state.status === 'active' ? state.choices.filter((c) => c.id !== best.choices[later]) : [];
        for (const other of others)
          expect(
            Object.keys(explore(bundle, { after: [...prefix, other.id] }).endings),
            endingId,
          ).not.toContain(endingId);
      }
    }
  });
});

describe('--explain', () => {
  it('says at each step of the best path what the other replies could still reach', () => {
    const steps = explainBest(bundle, best);
    expect(steps.map((s) => s.choiceId)).toEqual(best.choices);
    for (const step of steps) {
      expect(step.why).toMatch(new RegExp(`^leads to the best total, ${best.total}`));
      for (const [, total] of step.why.matchAll(/ (\d+)(?=,|$)/g))
        expect(Number(total)).toBeLessThanOrEqual(best.total);
    }
  });
});

describe('the scriptable player', () => {
  it('takes choice ids or the numbers shown, and scores the attempt', () => {
    const byId = playAnswers(bundle, 1, best.choices);
    const shown = Session.start(bundle, 1).view();
    const first = shown.status === 'active' ? shown.choices.find((c) => c.id === best.choices[0]) : undefined;
    const byNumber = playAnswers(bundle, 1, [String(first?.index), ...best.choices.slice(1)]);
    expect(byNumber.turns.map((t) => t.picked.id)).toEqual(best.choices);
    expect(byId.score?.total).toBe(best.total);
    expect(byNumber.score).toEqual(byId.score);
    expect(byId.score?.items.length).toBeGreaterThan(3);
  });

  it('names the turn and what was on offer when an answer does not fit', () => {
    expect(() => playAnswers(bundle, 1, [best.choices[0] ?? '', 'no-such-reply'])).toThrow(AnswerError);
    expect(() => playAnswers(bundle, 1, [best.choices[0] ?? '', 'no-such-reply'])).toThrow(
      /^turn 2 at triage-coming: "no-such-reply" is not on offer; type a number 1-4 or one of: /,
    );
  });

  it('says where it stopped when the answers run out before an ending', () => {
    const result = playAnswers(bundle, 1, best.choices.slice(0, 2));
    expect(result.ending).toBeUndefined();
    expect(result.stopped?.nodeId).toBe('after-exam');
  });

  it('npm run play -- --choices … --json plays without asking and prints the attempt as JSON', () => {
    const run = tsx('play', [bundle.scenario.id, '--choices', best.choices.join(','), '--json']);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { ending: { id: string }; score: { total: number } };
    expect(json.ending.id).toBe(best.endingId);
    expect(json.score.total).toBe(best.total);
  }, 60_000);

  it('npm run play reads piped answers, one per line', () => {
    const run = tsx('play', [bundle.scenario.id], `${best.choices.join('\n')}\n`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Turn ${best.choices.length} (`);
    expect(run.stdout).toMatch(new RegExp(`Score ${best.total} of 100`));
  }, 60_000);

  it('npm run analyze <id> -- --path scores a path and ranks it', () => {
    const run = tsx('analyze', [bundle.scenario.id, '--path', best.choices.join(',')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Score ${best.total} of 100`);
    expect(run.stdout).toContain(
      `Among all ${exploration.paths} paths, 0 score higher (best ${best.total}).`,
    );
  }, 60_000);

  it('npm run validate <plan> checks the plan against its scenario instead of nothing', () => {
    const run = tsx('validate', ['dialogues/s13-ed-cost-before-screening.test.yaml']);
    expect(run.stdout).toMatch(
      /0 scenario file\(s\): 0 loaded; 1 test plan file\(s\) with \d+ plan\(s\); 0 problem\(s\)/,
    );
    expect(run.status).toBe(0);
  }, 60_000);
});
