/**
 * The progress store of a package inside an LMS. The app records progress through the ProgressStore
 * interface at exactly the moments the LMS needs: the conversation in progress after every choice, the
 * finished attempt when the debrief opens, nothing when the learner leaves. This store keeps what the
 * screens read in memory (the LMS, not this browser, is the system of record) and turns those moments into
 * LMS calls:
 *
 * - a choice that extends the saved conversation by one is a decision: an interaction, the suspend data,
 *   a commit (the last choice of a conversation arrives with its attempt, when the debrief opens);
 * - a finished attempt at one of the package's scenarios updates the record's best result and reports
 *   status and score (src/lms/outcome.ts);
 * - leaving a conversation forgets it in the suspend data.
 * Conversations at scenarios outside the package are played but not reported. LMS problems are reported
 * by the LMS session and never reach the app.
 */

import { decodeReplayCode, encodeReplayCode } from '../engine/runtime/replayCode';
import { scoreAttempt } from '../engine/runtime/scoring';
import { Session } from '../engine/runtime/session';
import type { ScenarioBundle } from '../engine/runtime/types';
import {
  type AttemptSummary,
  type InProgress,
  newAttemptId,
  type Profile,
  type ProgressStore,
  type SetAsideRecord,
  summariseAttempt,
} from '../progress';
import { decisionOf } from './interaction';
import type { LmsSession } from './lmsSession';
import type { LmsNotices } from './notices';
import { counts, isBetter, type Outcome, outcomeOf, type Standard, scenariosOf } from './outcome';
import { encodeRecord, type LmsRecord, type RecordedResult } from './record';

export type BundleSource = (scenarioId: string) => Promise<ScenarioBundle>;

/** The conversation last saved, to tell a new choice from a rewind or a replay. */
interface Followed {
  /** The attempt id: a rewind continues the attempt, a replay from a turn starts a new one. */
  key: string;
  choices: readonly string[];
  /** When the patient's current line appeared (ms): the start of the next decision's latency. */
  lineAt: number;
}

const seconds = (ms: number): number => Math.round(ms / 1000);
const isPrefix = (prefix: readonly string[], of: readonly string[]): boolean =>
  prefix.length <= of.length && prefix.every((id, i) => of[i] === id);

export class LmsProgressStore implements ProgressStore {
  private followed: Followed | undefined;
  /** The attempt whose conversation the record holds (the app keys conversations by attempt). */
  private conversationAttempt: string | undefined;
  /** LMS work runs one step at a time, in the order the app saved. */
  private queue: Promise<void> = Promise.resolve();
  private readonly rebuilt: Promise<void>;

  constructor(
    private readonly inner: ProgressStore,
    private readonly lms: LmsSession,
    private readonly standard: Standard,
    private readonly record: LmsRecord,
    private readonly bundles: BundleSource,
    private readonly notices: LmsNotices,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.rebuilt = this.rebuild();
  }

  get persistent(): boolean {
    return true;
  }

  /**
   * Nothing for the app's notice bar: that bar is about this browser's storage (with a "save a copy" button),
   * and in an LMS the LMS keeps the progress. LMS notices have their own note (src/lms/notices.ts).
   */
  get notice(): string | undefined {
    return undefined;
  }

  onNotice(): () => void {
    return () => undefined;
  }

  get lastSaveSurvivesReload(): boolean {
    return this.inner.lastSaveSurvivesReload;
  }

  profile(): Promise<Profile> {
    return this.inner.profile();
  }

  setProfile(profile: Profile): Promise<void> {
    return this.inner.setProfile(profile);
  }

  // The LMS is told first and without waiting for the in-memory copy (whose checks load lazily): a learner
  // who closes the player right after a choice must not lose it.
  async addAttempt(summary: AttemptSummary): Promise<void> {
    const reported = this.enqueue(() => this.finished(summary));
    await this.inner.addAttempt(summary);
    await reported;
  }

  addAttempts(records: readonly AttemptSummary[]): Promise<void> {
    return this.inner.addAttempts(records);
  }

  async attempts(): Promise<AttemptSummary[]> {
    await this.rebuilt;
    return this.inner.attempts();
  }

  setAside(): Promise<SetAsideRecord[]> {
    return this.inner.setAside();
  }

  async saveInProgress(entry: InProgress): Promise<void> {
    const reported = this.enqueue(() => this.progressed(entry));
    await this.inner.saveInProgress(entry);
    await reported;
  }

  unfinished(): Promise<InProgress[]> {
    return this.inner.unfinished();
  }

  async clearInProgress(attemptId: string): Promise<void> {
    const reported = this.enqueue(() => {
      if (this.followed?.key === attemptId) this.followed = undefined;
      if (!this.record.conversation || this.conversationAttempt !== attemptId) return;
      this.record.conversation = undefined;
      this.lms.suspend(encodeRecord(this.record));
    });
    await this.inner.clearInProgress(attemptId);
    await reported;
  }

  close(): void {
    this.inner.close();
  }

  /** What the LMS is told now. */
  outcome(): Outcome {
    return outcomeOf(this.standard, this.record);
  }

  /** Whether a later launch has something to continue: exit is "suspend" then. */
  resumable(): boolean {
    const outcome = this.outcome();
    return (
      this.record.conversation !== undefined ||
      outcome.completion === 'incomplete' ||
      (this.standard.target.kind === 'curriculum' &&
        this.standard.mode === 'assessment' &&
        outcome.success !== 'passed')
    );
  }

  /**
   * Reports what the record holds again at launch, so a session that ended before its last commit reached
   * the LMS is put right. Nothing to do before anything counted was finished.
   */
  reconcile(): void {
    if (this.record.results.length > 0) this.lms.report(this.outcome(), encodeRecord(this.record));
  }

  /** The page is hidden: save time and exit now, as it may never come back. */
  checkpoint(): void {
    this.lms.checkpoint(this.resumable());
  }

  /** The page is going away: end the LMS session. */
  finish(): void {
    this.lms.finish(this.resumable());
  }

  private enqueue(step: () => Promise<void> | void): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => {
      this.notices.problem(
        `could not record progress: ${error instanceof Error ? error.message : String(error)}`,
        false,
      );
    });
    this.queue = next;
    return next;
  }

  private inPackage(scenarioId: string): boolean {
    return scenariosOf(this.standard).includes(scenarioId);
  }

  private async progressed(entry: InProgress): Promise<void> {
    const { save, mode } = entry;
    if (!this.inPackage(save.scenarioId)) return;
    const bundle = await this.bundles(save.scenarioId);
    const key = entry.attemptId;
    const fresh = this.newChoices(key, save.choices);
    this.conversationAttempt = key;
    this.record.conversation = {
      scenarioId: save.scenarioId,
      mode,
      startedAt: seconds(Date.parse(entry.startedAt)),
      code: encodeReplayCode(bundle, save),
    };
    const data = encodeRecord(this.record);
    const lineAt = counts(this.standard, save.scenarioId, mode)
      ? this.decide(bundle, fresh, entry.turnTimes, data)
      : undefined;
    if (lineAt === undefined) this.lms.suspend(data);
    this.followed = { key, choices: [...save.choices], lineAt: lineAt ?? this.clock() };
  }

  private async finished(summary: AttemptSummary): Promise<void> {
    if (!this.inPackage(summary.scenarioId)) return;
    const bundle = await this.bundles(summary.scenarioId);
    const key = summary.id;
    const fresh = this.newChoices(key, summary.choices);
    if (this.conversationAttempt === key) this.record.conversation = undefined;
    if (counts(this.standard, summary.scenarioId, summary.mode)) {
      this.decide(
        bundle,
        fresh,
        summary.turns.map((t) => t.at),
        encodeRecord(this.record),
      );
      const result: RecordedResult = {
        scenarioId: summary.scenarioId,
        mode: summary.mode,
        total: summary.total,
        hardFail: summary.hardFail,
        passMark: summary.passMark,
        finishedAt: seconds(Date.parse(summary.finishedAt)),
        seconds: seconds(Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)),
        code: encodeReplayCode(bundle, summary),
      };
      const kept = this.record.results.find((r) => r.scenarioId === result.scenarioId);
      if (isBetter(this.standard, result, kept)) {
        this.record.results = [...this.record.results.filter((r) => r !== kept), result];
      }
    }
    this.followed = undefined;
    this.lms.report(this.outcome(), encodeRecord(this.record));
  }

  /** The choices in `choices` made since the conversation `key` was last saved (none for a new one or a rewind). */
  private newChoices(key: string, choices: readonly string[]): string[] {
    const followed = this.followed;
    if (!followed || followed.key !== key || !isPrefix(followed.choices, choices)) return [];
    return choices.slice(followed.choices.length);
  }

  /**
   * Reports each new decision, its latency running from the line before it (`times[i]` is when choice i was
   * made). Returns when the last one was made, or undefined when there was none.
   */
  private decide(
    bundle: ScenarioBundle,
    fresh: readonly string[],
    times: readonly string[],
    data: string,
  ): number | undefined {
    const followed = this.followed;
    if (!followed || fresh.length === 0) return undefined;
    let lineAt = followed.lineAt;
    fresh.forEach((choiceId, i) => {
      const at = Date.parse(times[followed.choices.length + i] ?? '') || this.clock();
      const decision = decisionOf(bundle, choiceId, Math.max(0, at - lineAt));
      lineAt = at;
      if (decision) this.lms.recordDecision(decision, data);
    });
    return lineAt;
  }

  /**
   * The screens (the onboarding path, the certificate, progress) read attempts from this store: the record's
   * results are replayed into full attempts. A result made with content that has changed since still counts
   * for the LMS, but cannot be replayed, and the learner is told.
   */
  private async rebuild(): Promise<void> {
    const summaries: AttemptSummary[] = [];
    let lost = 0;
    for (const result of this.record.results) {
      try {
        const bundle = await this.bundles(result.scenarioId);
        const attempt = decodeReplayCode(result.code, bundle);
        const session = Session.replay(bundle, attempt.seed, attempt.choices);
        try {
          const finishedAt = new Date(result.finishedAt * 1000);
          const startedAt = new Date((result.finishedAt - result.seconds) * 1000);
          const meta = {
            attemptId: newAttemptId(result.scenarioId, finishedAt),
            mode: result.mode,
            startedAt,
            turnTimes: [],
          };
          summaries.push(
            summariseAttempt(session, scoreAttempt(bundle, session.context()), meta, finishedAt),
          );
        } finally {
          session.stop();
        }
      } catch {
        lost += 1;
      }
    }
    if (summaries.length > 0) await this.inner.addAttempts(summaries);
    if (lost > 0) this.notices.show('changed');
  }
}
