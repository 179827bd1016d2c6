/**
 * Playing a scenario from a list of answers (choice ids or the numbers shown on screen), and the words
 * for what happened: each turn, and the full score breakdown. Shared by `npm run play` (scripted, piped
 * or interactive) and `npm run analyze -- --path`.
 */
import { stressWord, trustWord } from '../engine/runtime/expression';
import { coachingOf } from '../engine/runtime/lookup';
import { scoreAttempt } from '../engine/runtime/scoring';
import { Session } from '../engine/runtime/session';
import type { ConversationView, Meters, ScenarioBundle } from '../engine/runtime/types';
import { messageContext, modelNoteText, scoreItemText } from '../i18n/catalogue';
import { messages } from '../i18n/en';

export interface PlayedTurn {
  turn: number;
  nodeId: string;
  line: { id: string; text: string };
  /** The replies as shown (seeded order), numbered from 1. */
  shown: { index: number; id: string; text: string }[];
  picked: { index: number; id: string; text: string };
  feedback: string;
  better: string | undefined;
  notes: string[];
  rules: string[];
  before: Meters;
  after: Meters;
}

export interface PlayedScore {
  total: number;
  band: string;
  passed: boolean;
  hardFail: boolean;
  passMark: number;
  components: Record<string, number>;
  efficiency: number;
  compliance: number;
  verdict: string;
  breaches: { ruleId: string; severity: string; turn: number; statement: string; source: string }[];
  items: {
    component: string;
    kind: 'well' | 'fix';
    text: string;
    points: number;
    turn: number | undefined;
  }[];
}

export interface PlayResult {
  scenario: string;
  seed: number;
  variant: string | undefined;
  turns: PlayedTurn[];
  ending: { id: string; title: string; outcome: string; summary: string; line: string } | undefined;
  /** Where the answers ran out before an ending: the line and the replies on offer. */
  stopped: { nodeId: string; line: string; shown: PlayedTurn['shown'] } | undefined;
  score: PlayedScore | undefined;
}

export class AnswerError extends Error {
  constructor(
    message: string,
    readonly turn: number,
  ) {
    super(message);
    this.name = 'AnswerError';
  }
}

const shownOf = (view: ConversationView): PlayedTurn['shown'] =>
  view.status === 'active' ? view.choices.map((c) => ({ index: c.index, id: c.id, text: c.text })) : [];

/** The reply an answer names: a choice id, or the number it is shown at. */
export function resolveAnswer(view: ConversationView, answer: string): string | undefined {
  if (view.status !== 'active') return undefined;
  const a = answer.trim();
  return view.choices.find((c) => c.id === a || String(c.index) === a)?.id;
}

/** Plays the answers in order. Throws AnswerError naming the turn and what was on offer for a bad answer. */
export function playAnswers(bundle: ScenarioBundle, seed: number, answers: readonly string[]): PlayResult {
  const session = Session.start(bundle, seed);
  const turns: PlayedTurn[] = [];
  try {
    for (const answer of answers) {
      const view = session.view();
      const turnNo = turns.length + 1;
      if (view.status !== 'active')
        throw new AnswerError(
          `turn ${turnNo}: the conversation already ended (${view.ending.id}); "${answer}" is one answer too many`,
          turnNo,
        );
      const id = resolveAnswer(view, answer);
      if (!id)
        throw new AnswerError(
          `turn ${turnNo} at ${view.nodeId}: "${answer}" is not on offer; type a number 1-${view.choices.length} or one of: ${view.choices.map((c) => c.id).join(', ')}`,
          turnNo,
        );
      const shown = shownOf(view);
      session.choose(id);
      const record = session.log().at(-1);
      if (!record) throw new Error('a choice left no turn record');
      const coaching = coachingOf(bundle, session.context(), record);
      turns.push({
        turn: turnNo,
        nodeId: view.nodeId,
        line: view.line,
        shown,
        picked: shown.find((c) => c.id === id) ?? { index: 0, id, text: '' },
        feedback: coaching.feedback,
        better: coaching.better,
        notes: record.modelNotes.map((n) => modelNoteText(messages, n, messageContext(bundle))),
        rules: record.rules,
        before: record.before,
        after: record.after,
      });
    }
    return resultOf(bundle, session, turns);
  } finally {
    session.stop();
  }
}

function resultOf(bundle: ScenarioBundle, session: Session, turns: PlayedTurn[]): PlayResult {
  const view = session.view();
  const ctx = session.context();
  const base = { scenario: bundle.scenario.id, seed: session.seed, variant: ctx.variant, turns };
  if (view.status === 'active')
    return {
      ...base,
      ending: undefined,
      stopped: { nodeId: view.nodeId, line: view.line.text, shown: shownOf(view) },
      score: undefined,
    };
  const report = scoreAttempt(bundle, ctx);
  const words = messageContext(bundle);
  return {
    ...base,
    ending: {
      id: view.ending.id,
      title: view.ending.title,
      outcome: view.ending.outcome,
      summary: view.ending.summary,
      line: view.ending.line,
    },
    stopped: undefined,
    score: {
      total: report.total,
      band: messages.band[report.band],
      passed: report.passed,
      hardFail: report.hardFail,
      passMark: report.passMark,
      components: report.components,
      efficiency: report.efficiency,
      compliance: report.compliance,
      verdict: messages.verdict(report.verdict),
      breaches: report.breaches.map((b) => ({
        ruleId: b.ruleId,
        severity: b.severity,
        turn: b.turn,
        statement: b.statement,
        source: b.source,
      })),
      items: report.items.map((item) => ({
        component: item.component,
        kind: item.kind,
        text: scoreItemText(messages, item, words),
        points: item.points,
        turn: item.turn,
      })),
    },
  };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
export const meterText = (m: Meters): string =>
  `stress ${m.stress} (${stressWord(m.stress)}), trust ${m.trust} (${trustWord(m.trust)})`;

/** One turn as the terminal shows it: the line, the replies as numbered, the pick and the coaching. */
export function turnText(bundle: ScenarioBundle, t: PlayedTurn): string {
  const name = bundle.persona.name;
  return [
    `Turn ${t.turn} (${t.nodeId}). ${name}: ${t.line.text}`,
    `  [${meterText(t.before)}]`,
    ...t.shown.map((c) => `  ${c.id === t.picked.id ? '>' : ' '} ${c.index}. ${c.text}`),
    outcomeText(t),
  ].join('\n');
}

/** What a pick did: the meter change, the feedback, the model's notes, rules broken, a stronger reply. */
export function outcomeText(t: PlayedTurn): string {
  return [
    `  → ${t.picked.id}: stress ${signed(t.after.stress - t.before.stress)}, trust ${signed(t.after.trust - t.before.trust)}. ${t.feedback}`,
    ...t.notes.map((n) => `  · ${n}`),
    ...(t.rules.length ? [`  ! broke: ${t.rules.join(', ')}`] : []),
    ...(t.better ? [`  Stronger: ${t.better}`] : []),
  ].join('\n');
}

/** The end of the conversation and the full score breakdown (or where the answers ran out). */
export function endText(bundle: ScenarioBundle, r: PlayResult): string {
  if (!r.ending || !r.score) {
    const s = r.stopped;
    return [
      `The answers ran out after turn ${r.turns.length}, before an ending.`,
      ...(s
        ? [`${bundle.persona.name}: ${s.line}`, ...s.shown.map((c) => `    ${c.index}. ${c.id}: ${c.text}`)]
        : []),
    ].join('\n');
  }
  const { score } = r;
  return [
    `${bundle.persona.name}: ${r.ending.line}`,
    '',
    `== ${r.ending.title} (${r.ending.outcome}; ${r.ending.id}) ==`,
    r.ending.summary,
    '',
    `Score ${score.total} of 100: ${score.band}; ${score.passed ? 'passes' : 'does not pass'} the assessment mark of ${score.passMark}${score.hardFail ? ' (hard fail)' : ''}`,
    `  resolution ${score.components.resolution}, experience ${score.components.experience}, process ${score.components.process}; efficiency ${signed(score.efficiency)}, compliance ${signed(score.compliance)}`,
    score.verdict,
    ...score.breaches.map((b) => `  ! ${b.severity} at turn ${b.turn}: ${b.statement} (${b.source})`),
    ...score.items.map(
      (i) =>
        `  ${i.kind === 'well' ? '+' : '-'} [${i.component}${i.points ? ` ${signed(i.points)}` : ''}] ${i.text}${i.turn ? ` (turn ${i.turn})` : ''}`,
    ),
  ].join('\n');
}

export function headerText(bundle: ScenarioBundle, seed: number, variant: string | undefined): string {
  return [
    `${bundle.scenario.title} (${bundle.scenario.id}, seed ${seed}${variant ? `, variant ${variant}` : ''})`,
    ...bundle.scenario.account.facts.map((f) => `  ${f.label}: ${f.value}`),
  ].join('\n');
}
