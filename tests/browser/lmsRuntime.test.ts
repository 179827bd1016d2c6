/**
 * The packages running inside an LMS: a host page with scorm-again as the LMS loads each package (SCORM 1.2
 * and 2004, unzipped and served locally) in an iframe, and scripted runs play it by clicking, as a learner
 * does. Every run checks the whole call log: Initialize first, Terminate last and nothing after,
 * GetLastError "0" after every call, every value valid for the strict checker (scorm-again relaxes 1.2
 * limits, so it would not catch an overflow), and the exact values the LMS ends up with.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCurriculumFile, scenarioIdsOf } from '../../src/content/curriculumFile';
import { loadLibrary } from '../../src/content/library';
import { explore, playStrategy, STRATEGIES } from '../../src/engine/authoring/analysis';
import { encodeReplayCode } from '../../src/engine/runtime/replayCode';
import { scoreAttempt } from '../../src/engine/runtime/scoring';
import { Session } from '../../src/engine/runtime/session';
import type { ScenarioBundle } from '../../src/engine/runtime/types';
import type { ScormVersion } from '../../src/lms/config';
import { decisionOf } from '../../src/lms/interaction';
import { NOTICE_TEXT } from '../../src/lms/notices';
import { encodeRecord, type LmsRecord } from '../../src/lms/record';
import { callProblems, type LmsCall, writtenValues } from '../lms/callLog';
import { closePackage, type LmsHost, launchPackage, startHost } from '../lms/host';
import { buildTestPackage } from '../lms/packages';
import { watchConsole } from './chromium';
import { bundleFor, playChoices, useBrowser, waitForScreen } from './helpers';
import { preparePage } from './playthrough';

const ID = 's13-ed-cost-before-screening';
const SEED = 7;
const LEARNER = { id: 'e-1042', name: 'Rivera, Ana' };
const TIMESPAN_12 = /^\d{4}:[0-5]\d:[0-5]\d\.\d{2}$/;
const DURATION_2004 = /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;

const FIRST_LAUNCH: Record<ScormVersion, object> = {
  scorm12: { core: { student_id: LEARNER.id, student_name: LEARNER.name, entry: 'ab-initio' } },
  scorm2004: { learner_id: LEARNER.id, learner_name: LEARNER.name, entry: 'ab-initio' },
};

const names = (format: ScormVersion) =>
  format === 'scorm12'
    ? {
        status: 'cmi.core.lesson_status',
        raw: 'cmi.core.score.raw',
        exit: 'cmi.core.exit',
        time: 'cmi.core.session_time',
        response: 'student_response',
      }
    : {
        status: 'cmi.completion_status',
        raw: 'cmi.score.raw',
        exit: 'cmi.exit',
        time: 'cmi.session_time',
        response: 'learner_response',
      };

/** The call log without the GetLastError checks, as `Fn element`. */
const sequence = (calls: readonly LmsCall[]): string[] =>
  calls
    .filter((c) => !/GetLastError$/.test(c.fn))
    .map((c) => `${c.fn.replace(/^LMS/, '')}${c.args[0] ? ` ${c.args[0]}` : ''}`);

const readsAtLaunch = (format: ScormVersion, resume: boolean): string[] =>
  format === 'scorm12'
    ? [
        'Initialize',
        'GetValue cmi.core.entry',
        'GetValue cmi.core.lesson_mode',
        'GetValue cmi.core.lesson_status',
        ...(resume ? ['GetValue cmi.suspend_data'] : []),
        'GetValue cmi.core.student_id',
        'GetValue cmi.core.student_name',
        'GetValue cmi.student_data.mastery_score',
        'GetValue cmi.interactions._count',
      ]
    : [
        'Initialize',
        'GetValue cmi.entry',
        'GetValue cmi.mode',
        'GetValue cmi.completion_status',
        'GetValue cmi.success_status',
        ...(resume ? ['GetValue cmi.suspend_data'] : []),
        'GetValue cmi.learner_id',
        'GetValue cmi.learner_name',
        'GetValue cmi.interactions._count',
      ];

const decisionWrites = (format: ScormVersion, n: number): string[] => [
  ...['id', 'type', names(format).response, 'result', 'latency'].map(
    (f) => `SetValue cmi.interactions.${n}.${f}`,
  ),
  'SetValue cmi.suspend_data',
  'Commit',
];

const resultWrites = (format: ScormVersion): string[] =>
  format === 'scorm12'
    ? [
        'cmi.core.score.raw',
        'cmi.core.score.min',
        'cmi.core.score.max',
        'cmi.core.lesson_status',
        'cmi.suspend_data',
      ]
        .map((e) => `SetValue ${e}`)
        .concat('Commit')
    : [
        'cmi.score.raw',
        'cmi.score.min',
        'cmi.score.max',
        'cmi.score.scaled',
        'cmi.completion_status',
        'cmi.success_status',
        'cmi.progress_measure',
        'cmi.suspend_data',
      ]
        .map((e) => `SetValue ${e}`)
        .concat('Commit');

/** Closing the player (the package's pagehide): session time, exit, commit, finish. */
const closing = (format: ScormVersion): string[] => {
  const { time, exit } = names(format);
  return [`SetValue ${time}`, `SetValue ${exit}`, 'Commit', format === 'scorm12' ? 'Finish' : 'Terminate'];
};

async function hooks(
  frame: Frame,
): Promise<{ turn: number; nodeId: string; meters: { stress: number; trust: number } }> {
  return frame.evaluate(() => {
    const h = window.__GOOD_TERMS__;
    if (!h?.meters || h.turn === undefined || !h.nodeId) throw new Error('no conversation on screen');
    return { turn: h.turn, nodeId: h.nodeId, meters: h.meters };
  });
}

async function toDebrief(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'See your debrief' }).click();
  await waitForScreen(frame, 'debrief');
}

describe.each(['scorm12', 'scorm2004'] as const)('the %s scenario package in an LMS', (format) => {
  const browser = useBrowser();
  let host: LmsHost;
  let bundle: ScenarioBundle;
  let pkgName: string;
  let passing: string[];
  let hardFail: string[];
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    bundle = bundleFor(ID);
    passing = explore(bundle, { seed: SEED }).best.choices;
    hardFail = playStrategy(bundle, STRATEGIES.hardline, { seed: SEED }).choices;
    const pkg = buildTestPackage({
      format,
      target: { kind: 'scenario', id: ID },
      mode: 'assessment',
      mastery: undefined,
    });
    pkgName = `${format}-scenario`;
    host = await startHost({ [pkgName]: pkg.dir });
  }, 60_000);
  afterAll(async () => {
    await host?.close();
  });

  async function openPage(): Promise<void> {
    page = await browser().newPage({ viewport: { width: 1320, height: 760 } });
    problems = watchConsole(page);
    await preparePage(page);
  }

  const outcomeOf = (choices: readonly string[]) =>
    scoreAttempt(bundle, Session.replay(bundle, SEED, choices).context());

  function expectDecisions(values: Record<string, string>, choices: readonly string[], from = 0): void {
    choices.forEach((choiceId, i) => {
      const d = decisionOf(bundle, choiceId, 0);
      const at = `cmi.interactions.${from + i}.`;
      expect(values[`${at}id`]).toBe(d?.id);
      expect(values[`${at}type`]).toBe('choice');
      expect(values[`${at}${names(format).response}`]).toBe(format === 'scorm12' ? d?.letter : choiceId);
      expect(values[`${at}result`]).toBe(
        format === 'scorm2004' && d?.result === 'wrong' ? 'incorrect' : d?.result,
      );
      expect(values[`${at}latency`]).toMatch(format === 'scorm12' ? TIMESPAN_12 : DURATION_2004);
    });
  }

  function expectRecord(
    values: Record<string, string>,
    expected: Pick<LmsRecord, 'results' | 'conversation'>,
  ): void {
    // Times differ run to run: compare the record with the times taken from what was written.
    const written = values['cmi.suspend_data'] ?? '';
    const timed = written
      .replace(/(c=[ap]\.)[0-9a-z]+\./, '$1T.')
      .replace(/!([0-9a-z]+)!([0-9a-z]+)!GT1/g, '!T!S!GT1');
    const want = encodeRecord({ target: { kind: 'scenario', id: ID }, ...expected })
      .replace(/(c=[ap]\.)[0-9a-z]+\./, '$1T.')
      .replace(/!([0-9a-z]+)!([0-9a-z]+)!GT1/g, '!T!S!GT1');
    expect(timed).toBe(want);
  }

  it('plays to a pass: every decision, passed with the score, exit normal', async () => {
    await openPage();
    const frame = await launchPackage(page, host, {
      format,
      pkg: pkgName,
      cmi: FIRST_LAUNCH[format],
      seed: SEED,
    });
    await waitForScreen(frame, 'conversation');
    await playChoices(frame, bundle, passing);
    await toDebrief(frame);
    const calls = await closePackage(page, format);
    const report = outcomeOf(passing);
    expect(report.passed).toBe(true);
    expect(callProblems(calls, format)).toEqual([]);
    expect(sequence(calls)).toEqual([
      ...readsAtLaunch(format, false),
      `SetValue ${names(format).status}`,
      'Commit',
      'SetValue cmi.suspend_data',
      'Commit',
      ...passing.flatMap((_, n) => decisionWrites(format, n)),
      ...resultWrites(format),
      ...closing(format),
    ]);
    const values = writtenValues(calls, format);
    expectDecisions(values, passing);
    const attempt = { scenarioId: ID, contentHash: bundle.contentHash, seed: SEED, choices: passing };
    expectRecord(values, {
      conversation: undefined,
      results: [
        {
          scenarioId: ID,
          mode: 'assessment',
          total: report.total,
          hardFail: false,
          passMark: 80,
          finishedAt: 0,
          seconds: 0,
          code: encodeReplayCode(bundle, attempt),
        },
      ],
    });
    expect(values[names(format).time]).toMatch(format === 'scorm12' ? TIMESPAN_12 : DURATION_2004);
    if (format === 'scorm12') {
      expect(values).toMatchObject({
        'cmi.core.lesson_status': 'passed',
        'cmi.core.score.raw': String(report.total),
        'cmi.core.score.min': '0',
        'cmi.core.score.max': '100',
        'cmi.core.exit': '',
      });
    } else {
      expect(values).toMatchObject({
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.score.raw': String(report.total),
        'cmi.score.min': '0',
        'cmi.score.max': '100',
        'cmi.score.scaled': String(report.total / 100),
        'cmi.progress_measure': '1',
        'cmi.exit': 'normal',
      });
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('plays to a compliance hard fail: failed, with the capped score', async () => {
    await openPage();
    const frame = await launchPackage(page, host, {
      format,
      pkg: pkgName,
      cmi: FIRST_LAUNCH[format],
      seed: SEED,
    });
    await waitForScreen(frame, 'conversation');
    await playChoices(frame, bundle, hardFail);
    await toDebrief(frame);
    const calls = await closePackage(page, format);
    const report = outcomeOf(hardFail);
    expect(report.hardFail).toBe(true);
    expect(callProblems(calls, format)).toEqual([]);
    const values = writtenValues(calls, format);
    expectDecisions(values, hardFail);
    expect(hardFail.map((id) => decisionOf(bundle, id, 0)?.result)).toContain('wrong');
    if (format === 'scorm12') {
      expect(values).toMatchObject({
        'cmi.core.lesson_status': 'failed',
        'cmi.core.score.raw': String(report.total),
        'cmi.core.exit': '',
      });
    } else {
      expect(values).toMatchObject({
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'failed',
        'cmi.score.raw': String(report.total),
        'cmi.progress_measure': '0',
        'cmi.exit': 'normal',
      });
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('suspends mid-conversation and resumes at the same turn with the same meters, then finishes', async () => {
    const stopAt = 3;
    await openPage();
    let frame = await launchPackage(page, host, {
      format,
      pkg: pkgName,
      cmi: FIRST_LAUNCH[format],
      seed: SEED,
    });
    await waitForScreen(frame, 'conversation');
    await playChoices(frame, bundle, passing.slice(0, stopAt));
    const before = await hooks(frame);
    const first = await closePackage(page, format);
    expect(callProblems(first, format)).toEqual([]);
    const suspended = writtenValues(first, format);
    expect(suspended[names(format).exit]).toBe('suspend');
    expect(suspended[names(format).status]).toBe('incomplete');
    const soFar = {
      scenarioId: ID,
      contentHash: bundle.contentHash,
      seed: SEED,
      choices: passing.slice(0, stopAt),
    };
    expectRecord(suspended, {
      results: [],
      conversation: {
        scenarioId: ID,
        mode: 'assessment',
        startedAt: 0,
        code: encodeReplayCode(bundle, soFar),
      },
    });

    // The LMS relaunches with what it stored: the same CMI, entry "resume".
    const cmi = await page.evaluate(() => window.__lmsStored?.());
    if (!cmi) throw new Error('the host page has no stored CMI');
    await page.close();

    await openPage();
    const relaunch =
      format === 'scorm12'
        ? { ...cmi, core: { ...(cmi.core as object), entry: 'resume' } }
        : { ...cmi, entry: 'resume' };
    frame = await launchPackage(page, host, { format, pkg: pkgName, cmi: relaunch, seed: SEED });
    await waitForScreen(frame, 'conversation');
    await frame.waitForFunction((turn) => window.__GOOD_TERMS__?.turn === turn, stopAt, { polling: 50 });
    expect(await hooks(frame)).toEqual(before);
    await playChoices(frame, bundle, passing.slice(stopAt), stopAt);
    await toDebrief(frame);
    const second = await closePackage(page, format);
    expect(callProblems(second, format)).toEqual([]);
    expect(sequence(second).slice(0, readsAtLaunch(format, true).length)).toEqual(
      readsAtLaunch(format, true),
    );
    const values = writtenValues(second, format);
    // The LMS kept the first session's interactions; this session carries on after them.
    expectDecisions(values, passing.slice(stopAt), stopAt);
    expect(values[names(format).raw]).toBe(String(outcomeOf(passing).total));
    expect(values[format === 'scorm12' ? 'cmi.core.lesson_status' : 'cmi.success_status']).toBe('passed');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the onboarding path package in an LMS', () => {
  const browser = useBrowser();
  let host: LmsHost;
  let record: LmsRecord;
  let mean: number;

  beforeAll(async () => {
    const library = loadLibrary();
    const ids =
      loadCurriculumFile(scenarioIdsOf(library)).curriculum?.modules.flatMap((m) => m.scenarios) ?? [];
    // Every scenario passed on its best path: what a learner who finished the path has in suspend_data.
    const results = ids.map((id) => {
      const bundle = bundleFor(id);
      const best = explore(bundle, { seed: 1 }).best;
      expect(best.total, id).toBeGreaterThanOrEqual(bundle.scenario.passMark);
      const code = encodeReplayCode(bundle, {
        scenarioId: id,
        contentHash: bundle.contentHash,
        seed: 1,
        choices: best.choices,
      });
      return {
        scenarioId: id,
        mode: 'assessment' as const,
        total: best.total,
        hardFail: false,
        passMark: bundle.scenario.passMark,
        finishedAt: 1_780_000_000,
        seconds: 300,
        code,
      };
    });
    record = { target: { kind: 'curriculum' }, results, conversation: undefined };
    mean = Math.round(results.reduce((n, r) => n + r.total, 0) / results.length);
    const pkg = buildTestPackage({
      format: 'scorm12',
      target: { kind: 'curriculum' },
      mode: 'assessment',
      mastery: undefined,
    });
    host = await startHost({ path: pkg.dir });
  }, 120_000);
  afterAll(async () => {
    await host?.close();
  });

  it('plays on its own, with this browser\u2019s progress and a notice, when no LMS is found', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchConsole(page);
    await page.goto(`${host.url}pkg/path/index.html?seed=${SEED}`);
    await waitForScreen(page, 'curriculum');
    await expect
      .poll(() => page.locator('.lms-notice[role="status"] p').textContent())
      .toBe(NOTICE_TEXT.standalone);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.locator('.lms-notice').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens on the path, reports it passed with the mean score, and prints the LMS learner on the certificate', async () => {
    const page = await browser().newPage({ viewport: { width: 1320, height: 760 } });
    const problems = watchConsole(page);
    await preparePage(page);
    const cmi = {
      core: {
        student_id: LEARNER.id,
        student_name: LEARNER.name,
        entry: 'resume',
        lesson_status: 'incomplete',
      },
      suspend_data: encodeRecord(record),
    };
    const frame = await launchPackage(page, host, { format: 'scorm12', pkg: 'path', cmi, seed: SEED });
    await waitForScreen(frame, 'curriculum');
    await frame.getByRole('button', { name: 'View your certificate' }).click();
    await waitForScreen(frame, 'certificate');
    await expect.poll(() => frame.getByTestId('certificate-name').textContent()).toBe('Ana Rivera');
    const calls = await closePackage(page, 'scorm12');
    expect(callProblems(calls, 'scorm12')).toEqual([]);
    expect(writtenValues(calls, 'scorm12')).toMatchObject({
      'cmi.core.lesson_status': 'passed',
      'cmi.core.score.raw': String(mean),
      'cmi.suspend_data': encodeRecord(record),
      'cmi.core.exit': '',
    });
    expect(problems).toEqual([]);
    await page.close();
  });
});
