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
