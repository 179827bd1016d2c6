import { describe, expect, it } from 'vitest';
import { CmiChecker } from '../../../src/lms/cmiChecker';
import { iso8601Duration, scorm12Timespan } from '../../../src/lms/time';

describe('SCORM durations', () => {
  it.each([
    [0, '0000:00:00.00', 'PT0S'],
    [4, '0000:00:00.00', 'PT0S'],
    [5, '0000:00:00.01', 'PT0.01S'],
    [2500, '0000:00:02.50', 'PT2.5S'],
    [62_250, '0000:01:02.25', 'PT1M2.25S'],
    [3_600_000, '0001:00:00.00', 'PT1H'],
    [3_723_450, '0001:02:03.45', 'PT1H2M3.45S'],
    [-20, '0000:00:00.00', 'PT0S'],
    [Number.NaN, '0000:00:00.00', 'PT0S'],
  ])('%d ms is %s in 1.2 and %s in 2004', (ms, v12, v2004) => {
    expect(scorm12Timespan(ms)).toBe(v12);
    expect(iso8601Duration(ms)).toBe(v2004);
  });

  it('caps 1.2 time at the largest value the format holds', () => {
    expect(scorm12Timespan(10_000 * 3_600_000)).toBe('9999:59:59.99');
  });

  it('writes what the strict checker accepts, over a wide range', () => {
    const v12 = new CmiChecker('scorm12');
    const v2004 = new CmiChecker('scorm2004');
    for (let ms = 0; ms < 50 * 3_600_000; ms = ms * 1.7 + 13) {
      expect(v12.check('cmi.core.session_time', scorm12Timespan(ms))).toBeUndefined();
      expect(v2004.check('cmi.session_time', iso8601Duration(ms))).toBeUndefined();
    }
  });
});
