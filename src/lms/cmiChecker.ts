/**
 * A strict checker for the values a SCO writes, by the letter of SCORM 1.2 (RTE 3.4) and SCORM 2004
 * 3rd Edition (RTE 4.2): the element must exist and be writable, and the value must have the element's
 * vocabulary, format and length. LMSs differ in what they enforce (scorm-again relaxes the 1.2 limits on
 * purpose, Moodle accepts any 1.2 response up to 255 characters, HealthStream reports type mismatches), so
 * the adapter checks every write itself and never sends a value a strict LMS would reject.
 *
 * It is stateful in one respect: an interaction's response is checked against the type written for the
 * same interaction before it, as both versions define the response format by type.
 */
import type { ScormVersion } from './config';

/** The most characters `cmi.suspend_data` may hold: CMIString4096 in 1.2, SPM 64000 in 2004 3rd Edition. */
export const SUSPEND_DATA_LIMIT: Record<ScormVersion, number> = { scorm12: 4096, scorm2004: 64_000 };

type Rule = (value: string, checker: CmiChecker, index: string | undefined) => string | undefined;

const oneOf =
  (...words: string[]): Rule =>
  (value) =>
    words.includes(value) ? undefined : `must be one of ${words.map((w) => `"${w}"`).join(', ')}`;

const matches =
  (pattern: RegExp, what: string): Rule =>
  (value) =>
    pattern.test(value) ? undefined : `must be ${what}`;

const either =
  (...rules: Rule[]): Rule =>
  (value, checker, index) => {
    const problems = rules.map((rule) => rule(value, checker, index));
    return problems.includes(undefined) ? undefined : problems.join(', or ');
  };

const maxLength =
  (limit: number, rule?: Rule): Rule =>
  (value, checker, index) =>
    value.length > limit
      ? `is ${value.length} characters, more than the ${limit} allowed`
      : rule?.(value, checker, index);

const DECIMAL = /^-?\d+(\.\d+)?$/;
const inRange =
  (low: number, high: number): Rule =>
  (value) =>
    DECIMAL.test(value) && Number(value) >= low && Number(value) <= high
      ? undefined
      : `must be a decimal number from ${low} to ${high}`;

/** CMIString in 1.2 is ASCII; printable characters only, so no LMS has to guess at control characters. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ascii = (limit: number): Rule =>
  maxLength(limit, matches(PRINTABLE_ASCII, 'printable ASCII characters'));

/** CMITimespan, RTE 3.4.2: HHHH:MM:SS.SS with 2-4 hour digits and 0-2 decimals of a second. */
const TIMESPAN_12 = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
/** timeinterval (second,10,2), RTE 4.2: ISO 8601 duration, at least one part, seconds with 0-2 decimals. */
const TIMEINTERVAL_2004 = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;

/** CMIIdentifier, RTE 3.4.2: no white space or unprintable characters, at most 255. */
const IDENTIFIER_12 = /^[\x21-\x7e]{1,255}$/;
/** long_identifier_type, RTE 4.2: a URI (no white space), at most 4000 characters. */
const LONG_IDENTIFIER_2004 = /^\S{1,4000}$/;
/** short_identifier_type as a choice response item: URI characters, at most 250. */
const SHORT_IDENTIFIER_2004 = /^[\w.\-:~]{1,250}$/;

/** 1.2 choice response: single characters 0-9/a-z, comma separated, optionally in braces (RTE 3.4.2.8). */
const CHOICE_RESPONSE_12 = /^(\{[0-9a-z](,[0-9a-z])*\}|[0-9a-z](,[0-9a-z])*)$/;

const responseRule =
  (format: ScormVersion): Rule =>
  (value, checker, index) => {
    const type = index === undefined ? undefined : checker.interactionType(index);
    if (type === undefined) return 'is written before the interaction type, which defines its format';
    if (type !== 'choice')
      return `has no check for interaction type "${type}" (the adapter writes only "choice")`;
    if (format === 'scorm12') {
      return maxLength(255, matches(CHOICE_RESPONSE_12, 'single characters 0-9 or a-z, comma separated'))(
        value,
        checker,
        index,
      );
    }
    const items = value === '' ? [] : value.split('[,]');
    if (items.length > 36) return 'has more than the 36 choices an LMS must keep';
    return items.every((item) => SHORT_IDENTIFIER_2004.test(item))
      ? undefined
      : 'must be choice identifiers (letters, digits, "._-:~", at most 250 each) separated by "[,]"';
  };

const RULES: Record<ScormVersion, Record<string, Rule>> = {
  scorm12: {
    'cmi.core.lesson_status': oneOf('passed', 'completed', 'failed', 'incomplete', 'browsed'),
    'cmi.core.lesson_location': ascii(255),
    'cmi.core.score.raw': either(matches(/^$/, 'empty'), inRange(0, 100)),
    'cmi.core.score.min': either(matches(/^$/, 'empty'), inRange(0, 100)),
    'cmi.core.score.max': either(matches(/^$/, 'empty'), inRange(0, 100)),
    'cmi.core.exit': oneOf('time-out', 'suspend', 'logout', ''),
    'cmi.core.session_time': matches(TIMESPAN_12, 'a CMITimespan like 0001:02:03.45'),
    'cmi.suspend_data': ascii(SUSPEND_DATA_LIMIT.scorm12),
    'cmi.interactions.n.id': matches(
      IDENTIFIER_12,
      'a CMIIdentifier (1-255 printable characters, no spaces)',
    ),
    'cmi.interactions.n.type': oneOf(
      'true-false',
      'choice',
      'fill-in',
      'matching',
      'performance',
      'sequencing',
      'likert',
      'numeric',
    ),
    'cmi.interactions.n.student_response': responseRule('scorm12'),
    'cmi.interactions.n.result': either(
      oneOf('correct', 'wrong', 'unanticipated', 'neutral'),
      matches(DECIMAL, 'a decimal'),
    ),
    'cmi.interactions.n.latency': matches(TIMESPAN_12, 'a CMITimespan like 0000:00:12.50'),
  },
  scorm2004: {
    'cmi.completion_status': oneOf('completed', 'incomplete', 'not attempted', 'unknown'),
    'cmi.success_status': oneOf('passed', 'failed', 'unknown'),
    'cmi.score.scaled': inRange(-1, 1),
    'cmi.score.raw': matches(DECIMAL, 'a decimal number'),
    'cmi.score.min': matches(DECIMAL, 'a decimal number'),
    'cmi.score.max': matches(DECIMAL, 'a decimal number'),
    'cmi.progress_measure': inRange(0, 1),
    'cmi.location': maxLength(1000),
    'cmi.exit': oneOf('time-out', 'suspend', 'logout', 'normal', ''),
    'cmi.session_time': matches(TIMEINTERVAL_2004, 'an ISO 8601 duration like PT1H2M3.45S'),
    'cmi.suspend_data': maxLength(SUSPEND_DATA_LIMIT.scorm2004),
    'cmi.interactions.n.id': matches(
      LONG_IDENTIFIER_2004,
      'a long identifier (1-4000 characters, no spaces)',
    ),
    'cmi.interactions.n.type': oneOf(
      'true-false',
      'choice',
      'fill-in',
      'long-fill-in',
      'matching',
      'performance',
      'sequencing',
      'likert',
      'numeric',
      'other',
    ),
    'cmi.interactions.n.learner_response': responseRule('scorm2004'),
    'cmi.interactions.n.result': either(
      oneOf('correct', 'incorrect', 'unanticipated', 'neutral'),
      matches(DECIMAL, 'a decimal'),
    ),
    'cmi.interactions.n.latency': matches(TIMEINTERVAL_2004, 'an ISO 8601 duration like PT12.5S'),
  },
};

const INTERACTION = /^cmi\.interactions\.(\d+)\.(.+)$/;

export class CmiChecker {
  private readonly types = new Map<string, string>();

  constructor(readonly format: ScormVersion) {}

  /** The problem with writing `value` to `element`, or undefined when the write is valid. */
  check(element: string, value: string): string | undefined {
    const interaction = INTERACTION.exec(element);
    const index = interaction?.[1];
    const key = interaction ? `cmi.interactions.n.${interaction[2]}` : element;
    const rule = RULES[this.format][key];
    if (!rule) return `${element} is not an element a SCO may write in ${this.format}`;
    const problem = rule(value, this, index);
    if (problem)
      return `${element} = ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} ${problem}`;
    if (index !== undefined && interaction?.[2] === 'type') this.types.set(index, value);
    return undefined;
  }

  /** The type written for interaction `index`, if any. */
  interactionType(index: string): string | undefined {
    return this.types.get(index);
  }
}
