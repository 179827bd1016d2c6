/**
 * The debrief's meter chart as SVG in the DOM, so every marker can take focus: hovering or focusing a
 * marker shows that turn's choice and feedback. Stress and trust differ by line style and marker shape,
 * never by colour alone, and a table carries the same numbers for screen readers.
 */
import type { Meters, TurnRecord } from '../engine/runtime';
import { h } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const W = 520;
const H = 320;
/** Room for the axis labels, which grow with the text size (up to 24 px at 200%). */
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

export interface ChartTurn {
  turn: TurnRecord;
  choiceText: string;
  feedback: string;
}

export function meterChart(start: Meters, turns: ChartTurn[]): HTMLElement {
  const series: Meters[] = [start, ...turns.map((t) => t.turn.after)];
  const steps = Math.max(series.length - 1, 1);
  const x = (i: number): number => PAD.left + (i / steps) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + (1 - v / 100) * (H - PAD.top - PAD.bottom);
  const tip = h(
    'p',
    { class: 'chart-tip', 'aria-live': 'polite' },
    'Hover over or focus a marker to see that turn.',
  );

  const grid = [0, 25, 50, 75, 100].flatMap((v) => [
    svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'chart-grid' }),
    svg('text', { x: PAD.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-label' }, String(v)),
  ]);
  const xLabels = series.map((_, i) =>
    svg(
      'text',
      { x: x(i), y: H - 10, 'text-anchor': 'middle', class: 'chart-label' },
      i === 0 ? 'start' : String(i),
    ),
  );
  const path = (key: keyof Meters): string =>
    series.map((m, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(m[key]).toFixed(1)}`).join(' ');

  const markers = turns.flatMap((t, i) => {
    const { turn } = t;
    // A short name; what was said is its description (and in the tip shown on focus, with the coach's words).
    const label = `Turn ${turn.turn}: stress ${turn.after.stress}, trust ${turn.after.trust}`;
    const show = (): void => {
      tip.replaceChildren(
        h('strong', {}, `Turn ${turn.turn}: `),
        `\u201c${t.choiceText}\u201d `,
        h('span', { class: 'muted' }, t.feedback),
      );
    };
    const cx = x(i + 1);
    const group = svg(
      'g',
      {
        tabindex: 0,
        role: 'img',
        'aria-label': label,
        'aria-describedby': `chart-said-${turn.turn}`,
        class: 'chart-marker',
        'data-turn': turn.turn,
      },
      svg('rect', {
        x: cx - 12,
        y: PAD.top,
        width: 24,
        height: H - PAD.top - PAD.bottom,
        class: 'chart-hit',
      }),
      svg('path', { d: `M${cx},${y(turn.after.stress) - 8} l-7,12 h14 z`, class: 'chart-stress-marker' }),
      svg('circle', { cx, cy: y(turn.after.trust), r: 6, class: 'chart-trust-marker' }),
    );
    group.addEventListener('mouseenter', show);
    group.addEventListener('focus', show);
    return [group];
  });

  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      class: 'chart',
      role: 'group',
      'aria-label': 'Stress and trust after each turn',
    },
    ...grid,
    ...xLabels,
    svg('path', { d: path('stress'), class: 'chart-stress' }),
    svg('path', { d: path('trust'), class: 'chart-trust' }),
    svg('path', { d: `M${x(0)},${y(start.stress) - 8} l-7,12 h14 z`, class: 'chart-stress-marker' }),
    svg('circle', { cx: x(0), cy: y(start.trust), r: 6, class: 'chart-trust-marker' }),
    ...markers,
  );

  const table = h(
    'table',
    { class: 'chart-table' },
    h('caption', {}, 'Stress and trust by turn'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Turn'),
        h('th', { scope: 'col' }, 'Stress'),
        h('th', { scope: 'col' }, 'Trust'),
      ),
    ),
    h(
      'tbody',
      {},
      ...series.map((m, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, i === 0 ? 'Start' : String(i)),
          h('td', {}, m.stress),
          h('td', {}, m.trust),
        ),
      ),
    ),
  );

  return h(
    'figure',
    { class: 'chart-card', 'aria-labelledby': 'chart-heading' },
    h('h2', { id: 'chart-heading' }, 'How the patient felt, turn by turn'),
    chart,
    h(
      'p',
      { class: 'chart-legend' },
      h('span', { class: 'legend-stress' }, 'Stress: dashed line, triangles'),
      h('span', { class: 'legend-trust' }, 'Trust: solid line, circles'),
    ),
    tip,
    h('details', {}, h('summary', {}, 'The chart as a table'), table),
    // The markers' descriptions: never shown, read with the marker.
    ...turns.map((t) =>
      h('p', { id: `chart-said-${t.turn.turn}`, hidden: true }, `You said: \u201c${t.choiceText}\u201d`),
    ),
  );
}
