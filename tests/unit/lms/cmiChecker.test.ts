import { describe, expect, it } from 'vitest';
import { CmiChecker } from '../../../src/lms/cmiChecker';

const ok = (checker: CmiChecker, element: string, value: string): void =>
  expect(checker.check(element, value), `${element} = ${value}`).toBeUndefined();
const bad = (checker: CmiChecker, element: string, value: string, why: RegExp): void =>
  expect(checker.check(element, value), `${element} = ${value}`).toMatch(why);

describe('strict CMI checker, SCORM 1.2', () => {
  const c = () => new CmiChecker('scorm12');

  it('knows the lesson_status vocabulary and refuses what a SCO may not write', () => {
    for (const s of ['passed', 'completed', 'failed', 'incomplete', 'browsed'])
      ok(c(), 'cmi.core.lesson_status', s);
    bad(c(), 'cmi.core.lesson_status', 'not attempted', /one of/);
    bad(c(), 'cmi.core.lesson_status', 'Passed', /one of/);
    bad(c(), 'cmi.completion_status', 'completed', /not an element a SCO may write in scorm12/);
    bad(c(), 'cmi.core.entry', 'resume', /not an element/);
  });

  it('keeps scores within 0-100 and exit within its vocabulary', () => {
    ok(c(), 'cmi.core.score.raw', '87');
    ok(c(), 'cmi.core.score.raw', '87.5');
    ok(c(), 'cmi.core.score.raw', '');
    bad(c(), 'cmi.core.score.raw', '101', /0 to 100/);
    bad(c(), 'cmi.core.score.min', '-1', /0 to 100/);
    bad(c(), 'cmi.core.score.max', 'abc', /0 to 100/);
    for (const e of ['', 'suspend', 'logout', 'time-out']) ok(c(), 'cmi.core.exit', e);
    bad(c(), 'cmi.core.exit', 'normal', /one of/);
  });

  it('holds suspend_data to 4,096 printable ASCII characters', () => {
    ok(c(), 'cmi.suspend_data', 'x'.repeat(4096));
    bad(c(), 'cmi.suspend_data', 'x'.repeat(4097), /4097 characters, more than the 4096/);
    bad(c(), 'cmi.suspend_data', 'caf\u00e9', /printable ASCII/);
    bad(c(), 'cmi.suspend_data', 'a\nb', /printable ASCII/);
  });

  it('checks CMITimespan', () => {
    for (const t of ['00:00:01', '0000:01:02.5', '9999:59:59.99']) ok(c(), 'cmi.core.session_time', t);
    for (const t of ['PT1S', '0:00:01', '00:60:00', '00:00:01.123', '12345:00:00']) {
      bad(c(), 'cmi.core.session_time', t, /CMITimespan/);
    }
  });

  it('checks interactions: identifier, type, a choice response of single characters, result', () => {
    const k = c();
    ok(k, 'cmi.interactions.0.id', 's1-uninsured-ed-discharge.greet');
    bad(k, 'cmi.interactions.0.id', 'has space', /CMIIdentifier/);
    bad(k, 'cmi.interactions.0.id', 'x'.repeat(256), /CMIIdentifier/);
    bad(k, 'cmi.interactions.0.student_response', 'a', /before the interaction type/);
    ok(k, 'cmi.interactions.0.type', 'choice');
    ok(k, 'cmi.interactions.0.student_response', 'b');
    ok(k, 'cmi.interactions.0.student_response', '{a,c}');
    bad(k, 'cmi.interactions.0.student_response', 'acknowledge-warmly', /single characters/);
    for (const r of ['correct', 'wrong', 'neutral', 'unanticipated', '0.5'])
      ok(k, 'cmi.interactions.0.result', r);
    bad(k, 'cmi.interactions.0.result', 'incorrect', /one of/);
    ok(k, 'cmi.interactions.0.latency', '0000:00:12.50');
    bad(k, 'cmi.interactions.0.latency', 'PT12.5S', /CMITimespan/);
    bad(k, 'cmi.interactions.0.learner_response', 'a', /not an element/);
  });
});

describe('strict CMI checker, SCORM 2004 3rd Edition', () => {
  const c = () => new CmiChecker('scorm2004');

  it('knows completion and success vocabularies and the score ranges', () => {
    for (const s of ['completed', 'incomplete', 'not attempted', 'unknown'])
      ok(c(), 'cmi.completion_status', s);
    for (const s of ['passed', 'failed', 'unknown']) ok(c(), 'cmi.success_status', s);
    bad(c(), 'cmi.success_status', 'completed', /one of/);
    ok(c(), 'cmi.score.scaled', '0.87');
    ok(c(), 'cmi.score.scaled', '-1');
    bad(c(), 'cmi.score.scaled', '1.5', /-1 to 1/);
    bad(c(), 'cmi.progress_measure', '-0.1', /0 to 1/);
    for (const e of ['', 'suspend', 'logout', 'time-out', 'normal']) ok(c(), 'cmi.exit', e);
    bad(c(), 'cmi.core.lesson_status', 'passed', /not an element a SCO may write in scorm2004/);
  });

  it('holds suspend_data to 64,000 characters and checks ISO 8601 durations', () => {
    ok(c(), 'cmi.suspend_data', 'x'.repeat(64_000));
    bad(c(), 'cmi.suspend_data', 'x'.repeat(64_001), /more than the 64000/);
    for (const t of ['PT0S', 'PT2.5S', 'PT1H2M3.45S', 'P1DT2H']) ok(c(), 'cmi.session_time', t);
    for (const t of ['PT', 'P', 'PT1.234S', '00:00:01', 'PT-1S', 'T1S'])
      bad(c(), 'cmi.session_time', t, /ISO 8601/);
  });

  it('checks a choice response as identifiers and the 2004 result words', () => {
    const k = c();
    ok(k, 'cmi.interactions.3.id', 's1-uninsured-ed-discharge.greet');
    bad(k, 'cmi.interactions.3.id', 'a b', /long identifier/);
    ok(k, 'cmi.interactions.3.type', 'choice');
    ok(k, 'cmi.interactions.3.learner_response', 'acknowledge-warmly');
    ok(k, 'cmi.interactions.3.learner_response', 'a[,]b');
    bad(k, 'cmi.interactions.3.learner_response', 'two words', /choice identifiers/);
    ok(k, 'cmi.interactions.3.result', 'incorrect');
    bad(k, 'cmi.interactions.3.result', 'wrong', /one of/);
    ok(k, 'cmi.interactions.3.latency', 'PT12.5S');
  });
});
