/**
 * Storage trouble, and news of a new version, shown wherever the trainee is. The store can fall back to memory at any moment (disk
 * full, the database closed by another tab); from then on progress lasts only as long as this tab, so the
 * bar says so on every screen, conversation and debrief included, and offers to save a copy now.
 * The bar's live region exists empty from the start and gets its text later, so screen readers announce it.
 */
import type { ProgressStore } from '../progress';
import { h } from './dom';

export class NoticeBar {
  private readonly text = h('p', { class: 'notice-bar__text' });
  private readonly news = h('p', { class: 'notice-bar__text', hidden: true });
  private readonly dismiss = h(
    'button',
    { class: 'btn btn--ghost btn--small', type: 'button', hidden: true },
    'Dismiss',
  );
  private readonly save = h(
    'button',
    { class: 'btn btn--small', type: 'button', 'data-testid': 'save-copy-now' },
    'Save a copy now',
  );

  constructor(
    private readonly root: HTMLElement,
    private readonly store: ProgressStore,
    private readonly actions: { exportNow: () => Promise<void> },
  ) {
    this.save.addEventListener('click', () => void this.actions.exportNow());
    this.dismiss.addEventListener('click', () => {
      this.news.hidden = true;
      this.dismiss.hidden = true;
      this.root.hidden = !this.store.notice;
    });
    root.replaceChildren(
      h('div', { class: 'notice-bar__inner' }, this.text, this.save),
      h('div', { class: 'notice-bar__inner' }, this.news, this.dismiss),
    );
    root.hidden = true;
    store.onNotice((notice) => this.show(notice));
    // A notice from opening (no storage at all) arrives after the empty region is in the page.
    if (store.notice) queueMicrotask(() => this.show(store.notice ?? ''));
  }

  /** Something the trainee may want to know (not a problem): shown until dismissed. */
  announce(message: string): void {
    this.root.hidden = false;
    this.news.hidden = false;
    this.dismiss.hidden = false;
    this.news.textContent = message;
    if (!this.store.notice) this.save.hidden = true;
  }

  private show(notice: string): void {
    this.root.hidden = false;
    this.text.textContent = notice;
    // Only what lives in memory needs saving by hand.
    this.save.hidden = this.store.persistent;
  }
}
