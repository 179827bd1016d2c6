/** Entry point: start the renderer, then the shell on the title screen. */
import Phaser from 'phaser';
import { bundledContent } from './content/catalog';
import type { ContentSource } from './content/source';
import { createGame } from './game/createGame';
import { LMS_CONFIG_ID } from './lms/config';
import { openProgressStore, prepareRecordChecks } from './progress';
import { Announcer } from './ui/announcer';
import { App } from './ui/app';
import { replayCodeFromHash, seedFromSearch } from './ui/links';
import { offlineWanted, registerOffline } from './ui/offline';
import { loadSettings } from './ui/settings';
import { installTestHooks } from './ui/testHooks';
import { applyLayout, watchLayout } from './ui/viewport';

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html is missing #${id}`);
  return el;
}

/** The shipped content; a test build can list a generated library of `?library=N` entries instead. */
async function contentSource(): Promise<ContentSource> {
  const size = Number(new URLSearchParams(window.location.search).get('library'));
  if (!__TEST_HOOKS__ || !Number.isInteger(size) || size <= 0) return bundledContent;
  const { withGeneratedLibrary } = await import('./content/generatedLibrary');
  return withGeneratedLibrary(bundledContent, size);
}

async function main(): Promise<void> {
  applyLayout();
  // The renderer's boot, the fonts and the progress store wait on different things (the GPU process,
  // the network, IndexedDB): start all three at once, so the title waits for the slowest, not the sum.
  const gameReady = createGame(element('game'));
  // Canvas text is drawn once: the UI font must be there before the first scene writes with it (the
  // boot scene writes nothing; every other scene starts after this function has the fonts).
  const fontsReady = Promise.all(
    ['400', '700'].map((weight) => document.fonts.load(`${weight} 16px "Atkinson Hyperlegible"`)),
  );
  // An LMS package's index.html carries a launch config; only then is the LMS adapter loaded.
  const lmsConfig = document.getElementById(LMS_CONFIG_ID)?.textContent;
  const lms = lmsConfig
    ? await (await import('./lms/launch')).connectLms(window, lmsConfig, bundledContent)
    : undefined;
  const storeReady = lms ? Promise.resolve(lms.store) : openProgressStore();
  // The title lists unfinished conversations: read them while the renderer boots (not for an LMS launch,
  // which resumes its own attempt and shows no title).
  const unfinishedReady = lms ? undefined : storeReady.then((s) => s.unfinished());
  const [game, store] = await Promise.all([gameReady, storeReady, fontsReady]);
  const url = seedFromSearch(window.location.search);
  watchLayout(game);
  const app = new App({
    game,
    overlay: element('overlay'),
    noticeBar: element('notice-bar'),
    announcer: new Announcer(element('announcer')),
    store,
    content: await contentSource(),
    settings: loadSettings(),
    fixedSeed: url.seed,
  });
  if (__TEST_HOOKS__) installTestHooks(app, Phaser);
  if (lms) {
    await lms.start(app);
    return;
  }
  /**
   * Opens a `#replay=` link. The hash is cleared first, so the same link pasted again is a change too;
   * a damaged link or code is explained on the title screen and the app carries on.
   */
  const openFromHash = async (): Promise<boolean> => {
    const link = replayCodeFromHash(window.location.hash);
    if (!link) return false;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    const problem = 'problem' in link ? link.problem : await app.playing.openReplayCode(link.code);
    if (problem) await app.showTitle(problem);
    return true;
  };
  window.addEventListener('hashchange', () => void openFromHash());
  if (!(await openFromHash())) await app.showTitle(url.problem, await unfinishedReady);
  performance.mark('good-terms:title-interactive');
  prepareRecordChecks();
  if (offlineWanted()) {
    // Without the worker the game still works online; it only cannot promise offline use.
    registerOffline(() =>
      app.notices.announce(
        'A new version of Good Terms is ready. It will be used the next time you open Good Terms; nothing changes under a conversation in progress.',
      ),
    ).catch((error: unknown) => console.warn('Good Terms: offline use is not available:', error));
  }
}

main().catch((error: unknown) => {
  const overlay = document.getElementById('overlay');
  if (overlay) {
    overlay.textContent = `Good Terms could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  throw error;
});
