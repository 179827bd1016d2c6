/**
 * The polite live region that narrates the conversation for screen readers. Each message is a new child,
 * so consecutive identical messages are still announced; old ones are trimmed to keep the region small.
 */
const KEEP = 6;

export class Announcer {
  constructor(private readonly region: HTMLElement) {}

  say(message: string): void {
    const item = document.createElement('p');
    item.textContent = message;
    this.region.appendChild(item);
    while (this.region.childElementCount > KEEP) this.region.firstElementChild?.remove();
  }

  clear(): void {
    this.region.replaceChildren();
  }
}
