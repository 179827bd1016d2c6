/**
 * The polite live region that narrates the conversation for screen readers. Each message is a new child,
 * so consecutive identical messages are still announced; old ones are trimmed to keep the region small.
 */
const KEEP = 6;

export class Announcer {
  constructor(private readonly region: HTMLElement) {}

  /** A message, as text or as nodes (words in another language keep their `lang`). */
  say(message: string | readonly (Node | string)[]): void {
    const item = document.createElement('p');
    if (typeof message === 'string') item.textContent = message;
    else item.append(...message);
    this.region.appendChild(item);
    while (this.region.childElementCount > KEEP) this.region.firstElementChild?.remove();
  }

  clear(): void {
    this.region.replaceChildren();
  }
}
