import { describe, expect, it } from 'vitest';
import type { PersonaDef, Technique } from '../../src/engine/authoring/schema';
import { applyChoice, MODEL, type ModelNote, scaleByTraits } from '../../src/engine/runtime/patientModel';
import type { TurnRecord } from '../../src/engine/runtime/types';
import { modelNoteText } from '../../src/i18n/catalogue';
import { messages } from '../../src/i18n/en';

const average: Pick<PersonaDef, 'traits' | 'name' | 'pronoun'> = {
  name: 'Sam Rivera',
  pronoun: 'they',
  traits: { anxiety: 0.5, skepticism: 0.5, pride: 0.5, literacy: 0.5 },
};
const state = (stress: number, trust: number, previousTags: Technique[] = []) => ({
  meters: { stress, trust },
  log: previousTags.length ? [{ tags: previousTags } as TurnRecord] : [],
  asked: [] as string[],
});
const choice = (tags: Technique[], stress = 0, trust = 0, asks?: string) => ({
  tags,
  effects: { stress, trust },
  asks,
});

describe('patient model', () => {
  it('leaves base deltas unchanged for an average persona', () => {
    expect(scaleByTraits({ stress: 10, trust: 10 }, average.traits)).toEqual({ stress: 10, trust: 10 });
    expect(scaleByTraits({ stress: -10, trust: -10 }, average.traits)).toEqual({ stress: -10, trust: -10 });
  });

  it('lands the same line differently on different people', () => {
    const anxiousProud = { ...average, traits: { anxiety: 1, skepticism: 1, pride: 1, literacy: 0.5 } };
    const calmOpen = { ...average, traits: { anxiety: 0, skepticism: 0, pride: 0, literacy: 0.5 } };
    const line = choice(['pressure'], 10, -10);
    const a = applyChoice(state(30, 50), line, anxiousProud).delta;
    const b = applyChoice(state(30, 50), line, calmOpen).delta;
    expect(a.stress).toBeGreaterThan(b.stress);
    expect(a.trust).toBeLessThan(b.trust);
    const warm = choice(['support'], 0, 10);
    expect(applyChoice(state(30, 50), warm, calmOpen).delta.trust).toBeGreaterThan(
      applyChoice(state(30, 50), warm, anxiousProud).delta.trust,
    );
  });

  it('charges extra for a money ask under stress without empathy first', () => {
    const ask = choice(['clear-ask'], 0, 0);
    const tense = applyChoice(state(70, 50), ask, average);
    expect(tense.delta).toEqual({
      stress: MODEL.askUnderStress.stressPenalty,
      trust: -MODEL.askUnderStress.trustPenalty,
    });
    expect(tense.notes).toEqual([
      {
        code: 'ask-under-stress',
        trust: -MODEL.askUnderStress.trustPenalty,
        stress: MODEL.askUnderStress.stressPenalty,
      },
    ]);
    const words = { name: 'Sam', pronoun: 'they' as const, ruleStatement: (id: string) => id };
    expect(modelNoteText(messages, tense.notes[0] as ModelNote, words)).toBe(
      'Asking for money while Sam was tense, before acknowledging how they felt: trust \u22126, stress +4.',
    );
    expect(applyChoice(state(70, 50, ['name-emotion']), ask, average).delta).toEqual({ stress: 0, trust: 0 });
    expect(applyChoice(state(40, 50), ask, average).delta).toEqual({ stress: 0, trust: 0 });
  });

  it('gives naming the emotion more effect the higher stress is', () => {
    const named = choice(['name-emotion'], -5, 0);
    const low = applyChoice(state(45, 50), named, average).delta.stress;
    const high = applyChoice(state(90, 50), named, average).delta.stress;
    expect(low).toBe(-5);
    expect(high).toBe(-5 - 8);
  });

  it('rewards honesty about uncertainty more in skeptics', () => {
    const honest = choice(['honest-uncertainty'], 0, 4);
    const skeptic = { ...average, traits: { ...average.traits, skepticism: 1 } };
    expect(applyChoice(state(40, 50), honest, skeptic).delta.trust).toBe(Math.round(4 * 0.7) + 6);
  });

  it('raises stress when a question is asked again', () => {
    const again = { ...state(40, 50), asked: ['dob'] };
    const impact = applyChoice(again, choice([], 0, 0, 'dob'), average);
    expect(impact.delta).toEqual({
      stress: MODEL.repeatedQuestion.stress,
      trust: MODEL.repeatedQuestion.trust,
    });
    expect(impact.notes).toEqual([{ code: 'asked-again', asks: 'dob', ...impact.delta }]);
  });

  it('halves the benefit of empathy repeated by rote', () => {
    const sorry = choice(['apologize'], -6, 6);
    const twice = {
      ...state(50, 50),
      log: [{ tags: ['apologize'] }, { tags: ['apologize'] }] as TurnRecord[],
    };
    expect(applyChoice(twice, sorry, average).delta).toEqual({ stress: -3, trust: 3 });
    const once = {
      ...state(50, 50),
      log: [{ tags: ['apologize'] }, { tags: ['clear-ask'] }] as TurnRecord[],
    };
    expect(applyChoice(once, sorry, average).delta).toEqual({ stress: -6, trust: 6 });
  });

  it('costs low-literacy patients extra stress for jargon', () => {
    const jargon = choice(['jargon'], 2, 0);
    const low = { ...average, traits: { ...average.traits, literacy: 0 } };
    const high = { ...average, traits: { ...average.traits, literacy: 1 } };
    expect(applyChoice(state(30, 50), jargon, low).delta.stress).toBe(2 + 6);
    expect(applyChoice(state(30, 50), jargon, high).delta.stress).toBe(2);
  });

  it('clamps meters to 0..100', () => {
    expect(applyChoice(state(95, 5), choice(['threat'], 40, -40), average).meters).toEqual({
      stress: 100,
      trust: 0,
    });
    expect(applyChoice(state(5, 95), choice([], -40, 40), average).meters).toEqual({ stress: 0, trust: 100 });
  });
});
