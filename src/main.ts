/** Entry point: start the renderer, then the shell on the title screen. */
import Phaser from 'phaser';
import { bundledContent } from './content/catalog';
import { createGame } from './game/createGame';
import { openProgressStore } from './progress';
import { Announcer } from './ui/announcer';
import { App } from './ui/app';
import { loadSettings } from './ui/settings';
import { installTestHooks } from './ui/testHooks';
import { applyLayout, watchLayout } from './ui/viewport';

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html is missing #${id}`);
  return el;
}

function seedFromUrl(): number | undefined {
  const raw = new URLSearchParams(window.location.search).get('seed');
  const seed = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(seed) && seed > 0 ? seed : undefined;
}

/** A `#replay=` code in the URL; a malformed escape is passed through raw for the decoder to reject. */
function replayCodeInUrl(): string | undefined {
  const code = /^#replay=(.+)$/.exec(window.location.hash)?.[1];
  if (!code) return undefined;
  try {
    return decodeURIComponent(code);
  } catch {
    return code;
  }
}

async function main(): Promise<void> {
  applyLayout();
  const [game, store] = await Promise.all([createGame(element('game')), openProgressStore()]);
  watchLayout(game);
  const app = new App({
    game,
    overlay: element('overlay'),
    noticeBar: element('notice-bar'),
    announcer: new Announcer(element('announcer')),
    store,
    content: bundledContent,
    settings: loadSettings(),
    fixedSeed: seedFromUrl(),
  });
  if (__TEST_HOOKS__) installTestHooks(app, Phaser);
  // A replay link pasted into an open tab changes only the hash: open it without a reload, then clear the
  // hash so the same link pasted again is a change too.
  const openFromHash = async (): Promise<boolean> => {
    const code = replayCodeInUrl();
    if (!code) return false;
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    await app.playing.openReplayCode(code);
    return true;
  };
  window.addEventListener('hashchange', () => void openFromHash());
  if (!(await openFromHash())) await app.showTitle();
  performance.mark('good-terms:title-interactive');
}

main().catch((error: unknown) => {
  const overlay = document.getElementById('overlay');
  if (overlay) {
    overlay.textContent = `Good Terms could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  throw error;
});
