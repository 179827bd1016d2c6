/**
 * The conversation panel: the account the rep can see, the patient's line, the choices and the transcript.
 * It renders from the conversation port's views and sends intents; it never touches meters itself, and
 * it works the same over a local session or a classroom room. In practice mode it
 * adds the coach: a hint (the patient's feelings, as a thought bubble) on request, a note after each
 * choice, and taking back the last choice.
 */

import soundOffIcon from '../../../assets/icons/sound-off.svg';
import soundOnIcon from '../../../assets/icons/sound-on.svg';
import type { ConversationPort } from '../../conversation/port';
import {
  type ConversationView,
  choiceOf,
  coachingOf,
  expressionFor,
  firstNameOf,
  lineTextOf,
  type Meters,
  type Mode,
  stressWord,
  trustWord,
} from '../../engine/runtime';
import { messageContext, modelNoteText } from '../../i18n/catalogue';
import { messages } from '../../i18n/en';
import { afterNextPaint } from '../afterPaint';
import type { Announcer } from '../announcer';
import { append, h, SETTING_LABELS, said, signed } from '../dom';
import { type Typing, typeInto } from '../typewriter';

export interface ConversationDeps {
  conversation: ConversationPort;
  announcer: Announcer;
  typingSpeed: number;
  mode: Mode;
  /** Something the trainee should know on arrival (e.g. the scenario changed since this was saved). */
  notice?: string | undefined;
  hints: boolean;
  coachFeedback: boolean;
  showMeters: boolean;
  /** Also show the meters as text in the panel (a setting, and always when the text is enlarged). */
  metersAsText: boolean;
  /** Keys 1-9 pick a reply while focus is in the reply list (a setting: they can be turned off). */
  numberKeys: boolean;
  /** Whether the account starts unfolded (folded on phones, where it would push the replies away). */
  accountOpen: boolean;
  /** Practice only: go back one decision. */
  onRewind: (() => void) | undefined;
  onFinished: () => void;
  /** Abandons the attempt; asked only after the trainee confirms. */
  onLeave: () => void;
  /** Whether sound is on; the sound button turns it on or off (the same setting as in Settings). */
  sound: boolean;
  onSoundChange: (on: boolean) => void;
}

function describeMeterChange(name: string, before: Meters, after: Meters): string {
  const part = (label: 'Stress' | 'Trust', b: number, a: number, word: (v: number) => string): string =>
    a === b
      ? `${label} steady at ${a} (${word(a)})`
      : `${label} ${a > b ? 'rose' : 'fell'} to ${a} (${word(a)})`;
  return `${part('Stress', before.stress, after.stress, stressWord)}. ${part('Trust', before.trust, after.trust, trustWord)}. ${name} looks ${expressionFor(after)}.`;
}

export function renderConversation(root: HTMLElement, deps: ConversationDeps): () => void {
  const { conversation, announcer } = deps;
  const { scenario, persona } = conversation.bundle;
  const firstName = firstNameOf(persona);
  const words = messageContext(conversation.bundle);
  const { phrases } = scenario;

  const turnLabel = h('p', { class: 'muted' });
  const lineText = h('span', { 'data-testid': 'patient-line' });
  const looks = h('span', { class: 'visually-hidden' });
  const speech = h(
    'p',
    { class: 'speech', title: 'Click to show the whole line' },
    h('span', { class: 'speech__who' }, persona.name),
    lineText,
    looks,
  );
  const meterText = h('p', {
    class: 'meter-readout',
    'data-testid': 'meter-readout',
    hidden: !(deps.metersAsText && deps.showMeters),
  });
  const choiceList = h('ol', { class: 'choices', 'aria-label': 'Your reply' });
  const transcriptList = h('ol', {});
  const transcriptSummary = h('summary', {}, 'Conversation so far');
  const coach = h('section', { class: 'coach', 'aria-label': 'Coach', hidden: true });
  const thought = h('aside', {
    class: 'thought',
    'aria-label': `What ${firstName} is feeling`,
    hidden: true,
  });
  const hintButton = h(
    'button',
    { class: 'btn btn--ghost btn--small', type: 'button', 'aria-expanded': 'false' },
    `What is ${firstName} feeling?`,
  );
  const rewindButton = h(
    'button',
    { class: 'btn btn--ghost btn--small', type: 'button' },
    'Take back my last choice',
  );
  const tools = h(
    'div',
    { class: 'convo-tools' },
    deps.hints ? hintButton : null,
    deps.onRewind ? rewindButton : null,
  );
  const modeBadge = h(
    'span',
    { class: `mode-badge mode-badge--${deps.mode}`, 'data-testid': 'mode-badge' },
    deps.mode === 'practice' ? 'Practice' : 'Assessment',
  );

  const soundIcon = h('span', { class: 'icon', 'aria-hidden': 'true' });
  const soundButton = h(
    'button',
    { class: 'btn btn--ghost btn--icon', type: 'button', 'aria-pressed': String(deps.sound) },
    soundIcon,
    'Sound',
  );
  const showSound = (on: boolean): void => {
    soundButton.setAttribute('aria-pressed', String(on));
    soundButton.title = on ? 'Sound is on: press to mute' : 'Sound is off: press to turn it on';
    soundIcon.style.setProperty('--icon', `url("${on ? soundOnIcon : soundOffIcon}")`);
  };
  showSound(deps.sound);
  soundButton.addEventListener('click', () => {
    const on = soundButton.getAttribute('aria-pressed') !== 'true';
    showSound(on);
    deps.onSoundChange(on);
  });

  const leaveButton = h('button', { class: 'btn btn--ghost', type: 'button' }, 'Leave conversation');
  const leaveDialog = confirmLeave(deps.mode, () => deps.onLeave(), leaveButton);
  leaveButton.addEventListener('click', () => leaveDialog.showModal());

  const panel = h(
    'section',
    { class: 'panel panel--conversation', 'aria-labelledby': 'convo-heading', 'data-screen': 'conversation' },
    h(
      'div',
      { class: 'convo-header' },
      h(
        'div',
        {},
        h('h1', { id: 'convo-heading' }, scenario.title),
        h('div', { class: 'convo-sub' }, modeBadge, turnLabel),
      ),
      h('div', { class: 'convo-header__actions' }, soundButton, leaveButton),
    ),
    h(
      'section',
      { 'aria-labelledby': 'account-heading' },
      h(
        'details',
        { class: 'account-box', open: deps.accountOpen },
        h(
          'summary',
          {},
          h('h2', { id: 'account-heading', class: 'account-box__heading' }, 'Account on your screen'),
        ),
        h(
          'dl',
          { class: 'account' },
          ...scenario.account.facts.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)]),
        ),
      ),
    ),
    // Announced by the controller on arrival; shown here to be read again.
    deps.notice ? h('p', { class: 'notice' }, deps.notice) : null,
    meterText,
    coach,
    h('h2', { class: 'visually-hidden' }, `${persona.name} says`),
    speech,
    thought,
    tools.childElementCount > 0 ? tools : null,
    h('h2', { class: 'visually-hidden', id: 'reply-heading' }, 'Your reply'),
    choiceList,
    h(
      'section',
      { class: 'transcript', 'aria-label': 'Conversation so far' },
      h('details', {}, transcriptSummary, transcriptList),
    ),
    leaveDialog,
  );
  root.append(panel);

  let typing: Typing | undefined;
  speech.addEventListener('click', () => typing?.finish());
  hintButton.addEventListener('click', () => {
    const open = thought.hidden;
    thought.hidden = !open;
    hintButton.setAttribute('aria-expanded', String(open));
    if (open) {
      thought.scrollIntoView({ block: 'nearest' });
      announcer.say(`${firstName} is thinking: ${thought.textContent ?? ''}`);
    }
  });
  rewindButton.addEventListener('click', () => deps.onRewind?.());

  // A pick shows at once (the reply pressed), and is sent in the frame after (afterPaint.ts). Until it is
  // sent, another pick does nothing: the trainee has already answered this turn.
  let sending: (() => void) | undefined;
  const choose = (id: string): void => {
    if (sending) return;
    for (const button of choiceList.querySelectorAll<HTMLElement>('[data-choice-id]')) {
      button.toggleAttribute('data-chosen', button.dataset.choiceId === id);
    }
    sending = afterNextPaint(() => {
      sending = undefined;
      typing?.finish();
      conversation.choose(id);
    });
  };

  const showCoach = (view: ConversationView): void => {
    const last = conversation.log().at(-1);
    if (!deps.coachFeedback || !last) {
      coach.hidden = true;
      return;
    }
    const { feedback, better } = coachingOf(
      conversation.bundle,
      { variant: conversation.variant, log: conversation.log() },
      last,
    );
    const delta = `Stress ${signed(last.after.stress - last.before.stress)}, trust ${signed(last.after.trust - last.before.trust)}.`;
    coach.replaceChildren();
    append(
      coach,
      h('h2', {}, 'Coach'),
      h('p', {}, h('strong', {}, delta), ' ', feedback),
      ...last.modelNotes.map((note) => h('p', { class: 'muted' }, modelNoteText(messages, note, words))),
      better ? h('p', {}, h('strong', {}, 'Stronger: '), better) : null,
    );
    coach.hidden = false;
    // A new note is news (WCAG 4.1.3); the same note shown again after a resume or a take-back is not.
    if (coach.dataset.turn !== String(view.turn) && announceCoach) {
      announcer.say(`Coach: ${[...coach.querySelectorAll('p')].map((p) => p.textContent).join(' ')}`);
    }
    coach.dataset.turn = String(view.turn);
  };

  let previous: ConversationView | undefined;
  let announceCoach = false;
  const render = (view: ConversationView): void => {
    const advanced = previous !== undefined && view.turn > previous.turn;
    if (previous && advanced && deps.showMeters) {
      announcer.say(describeMeterChange(firstName, previous.meters, view.meters));
    }
    announceCoach = advanced;
    // The transcript is the conversation's log, so a resumed or rewound conversation shows the same as a live one.
    transcriptList.replaceChildren(
      ...conversation
        .log()
        .flatMap((turn) => [
          h(
            'li',
            {},
            h('strong', {}, `${firstName}: `),
            ...said(lineTextOf(conversation.bundle, turn.nodeId, turn.lineId) ?? '', phrases),
          ),
          h(
            'li',
            {},
            h('strong', {}, 'You: '),
            ...said(
              choiceOf(conversation.bundle, turn.nodeId, turn.choiceId)?.text ?? turn.choiceId,
              phrases,
            ),
          ),
        ]),
    );
    transcriptSummary.textContent = `Conversation so far (${view.turn} ${view.turn === 1 ? 'turn' : 'turns'})`;
    previous = view;
    showCoach(view);
    rewindButton.hidden = view.turn === 0;
    thought.hidden = true;
    hintButton.setAttribute('aria-expanded', 'false');
    thought.textContent =
      (view.status === 'active' ? view.thought : undefined) ?? `${firstName} is waiting to see what you say.`;
    hintButton.hidden = view.status === 'ended';

    looks.textContent = ` (${firstName} looks ${expressionFor(view.meters)}.)`;
    meterText.textContent = `Stress ${view.meters.stress} (${stressWord(view.meters.stress)}) · Trust ${view.meters.trust} (${trustWord(view.meters.trust)})`;
    const setting = SETTING_LABELS[scenario.setting] ?? scenario.setting;
    turnLabel.textContent =
      view.status === 'ended' ? `${setting} · conversation ended` : `${setting} · turn ${view.turn + 1}`;
    typing?.cancel();
    typing = typeInto(lineText, said(view.line.text, phrases), deps.typingSpeed, speech);
    announcer.say([`${firstName}: `, ...said(view.line.text, phrases)]);
    if (view.status === 'ended') {
      announcer.say(`The conversation has ended: ${view.ending.title}. Your debrief is next.`);
      const next = h(
        'button',
        { class: 'btn', type: 'button', onclick: () => deps.onFinished() },
        'See your debrief',
      );
      choiceList.replaceChildren(h('li', {}, h('p', {}, h('strong', {}, view.ending.title)), next));
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
            h('span', {}, ...said(c.text, phrases)),
          ),
        ),
      ),
    );
    choiceList.querySelector('button')?.focus();
  };

  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') typing?.finish();
    if (
      (event.key === 'ArrowDown' || event.key === 'ArrowUp') &&
      choiceList.contains(document.activeElement)
    ) {
      const buttons = [...choiceList.querySelectorAll<HTMLButtonElement>('button')];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
      event.preventDefault();
      next?.focus();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
    // A stray digit anywhere else must never commit an answer (WCAG 2.1.4), and the keys can be turned off.
    if (!deps.numberKeys || !choiceList.contains(document.activeElement)) return;
    const view = conversation.view();
    const choice =
      view.status === 'active' ? view.choices.find((c) => c.index === Number(event.key)) : undefined;
    if (!choice) return;
    event.preventDefault();
    choose(choice.id);
  };
  document.addEventListener('keydown', onKey);
  const unsubscribe = conversation.subscribe(render);
  render(conversation.view());

  return () => {
    sending?.();
    typing?.cancel();
    unsubscribe();
    document.removeEventListener('keydown', onKey);
    if (leaveDialog.open) leaveDialog.close();
  };
}

/**
 * Asks before "Leave conversation" abandons the attempt. A modal <dialog>: focus moves into it, Escape or
 * "Stay" cancels, and focus goes back to the button that opened it.
 */
function confirmLeave(mode: Mode, onLeave: () => void, opener: HTMLElement): HTMLDialogElement {
  // First in the dialog, so showModal() focuses it and Enter on arrival never abandons the attempt.
  const stay = h('button', { class: 'btn', type: 'button' }, 'Stay in the conversation');
  const leave = h('button', { class: 'btn btn--ghost', type: 'button' }, 'Leave');
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': 'leave-heading', 'aria-describedby': 'leave-text' },
    h('h2', { id: 'leave-heading' }, 'Leave this conversation?'),
    h(
      'p',
      { id: 'leave-text' },
      mode === 'assessment'
        ? 'This assessment attempt ends here and is not scored. You can start the scenario again from the list.'
        : 'This attempt ends here and is not scored. You can start the scenario again from the list.',
    ),
    h('div', { class: 'actions' }, stay, leave),
  );
  let leaving = false;
  stay.addEventListener('click', () => dialog.close());
  leave.addEventListener('click', () => {
    leaving = true;
    dialog.close();
    onLeave();
  });
  dialog.addEventListener('close', () => {
    // The browser puts focus back on the opener itself, and its 'close' event is a task that can arrive
    // after the user has moved on (even chosen a reply): only focus left nowhere is taken back.
    const at = document.activeElement;
    if (!leaving && (!at || at === document.body || dialog.contains(at))) opener.focus();
  });
  return dialog;
}
