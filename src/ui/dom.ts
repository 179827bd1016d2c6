// The module itself, not the runtime's index: the classroom's phone page uses this file without the engine.
import { languageParts, type Phrase } from '../engine/runtime/languages';

/** A tiny element builder: the overlay is small enough that a framework would cost more than it saves. */
type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A meter or score change as the screen shows it: +6, −12 (a real minus sign), ±0. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `\u2212${Math.abs(n)}` : '\u00b10');

export const SETTING_LABELS: Record<string, string> = {
  'front-desk': 'Front desk',
  'phone-inbound': 'Phone call (inbound)',
  'phone-outbound': 'Phone call (outbound)',
  'ed-discharge': 'Emergency department discharge',
  'counselor-office': 'Financial counselor\u2019s office',
};

export const DOMAIN_LABELS: Record<string, string> = {
  'pre-service': 'Pre-service',
  'time-of-service': 'Time of service',
  'account-resolution': 'Account resolution',
  'special-situations': 'Special situations',
};

export const DIFFICULTY_LABELS = ['', 'Foundational', 'Intermediate', 'Advanced'];

/** How long a new status region stays empty before its text goes in (see statusAfterInsertion). */
export const STATUS_FILL_DELAY_MS = 150;

/**
 * A status message (WCAG 4.1.3) that screen readers do announce. Many announce only changes to a live
 * region they already know, not the text a region held when it appeared, so the region goes into the page
 * empty and its text follows once it has been there a moment (long enough for the accessibility tree).
 */
export function statusAfterInsertion(className: string, text: string): HTMLElement {
  const region = h('p', { class: className, role: 'status' });
  setTimeout(() => {
    if (region.isConnected) region.textContent = text;
  }, STATUS_FILL_DELAY_MS);
  return region;
}

/**
 * Said words as nodes: the phrases a scenario marks as another language become `<span lang>` (WCAG 3.1.2),
 * so a screen reader switches voice for them; the rest is plain text in the page's English.
 */
export function said(text: string, phrases: readonly Phrase[] | undefined): (Node | string)[] {
  return languageParts(text, phrases).map((part) =>
    part.lang ? h('span', { lang: part.lang }, part.text) : part.text,
  );
}
