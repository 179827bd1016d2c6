/** Entry point: start the renderer, then the shell on the title screen. */
import Phaser from 'phaser';
import { bundledContent } from './content/catalog';
import type { ContentSource } from './content/source';
import { createGame } from './game/createGame';
import { openProgressStore } from './progress';
import { Announcer } from './ui/announcer';
import { App } from './ui/app';
import { offlineWanted, registerOffline } from './ui/offline';
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

/** The shipped content; a test build can list a generated library of `?library=N` entries instead. */
async function contentSource(): Promise<ContentSource> {
  const size = Number(new URLSearchParams(window.location.search).get('library'));
  if (!__TEST_HOOKS__ || !Number.isInteger(size) || size <= 0) return bundledContent;
  const { withGeneratedLibrary } = await import('./content/generatedLibrary');
  return withGeneratedLibrary(bundledContent, size);
}

async function main(): Promise<void> {
  applyLayout();
  // Canvas text is drawn once: the UI font must be there before the first scene writes with it.
  await Promise.all(
    ['400', '700'].map((weight) => document.fonts.load(`${weight} 16px "Atkinson Hyperlegible"`)),
  );
  const [game, store] = await Promise.all([createGame(element('game')), openProgressStore()]);
  watchLayout(game);
  const app = new App({
    game,
    overlay: element('overlay'),
    noticeBar: element('notice-bar'),
    announcer: new Announcer(element('announcer')),
    store,
    content: await contentSource(),
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
