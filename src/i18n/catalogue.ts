/**
 * The words for what the engine says in codes and numbers. The engine never builds a sentence; screens,
 * the CLI and the classroom ask a catalogue. A second language is a second object of this type (the type
 * makes a missing message a compile error), not a code change.
 */
import { firstNameOf } from '../engine/runtime/lookup';
import type { ModelNote } from '../engine/runtime/patientModel';
import type {
  Band,
  CapReason,
  ScoreCode,
  ScoreItem,
  ScoreParams,
  Verdict,
  WeightedComponent,
} from '../engine/runtime/scoring';
import type { ScenarioBundle } from '../engine/runtime/types';
import type { ChecklistItem } from '../engine/runtime/vocabulary';

/** What a message may need besides its own parameters: who the patient is and the scenario's rules. */
export interface MessageContext {
  /** The patient's first name. */
  name: string;
  pronoun: 'she' | 'he' | 'they';
  /** Rule statements by id (the scenario's rules catalogue, which is content). */
  ruleStatement: (ruleId: string) => string;
}

export interface Catalogue {
  locale: string;
  money: (amount: number) => string;
  modelNote: {
    [C in ModelNote['code']]: (note: Extract<ModelNote, { code: C }>, ctx: MessageContext) => string;
  };
  scoreItem: { [C in ScoreCode]: (params: ScoreParams[C], ctx: MessageContext) => string };
  checklist: Record<ChecklistItem, string>;
  band: Record<Band, string>;
  component: Record<WeightedComponent, { label: string; explain: string }>;
  cap: Record<CapReason, (cap: number) => string>;
  verdict: (verdict: Verdict) => string;
  /** The scoring formula, stated from the scoring constants. */
  formula: string[];
}

/** One score item in words. */
export function scoreItemText(catalogue: Catalogue, item: ScoreItem, ctx: MessageContext): string {
  const render = catalogue.scoreItem[item.code] as (
    params: ScoreItem['params'],
    ctx: MessageContext,
  ) => string;
  return render(item.params, ctx);
}

/** One patient-model note in words. */
export function modelNoteText(catalogue: Catalogue, note: ModelNote, ctx: MessageContext): string {
  const render = catalogue.modelNote[note.code] as (note: ModelNote, ctx: MessageContext) => string;
  return render(note, ctx);
}

/** The context for messages about one scenario's patient. */
export function messageContext(bundle: Pick<ScenarioBundle, 'persona' | 'rules'>): MessageContext {
  return {
    name: firstNameOf(bundle.persona),
    pronoun: bundle.persona.pronoun,
    ruleStatement: (ruleId) => bundle.rules[ruleId]?.statement ?? ruleId,
  };
}
