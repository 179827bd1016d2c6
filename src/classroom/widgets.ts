/** Pieces the classroom pages share: the vote spread as bars, the countdown, labels. */
import { h, signed } from '../ui/dom';
import type { Phase, PublicState, TallyRow } from './protocol';

/** A bar per reply with its count and share; text carries everything the bars show. */
/** A bar's fill, sized through the CSSOM: the pages' CSP (style-src 'self') refuses style attributes. */
function barFill(share: number): HTMLElement {
  const fill = h('span', { class: 'tally__fill' });
  fill.style.width = `${share}%`;
  return fill;
}

export function tallyChart(
  rows: readonly TallyRow[],
  marks: { landed?: string | undefined; mine?: string | undefined; strongest?: readonly string[] } = {},
): HTMLElement {
  const total = rows.reduce((n, r) => n + r.votes, 0);
  return h(
    'ol',
    { class: 'tally', 'aria-label': `Votes: ${total} in all` },
    ...rows.map((row) => {
      const share = total > 0 ? Math.round((row.votes / total) * 100) : 0;
      const notes = [
        row.id === marks.landed ? 'chosen' : undefined,
        row.id === marks.mine ? 'your vote' : undefined,
        marks.strongest?.includes(row.id) ? 'strongest' : undefined,
      ].filter((n): n is string => n !== undefined);
      return h(
        'li',
        {
          class: `tally__row${row.id === marks.landed ? ' tally__row--landed' : ''}`,
          'data-choice-id': row.id,
        },
        h(
          'span',
          { class: 'tally__label' },
          h('span', { class: 'choice__key' }, row.index),
          h('span', {}, row.text),
        ),
        h('span', { class: 'tally__bar', 'aria-hidden': 'true' }, barFill(share)),
        h(
          'span',
          { class: 'tally__count' },
          `${row.votes} ${row.votes === 1 ? 'vote' : 'votes'} (${share}%)`,
          notes.length > 0 ? h('span', { class: 'tally__notes' }, ` \u00b7 ${notes.join(', ')}`) : null,
        ),
      );
    }),
  );
}

export const PHASE_LABELS: Record<Phase, string> = {
  lobby: 'Waiting to start',
  voting: 'Voting',
  closed: 'Vote closed',
  revealed: 'Results',
  paused: 'Paused',
  ended: 'Session over',
};

export function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What the timer says now: a countdown, frozen while paused, or nothing when the vote is untimed. */
export function timerText(state: PublicState, remaining: (deadline: number) => number): string {
  if (!state.vote) return '';
  if (state.phase === 'paused' && state.vote.remainingMs !== undefined)
    return `${clock(state.vote.remainingMs)} left (paused)`;
  if (state.phase !== 'voting') return '';
  if (state.vote.deadline === undefined) return 'No time limit';
  return `${clock(remaining(state.vote.deadline))} left`;
}

export const BAND_LABELS: Record<string, string> = {
  exemplary: 'Exemplary',
  proficient: 'Proficient',
  developing: 'Developing',
  'needs-remediation': 'Needs remediation',
};

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** The decision that landed: which reply, who chose it, what it did to the patient, and the coach note. */
export function decisionDetails(state: PublicState): HTMLElement[] {
  const d = state.decision;
  if (!d) return [];
  const who = d.by === 'class' ? 'The class chose' : 'The trainer chose';
  const meters: HTMLElement | null =
    d.before && d.after
      ? h(
          'p',
          { 'data-testid': 'meter-change' },
          `Stress ${d.before.stress} \u2192 ${d.after.stress} (${signed(d.after.stress - d.before.stress)}), trust ${d.before.trust} \u2192 ${d.after.trust} (${signed(d.after.trust - d.before.trust)}).`,
        )
      : null;
  const parts: (HTMLElement | null)[] = [
    h(
      'p',
      { class: 'decision', 'data-testid': 'decision' },
      `${who} reply ${d.index}: `,
      h('strong', {}, d.text),
    ),
    meters,
    d.feedback
      ? h(
          'div',
          { class: 'coach-note', 'data-testid': 'coach-note' },
          h('p', {}, h('strong', {}, 'Coach: '), d.feedback),
          d.better ? h('p', {}, h('strong', {}, 'Stronger: '), d.better) : null,
        )
      : null,
    state.conversation.ending
      ? h(
          'p',
          { class: 'ending' },
          h('strong', {}, state.conversation.ending.title),
          ` \u2014 ${state.conversation.ending.line}`,
        )
      : null,
  ];
  return parts.filter((e): e is HTMLElement => e !== null);
}
