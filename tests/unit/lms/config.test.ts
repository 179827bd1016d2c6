import { describe, expect, it, vi } from 'vitest';
import {
  LaunchConfigError,
  LMS_CONFIG_ID,
  launchConfigElement,
  parseLaunchConfig,
} from '../../../src/lms/config';
import { LmsNotices } from '../../../src/lms/notices';

describe('the launch config in a package', () => {
  it('round-trips through the element the packager writes', () => {
    const config = {
      format: 'scorm2004',
      target: { kind: 'scenario', id: 's8' },
      mode: 'practice',
      mastery: 85,
    } as const;
    const element = launchConfigElement(config);
    expect(element).toMatch(new RegExp(`^<script type="application/json" id="${LMS_CONFIG_ID}">`));
    const text = /<script[^>]*>(.*)<\/script>/.exec(element)?.[1] ?? '';
    expect(parseLaunchConfig(text)).toEqual(config);
  });

  it('cannot be closed early by a "<" in its text', () => {
    const element = launchConfigElement({
      format: 'scorm12',
      target: { kind: 'scenario', id: '</script>' },
      mode: 'assessment',
      mastery: 80,
    });
    expect(element.match(/<\/script>/g)).toHaveLength(1);
  });

  it.each([
    ['{', /not JSON/],
    ['[]', /expected an object/],
    [
      '{"format":"scorm13","mode":"assessment","target":{"kind":"curriculum"}}',
      /format must be "scorm12" or "scorm2004", not "scorm13"/,
    ],
    ['{"format":"scorm12","mode":"exam","target":{"kind":"curriculum"}}', /mode must be .* not "exam"/],
    [
      '{"format":"scorm12","mode":"practice","target":{"kind":"curriculum"},"mastery":101}',
      /mastery must be an integer from 0 to 100, not 101/,
    ],
    ['{"format":"scorm12","mode":"practice","target":{"kind":"scenario"}}', /target must be/],
    [
      '{"format":"scorm12","mode":"practice","target":{"kind":"scenario","id":"s1"}}',
      /a scenario package needs a mastery score/,
    ],
  ])('refuses %s with a clear error', (text, message) => {
    expect(() => parseLaunchConfig(text)).toThrow(LaunchConfigError);
    expect(() => parseLaunchConfig(text)).toThrow(message);
  });
});

describe('LMS notices', () => {
  it('shows each message once and logs problems (quiet ones only as information)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const notices = new LmsNotices(undefined);
    notices.problem(
      'LMS call LMSGetValue("cmi.interactions._count") failed (error 401: Not implemented)',
      true,
    );
    expect(notices.kinds).toEqual([]);
    notices.problem('LMS call LMSCommit("") failed (error 0: network down)', false);
    notices.problem('LMS call LMSCommit("") failed (error 0: network down)', false);
    notices.show('changed');
    expect(notices.kinds).toEqual(['problem', 'changed']);
    expect(error).toHaveBeenCalledTimes(2);
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/error 401/));
    error.mockRestore();
    info.mockRestore();
  });
});
