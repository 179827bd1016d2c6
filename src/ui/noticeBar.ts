/**
 * Storage trouble, shown wherever the trainee is. The store can fall back to memory at any moment (disk
 * full, the database closed by another tab); from then on progress lasts only as long as this tab, so the
 * bar says so on every screen, conversation and debrief included, and offers to save a copy now.
 * The bar's live region exists empty from the start and gets its text later, so screen readers announce it.
 */
import type { ProgressStore } from '../progress';
import { h } from './dom';

export class NoticeBar {
  private readonly text = h('p', { class: 'notice-bar__text' });
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
    root.replaceChildren(h('div', { class: 'notice-bar__inner' }, this.text, this.save));
    root.hidden = true;
    store.onNotice((notice) => this.show(notice));
    // A notice from opening (no storage at all) arrives after the empty region is in the page.
    if (store.notice) queueMicrotask(() => this.show(store.notice ?? ''));
  }

  private show(notice: string): void {
    this.root.hidden = false;
    this.text.textContent = notice;
    // Only what lives in memory needs saving by hand.
    this.save.hidden = this.store.persistent;
  }
}
