/**
 * The phone page (/join/<code>): join, vote, change the vote until it closes, see the reveal, and at the
 * end "your picks vs the class". It runs no engine and no Phaser: the server sends everything it shows.
 * Vote counts are the projector's: a phone shows only its own vote.
 * Regions are built once and updated in place, so a vote count arriving mid-tap never moves a button.
 */
import { h } from '../../ui/dom';
import { RoomConnection, tokens } from '../connection';
import {
  NICKNAME_LENGTH,
  type PublicState,
  ROOM_CODE_ALPHABET,
  ROOM_CODE_LENGTH,
  type YouState,
} from '../protocol';
import { BAND_LABELS, decisionDetails, PHASE_LABELS, tallyChart, timerText } from '../widgets';

const root = document.getElementById('app') as HTMLElement;
const codeFromUrl = (): string | undefined => {
  const fromPath = /\/join\/([A-Za-z0-9-]+)\/?$/.exec(window.location.pathname)?.[1];
  const code = (fromPath ?? new URLSearchParams(window.location.search).get('code') ?? '').toUpperCase();
  return code.length > 0 ? code.replace(/-/g, '') : undefined;
};

let code = codeFromUrl();
let state: PublicState | undefined;
let you: YouState | undefined;
let online = false;
let joinError = '';
/** This seat's vote per turn, as acknowledged: the reveal marks "your vote" after the round is over. */
const myVotes = new Map<number, string>();

const status = h('p', { class: 'phone__status', role: 'status' });
const heading = h('h1', { class: 'phone__title' }, 'Join the class');
const identity = h('section', { class: 'phone__identity', 'aria-label': 'You' });
const stage = h('section', { class: 'phone__stage', 'aria-live': 'polite' });
const replies = h('section', { class: 'phone__replies', 'aria-labelledby': 'replies-heading' });
const footer = h('p', { class: 'phone__footer muted' });
root.append(status, heading, identity, stage, replies, footer);

const connection = new RoomConnection(
  {
    state: (next) => {
      state = next;
      render();
    },
    you: (next) => {
      you = next;
      if (next.vote) myVotes.set(next.vote.turn, next.vote.choiceId);
      render();
    },
    connection: (isOnline) => {
      online = isOnline;
      renderStatus();
    },
    attached: (reply) => {
      if (reply.ok && code && typeof reply.token === 'string') tokens.saveSeat(code, reply.token);
      if (!reply.ok && !state) {
        joinError = reply.error.message;
        renderJoinForm();
      }
    },
  },
  () => (code ? { type: 'join', code, token: tokens.seat(code) } : undefined),
);

async function join(input: string): Promise<void> {
  const wanted = input.toUpperCase().replace(/[\s-]/g, '');
  if (wanted.length !== ROOM_CODE_LENGTH || ![...wanted].every((c) => ROOM_CODE_ALPHABET.includes(c))) {
    joinError = `A room code has ${ROOM_CODE_LENGTH} letters and digits (no 0, O, 1, I or L).`;
    renderJoinForm();
    return;
  }
  const reply = await connection.request<{ token?: string; role: string }>({
    type: 'join',
    code: wanted,
    token: tokens.seat(wanted),
  });
  if (!reply.ok) {
    joinError = reply.error.message;
    renderJoinForm();
    return;
  }
  code = wanted;
  if (reply.token) tokens.saveSeat(wanted, reply.token);
  history.replaceState(
    null,
    '',
    `${new URL('.', window.location.href).pathname.replace(/join\/?$/, '')}join/${wanted}`,
  );
}

function renderStatus(): void {
  status.textContent = online
    ? state
      ? `Room ${state.code} \u00b7 ${PHASE_LABELS[state.phase]}`
      : 'Connected'
    : 'Reconnecting\u2026 your seat and vote are kept.';
  status.classList.toggle('phone__status--offline', !online);
}

function renderJoinForm(): void {
  heading.textContent = 'Join the class';
  const input = h('input', {
    id: 'code',
    name: 'code',
    inputmode: 'text',
    autocapitalize: 'characters',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: ROOM_CODE_LENGTH + 2,
    required: true,
    'aria-describedby': 'code-help code-error',
    value: code ?? '',
  });
  const form = h(
    'form',
    { class: 'phone__form' },
    h('label', { for: 'code' }, 'Room code'),
    input,
    h('p', { id: 'code-help', class: 'muted' }, 'The 6-character code on the projector.'),
    h('p', { id: 'code-error', class: 'phone__error', role: 'alert' }, joinError),
    h('button', { class: 'btn phone__wide', type: 'submit' }, 'Join'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void join(input.value);
  });
  identity.replaceChildren();
  stage.replaceChildren(form);
  replies.replaceChildren();
  footer.textContent = '';
}

let renamingError = '';
function renderIdentity(): void {
  if (!you || you.role === 'observer') {
    const why =
      you?.observerReason === 'removed'
        ? 'The trainer removed you from this session. You can still watch.'
        : you?.observerReason === 'locked'
          ? 'The room is locked, so you are watching without a vote.'
          : you?.observerReason === 'full'
            ? 'The room is full, so you are watching without a vote.'
            : 'You are watching this session.';
    identity.replaceChildren(h('p', { class: 'phone__observer' }, why));
    return;
  }
  const input = h('input', {
    id: 'nickname',
    name: 'nickname',
    maxlength: NICKNAME_LENGTH.max,
    minlength: NICKNAME_LENGTH.min,
    autocomplete: 'off',
    value: you.nickname ?? '',
    'aria-describedby': 'nickname-error',
  });
  const form = h(
    'form',
    { class: 'phone__rename' },
    h('label', { for: 'nickname' }, 'Nickname'),
    input,
    h('button', { class: 'btn btn--ghost', type: 'submit' }, 'Save'),
    h('p', { id: 'nickname-error', class: 'phone__error', role: 'alert' }, renamingError),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void connection.request<{ nickname: string }>({ type: 'rename', nickname: input.value }).then((reply) => {
      renamingError = reply.ok ? '' : reply.error.message;
      if (reply.ok) announce(`Your nickname is now ${reply.nickname}.`);
      renderIdentity();
    });
  });
  const editing = identity.querySelector('details')?.open ?? false;
  identity.replaceChildren(
    h('p', {}, 'You are ', h('strong', { 'data-testid': 'nickname' }, you.nickname ?? ''), '.'),
    h('details', { open: editing || renamingError !== '' }, h('summary', {}, 'Change nickname'), form),
  );
}

function announce(text: string): void {
  footer.textContent = text;
}

/** The vote this seat holds for the current round, if any. */
function myVote(): string | undefined {
  const vote = you?.vote;
  return vote && state?.vote && vote.turn === state.vote.turn && vote.round === state.vote.round
    ? vote.choiceId
    : undefined;
}

let repliesKey = '';
function renderReplies(): void {
  if (!state) return;
  const voting = state.phase === 'voting' && state.vote !== undefined;
  const key = `${state.phase}:${state.vote?.turn}:${state.vote?.round}:${you?.role}:${state.conversation.options.map((o) => o.id).join()}`;
  if (!voting || state.conversation.options.length === 0) {
    repliesKey = key;
    replies.replaceChildren();
    return;
  }
  const canVote = you?.role === 'participant';
  if (key !== repliesKey) {
    repliesKey = key;
    replies.replaceChildren(
      h('h2', { id: 'replies-heading' }, canVote ? 'Your reply' : 'The replies'),
      h(
        'ol',
        { class: 'phone__choices' },
        ...state.conversation.options.map((option) =>
          h(
            'li',
            {},
            canVote
              ? h(
                  'button',
                  {
                    class: 'choice',
                    type: 'button',
                    'data-choice-id': option.id,
                    'aria-pressed': 'false',
                    onclick: () => void vote(option.id),
                  },
                  h('span', { class: 'choice__key', 'aria-hidden': 'true' }, option.index),
                  h('span', {}, option.text),
                )
              : h('p', { class: 'choice choice--static' }, `${option.index}. ${option.text}`),
          ),
        ),
      ),
      h('p', { class: 'phone__vote-note', 'data-testid': 'vote-note' }),
    );
  }
  const mine = myVote();
  for (const button of replies.querySelectorAll<HTMLButtonElement>('button[data-choice-id]')) {
    button.setAttribute('aria-pressed', String(button.dataset.choiceId === mine));
  }
  const note = replies.querySelector('[data-testid="vote-note"]');
  if (note) {
    const option = state.conversation.options.find((o) => o.id === mine);
    note.textContent = canVote
      ? option
        ? `Your vote: ${option.index}. You can change it until the vote closes.`
        : 'Tap a reply to vote.'
      : '';
  }
}

async function vote(choiceId: string): Promise<void> {
  if (!state?.vote) return;
  const { turn, round } = state.vote;
  const reply = await connection.request<{ vote: YouState['vote'] }>({ type: 'vote', turn, round, choiceId });
  if (reply.ok && you && reply.vote) {
    you = { ...you, vote: reply.vote };
    myVotes.set(reply.vote.turn, reply.vote.choiceId);
    renderReplies();
    renderStage();
  } else if (!reply.ok) announce(reply.error.message);
}

function renderStage(): void {
  if (!state) return;
  const s = state;
  const phase = s.phase === 'paused' ? (s.pausedPhase ?? 'lobby') : s.phase;
  const parts: (HTMLElement | null)[] = [];
  if (s.phase === 'paused') parts.push(h('p', { class: 'phone__banner' }, 'Paused: eyes on the trainer.'));
  if (phase === 'lobby') {
    parts.push(h('p', {}, 'You are in. The trainer will open the first vote soon.'));
  }
  if (
    phase === 'voting' ||
    phase === 'closed' ||
    (phase === 'revealed' && !s.decision) ||
    phase === 'lobby'
  ) {
    if (phase !== 'lobby' && s.conversation.status === 'active') {
      parts.push(
        h('p', { class: 'muted' }, `Turn ${s.turn}`),
        h(
          'blockquote',
          { class: 'phone__line' },
          h('strong', {}, `${s.scenario.personaName}: `),
          s.conversation.line,
        ),
      );
    }
  }
  if (phase === 'voting') {
    parts.push(
      h(
        'p',
        { class: 'phone__timer', 'data-testid': 'timer' },
        timerText(s, (d) => connection.remaining(d)),
      ),
      h('p', { class: 'muted', 'data-testid': 'progress' }),
    );
  }
  if (phase === 'closed') {
    const mine = s.conversation.options.find((o) => o.id === myVote());
    parts.push(
      h(
        'p',
        { 'data-testid': 'closed-note' },
        mine ? `Vote closed. You voted ${mine.index}.` : 'Vote closed.',
        ' Waiting for the trainer to show the results.',
      ),
    );
  }
  if (phase === 'revealed' && s.reveal) {
    const mine = s.decision ? myVotes.get(s.reveal.turn) : myVote();
    parts.push(
      h('h2', {}, `Turn ${s.reveal.turn}: how the class voted`),
      tallyChart(s.reveal.tally, { landed: s.decision?.choiceId, mine }),
    );
    if (s.decision) parts.push(...decisionDetails(s));
    else parts.push(h('p', { class: 'muted' }, 'The trainer is talking it through.'));
  }
  if (phase === 'ended') parts.push(...debrief(s));
  stage.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

function debrief(s: PublicState): HTMLElement[] {
  const d = s.debrief;
  if (!d) return [h('p', {}, 'The session is over. Preparing the debrief\u2026')];
  const texts = new Map(d.turns.flatMap((t) => t.tally.map((r) => [r.id, `${r.index}. ${r.text}`] as const)));
  const picks = you?.picks ?? [];
  const strongestMine = picks.filter((p) => p.mine !== undefined && p.strongest.includes(p.mine)).length;
  const agreed = picks.filter((p) => p.mine !== undefined && p.mine === p.landed).length;
  const voted = picks.filter((p) => p.mine !== undefined).length;
  return [
    h('h2', {}, 'Debrief'),
    d.ending ? h('p', {}, h('strong', {}, d.ending.title), ` \u2014 ${d.ending.line}`) : null,
    d.score
      ? h(
          'p',
          { 'data-testid': 'class-score' },
          `Class score: ${d.score.total} (${BAND_LABELS[d.score.band] ?? d.score.band})`,
          s.mode === 'assessment'
            ? ` \u00b7 ${d.score.passed ? 'passed' : 'not passed'} (pass mark ${d.score.passMark})`
            : '',
        )
      : h('p', {}, 'The session ended before the conversation did.'),
    h(
      'p',
      {},
      `The class's own pick was one of the strongest replies in ${d.classPickedStrongest} of ${d.turns.length} turns.`,
    ),
    you?.role === 'participant'
      ? h(
          'section',
          { class: 'phone__picks', 'aria-labelledby': 'picks-heading' },
          h('h2', { id: 'picks-heading' }, 'Your picks vs the class'),
          h(
            'p',
            { 'data-testid': 'my-summary' },
            `You voted in ${voted} of ${picks.length} turns, picked a strongest reply ${strongestMine} times and agreed with what landed ${agreed} times.`,
          ),
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Turn'),
                h('th', { scope: 'col' }, 'You'),
                h('th', { scope: 'col' }, 'Landed'),
              ),
            ),
            h(
              'tbody',
              {},
              ...picks.map((p) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, p.turn),
                  h(
                    'td',
                    {},
                    p.mine ? (texts.get(p.mine) ?? p.mine) : '(no vote)',
                    p.mine && p.strongest.includes(p.mine) ? ' \u2713 strongest' : '',
                  ),
                  h('td', {}, texts.get(p.landed) ?? p.landed),
                ),
              ),
            ),
          ),
        )
      : null,
  ].filter((e): e is HTMLElement => e !== null);
}

function render(): void {
  renderStatus();
  if (!state) {
    renderJoinForm();
    return;
  }
  heading.textContent = state.scenario.title;
  renderIdentity();
  renderStage();
  renderReplies();
}

// The countdown runs on this phone's clock, corrected by the server's.
setInterval(() => {
  const timer = stage.querySelector('[data-testid="timer"]');
  if (timer && state) timer.textContent = timerText(state, (d) => connection.remaining(d));
}, 250);

render();
