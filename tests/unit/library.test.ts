import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { generatedEntries } from '../../src/content/generatedLibrary';
import { libraryGroups } from '../../src/content/order';
import type { CatalogEntry } from '../../src/content/source';
import type { CountedAttempt } from '../../src/progress/curriculum';
import { scenarioStatuses } from '../../src/progress/library';
import type { InProgress } from '../../src/progress/types';
import { statusText } from '../../src/ui/screens/selectScreen';

const source = fileContentSource();

describe('the library order', () => {
  it('follows the onboarding path module by module, then the rest in natural order, broken last', () => {
    const curriculum = source.curriculum();
    if (!curriculum.ok) throw new Error(curriculum.errors.join('\n'));
    const broken: CatalogEntry = {
      id: 's2b-broken',
      file: 'dialogues/s2b-broken.yaml',
      summary: undefined,
      errors: ['x'],
    };
    const entries = [...generatedEntries(source.scenarios(), 30), broken].reverse();
    const groups = libraryGroups(entries, curriculum);
    expect(groups.map((g) => g.title)).toEqual([
      ...curriculum.curriculum.modules.map((m) => m.title),
      'More scenarios',
    ]);
    for (const [i, module] of curriculum.curriculum.modules.entries()) {
      expect(groups[i]?.entries.map((e) => e.id)).toEqual(module.scenarios);
    }
    const rest = groups.at(-1)?.entries.map((e) => e.id) ?? [];
    expect(rest.slice(0, 3)).toEqual(['library-case-1', 'library-case-2', 'library-case-3']);
    expect(rest.indexOf('library-case-9')).toBeLessThan(rest.indexOf('library-case-10'));
    expect(rest.at(-1)).toBe('s2b-broken');
  });

  it('without a usable path lists everything in natural order', () => {
    const groups = libraryGroups(source.scenarios(), { ok: false, errors: ['missing'] });
    expect(groups).toHaveLength(1);
    const ids = groups[0]?.entries.map((e) => e.id) ?? [];
    expect(ids.indexOf('s2-hdhp-preservice-estimate')).toBeLessThan(
      ids.indexOf('s10-interpreter-language-access'),
    );
  });
});

describe('scenario statuses', () => {
  const attempt = (scenarioId: string, mode: CountedAttempt['mode'], total: number, hardFail = false) =>
    ({
      scenarioId,
      mode,
      total,
      hardFail,
      passMark: 80,
      passed: total >= 80 && !hardFail,
      verified: true,
    }) as CountedAttempt;
  const unfinished = (scenarioId: string) => ({ save: { scenarioId } }) as InProgress;

  it('keeps the best score, passes only in assessment, and marks conversations in progress', () => {
    const statuses = scenarioStatuses(
      [
        attempt('a', 'practice', 95),
        attempt('a', 'assessment', 70),
        attempt('b', 'assessment', 85),
        attempt('c', 'assessment', 90, true),
      ],
      [unfinished('a'), unfinished('d')],
    );
    expect(statuses.get('a')).toEqual({
      attempts: 2,
      bestScore: 95,
      passedAssessment: false,
      inProgress: true,
    });
    expect(statuses.get('b')).toMatchObject({ bestScore: 85, passedAssessment: true, inProgress: false });
    expect(statuses.get('c')).toMatchObject({ passedAssessment: false });
    // A stored pass that does not replay (an edited record) does not mark the scenario passed.
    const edited = scenarioStatuses([{ ...attempt('e', 'assessment', 100), verified: false }], []);
    expect(edited.get('e')).toMatchObject({ attempts: 1, bestScore: 100, passedAssessment: false });
    expect(statuses.get('d')).toEqual({
      attempts: 0,
      bestScore: undefined,
      passedAssessment: false,
      inProgress: true,
    });
    expect(statusText(statuses.get('a') ?? ({} as never))).toBe('In progress · best score 95');
    expect(statusText(statuses.get('b') ?? ({} as never))).toBe('Passed in assessment · best score 85');
    expect(
      statusText({ attempts: 0, bestScore: undefined, passedAssessment: false, inProgress: false }),
    ).toBe('Not tried');
  });
});
