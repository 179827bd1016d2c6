/**
 * Offline use: the service worker (made by vite-plugin-pwa at build time, see vite.config.ts) keeps the
 * app, Phaser, every scenario and the media, so the game works without a network after the first visit.
 * A new version installs in the background and waits: it takes over the next time Good Terms is opened,
 * never under a conversation in progress, and the trainee is told it is ready.
 *
 * The test build registers the worker only when the page is opened with `?sw` (the offline test does),
 * so the other browser tests never wait on or get served by one.
 */
export function offlineWanted(): boolean {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return false;
  return !__TEST_HOOKS__ || new URLSearchParams(location.search).has('sw');
}

export async function registerOffline(onUpdateReady: () => void): Promise<void> {
  const { Workbox } = await import('workbox-window');
  const worker = new Workbox('./sw.js', { scope: './' });
  worker.addEventListener('waiting', () => onUpdateReady());
  await worker.register();
}
