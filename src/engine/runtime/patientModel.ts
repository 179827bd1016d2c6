/**
 * The patient model: how an authored choice lands on a particular person in a particular state.
 *
 * Authors write base deltas for an average patient. The model then applies a few rules, each one
 * grounded in domain.md §4.3, and returns the new meters plus a note (a code with its numbers) for every
 * rule that fired, so the coach and the debrief can say *why* a line landed the way it did; the words are
 * the message catalogue's (src/i18n).
 *
 *  1. Traits scale deltas: stress increases by anxiety, trust gains shrink with skepticism,
 *     trust losses grow with pride (judgment stings), jargon costs more stress at low literacy.
 *  2. A money ask under stress with no empathy on this or the previous turn costs extra trust and stress.
 *  3. Naming or understanding an emotion relieves more stress the higher stress is.
 *  4. Honesty about uncertainty earns extra trust from skeptical people.
 *  5. Asking again for something the patient already answered raises stress and costs trust.
 *  6. Empathy repeated by rote wears thin: a technique's third use onward has its benefits halved.
 */

import type { ChoiceDef, PersonaDef, Technique } from '../authoring/schema';
import type { Meters, PatientContext, TurnRecord } from './types';
import { ASK_TECHNIQUES, EMPATHY_TECHNIQUES } from './vocabulary';

export const MODEL = {
  askUnderStress: { stressAtLeast: 60, trustPenalty: 6, stressPenalty: 4 },
  namedEmotion: { stressAbove: 50, reliefPerFivePoints: 1, maxRelief: 10 },
  honestUncertainty: { trustPerSkepticism: 6 },
  repeatedQuestion: { stress: 8, trust: -4 },
  jargon: { stressAtZeroLiteracy: 6 },
  empathyWearsThinAfter: 2,
} as const;

/** Why the model changed the authored deltas: one code per rule that fired, with the points it moved. */
export type ModelNote =
  | { code: 'jargon-confused'; stress: number }
  | { code: 'ask-under-stress'; trust: number; stress: number }
  | { code: 'named-emotion-relief'; stress: number }
  | { code: 'honesty-earned-trust'; trust: number }
  | { code: 'asked-again'; asks: string; stress: number; trust: number }
  | { code: 'empathy-worn'; techniques: Technique[] };

export interface Impact {
  meters: Meters;
  /** Deltas actually applied, after modulation and clamping. */
  delta: Meters;
  notes: ModelNote[];
}

export const clampMeter = (value: number): number => Math.max(0, Math.min(100, Math.round(value)));

const has = (tags: readonly Technique[], any: readonly Technique[]): boolean =>
  tags.some((t) => any.includes(t));

/**
 * How many earlier turns used a technique. Read from the log when an empathy reply needs it (a scan of a
 * dozen turns), not kept as counts in the context: copying a record of counts on every choice cost the
 * analyzer more than all the scans it replaces.
 */
function usesOf(log: readonly Pick<TurnRecord, 'tags'>[], technique: Technique): number {
  let uses = 0;
  for (const turn of log) if (turn.tags.includes(technique)) uses += 1;
  return uses;
}

export function scaleByTraits(
  base: { stress: number; trust: number },
  traits: PersonaDef['traits'],
): { stress: number; trust: number } {
  const stress = base.stress > 0 ? base.stress * (0.6 + 0.8 * traits.anxiety) : base.stress;
  const trust =
    base.trust > 0 ? base.trust * (1.3 - 0.6 * traits.skepticism) : base.trust * (0.7 + 0.6 * traits.pride);
  return { stress, trust };
}

export function applyChoice(
  ctx: Pick<PatientContext, 'meters' | 'log' | 'asked'>,
  choice: Pick<ChoiceDef, 'tags' | 'effects' | 'asks'>,
  persona: Pick<PersonaDef, 'traits'>,
): Impact {
  const notes: ModelNote[] = [];
  const tags = choice.tags;
  let { stress, trust } = scaleByTraits(
    { stress: choice.effects.stress ?? 0, trust: choice.effects.trust ?? 0 },
    persona.traits,
  );

  if (tags.includes('jargon')) {
    const extra = MODEL.jargon.stressAtZeroLiteracy * (1 - persona.traits.literacy);
    if (extra >= 1) {
      stress += extra;
      notes.push({ code: 'jargon-confused', stress: Math.round(extra) });
    }
  }

  const previousTags = ctx.log.at(-1)?.tags ?? [];
  if (
    has(tags, ASK_TECHNIQUES) &&
    ctx.meters.stress >= MODEL.askUnderStress.stressAtLeast &&
    !has(tags, EMPATHY_TECHNIQUES) &&
    !has(previousTags, EMPATHY_TECHNIQUES)
  ) {
    trust -= MODEL.askUnderStress.trustPenalty;
    stress += MODEL.askUnderStress.stressPenalty;
    notes.push({
      code: 'ask-under-stress',
      trust: -MODEL.askUnderStress.trustPenalty,
      stress: MODEL.askUnderStress.stressPenalty,
    });
  }

  if (
    (tags.includes('name-emotion') || tags.includes('understand')) &&
    ctx.meters.stress > MODEL.namedEmotion.stressAbove
  ) {
    const relief = Math.min(
      MODEL.namedEmotion.maxRelief,
      Math.floor((ctx.meters.stress - MODEL.namedEmotion.stressAbove) / 5) *
        MODEL.namedEmotion.reliefPerFivePoints,
    );
    if (relief > 0) {
      stress -= relief;
      notes.push({ code: 'named-emotion-relief', stress: -relief });
    }
  }

  if (tags.includes('honest-uncertainty')) {
    const extra = Math.round(MODEL.honestUncertainty.trustPerSkepticism * persona.traits.skepticism);
    if (extra > 0) {
      trust += extra;
      notes.push({ code: 'honesty-earned-trust', trust: extra });
    }
  }

  if (choice.asks && ctx.asked.includes(choice.asks)) {
    stress += MODEL.repeatedQuestion.stress;
    trust += MODEL.repeatedQuestion.trust;
    notes.push({
      code: 'asked-again',
      asks: choice.asks,
      stress: MODEL.repeatedQuestion.stress,
      trust: MODEL.repeatedQuestion.trust,
    });
  }

  const worn = tags.filter(
    (t) => EMPATHY_TECHNIQUES.includes(t) && usesOf(ctx.log, t) >= MODEL.empathyWearsThinAfter,
  );
  if (worn.length > 0) {
    if (stress < 0) stress /= 2;
    if (trust > 0) trust /= 2;
    notes.push({ code: 'empathy-worn', techniques: worn });
  }

  const meters = {
    stress: clampMeter(ctx.meters.stress + stress),
    trust: clampMeter(ctx.meters.trust + trust),
  };
  return {
    meters,
    delta: { stress: meters.stress - ctx.meters.stress, trust: meters.trust - ctx.meters.trust },
    notes,
  };
}
