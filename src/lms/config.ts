/**
 * What an LMS package is: the packager (scripts/package-lms.ts) writes it into the package's index.html
 * as a JSON script element, and the app reads it at startup to know it runs inside an LMS, what to
 * start, in which mode and against which mastery score. The web build has no such element.
 */
import type { Mode } from '../engine/runtime/types';

/** The id of the `<script type="application/json">` element that carries the launch config. */
export const LMS_CONFIG_ID = 'good-terms-lms';

export type ScormVersion = 'scorm12' | 'scorm2004';

export type LmsTarget = { kind: 'scenario'; id: string } | { kind: 'curriculum' };

export interface LaunchConfig {
  format: ScormVersion;
  target: LmsTarget;
  /** The mode that counts: assessment packages report passed/failed, practice packages report completion. */
  mode: Mode;
  /**
   * The score (0-100) an assessed attempt needs to pass. Always set for a scenario package (its pass mark by
   * default); for the curriculum, undefined means each module's or scenario's own pass mark.
   */
  mastery: number | undefined;
}

export class LaunchConfigError extends Error {
  constructor(message: string) {
    super(`LMS launch config: ${message}`);
    this.name = 'LaunchConfigError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks the config text; throws LaunchConfigError naming the field that is wrong. */
export function parseLaunchConfig(text: string): LaunchConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LaunchConfigError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(raw)) throw new LaunchConfigError('expected an object');
  const { format, target, mode, mastery } = raw;
  if (format !== 'scorm12' && format !== 'scorm2004') {
    throw new LaunchConfigError(`format must be "scorm12" or "scorm2004", not ${JSON.stringify(format)}`);
  }
  if (mode !== 'assessment' && mode !== 'practice') {
    throw new LaunchConfigError(`mode must be "assessment" or "practice", not ${JSON.stringify(mode)}`);
  }
  if (
    mastery !== undefined &&
    !(Number.isInteger(mastery) && Number(mastery) >= 0 && Number(mastery) <= 100)
  ) {
    throw new LaunchConfigError(`mastery must be an integer from 0 to 100, not ${JSON.stringify(mastery)}`);
  }
  let parsedTarget: LmsTarget;
  if (isRecord(target) && target.kind === 'curriculum') parsedTarget = { kind: 'curriculum' };
  else if (isRecord(target) && target.kind === 'scenario' && typeof target.id === 'string' && target.id) {
    parsedTarget = { kind: 'scenario', id: target.id };
  } else {
    throw new LaunchConfigError(`target must be {"kind":"curriculum"} or {"kind":"scenario","id":...}`);
  }
  if (parsedTarget.kind === 'scenario' && mastery === undefined) {
    throw new LaunchConfigError('a scenario package needs a mastery score');
  }
  return { format, target: parsedTarget, mode, mastery: mastery as number | undefined };
}

/** The config as the packager writes it into index.html (`<` escaped so the text cannot close the script). */
export function launchConfigElement(config: LaunchConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${LMS_CONFIG_ID}">${json}</script>`;
}
