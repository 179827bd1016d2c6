/** Entry point: start the renderer, then the shell on the title screen. */
import Phaser from 'phaser';
import { bundledContent } from './content/catalog';
import { createGame } from './game/createGame';
import { LMS_CONFIG_ID } from './lms/config';
import { openProgressStore } from './progress';
import { Announcer } from './ui/announcer';
import { App } from './ui/app';
import { replayCodeFromHash, seedFromSearch } from './ui/links';
import { loadSettings } from './ui/settings';
import { installTestHooks } from './ui/testHooks';

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html is missing #${id}`);
  return el;
}

async function main(): Promise<void> {
  // An LMS package's index.html carries a launch config; only then is the LMS adapter loaded.
  const lmsConfig = document.getElementById(LMS_CONFIG_ID)?.textContent;
  const lms = lmsConfig
    ? await (await import('./lms/launch')).connectLms(window, lmsConfig, bundledContent)
    : undefined;
  const [game, store] = await Promise.all([createGame(element('game')), lms?.store ?? openProgressStore()]);
  const url = seedFromSearch(window.location.search);
  const app = new App({
    game,
    overlay: element('overlay'),
    noticeBar: element('notice-bar'),
    announcer: new Announcer(element('announcer')),
    store,
    content: bundledContent,
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
  if (!(await openFromHash())) await app.showTitle(url.problem);
  performance.mark('good-terms:title-interactive');
}

main().catch((error: unknown) => {
  const overlay = document.getElementById('overlay');
  if (overlay) {
    overlay.textContent = `Good Terms could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  throw error;
});
