import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content/library';
import { type Diagnostic, isError } from '../../src/engine/authoring/loader';
import { FIXTURES } from './helpers';

/**
 * Issue 18: `validate` runs every content check `npm test` runs. Each case is a problem the tools used
 * to let through; each must now be reported, with its place and a hint.
 */
const mini = readFileSync(join(FIXTURES, 'mini.yaml'), 'utf8');

/** A content folder with the fixture catalogues and the given files; returns its path. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'good-terms-checks-'));
  for (const f of ['personas.yaml', 'rules.yaml']) copyFileSync(join(FIXTURES, f), join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const messages = (ds: Diagnostic[]): string[] => ds.filter(isError).map((d) => d.message);

/** A plan for the mini fixture that reaches `paid` (and the endings given), one plan each. */
function plan(endings: Record<string, string[]>): string {
  return [
    'scenario: mini',
    'plans:',
    ...Object.entries(endings).flatMap(([ending, choices]) => [
      `  - name: reaches ${ending}`,
      '    steps:',
      ...choices.map((c) => `      - choose: ${c}`),
      `      - expect-ending: ${ending}`,
    ]),
  ].join('\n');
}
const EVERY_ENDING = {
  paid: ['cold', 'ask-copay'],
  happy: ['warm', 'ask-copay'],
  refused: ['refuse'],
  'walks-out': ['cold', 'shout-balance'],
};

describe('validate checks what npm test checks', () => {
  it('reports a scenario without a test plan', () => {
    const dir = folder({ 'mini.yaml': mini });
    const found = checkContent({ targets: [join(dir, 'mini.yaml')] }).diagnostics;
    expect(messages(found)).toContainEqual(
      expect.stringMatching(/^no test plan: .*mini\.test\.yaml is missing$/),
    );
  });

  it('reports endings the analyzer can reach that no plan ends in, at the plan file', () => {
    const dir = folder({ 'mini.yaml': mini, 'mini.test.yaml': plan({ paid: EVERY_ENDING.paid }) });
    const found = checkContent({ targets: [join(dir, 'mini.yaml')] }).diagnostics;
    const coverage = found.find((d) => d.message.startsWith('no plan ends in'));
    expect(coverage?.message).toBe(
      'no plan ends in "happy", "refused", "walks-out", which the analyzer can reach',
    );
    expect(coverage?.file).toMatch(/mini\.test\.yaml$/);
    const covered = folder({ 'mini.yaml': mini, 'mini.test.yaml': plan(EVERY_ENDING) });
    expect(messages(checkContent({ targets: [join(covered, 'mini.yaml')] }).diagnostics)).not.toContainEqual(
      expect.stringMatching(/^no plan ends in/),
    );
  });

  it('reports a full-format scenario with too few decisions on its best path', () => {
    const dir = folder({ 'mini.yaml': mini, 'mini.test.yaml': plan(EVERY_ENDING) });
    const found = messages(checkContent({ targets: [join(dir, 'mini.yaml')] }).diagnostics);
    expect(found).toContainEqual(
      'format full needs 8+ decisions on the best path; it has 2 (warm > ask-copay)',
    );
  });

  it('recomputes the poverty-guideline percentage with the table of the stated year', () => {
    const household = (year: number, percent: number) =>
      mini.replace(
        '  owed: 50\n',
        `  owed: 50\n  household: { size: 2, annualIncome: 21640, guidelineYear: ${year}, fplPercent: ${percent} }\n`,
      );
    const check = (text: string) =>
      messages(
        checkContent({ targets: [join(folder({ 'mini.yaml': text }), 'mini.yaml')] }).diagnostics,
      ).filter((m) => m.startsWith('fplPercent'));
    // $21,640 for two is 100% of the 2026 guideline ($15,960 + $5,680) and 102% of 2025's.
    expect(check(household(2026, 150))).toEqual([
      'fplPercent 150 does not match the facts: $21640 for a household of 2 is 100.0% of the 2026 guideline ($21640)',
    ]);
    expect(check(household(2026, 100))).toEqual([]);
    expect(check(household(2025, 102))).toEqual([]);
  });

  it('checks a test plan given on its own against its scenario', () => {
    const broken = plan({ paid: ['warm', 'ask-copay'] });
    const dir = folder({ 'mini.yaml': mini, 'mini.test.yaml': broken });
    const result = checkContent({ targets: [join(dir, 'mini.test.yaml')] });
    expect(result.plans).toEqual([{ file: expect.stringMatching(/mini\.test\.yaml$/), plans: 1 }]);
    expect(messages(result.diagnostics)).toEqual([
      'plan "reaches paid", step 3: expected ending "paid", got "happy"',
      'no plan ends in "happy", "refused", "walks-out", which the analyzer can reach',
    ]);
  });

  it('runs a scenario’s plan when the scenario is validated', () => {
    const dir = folder({
      'mini.yaml': mini,
      'mini.test.yaml': plan({ ...EVERY_ENDING, paid: ['warm', 'ask-copay'] }),
    });
    expect(messages(checkContent({ targets: [join(dir, 'mini.yaml')] }).diagnostics)).toContainEqual(
      'plan "reaches paid", step 3: expected ending "paid", got "happy"',
    );
  });

  it('reports a scenario whose id is not its file name', () => {
    const dir = folder({ 'other.yaml': mini });
    expect(messages(checkContent({ targets: [join(dir, 'other.yaml')] }).diagnostics)).toContainEqual(
      'scenario id "mini" differs from its file name "other"',
    );
  });

  it('reports a scenario the curriculum leaves out', () => {
    const curriculum =
      'title: Path\nmodules:\n  - { id: one, title: One, description: First., scenarios: [lines] }\n';
    const lines = readFileSync(join(FIXTURES, 'lines.yaml'), 'utf8');
    const dir = folder({ 'mini.yaml': mini, 'lines.yaml': lines, 'curriculum.yaml': curriculum });
    expect(messages(checkContent({ dir }).diagnostics)).toContainEqual('scenario "mini" is in no module');
    expect(messages(checkContent({ targets: [join(dir, 'mini.yaml')] }).diagnostics)).toContainEqual(
      'scenario "mini" is in no module of curriculum.yaml',
    );
  });

  it('reports a hard-fail rule no scenario tempts the trainee with', () => {
    const withoutDeferral = mini.replace('        rules: [no-care-deferral]\n', '');
    const dir = folder({ 'mini.yaml': withoutDeferral });
    expect(messages(checkContent({ dir }).diagnostics)).toContainEqual(
      'hard-fail rule "no-care-deferral" is a tempting choice in no scenario',
    );
  });

  it('reports the analyzer’s failures and its warnings (which do not fail)', () => {
    const analyzerFixtures = new URL('../fixtures/analyzer/', import.meta.url).pathname;
    const found = checkContent({ targets: [join(analyzerFixtures, 'random-passes.yaml')] }).diagnostics;
    expect(messages(found)).toContainEqual(
      expect.stringMatching(
        /^analyzer: random-trainee-fails: a trainee picking replies at random passes 40\.0%/,
      ),
    );
    expect(found.filter((d) => !isError(d)).map((d) => d.message)).toContainEqual(
      expect.stringMatching(/^analyzer: best-path-tie: 2 paths share the best score/),
    );
  });
});
