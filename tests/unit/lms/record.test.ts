/**
 * The suspend data: round trips, clear errors, and the budget. The budget test builds the longest record any
 * package can write, from every scenario's longest path (src/engine/authoring/analysis.ts explore()) with the
 * widest seed and choice indexes, and the whole onboarding path, and fails when it does not fit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCurriculumFile, scenarioIdsOf } from '../../../src/content/curriculumFile';
import { loadLibrary } from '../../../src/content/library';
import { explore } from '../../../src/engine/authoring/analysis';
import { encodeReplayCode } from '../../../src/engine/runtime/replayCode';
import type { ScenarioBundle } from '../../../src/engine/runtime/types';
import { SUSPEND_DATA_LIMIT } from '../../../src/lms/cmiChecker';
import {
  decodeRecord,
  encodeRecord,
  type LmsRecord,
  RecordError,
  type RecordedResult,
  SUSPEND_DATA_BUDGET,
} from '../../../src/lms/record';

const sample: LmsRecord = {
  target: { kind: 'curriculum' },
  conversation: {
    scenarioId: 's4-denial-anger',
    mode: 'practice',
    startedAt: 1_780_000_000,
    code: 'GT1.s4-denial-anger.0123abcd.lfls.0-4-9',
  },
  results: [
    {
      scenarioId: 's8-copay-prior-balance',
      mode: 'assessment',
      total: 91,
      hardFail: false,
      passMark: 80,
      finishedAt: 1_780_000_500,
      seconds: 312,
      code: 'GT1.s8-copay-prior-balance.89abcdef.2n9c.1-3-7-a-c',
    },
    {
      scenarioId: 's13-ed-cost-before-screening',
      mode: 'assessment',
      total: 49,
      hardFail: true,
      passMark: 80,
      finishedAt: 1_780_001_000,
      seconds: 95,
      code: 'GT1.s13-ed-cost-before-screening.00000000.1.',
    },
  ],
};

describe('suspend data record', () => {
  it('round-trips, in printable ASCII', () => {
    const text = encodeRecord(sample);
    expect(text).toMatch(/^GTL1;t=c;c=p\.[0-9a-z]+\.GT1\.s4-denial-anger\./);
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeRecord(text)).toEqual(sample);
  });

  it('round-trips a scenario package with nothing played yet', () => {
    const empty: LmsRecord = {
      target: { kind: 'scenario', id: 's1-uninsured-ed-discharge' },
      results: [],
      conversation: undefined,
    };
    expect(encodeRecord(empty)).toBe('GTL1;t=s:s1-uninsured-ed-discharge');
    expect(decodeRecord(encodeRecord(empty))).toEqual(empty);
  });

  it.each([
    ['', /unknown format ""/],
    ['GTL9;t=c', /unknown format "GTL9".*reads GTL1/],
    ['GTL1', /no target/],
    ['GTL1;t=x', /unknown target "x"/],
    ['GTL1;t=c;q=1', /unknown field "q=1"/],
    ['GTL1;t=c;r=a!91!-!80!abc', /result 1 is malformed/],
    ['GTL1;t=c;r=a!191!-!80!1!1!GT1.s8.x.1.', /result 1: "191" is not a score/],
    ['GTL1;t=c;r=x!91!-!80!1!1!GT1.s8.x.1.', /result 1: unknown mode "x"/],
    ['GTL1;t=c;c=a.1.nonsense', /conversation: That is not a Good Terms replay code/],
  ])('refuses %j with a clear error', (text, message) => {
    expect(() => decodeRecord(text)).toThrow(RecordError);
    expect(() => decodeRecord(text)).toThrow(message);
  });
});

describe('suspend data budget (worst case over every scenario and the onboarding path)', () => {
  /** The widest values each field can take: seeds beyond randomSeed()'s (a ?seed= URL), times up to year 4453. */
  const WIDEST_SEED = Number.MAX_SAFE_INTEGER;
  const WIDEST_TIME = 36 ** 7 - 1;
  const WIDEST_SECONDS = 36 ** 6 - 1;
  const worstCode = new Map<string, string>();
  let curriculumIds: string[] = [];

  beforeAll(() => {
    const library = loadLibrary();
    const bundles: ScenarioBundle[] = library.scenarios.flatMap((s) => (s.ok ? [s.bundle] : []));
    for (const bundle of bundles) {
      const longest = explore(bundle).longest.choices;
      const real = encodeReplayCode(bundle, {
        scenarioId: bundle.scenario.id,
        contentHash: bundle.contentHash,
        seed: WIDEST_SEED,
        choices: longest,
      });
      // The same code with every choice index as wide as this scenario's widest (a path as long, with
      // choices later in the file, costs that much).
      const count = Object.values(bundle.scenario.nodes).reduce((n, node) => n + node.choices.length, 0);
      const widest = (count - 1).toString(36);
      const prefix = real.split('.').slice(0, 4).join('.');
      worstCode.set(bundle.scenario.id, `${prefix}.${longest.map(() => widest).join('-')}`);
    }
    const { curriculum } = loadCurriculumFile(scenarioIdsOf(library));
    curriculumIds = curriculum?.modules.flatMap((m) => m.scenarios) ?? [];
  }, 120_000);

  const result = (scenarioId: string): RecordedResult => ({
    scenarioId,
    mode: 'assessment',
    total: 100,
    hardFail: true,
    passMark: 100,
    finishedAt: WIDEST_TIME,
    seconds: WIDEST_SECONDS,
    code: worstCode.get(scenarioId) ?? '',
  });
  const conversationAt = (scenarioId: string) => ({
    scenarioId,
    mode: 'assessment' as const,
    startedAt: WIDEST_TIME,
    code: worstCode.get(scenarioId) ?? '',
  });

  const worstScenarioPackage = (): string =>
    [...worstCode.keys()]
      .map((id) =>
        encodeRecord({
          target: { kind: 'scenario', id },
          results: [result(id)],
          conversation: conversationAt(id),
        }),
      )
      .reduce((a, b) => (b.length > a.length ? b : a));

  const worstCurriculumPackage = (): string => {
    const longestConversation = curriculumIds.reduce((a, b) =>
      (worstCode.get(b)?.length ?? 0) > (worstCode.get(a)?.length ?? 0) ? b : a,
    );
    return encodeRecord({
      target: { kind: 'curriculum' },
      results: curriculumIds.map(result),
      conversation: conversationAt(longestConversation),
    });
  };

  it('covers every scenario of the onboarding path', () => {
    expect(curriculumIds.length).toBeGreaterThan(0);
    for (const id of curriculumIds) expect(worstCode.get(id), id).toMatch(/^GT1\./);
  });

  it('the worst records still decode', () => {
    expect(decodeRecord(worstCurriculumPackage()).results).toHaveLength(curriculumIds.length);
    expect(decodeRecord(worstScenarioPackage()).results).toHaveLength(1);
  });

  it.each(['scorm12', 'scorm2004'] as const)('fits the %s budget, itself under the LMS limit', (format) => {
    expect(SUSPEND_DATA_BUDGET[format]).toBeLessThan(SUSPEND_DATA_LIMIT[format]);
    const scenario = worstScenarioPackage();
    const curriculum = worstCurriculumPackage();
    expect(scenario.length, 'one scenario package').toBeLessThanOrEqual(SUSPEND_DATA_BUDGET[format]);
    expect(curriculum.length, 'the onboarding path').toBeLessThanOrEqual(SUSPEND_DATA_BUDGET[format]);
  });
});
