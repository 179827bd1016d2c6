import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCurriculumFile, scenarioIdsOf } from '../../../src/content/curriculumFile';
import { parseCurriculum } from '../../../src/content/curriculumParse';
import { DIALOGUES_DIR, isScenarioFile, loadLibrary } from '../../../src/content/library';
import { goodTermsContent } from '../../../src/content/vitePlugin';
import { formatDiagnostic } from '../../../src/engine/authoring/loader';
import {
  type CountedAttempt,
  type Curriculum,
  certificateData,
  completion,
  isComplete,
  moduleStatus,
  nextStep,
} from '../../../src/progress/curriculum';
import type { AttemptSummary } from '../../../src/progress/types';
import { FIXTURES } from '../helpers';
import { attempt } from './helpers';

describe('dialogues/curriculum.yaml', () => {
  const library = loadLibrary();
  const ids = scenarioIdsOf(library);
  const { curriculum, diagnostics } = loadCurriculumFile(ids);

  it('loads without a problem and is not mistaken for a scenario', () => {
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(isScenarioFile('curriculum.yaml')).toBe(false);
  });

  it('puts every scenario in exactly one of the five modules, foundations first', () => {
    const files = readdirSync(DIALOGUES_DIR)
      .filter((f) => /^s\d+-.*\.yaml$/.test(f) && !f.endsWith('.test.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    expect(files).toHaveLength(17);

    expect(curriculum?.modules.map((m) => m.id)).toEqual([
      'foundations',
      'time-of-service',
      'pre-service',
      'account-resolution',
      'special-situations',
    ]);
    const listed = curriculum?.modules.flatMap((m) => m.scenarios) ?? [];
    expect([...listed].sort()).toEqual([...files].sort());
    expect(curriculum?.modules[0]?.scenarios).toEqual([
      's8-copay-prior-balance',
      's13-ed-cost-before-screening',
    ]);
  });
});

describe('curriculum checks', () => {
  const ids = ['s1', 's2', 's3'];
  const yaml = (body: string) => `title: Path\nmodules:\n${body}`;

  it('names the file, line, column and module of an unknown or repeated scenario', () => {
    const { curriculum, diagnostics } = parseCurriculum(
      'dialogues/curriculum.yaml',
      yaml(
        [
          '  - id: one',
          '    title: One',
          '    description: First.',
          '    scenarios: [s1, s9]',
          '  - id: one',
          '    title: Two',
          '    description: Second.',
          '    scenarios:',
          '      - s1',
        ].join('\n'),
      ),
      ids,
    );
    expect(curriculum).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^dialogues\/curriculum\.yaml:6:21 {2}one {2}unknown scenario "s9"\n {4}hint: /),
      'dialogues/curriculum.yaml:7:9  one  module id "one" is used twice\n    hint: module ids must be unique',
      'dialogues/curriculum.yaml:11:9  one  scenario "s1" is already in module "one"',
    ]);
  });

  it('reports schema problems at their place', () => {
    const { diagnostics } = parseCurriculum(
      'c.yaml',
      yaml('  - id: one\n    title: One\n    scenarios: []\n    passMark: 120\n'),
      ids,
    );
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, 'modules.0.description: Invalid input: expected string, received undefined'],
      [5, expect.stringMatching(/^modules\.0\.scenarios: Too small/)],
      [6, expect.stringMatching(/^modules\.0\.passMark: Too big/)],
    ]);
  });

  it('is served to the browser build with the catalogue, or with its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'good-terms-curriculum-'));
    for (const f of ['personas.yaml', 'rules.yaml', 'mini.yaml'])
      copyFileSync(join(FIXTURES, f), join(dir, f));
    const load = (): string => {
      const plugin = goodTermsContent(`${dir}/`);
      const context = { addWatchFile: () => undefined, error: (m: string) => Promise.reject(new Error(m)) };
      (plugin.buildStart as (this: unknown) => void).call(context);
      return (plugin.load as (this: unknown, id: string) => string).call(
        context,
        '\0virtual:good-terms/catalog',
      );
    };
    const shipped = (code: string) =>
      JSON.parse(/export const curriculum = (.*);\n/.exec(code)?.[1] ?? 'null');

    writeFileSync(
      join(dir, 'curriculum.yaml'),
      yaml('  - id: basics\n    title: Basics\n    description: The basics.\n    scenarios: [mini]\n'),
    );
    expect(shipped(load())).toEqual({
      curriculum: {
        title: 'Path',
        modules: [{ id: 'basics', title: 'Basics', description: 'The basics.', scenarios: ['mini'] }],
      },
      errors: [],
    });

    writeFileSync(
      join(dir, 'curriculum.yaml'),
      yaml('  - id: basics\n    title: Basics\n    description: The basics.\n    scenarios: [gone]\n'),
    );
    const broken = shipped(load());
    expect(broken.curriculum).toBeNull();
    expect(broken.errors[0]).toMatch(/curriculum\.yaml:6:17 {2}basics {2}unknown scenario "gone"/);
  });
});

const PATH: Curriculum = {
  title: 'Path',
  modules: [
    { id: 'basics', title: 'Basics', description: 'First.', scenarios: ['a', 'b'] },
    { id: 'calls', title: 'Calls', description: 'Second.', scenarios: ['c'], passMark: 90 },
  ],
};

const at = (day: number) => `2026-04-${String(day).padStart(2, '0')}T10:00:00.000Z`;
/** An attempt that replayed (progress/verify.ts): the only kind the path counts. */
const play = (scenarioId: string, over: Partial<AttemptSummary> = {}): CountedAttempt => ({
  ...attempt({ scenarioId, scenarioTitle: `Scenario ${scenarioId.toUpperCase()}`, ...over }),
  verified: true,
  replayCode: `GT1.${scenarioId}.code`,
});
const pass = (scenarioId: string, total: number, day: number) =>
  play(scenarioId, { mode: 'assessment', total, passMark: 80, finishedAt: at(day) });

describe('mastery and unlocking', () => {
  it('opens only the first module at the start', () => {
    const status = moduleStatus(PATH, []);
    expect(status.map((m) => [m.id, m.unlocked, m.mastered])).toEqual([
      ['basics', true, false],
      ['calls', false, false],
    ]);
    expect(status[0]?.scenarios[0]).toEqual({
      scenarioId: 'a',
      title: 'a',
      attempts: 0,
      bestScore: undefined,
      bestAssessed: undefined,
      lastPlayed: undefined,
      passMark: undefined,
      passed: false,
    });
    expect(completion(status)).toEqual({
      modulesMastered: 0,
      modules: 2,
      scenariosPassed: 0,
      scenarios: 3,
      percent: 0,
    });
  });

  it('counts only assessed attempts at or above the pass mark without a hard fail', () => {
    const attempts = [
      play('a', { mode: 'practice', total: 99, finishedAt: at(1) }),
      play('b', { mode: 'assessment', total: 79, finishedAt: at(2) }),
      play('b', { mode: 'assessment', total: 85, hardFail: true, passMark: 40, finishedAt: at(3) }),
    ];
    const [basics] = moduleStatus(PATH, attempts);
    expect(
      basics?.scenarios.map((s) => [
        s.scenarioId,
        s.passed,
        s.bestScore,
        s.bestAssessed,
        s.attempts,
        s.lastPlayed,
      ]),
    ).toEqual([
      ['a', false, 99, undefined, 1, at(1)],
      ['b', false, 85, 85, 2, at(3)],
    ]);
    expect(basics?.mastered).toBe(false);
  });

  it('opens the next module once the previous is mastered, and uses a module pass mark override', () => {
    const attempts = [pass('a', 80, 1), pass('b', 92, 2), pass('c', 85, 3)];
    const status = moduleStatus(PATH, attempts);
    expect(status.map((m) => [m.unlocked, m.mastered])).toEqual([
      [true, true],
      [true, false], // 85 passes the scenario's 80 but not the module's 90
    ]);
    expect(status[1]?.scenarios[0]).toMatchObject({ passMark: 90, bestAssessed: 85, passed: false });
    expect(completion(status)).toMatchObject({ modulesMastered: 1, scenariosPassed: 2, percent: 67 });
  });

  it('a facilitator setting opens every module', () => {
    expect(moduleStatus(PATH, [], { unlockAll: true }).every((m) => m.unlocked)).toBe(true);
  });

  it('uses catalogue titles when given, else the latest attempt’s', () => {
    const [basics] = moduleStatus(PATH, [play('a')], { titles: { b: 'Bee' } });
    expect(basics?.scenarios.map((s) => s.title)).toEqual(['Scenario A', 'Bee']);
  });
});

describe('next step', () => {
  it('starts with the first scenario, in practice', () => {
    expect(nextStep(PATH, [], { titles: { a: 'Copay at the desk' } })).toEqual({
      text: 'Next: “Copay at the desk” (Basics). Play it in practice first, then pass it in assessment.',
      scenarioId: 'a',
      moduleId: 'basics',
    });
  });

  it('after practice, asks for an assessment', () => {
    expect(nextStep(PATH, [play('a')]).text).toBe(
      'Next: take “Scenario A” (Basics) in assessment mode; practice attempts do not count toward mastery.',
    );
  });

  it('after a failed assessment, says the best score and the mark', () => {
    const step = nextStep(PATH, [pass('a', 80, 1), pass('b', 80, 2), pass('c', 85, 3)]);
    expect(step).toEqual({
      text: 'Next: try “Scenario C” (Calls) in assessment again. Your best assessed score is 85 against a pass mark of 90, with no compliance failure.',
      scenarioId: 'c',
      moduleId: 'calls',
    });
  });

  it('skips to an open module with work left when a facilitator unlocked everything', () => {
    expect(nextStep(PATH, [pass('a', 90, 1), pass('b', 90, 1)], { unlockAll: true }).scenarioId).toBe('c');
  });

  it('says the certificate is ready when everything is mastered', () => {
    const done = [pass('a', 80, 1), pass('b', 80, 2), pass('c', 95, 3)];
    expect(nextStep(PATH, done)).toEqual({
      text: 'Every module is mastered: your certificate is ready.',
      scenarioId: undefined,
      moduleId: undefined,
    });
  });
});

describe('certificate', () => {
  it('is not issued before every module is mastered, even with everything unlocked', () => {
    const partial = [pass('a', 80, 1), pass('b', 80, 2)];
    expect(isComplete(PATH, partial)).toBe(false);
    expect(certificateData({ displayName: 'Ana' }, PATH, partial)).toBeUndefined();
  });

  it('names the trainee, the completion date, and each scenario’s best passing score and its date', () => {
    const attempts = [
      pass('a', 82, 1),
      pass('a', 97, 9), // a later, better pass: shown, but completion still dates from the first passes
      pass('b', 88, 2),
      pass('c', 86, 3), // below the module's 90
      pass('c', 91, 5),
      play('c', { mode: 'practice', total: 100, finishedAt: at(6) }),
    ];
    expect(isComplete(PATH, attempts)).toBe(true);
    expect(certificateData({ displayName: 'Ana Ruiz' }, PATH, attempts)).toEqual({
      name: 'Ana Ruiz',
      date: '2026-04-05',
      curriculumTitle: 'Path',
      modules: [
        {
          id: 'basics',
          title: 'Basics',
          scenarios: [
            { id: 'a', title: 'Scenario A', score: 97, date: '2026-04-09', replayCode: 'GT1.a.code' },
            { id: 'b', title: 'Scenario B', score: 88, date: '2026-04-02', replayCode: 'GT1.b.code' },
          ],
        },
        {
          id: 'calls',
          title: 'Calls',
          scenarios: [
            { id: 'c', title: 'Scenario C', score: 91, date: '2026-04-05', replayCode: 'GT1.c.code' },
          ],
        },
      ],
    });
  });

  it('counts only attempts verified by replay: fabricated records master nothing', () => {
    const forged = (id: string) => ({ ...pass(id, 100, 99), verified: false });
    const attempts = ['a', 'b', 'c'].map(forged);
    expect(isComplete(PATH, attempts)).toBe(false);
    expect(certificateData({ displayName: 'Mallory' }, PATH, attempts)).toBeUndefined();
    const [basics] = moduleStatus(PATH, attempts);
    expect(basics?.scenarios[0]).toMatchObject({ attempts: 1, bestScore: undefined, passed: false });
  });

  it('uses a neutral name when the trainee gave none', () => {
    const done = [pass('a', 80, 1), pass('b', 80, 2), pass('c', 95, 3)];
    expect(certificateData({ displayName: '  ' }, PATH, done)?.name).toBe('Trainee');
  });
});
