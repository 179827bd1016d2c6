/**
 * The app's LMS launch mode: the one place where the game and the LMS meet. `src/main.ts` loads this module
 * only when index.html carries a launch config (src/lms/config.ts), so the web build never downloads it.
 *
 * connectLms() finds the LMS API, starts the LMS session and reads what it kept, and returns the progress
 * store the app should use (src/lms/lmsStore.ts). start() then opens the package's scenario or the
 * onboarding path, or continues the conversation the learner left, and ends the LMS session when the page
 * goes away. Without an LMS API (or when the LMS refuses the connection) the package plays on its own with
 * this browser's progress and says so.
 */
import type { ContentSource } from '../content/source';
import { decodeReplayCode } from '../engine/runtime/replayCode';
import { SAVE_FORMAT } from '../engine/runtime/session';
import type { Mode, ScenarioBundle } from '../engine/runtime/types';
import {
  FORMAT_VERSION,
  type InProgress,
  MAX_NAME_LENGTH,
  newAttemptId,
  openProgressStore,
  type ProgressStore,
} from '../progress';
import { findApi } from './api';
import { type LaunchConfig, parseLaunchConfig } from './config';
import { LmsSession } from './lmsSession';
import { LmsProgressStore } from './lmsStore';
import { LmsNotices } from './notices';
import type { Standard } from './outcome';
import { decodeRecord, emptyRecord, type LmsRecord, type RecordedConversation } from './record';

/** What the launch needs of the app (src/ui/app.ts and its play and records controllers). */
export interface LmsApp {
  readonly playing: { start(id: string, from?: { mode?: Mode }): Promise<void> };
  readonly records: { showCurriculum(): Promise<void> };
  resume(entry: InProgress): Promise<void>;
}

export interface LmsLaunch {
  readonly store: ProgressStore;
  /** True when results are reported to an LMS (false when the package plays on its own). */
  readonly connected: boolean;
  start(app: LmsApp): Promise<void>;
}

/** Each scenario loaded once (the store replays results and reports decisions from the same bundles). */
function bundleCache(content: ContentSource): (id: string) => Promise<ScenarioBundle> {
  const bundles = new Map<string, Promise<ScenarioBundle>>();
  return (id) => {
    let bundle = bundles.get(id);
    if (!bundle) {
      bundle = content.loadScenario(id);
      bundles.set(id, bundle);
    }
    return bundle;
  };
}

const sameTarget = (a: LaunchConfig['target'], b: LaunchConfig['target']): boolean =>
  a.kind === b.kind && (a.kind === 'curriculum' || (b.kind === 'scenario' && a.id === b.id));

function readRecord(config: LaunchConfig, text: string, notices: LmsNotices): LmsRecord {
  if (text === '') return emptyRecord(config.target);
  try {
    const record = decodeRecord(text);
    if (sameTarget(record.target, config.target)) return record;
    notices.problem(`suspend_data belongs to another package (${text.slice(0, 40)}…); starting over`, false);
  } catch (error) {
    notices.problem(error instanceof Error ? error.message : String(error), false);
  }
  notices.show('unreadable');
  return emptyRecord(config.target);
}

/** The conversation the learner left, as the app's own in-progress entry (replayed, as it has no snapshot). */
async function inProgressOf(
  conversation: RecordedConversation,
  bundleOf: (id: string) => Promise<ScenarioBundle>,
): Promise<InProgress> {
  const bundle = await bundleOf(conversation.scenarioId);
  const attempt = decodeReplayCode(conversation.code, bundle);
  const started = new Date(conversation.startedAt * 1000);
  const startedAt = started.toISOString();
  return {
    formatVersion: FORMAT_VERSION,
    attemptId: newAttemptId(conversation.scenarioId, started),
    save: { format: SAVE_FORMAT, ...attempt },
    mode: conversation.mode,
    scenarioTitle: bundle.scenario.title,
    startedAt,
    turnTimes: [],
    savedAt: new Date().toISOString(),
  };
}

async function openTarget(app: LmsApp, config: LaunchConfig, resume: InProgress | undefined): Promise<void> {
  if (resume) return app.resume(resume);
  if (config.target.kind === 'curriculum') return app.records.showCurriculum();
  return app.playing.start(config.target.id, { mode: config.mode });
}

/** Plays without an LMS: this browser's progress, a notice, and the same start as in an LMS. */
async function standalone(
  config: LaunchConfig,
  content: ContentSource,
  notices: LmsNotices,
  why: 'standalone' | 'initFailed',
): Promise<LmsLaunch> {
  notices.show(why);
  const store = await openProgressStore();
  return {
    store,
    connected: false,
    async start(app) {
      const playable = new Set(content.scenarios().flatMap((e) => (e.summary ? [e.summary.id] : [])));
      const mine = (await store.unfinished()).find(
        (entry) =>
          playable.has(entry.save.scenarioId) &&
          (config.target.kind === 'curriculum' || entry.save.scenarioId === config.target.id),
      );
      await openTarget(app, config, mine);
    },
  };
}

export async function connectLms(
  win: Window,
  configText: string,
  content: ContentSource,
): Promise<LmsLaunch> {
  const config = parseLaunchConfig(configText);
  const notices = new LmsNotices(win.document);
  const api = findApi(win, config.format);
  if (!api) return standalone(config, content, notices, 'standalone');
  const lms = new LmsSession(api, config.format, (message, quiet) => notices.problem(message, quiet));
  const launch = lms.start();
  if (!launch) return standalone(config, content, notices, 'initFailed');
  const curriculum = content.curriculum();
  if (config.target.kind === 'curriculum' && !curriculum.ok) {
    notices.problem(
      `the onboarding path in this build cannot be read: ${curriculum.errors.join('; ')}`,
      false,
    );
  }
  const standard: Standard = {
    target: config.target,
    mode: config.mode,
    mastery: launch.mastery ?? config.mastery,
    curriculum: curriculum.ok ? curriculum.curriculum : undefined,
  };
  const record = readRecord(config, launch.suspendData, notices);
  const inner = await openProgressStore({ indexedDB: undefined, mirror: undefined });
  if (launch.learner.name)
    await inner.setProfile({ displayName: launch.learner.name.slice(0, MAX_NAME_LENGTH) });
  const bundleOf = bundleCache(content);
  const store = new LmsProgressStore(inner, lms, standard, record, bundleOf, notices);
  store.reconcile();

  win.addEventListener('pagehide', () => store.finish());
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'hidden') store.checkpoint();
  });
  win.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted && !lms.running) notices.show('stopped');
  });

  return {
    store,
    connected: true,
    async start(app) {
      let resume: InProgress | undefined;
      if (record.conversation) {
        try {
          resume = await inProgressOf(record.conversation, bundleOf);
        } catch (error) {
          notices.problem(`the conversation in progress cannot be continued: ${String(error)}`, true);
          notices.show('changed');
          record.conversation = undefined;
        }
      }
      await openTarget(app, config, resume);
    },
  };
}
