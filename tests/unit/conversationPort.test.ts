/**
 * A whole scenario played through the conversation port by a fake view: no DOM, no Phaser. The view
 * only reads what the port hands out and sends intents, the way the conversation screen and scene do,
 * so a classroom room implementing the same port needs nothing else from them.
 */
import { describe, expect, it } from 'vitest';
import { fileContentSource } from '../../src/content/fileSource';
import { type ConversationPort, LocalConversation } from '../../src/conversation/port';
import { explore } from '../../src/engine/authoring/analysis';
import type { PatientCue } from '../../src/engine/runtime/compiler';
import { scoreAttempt } from '../../src/engine/runtime/scoring';
import { Session } from '../../src/engine/runtime/session';
import type { ConversationView } from '../../src/engine/runtime/types';

/** Renders nothing; remembers what a screen would have shown and picks replies by their shown number. */
class FakeView {
  readonly views: ConversationView[] = [];
  readonly cues: PatientCue[] = [];
  private readonly off: (() => void)[];

  constructor(private readonly port: ConversationPort) {
    this.views.push(port.view());
    this.off = [port.subscribe((v) => this.views.push(v)), port.onCue((c) => this.cues.push(c))];
  }

  /** Presses the number key shown beside this reply. */
  press(choiceId: string): void {
    const view = this.views.at(-1);
    if (view?.status !== 'active') throw new Error('no replies on screen');
    const shown = view.choices.find((c) => c.id === choiceId);
    if (!shown) throw new Error(`${choiceId} is not on screen`);
    const byNumber = view.choices[shown.index - 1];
    if (!byNumber) throw new Error(`no reply at number ${shown.index}`);
    this.port.choose(byNumber.id);
  }

  close(): void {
    for (const off of this.off) off();
  }
}

const content = fileContentSource();

describe('the conversation port', () => {
  it('plays a whole scenario to its ending with a fake view and no DOM', async () => {
    const bundle = await content.loadScenario('s8-copay-prior-balance');
    const best = explore(bundle, { seed: 11 }).best;
    const session = Session.start(bundle, 11);
    const view = new FakeView(new LocalConversation(session));
    for (const id of best.choices) view.press(id);

    const last = view.views.at(-1);
    expect(last?.status).toBe('ended');
    expect(last?.status === 'ended' && last.ending.id).toBe(best.endingId);
    // One view per choice after the first, and the turn counts up by one each time.
    expect(view.views.map((v) => v.turn)).toEqual(best.choices.map((_, i) => i).concat(best.choices.length));
    // A reaction cue per choice and one ending cue: the scene animates these, a restore never replays them.
    expect(view.cues.filter((c) => c.type === 'reaction')).toHaveLength(best.choices.length);
    expect(view.cues.filter((c) => c.type === 'ended')).toEqual([{ type: 'ended', endingId: best.endingId }]);
    expect(scoreAttempt(bundle, session.context()).total).toBe(best.total);
    view.close();
    expect(session.listenerCount()).toBe(0);
  });

  it('shows the same screen to two views of the same attempt', async () => {
    const bundle = await content.loadScenario('s8-copay-prior-balance');
    const best = explore(bundle, { seed: 5 }).best;
    const a = new FakeView(new LocalConversation(Session.start(bundle, 5)));
    const b = new FakeView(new LocalConversation(Session.start(bundle, 5)));
    for (const id of best.choices) {
      a.press(id);
      b.press(id);
    }
    expect(a.views).toEqual(b.views);
  });
});
