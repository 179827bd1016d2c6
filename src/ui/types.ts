/** Types the shell, the controllers and the screens share (kept here so screens never import the shell). */
import type { Mode } from '../engine/runtime';
import type { ScoreReport } from '../engine/runtime/scoring';
import type { AttemptRecord } from '../engine/runtime/types';

export type ScreenName =
  | 'title'
  | 'select'
  | 'conversation'
  | 'debrief'
  | 'settings'
  | 'accessibility'
  | 'progress'
  | 'curriculum'
  | 'certificate';

/** How the trainee plays: chosen on the select screen, shown during play. */
export interface PlaySettings {
  mode: Mode;
  /** Practice only: the patient's feelings as a thought bubble, on request. */
  hints: boolean;
  /** Practice only: a coach note after each choice. */
  coachFeedback: boolean;
}

/** A finished attempt, kept for the side-by-side comparison with the next attempt at the same scenario. */
export interface FinishedAttempt {
  attempt: AttemptRecord;
  mode: Mode;
  report: ScoreReport;
  endingTitle: string;
}
