/**
 * The conversation panel: the account the rep can see, the patient's line, the choices and the transcript.
 * It renders from session views and sends choices; it never touches meters itself.
 */
import { type ConversationView, expressionFor, type Meters, stressWord, trustWord } from '../../engine';
import type { Session } from '../../engine/session';
import type { Announcer } from '../announcer';
import { h, SETTING_LABELS } from '../dom';
import { type Typing, typeInto } from '../typewriter';

export interface ConversationDeps {
  session: Session;
  announcer: Announcer;
  typingSpeed: number;
  onFinished: () => void;
  onLeave: () => void;
}

export function describeMeterChange(name: string, before: Meters, after: Meters): string {
  const part = (label: 'Stress' | 'Trust', b: number, a: number, word: (v: number) => string): string =>
    a === b
      ? `${label} steady at ${a} (${word(a)})`
      : `${label} ${a > b ? 'rose' : 'fell'} to ${a} (${word(a)})`;
  return `${part('Stress', before.stress, after.stress, stressWord)}. ${part('Trust', before.trust, after.trust, trustWord)}. ${name} looks ${expressionFor(after)}.`;
}

export function renderConversation(root: HTMLElement, deps: ConversationDeps): () => void {
  const { session, announcer } = deps;
  const { scenario, persona } = session.bundle;
  const firstName = persona.name.split(' ')[0] ?? persona.name;

  const turnLabel = h('p', { class: 'muted' });
  const lineText = h('span', { 'data-testid': 'patient-line' });
  const speech = h(
    'p',
    { class: 'speech', title: 'Click to show the whole line' },
    h('span', { class: 'speech__who' }, persona.name),
    lineText,
  );
  const choiceList = h('ol', { class: 'choices', 'aria-label': 'Your reply' });
  const transcriptList = h('ol', {});
  const transcriptSummary = h('summary', {}, 'Conversation so far');
  const panel = h(
    'section',
    { class: 'panel panel--conversation', 'aria-labelledby': 'convo-heading', 'data-screen': 'conversation' },
    h(
      'div',
      { class: 'convo-header' },
      h('div', {}, h('h1', { id: 'convo-heading' }, scenario.title), turnLabel),
      h(
        'button',
        { class: 'btn btn--ghost', type: 'button', onclick: () => deps.onLeave() },
        'Leave conversation',
      ),
    ),
    h(
      'div',
      { class: 'convo-scroll' },
      h(
        'section',
        { 'aria-labelledby': 'account-heading' },
        h('h2', { id: 'account-heading', class: 'visually-hidden' }, 'Account on your screen'),
        h(
          'dl',
          { class: 'account' },
          ...scenario.account.facts.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)]),
        ),
      ),
      h(
        'section',
        { class: 'transcript', 'aria-label': 'Conversation so far' },
        h('details', {}, transcriptSummary, transcriptList),
      ),
    ),
    h('h2', { class: 'visually-hidden' }, `${persona.name} says`),
    speech,
    h('h2', { class: 'visually-hidden', id: 'reply-heading' }, 'Your reply'),
    choiceList,
  );
  root.append(panel);

  let typing: Typing | undefined;
  speech.addEventListener('click', () => typing?.finish());

  const choose = (id: string): void => {
    typing?.finish();
    session.choose(id);
  };

  let previous: ConversationView | undefined;
  const render = (view: ConversationView): void => {
    const last = session.log().at(-1);
    if (previous && last && view.turn > previous.turn) {
      const said = previous.choices.find((c) => c.id === last.choiceId)?.text ?? last.choiceId;
      transcriptList.append(
        h('li', {}, h('strong', {}, `${firstName}: `), previous.line.text),
        h('li', {}, h('strong', {}, 'You: '), said),
      );
      transcriptSummary.textContent = `Conversation so far (${view.turn} ${view.turn === 1 ? 'turn' : 'turns'})`;
      announcer.say(describeMeterChange(firstName, previous.meters, view.meters));
    }
    previous = view;
    const setting = SETTING_LABELS[scenario.setting] ?? scenario.setting;
    turnLabel.textContent =
      view.status === 'ended' ? `${setting} · conversation ended` : `${setting} · turn ${view.turn + 1}`;
    typing?.cancel();
    typing = typeInto(lineText, view.line.text, deps.typingSpeed);
    announcer.say(`${firstName}: ${view.line.text}`);
    if (view.status === 'ended') {
      const next = h(
        'button',
        { class: 'btn', type: 'button', onclick: () => deps.onFinished() },
        'See your debrief',
      );
      choiceList.replaceChildren(
        h('li', {}, h('p', {}, h('strong', {}, view.ending?.title ?? 'The end')), next),
      );
      next.focus();
      return;
    }
    choiceList.replaceChildren(
      ...view.choices.map((c) =>
        h(
          'li',
          {},
          h(
            'button',
            { class: 'choice', type: 'button', 'data-choice-id': c.id, onclick: () => choose(c.id) },
            h('span', { class: 'choice__key', 'aria-hidden': 'true' }, c.index),
            h('span', {}, c.text),
          ),
        ),
      ),
    );
    choiceList.querySelector('button')?.focus();
  };

  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') typing?.finish();
    if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
    const view = session.view();
    const choice = view.choices.find((c) => c.index === Number(event.key));
    if (!choice) return;
    event.preventDefault();
    choose(choice.id);
  };
  document.addEventListener('keydown', onKey);
  const unsubscribe = session.subscribe(render);
  render(session.view());

  return () => {
    typing?.cancel();
    unsubscribe();
    document.removeEventListener('keydown', onKey);
  };
}
