/**
 * The projector (/classroom/projector.html#room=CODE): the patient and the meters drawn by the game's
 * own ConversationScene, the line and the replies, "17 of 23 voted" and the countdown, the join code with
 * a QR code; after the reveal the spread, the reply that landed, the meter change and the coach note; at
 * the end the class debrief. No names, no live tally: only what the whole room may see.
 */
import type Phaser from 'phaser';
import type { ScenarioBundle } from '../../engine/runtime/types';
import { createGame } from '../../game/createGame';
import { SCENES, type SceneData } from '../../game/events';
import { append, h } from '../../ui/dom';
import { RoomConnection } from '../connection';
import type { Progress, PublicState } from '../protocol';
import { BAND_LABELS, decisionDetails, PHASE_LABELS, percent, tallyChart, timerText } from '../widgets';
import { qrCode } from './qr';
import { RoomConversation } from './roomConversation';

const overlay = document.getElementById('overlay') as HTMLElement;
const code = /room=([A-Z0-9]{6})/.exec(window.location.hash + window.location.search)?.[1];
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

let state: PublicState | undefined;
let progress: Progress | undefined;
let bundle: ScenarioBundle | undefined;
let conversation: RoomConversation | undefined;
let online = false;
let problem = '';

const panel = h('section', { class: 'panel', 'aria-labelledby': 'projector-heading' });
const join = h('aside', { class: 'projector__join', 'aria-label': 'How to join' });
overlay.append(panel, join);

const gameReady = createGame(document.getElementById('game') as HTMLElement);

const connection = new RoomConnection(
  {
    state: (next) => {
      state = next;
      progress = next.progress;
      void update();
    },
    progress: (next) => {
      progress = next;
      renderProgress();
    },
    connection: (isOnline) => {
      online = isOnline;
      render();
    },
    attached: (reply) => {
      problem = reply.ok ? '' : reply.error.message;
      render();
    },
  },
  () => (code ? { type: 'watch', code } : undefined),
);

/** Loads the room's scenario from the server (the exact content the room plays) once. */
async function loadBundle(): Promise<ScenarioBundle | undefined> {
  if (bundle) return bundle;
  const reply = await connection.request<{ bundle: ScenarioBundle }>({ type: 'bundle' });
  if (!reply.ok) {
    problem = reply.error.message;
    return undefined;
  }
  bundle = reply.bundle;
  return bundle;
}

async function update(): Promise<void> {
  const s = state;
  if (!s) return;
  render();
  const content = await loadBundle();
  if (!content || state !== s) return;
  if (content.contentHash !== s.scenario.contentHash) {
    problem = 'This room plays other content than the server sent; reload the page.';
    render();
    return;
  }
  const game = await gameReady;
  if (!conversation) {
    // The projector only shows the room: replies are chosen by votes on phones and the facilitator.
    conversation = new RoomConversation(content, s.seed, s.choices, () => {
      throw new Error('the projector shows the room; replies are chosen by the class and the facilitator');
    });
    startScene(game, conversation, s.showMeters);
    return;
  }
  conversation.sync(s.choices);
}

function startScene(game: Phaser.Game, port: RoomConversation, showMeters: boolean): void {
  for (const scene of game.scene.getScenes(true)) game.scene.stop(scene.scene.key);
  const data: SceneData['conversation'] = { conversation: port, reducedMotion, showMeters };
  game.scene.start(SCENES.conversation, data);
}

function renderProgress(): void {
  const s = state;
  const p = progress ?? s?.progress;
  const count = panel.querySelector('[data-testid="progress"]');
  const fill = panel.querySelector<HTMLElement>('.progress-bar__fill');
  if (!s || !p || !count) return;
  count.textContent = `${p.voted} of ${p.eligible} voted`;
  if (fill) fill.style.width = `${p.eligible > 0 ? Math.round((p.voted / p.eligible) * 100) : 0}%`;
}

function render(): void {
  const s = state;
  if (!code) {
    panel.replaceChildren(
      h('h1', { id: 'projector-heading' }, 'No room'),
      h('p', {}, 'Open this view from the facilitator console.'),
    );
    return;
  }
  if (!s) {
    panel.replaceChildren(
      h('h1', { id: 'projector-heading' }, `Room ${code}`),
      h('p', {}, online ? problem || 'Connecting\u2026' : 'Reconnecting\u2026'),
    );
    return;
  }
  overlay.dataset.phase = s.phase;
  overlay.dataset.turn = String(s.turn);
  overlay.dataset.version = String(s.version);
  const phase = s.phase === 'paused' ? (s.pausedPhase ?? 'lobby') : s.phase;
  const parts: (Node | null)[] = [
    h('h1', { id: 'projector-heading' }, s.scenario.title),
    h(
      'p',
      { class: 'muted' },
      `Turn ${s.turn} \u00b7 ${PHASE_LABELS[s.phase]}${online ? '' : ' \u00b7 reconnecting\u2026'}`,
    ),
    problem ? h('p', { class: 'notice--error' }, problem) : null,
    s.phase === 'paused' ? h('p', { class: 'phone__banner' }, 'Paused') : null,
  ];
  if (phase === 'ended') parts.push(...debrief(s));
  else if (phase === 'revealed' && s.reveal) {
    parts.push(
      h('h2', {}, `Turn ${s.reveal.turn}: how the class voted`),
      tallyChart(s.reveal.tally, { landed: s.decision?.choiceId }),
      ...decisionDetails(s),
    );
    if (!s.decision)
      parts.push(
        h('p', { class: 'muted' }, s.reveal.classPick ? 'Talk it through.' : 'A tie: the trainer decides.'),
      );
  } else if (s.conversation.status === 'active') {
    parts.push(
      h(
        'p',
        { class: 'speech', 'data-testid': 'patient-line' },
        h('span', { class: 'speech__who' }, s.scenario.personaName),
        s.conversation.line,
      ),
      h(
        'ol',
        { class: 'choices', 'aria-label': 'Replies' },
        ...s.conversation.options.map((o) =>
          h(
            'li',
            {},
            h(
              'p',
              { class: 'choice' },
              h('span', { class: 'choice__key', 'aria-hidden': 'true' }, o.index),
              h('span', {}, o.text),
            ),
          ),
        ),
      ),
    );
    if (phase === 'voting' || phase === 'closed') {
      parts.push(
        h(
          'p',
          { class: 'projector__timer', 'data-testid': 'timer' },
          phase === 'closed' ? 'Vote closed' : timerText(s, (d) => connection.remaining(d)),
        ),
        h(
          'span',
          { class: 'progress-bar', 'aria-hidden': 'true' },
          h('span', { class: 'progress-bar__fill' }),
        ),
        h('p', { 'data-testid': 'progress' }),
      );
    } else if (phase === 'lobby') {
      parts.push(
        h('p', {}, 'Join on your phone: scan the code or go to the link, then wait for the first vote.'),
      );
    }
  }
  panel.replaceChildren();
  append(panel, ...parts);
  renderProgress();
  renderJoin(s);
}

let joinKey = '';
function renderJoin(s: PublicState): void {
  const big = s.phase === 'lobby';
  const key = `${s.joinUrl}:${big}:${s.locked}:${s.phase === 'ended'}`;
  if (key === joinKey) return;
  joinKey = key;
  join.className = `projector__join${big ? ' projector__join--big' : ''}`;
  join.hidden = s.phase === 'ended';
  join.replaceChildren(
    qrCode(s.joinUrl, `QR code for ${s.joinUrl}`),
    h(
      'div',
      {},
      h('p', { class: 'muted' }, s.locked ? 'Room locked: new arrivals watch only' : 'Join on your phone'),
      h('p', { class: 'join-code', 'data-testid': 'join-code' }, s.code),
      h('p', {}, s.joinUrl),
    ),
  );
}

function debrief(s: PublicState): (Node | null)[] {
  const d = s.debrief;
  if (!d) return [h('p', {}, 'Preparing the debrief\u2026')];
  return [
    h('h2', {}, 'Class debrief'),
    d.ending
      ? h('p', {}, h('strong', {}, d.ending.title), ` \u2014 ${d.ending.line}`)
      : h('p', {}, 'The session ended before the conversation did.'),
    d.score
      ? h(
          'p',
          { class: 'projector__timer', 'data-testid': 'class-score' },
          `Group score ${d.score.total} \u00b7 ${BAND_LABELS[d.score.band] ?? d.score.band}${s.mode === 'assessment' ? ` \u00b7 ${d.score.passed ? 'passed' : 'not passed'}` : ''}`,
        )
      : null,
    h(
      'p',
      { 'data-testid': 'strongest-rate' },
      `The class picked a strongest reply in ${d.classPickedStrongest} of ${d.turns.length} turns`,
      d.strongestVoteShare === undefined
        ? '.'
        : `; ${percent(d.strongestVoteShare)} of all votes went to one.`,
    ),
    h(
      'details',
      { open: true },
      h('summary', {}, 'Every turn'),
      ...d.turns.map((t) =>
        h(
          'section',
          { 'aria-label': `Turn ${t.turn}` },
          h('h3', {}, `Turn ${t.turn}${t.by === 'facilitator' ? ' (trainer\u2019s choice)' : ''}`),
          tallyChart(t.tally, { landed: t.choiceId, strongest: t.strongest }),
        ),
      ),
    ),
  ];
}

setInterval(() => {
  const timer = panel.querySelector('[data-testid="timer"]');
  if (timer && state?.phase === 'voting')
    timer.textContent = timerText(state, (d) => connection.remaining(d));
}, 250);

render();
