/**
 * The facilitator's console (/classroom/): create a room, see who joined, steer the vote (open, close,
 * add time, pause, reveal, accept or override, re-vote, skip the timer, rewind, lock, remove, end), watch
 * the live tally the class does not see, and export the session. Control comes back after a reload from
 * the facilitator token this browser keeps.
 */
import { append, h } from '../../ui/dom';
import { appRoot, RoomConnection, tokens } from '../connection';
import {
  type FacilitatorState,
  type Progress,
  type PublicState,
  type Request,
  type ScenarioChoice,
  VOTE_SECONDS,
} from '../protocol';
import { BAND_LABELS, decisionDetails, PHASE_LABELS, percent, tallyChart, timerText } from '../widgets';

const root = document.getElementById('app') as HTMLElement;
const roomInHash = (): string | undefined => /room=([A-Z0-9]{6})/.exec(window.location.hash)?.[1];

let code = roomInHash();
let state: PublicState | undefined;
let host: FacilitatorState | undefined;
let progress: Progress | undefined;
let online = false;
let message: { text: string; error: boolean } | undefined;
let confirmingEnd = false;

const connection = new RoomConnection(
  {
    state: (next) => {
      state = next;
      progress = next.progress;
      render();
    },
    progress: (next) => {
      progress = next;
      renderLive();
    },
    facilitator: (next) => {
      host = next;
      renderLive();
    },
    connection: (isOnline) => {
      online = isOnline;
      renderStatus();
      if (isOnline && (!code || !tokens.host(code))) void showCreate();
    },
    attached: (reply) => {
      if (!reply.ok) {
        say(reply.error.message, true);
        void showCreate();
      }
    },
  },
  (): Request | undefined => {
    const token = code ? tokens.host(code) : undefined;
    return code && token ? { type: 'host', code, token } : undefined;
  },
);

const status = h('p', { class: 'muted', role: 'status' });
const notice = h('p', { role: 'alert' });
const body = h('div', { class: 'console__body' });
root.append(h('h1', {}, 'Classroom session'), status, notice, body);

function say(text: string, error = false): void {
  message = { text, error };
  notice.textContent = text;
  notice.className = error ? 'notice--error' : 'muted';
}

function renderStatus(): void {
  status.textContent = online
    ? state
      ? `Room ${state.code} \u00b7 ${PHASE_LABELS[state.phase]}`
      : 'Connected'
    : 'Reconnecting\u2026';
}

async function send(request: Request, done?: string): Promise<boolean> {
  const reply = await connection.request(request);
  if (!reply.ok) say(reply.error.message, true);
  else if (done) say(done);
  else if (message?.error) say('');
  return reply.ok;
}

const command = (action: Extract<Request, { type: 'command' }>['action']) => () =>
  void send({ type: 'command', action } as Request);

// ---------------------------------------------------------------- creating a room

async function showCreate(): Promise<void> {
  const reply = await connection.request<{ scenarios: ScenarioChoice[] }>({ type: 'scenarios' });
  if (!reply.ok) {
    say(reply.error.message, true);
    return;
  }
  const scenario = h(
    'select',
    { id: 'scenario', name: 'scenario', required: true },
    ...reply.scenarios.map((s) =>
      h('option', { value: s.id }, `${s.title} (${s.personaName}, about ${s.estimatedMinutes} min)`),
    ),
  );
  const seed = h('input', {
    id: 'seed',
    name: 'seed',
    type: 'number',
    min: 1,
    step: 1,
    inputmode: 'numeric',
    'aria-describedby': 'seed-help',
  });
  const seconds = h('input', {
    id: 'seconds',
    name: 'seconds',
    type: 'number',
    min: VOTE_SECONDS.min,
    max: VOTE_SECONDS.max,
    step: 1,
    value: VOTE_SECONDS.default,
    required: true,
  });
  const practice = h('input', {
    type: 'radio',
    name: 'mode',
    id: 'mode-practice',
    value: 'practice',
    checked: true,
  });
  const assessment = h('input', { type: 'radio', name: 'mode', id: 'mode-assessment', value: 'assessment' });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'create-heading' },
    h('h2', { id: 'create-heading' }, 'Start a room'),
    h('div', { class: 'field' }, h('label', { for: 'scenario' }, 'Scenario'), scenario),
    h(
      'fieldset',
      { class: 'setting' },
      h('legend', {}, 'Mode'),
      h('label', {}, practice, ' Practice: coach notes after each decision'),
      h('label', {}, assessment, ' Assessment: no coaching, a pass mark'),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'seed' }, 'Patient seed (optional)'),
      seed,
      h(
        'p',
        { id: 'seed-help', class: 'muted' },
        'The same seed gives the same patient, e.g. to repeat a session. Empty: a new one.',
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'seconds' }, `Vote timer in seconds (${VOTE_SECONDS.min}-${VOTE_SECONDS.max})`),
      seconds,
    ),
    h('div', { class: 'controls' }, h('button', { class: 'btn', type: 'submit' }, 'Create room')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const seedValue = seed.value.trim() === '' ? undefined : Number(seed.value);
    void connection
      .request<{ code: string; token: string }>({
        type: 'create',
        scenarioId: scenario.value,
        mode: assessment.checked ? 'assessment' : 'practice',
        ...(seedValue === undefined ? {} : { seed: seedValue }),
        voteSeconds: Number(seconds.value),
      })
      .then((created) => {
        if (!created.ok) {
          say(created.error.message, true);
          return;
        }
        tokens.saveHost(created.code, created.token);
        code = created.code;
        window.location.hash = `room=${created.code}`;
        say(`Room ${created.code} is open. Open the projector view, then let the class join.`);
      });
  });
  const hosted = tokens.hosted();
  body.replaceChildren();
  append(
    body,
    form,
    hosted.length > 0
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'rooms-heading' },
          h('h2', { id: 'rooms-heading' }, 'Rooms you control from this browser'),
          h('ul', {}, ...hosted.map((c) => h('li', {}, h('a', { href: `#room=${c}` }, c)))),
        )
      : null,
  );
}

window.addEventListener('hashchange', () => {
  const next = roomInHash();
  if (next === code && state) return;
  code = next;
  state = undefined;
  host = undefined;
  const token = code ? tokens.host(code) : undefined;
  if (code && token) void send({ type: 'host', code, token });
  else {
    if (code) say(`This browser does not hold control of room ${code}.`, true);
    void showCreate();
  }
});

// ---------------------------------------------------------------- the console

/** Regions redraw only when what they show changed, and keep focus on the control that had it. */
function region(el: HTMLElement, key: string, build: () => (Node | null)[]): void {
  if (el.dataset.key === key) return;
  const focused =
    document.activeElement instanceof HTMLElement && el.contains(document.activeElement)
      ? document.activeElement.dataset.focus
      : undefined;
  el.dataset.key = key;
  el.replaceChildren();
  append(el, ...build());
  if (focused) el.querySelector<HTMLElement>(`[data-focus="${focused}"]`)?.focus();
}

const header = h('section', { class: 'card', 'aria-labelledby': 'room-heading' });
const controls = h('section', { class: 'card', 'aria-labelledby': 'controls-heading' });
const conversation = h('section', { class: 'card', 'aria-labelledby': 'conversation-heading' });
const live = h('section', { class: 'card', 'aria-labelledby': 'tally-heading' });
const people = h('section', { class: 'card', 'aria-labelledby': 'people-heading' });
const results = h('section', { class: 'card', 'aria-labelledby': 'results-heading' });
const layout = h(
  'div',
  { class: 'console__grid' },
  h('div', { class: 'console console--column' }, controls, conversation, results),
  h('div', { class: 'console console--column' }, header, live, people),
);

function render(): void {
  renderStatus();
  if (!state) return;
  if (!body.contains(layout)) body.replaceChildren(layout);
  const s = state;
  const projector = new URL(`classroom/projector.html#room=${s.code}`, appRoot()).href;
  region(header, `${s.code}:${s.locked}:${s.joinUrl}`, () => [
    h('h2', { id: 'room-heading' }, s.scenario.title),
    h('p', {}, `${s.mode === 'practice' ? 'Practice' : 'Assessment'} \u00b7 patient seed ${s.seed}`),
    h('p', {}, 'Join code'),
    h('p', { class: 'join-code', 'data-testid': 'join-code' }, s.code),
    h('p', {}, 'Link: ', h('a', { href: s.joinUrl }, s.joinUrl)),
    s.locked ? h('p', {}, h('strong', {}, 'Room locked: '), 'new arrivals can only watch.') : null,
    h(
      'div',
      { class: 'controls' },
      h(
        'a',
        { class: 'btn btn--ghost', href: projector, target: '_blank', rel: 'noopener' },
        'Open the projector view',
      ),
    ),
  ]);
  renderControls(s);
  renderConversation(s);
  renderResults(s);
  renderLive();
}

function renderControls(s: PublicState): void {
  const phase = s.phase === 'paused' ? 'paused' : s.phase;
  const underneath = s.phase === 'paused' ? s.pausedPhase : s.phase;
  const goesOn = s.conversation.status === 'active';
  const leading = host?.canAccept ? s.reveal?.tally.find((r) => r.id === s.reveal?.classPick) : undefined;
  const key = `${s.version}:${host?.canAccept}:${confirmingEnd}`;
  region(controls, key, () => {
    const button = (label: string, onclick: () => void, focus: string, ghost = false) =>
      h(
        'button',
        { class: ghost ? 'btn btn--ghost' : 'btn', type: 'button', onclick, 'data-focus': focus },
        label,
      );
    const main: (Node | null)[] = [];
    if (phase === 'ended') {
      main.push(h('p', {}, 'The session is over. The debrief is on the projector and on every phone.'));
    } else if (phase === 'paused') {
      main.push(button('Resume', command('resume'), 'resume'));
      if (s.vote?.remainingMs !== undefined) {
        main.push(
          button('+15 s', command('add-time'), 'add-time', true),
          button('Skip timer', command('skip-timer'), 'skip-timer', true),
        );
      }
    } else {
      if ((underneath === 'lobby' || (underneath === 'revealed' && s.decision)) && goesOn) {
        main.push(
          button(`Open vote for turn ${s.decision ? s.turn + 1 : s.turn}`, command('open-vote'), 'open-vote'),
        );
      }
      if (underneath === 'voting') {
        main.push(button('Close vote now', command('close-vote'), 'close-vote'));
        if (s.vote?.deadline !== undefined) {
          main.push(
            button('+15 s', command('add-time'), 'add-time', true),
            button('Skip timer', command('skip-timer'), 'skip-timer', true),
          );
        }
      }
      if (underneath === 'closed') main.push(button('Reveal the vote', command('reveal'), 'reveal'));
      if (underneath === 'revealed' && !s.decision) {
        main.push(
          leading
            ? button(`Accept the class choice (reply ${leading.index})`, command('accept'), 'accept')
            : h('p', {}, h('strong', {}, 'No clear winner: '), 'pick the reply that lands.'),
        );
      }
      if (underneath === 'voting' || underneath === 'closed' || (underneath === 'revealed' && !s.decision)) {
        main.push(button('Re-vote', command('revote'), 'revote', true));
      }
      if (underneath === 'revealed' && s.decision && !goesOn) {
        main.push(button('Show the debrief and end', command('end'), 'finish'));
      }
      main.push(button('Pause', command('pause'), 'pause', true));
    }
    const overrides =
      underneath === 'revealed' && !s.decision && phase !== 'paused'
        ? h(
            'div',
            { class: 'controls', role: 'group', 'aria-label': 'Override: land another reply' },
            ...s.conversation.options.map((o) =>
              button(
                `Land reply ${o.index}`,
                () => void send({ type: 'command', action: 'override', choiceId: o.id }),
                `override-${o.id}`,
                true,
              ),
            ),
          )
        : null;
    const rewind =
      phase !== 'ended' && s.choices.length > 0
        ? (() => {
            const turn = h(
              'select',
              { id: 'rewind-turn', 'data-focus': 'rewind-turn' },
              ...s.choices.map((_, i) => h('option', { value: i + 1 }, `Turn ${i + 1}`)),
            );
            return h(
              'div',
              { class: 'controls' },
              h('label', { for: 'rewind-turn' }, 'Go back to'),
              turn,
              button(
                'Rewind (a new branch)',
                () =>
                  void send(
                    { type: 'command', action: 'rewind', turn: Number(turn.value) },
                    'Rewound: the class votes that turn again.',
                  ),
                'rewind',
                true,
              ),
            );
          })()
        : null;
    const room =
      phase !== 'ended'
        ? h(
            'div',
            { class: 'controls' },
            button(
              s.locked ? 'Unlock room' : 'Lock room',
              command(s.locked ? 'unlock' : 'lock'),
              'lock',
              true,
            ),
            confirmingEnd
              ? h(
                  'span',
                  { class: 'controls' },
                  button(
                    'Yes, end the session',
                    () => {
                      confirmingEnd = false;
                      void send({ type: 'command', action: 'end' });
                    },
                    'end-confirm',
                  ),
                  button(
                    'Keep going',
                    () => {
                      confirmingEnd = false;
                      render();
                    },
                    'end-cancel',
                    true,
                  ),
                )
              : button(
                  'End session',
                  () => {
                    confirmingEnd = true;
                    render();
                  },
                  'end',
                  true,
                ),
          )
        : null;
    return [
      h('h2', { id: 'controls-heading' }, `Turn ${s.turn} \u00b7 ${PHASE_LABELS[s.phase]}`),
      h(
        'p',
        { class: 'projector__timer', 'data-testid': 'timer' },
        timerText(s, (d) => connection.remaining(d)),
      ),
      h('div', { class: 'controls' }, ...main),
      overrides,
      rewind,
      room,
      h(
        'div',
        { class: 'controls' },
        button('Export CSV', () => void download('csv'), 'export-csv', true),
        button('Export JSON', () => void download('json'), 'export-json', true),
      ),
    ];
  });
}

function renderConversation(s: PublicState): void {
  region(conversation, `${s.version}`, () => [
    h('h2', { id: 'conversation-heading' }, 'What the class sees'),
    h('p', {}, h('strong', {}, `${s.scenario.personaName}: `), s.conversation.line),
    s.conversation.meters
      ? h(
          'p',
          { class: 'muted' },
          `Stress ${s.conversation.meters.stress} \u00b7 trust ${s.conversation.meters.trust}`,
        )
      : null,
    s.conversation.options.length > 0
      ? h('ol', {}, ...s.conversation.options.map((o) => h('li', { value: o.index }, o.text)))
      : null,
    s.reveal ? h('h3', {}, `Turn ${s.reveal.turn}: the class's vote`) : null,
    s.reveal ? tallyChart(s.reveal.tally, { landed: s.decision?.choiceId }) : null,
    ...decisionDetails(s),
  ]);
}

function renderResults(s: PublicState): void {
  const d = s.debrief;
  region(results, `${s.version}:${d ? 'debrief' : ''}`, () =>
    d
      ? [
          h('h2', { id: 'results-heading' }, 'Class debrief'),
          d.score
            ? h(
                'p',
                { 'data-testid': 'class-score' },
                `Group score ${d.score.total} (${BAND_LABELS[d.score.band] ?? d.score.band})${s.mode === 'assessment' ? `, ${d.score.passed ? 'passed' : 'not passed'}` : ''}`,
              )
            : h('p', {}, 'The session ended before the conversation did.'),
          h(
            'p',
            {},
            `The class's pick was one of the strongest replies in ${d.classPickedStrongest} of ${d.turns.length} turns${d.strongestVoteShare === undefined ? '' : `; ${percent(d.strongestVoteShare)} of all votes went to a strongest reply`}.`,
          ),
        ]
      : [
          h('h2', { id: 'results-heading' }, 'Debrief'),
          h(
            'p',
            { class: 'muted' },
            'Shown here, on the projector and on every phone when the session ends.',
          ),
        ],
  );
}

function renderLive(): void {
  renderStatus();
  if (!state || !host) return;
  const s = state;
  const f = host;
  const voted = progress ?? s.progress;
  const outlook = f.outlook;
  region(live, JSON.stringify([f.tally, outlook, voted]), () => [
    h('h2', { id: 'tally-heading' }, 'Live tally (only you see this)'),
    h('p', { 'data-testid': 'progress' }, `${voted.voted} of ${voted.eligible} voted`),
    f.tally.length > 0
      ? tallyChart(f.tally, {
          strongest: outlook
            ? Object.keys(outlook).filter((id) => outlook[id] === Math.max(...Object.values(outlook)))
            : [],
        })
      : h('p', { class: 'muted' }, 'No vote is open.'),
    outlook && f.tally.length > 0
      ? h(
          'p',
          { class: 'muted' },
          'Best final score still possible after each reply: ',
          f.tally.map((r) => `${r.index}: ${outlook[r.id] ?? '?'}`).join(', '),
        )
      : null,
  ]);
  const active = f.roster.filter((r) => !r.removed);
  region(people, JSON.stringify([f.roster, f.observers]), () => [
    h('h2', { id: 'people-heading' }, `${active.length} joined`),
    h(
      'p',
      { class: 'muted' },
      `${active.filter((r) => r.connected).length} connected \u00b7 ${f.observers} watching`,
    ),
    h(
      'ul',
      { class: 'roster' },
      ...f.roster.map((r) =>
        h(
          'li',
          {},
          h(
            'span',
            {},
            r.nickname,
            r.removed ? ' (removed)' : r.connected ? '' : ' (away)',
            r.voted ? ' \u2713 voted' : '',
          ),
          r.removed
            ? null
            : h(
                'button',
                {
                  class: 'btn btn--ghost btn--small',
                  type: 'button',
                  'data-focus': `remove-${r.seat}`,
                  'aria-label': `Remove ${r.nickname}`,
                  onclick: () =>
                    void send(
                      { type: 'command', action: 'remove', seat: r.seat },
                      `${r.nickname} was removed.`,
                    ),
                },
                'Remove',
              ),
        ),
      ),
    ),
  ]);
}

async function download(format: 'csv' | 'json'): Promise<void> {
  const reply = await connection.request<{ filename: string; text: string }>({ type: 'export', format });
  if (!reply.ok) {
    say(reply.error.message, true);
    return;
  }
  const blob = new Blob([reply.text], {
    type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
  });
  const link = h('a', { href: URL.createObjectURL(blob), download: reply.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

setInterval(() => {
  const timer = controls.querySelector('[data-testid="timer"]');
  if (timer && state) timer.textContent = timerText(state, (d) => connection.remaining(d));
}, 250);

if (code && !tokens.host(code)) say(`This browser does not hold control of room ${code}.`, true);
