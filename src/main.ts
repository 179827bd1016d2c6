/** Entry point: start the renderer, then the shell on the title screen. */
import Phaser from 'phaser';
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

function seedFromUrl(): number | undefined {
  const raw = new URLSearchParams(window.location.search).get('seed');
  const seed = raw === null ? Number.NaN : Number(raw);
  return Number.isSafeInteger(seed) && seed > 0 ? seed : undefined;
}

async function main(): Promise<void> {
  // An LMS package's index.html carries a launch config; only then is the LMS adapter loaded.
  const lmsConfig = document.getElementById(LMS_CONFIG_ID)?.textContent;
  const lms = lmsConfig ? await (await import('./lms/launch')).connectLms(window, lmsConfig) : undefined;
  const [game, store] = await Promise.all([createGame(element('game')), lms?.store ?? openProgressStore()]);
  const app = new App(
    game,
    element('overlay'),
    new Announcer(element('announcer')),
    store,
    loadSettings(),
    seedFromUrl(),
  );
  if (__TEST_HOOKS__) installTestHooks(app, Phaser);
  if (lms) {
    await lms.start(app);
    return;
  }
  const replayCodeInUrl = (): string | undefined => {
    const code = /^#replay=(.+)$/.exec(window.location.hash)?.[1];
    return code ? decodeURIComponent(code) : undefined;
  };
  // A replay link pasted into an open tab changes only the hash: open it without a reload.
  window.addEventListener('hashchange', () => {
    const code = replayCodeInUrl();
    if (code) void app.openReplayCode(code);
  });
  const code = replayCodeInUrl();
  if (code) await app.openReplayCode(code);
  else await app.showTitle();
  performance.mark('good-terms:title-interactive');
}

main().catch((error: unknown) => {
  const overlay = document.getElementById('overlay');
  if (overlay) {
    overlay.textContent = `Good Terms could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  throw error;
});
