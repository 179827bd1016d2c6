/** Entry point: start the renderer, then the shell on the title screen. */
import Phaser from 'phaser';
import { bundledContent } from './content/catalog';
import { createGame } from './game/createGame';
import { LMS_CONFIG_ID } from './lms/config';
import { openProgressStore } from './progress';
import { Announcer } from './ui/announcer';
import { App } from './ui/app';
import { loadSettings } from './ui/settings';
import { installTestHooks } from './ui/testHooks';

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html is missing #${id}`);
  return el;
}

/** `?seed=N` fixes the patient for every attempt; anything else in it is reported, never fatal. */
function seedFromUrl(): { seed: number | undefined; problem: string | undefined } {
  const raw = new URLSearchParams(window.location.search).get('seed');
  if (raw === null) return { seed: undefined, problem: undefined };
  const seed = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (seed >= 1) return { seed, problem: undefined };
  return {
    seed: undefined,
    problem:
      'The seed in this link is not a whole number from 1 to 9999999, so each attempt draws its own patient.',
  };
}

const DAMAGED_LINK =
  'This replay link is damaged (part of it may have been lost when it was copied). Ask for the code itself and paste it on the scenario list.';

async function main(): Promise<void> {
  // An LMS package's index.html carries a launch config; only then is the LMS adapter loaded.
  const lmsConfig = document.getElementById(LMS_CONFIG_ID)?.textContent;
  const lms = lmsConfig
    ? await (await import('./lms/launch')).connectLms(window, lmsConfig, bundledContent)
    : undefined;
  const [game, store] = await Promise.all([createGame(element('game')), lms?.store ?? openProgressStore()]);
  const url = seedFromUrl();
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
    const hash = window.location.hash;
    if (!hash.startsWith('#replay=')) return false;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    let code: string;
    try {
      code = decodeURIComponent(hash.slice('#replay='.length));
    } catch {
      await app.showTitle(DAMAGED_LINK);
      return true;
    }
    const reason = await app.playing.openReplayCode(code);
    if (reason) await app.showTitle(reason);
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
