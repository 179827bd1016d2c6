/**
 * Types shared by the engine and everything that reads it (front end, CLI, tests).
 * The engine's public surface is the session (session.ts); these are the shapes it hands out.
 */

import type {
  EndingDef,
  MeterName,
  PersonaDef,
  RuleDef,
  ScenarioDef,
  Setting,
  Technique,
} from '../authoring/schema';
import type { Ledger } from './ledger';
import type { ModelNote } from './patientModel';

export type Meters = Record<MeterName, number>;

/** A scenario with everything it references resolved: what the compiler and the front end consume. */
export interface ScenarioBundle {
  scenario: ScenarioDef;
  persona: PersonaDef;
  /** Only the rules the scenario references, keyed by id. */
  rules: Record<string, RuleDef>;
  /**
   * Stable hash of the structure of the scenario, persona and rules (not their words): a save or replay
   * code made against content that behaves differently is detectable, and a rewording or translation
   * keeps them valid.
   */
  contentHash: string;
}

/** What the select screen needs, without loading the whole scenario. */
export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  setting: Setting;
  domain: ScenarioDef['domain'];
  difficulty: number;
  estimatedMinutes: number;
  objectives: string[];
  personaName: string;
  look: PersonaDef['look'];
}

export type { Ledger } from './ledger';

export interface RuleBreach {
  ruleId: string;
  turn: number;
  choiceId: string;
}

/** One decision the trainee made, with everything the debrief needs to explain it. */
export interface TurnRecord {
  turn: number;
  nodeId: string;
  lineId: string;
  choiceId: string;
  tags: Technique[];
  before: Meters;
  after: Meters;
  /** Why the patient model changed the authored deltas (for coaching), as codes with numbers. */
  modelNotes: ModelNote[];
  rules: string[];
}

export interface PatientContext {
  meters: Meters;
  /** Seeded RNG state (mulberry32); every random pick advances it, so replays are exact. */
  rng: number;
  seed: number;
  /** The persona variant the seed picked, when the scenario has variants. */
  variant: string | undefined;
  /** Facts established in the conversation ("verified", "hardship-disclosed"). */
  flags: string[];
  /** Pieces of information already asked for (asking twice annoys the patient). */
  asked: string[];
  ledger: Ledger;
  breaches: RuleBreach[];
  log: TurnRecord[];
  /** The line the patient is saying now (a node id, or a variant id). */
  lineId: string;
  nodeId: string;
}

export interface ChoiceView {
  id: string;
  /** 1-based position in the shown order (the number-key shortcut); the order comes from the seed. */
  index: number;
  text: string;
}

export interface EndingView extends EndingDef {
  id: string;
}

interface ViewBase {
  turn: number;
  nodeId: string;
  line: { id: string; text: string };
  meters: Meters;
  ledger: Ledger;
}

/** Everything the screen shows at one moment: a pure projection of the actor snapshot. */
export type ConversationView =
  | (ViewBase & {
      status: 'active';
      cue: string | undefined;
      thought: string | undefined;
      /** In shown order (seeded), not authored order. */
      choices: ChoiceView[];
    })
  | (ViewBase & { status: 'ended'; ending: EndingView });

/** Practice coaches (hints, feedback, rewind); assessment is summative (no help, a pass mark). */
export type Mode = 'practice' | 'assessment';

/** An attempt is its seed and choices: the save format, the replay format and the analytics record. */
export interface AttemptRecord {
  scenarioId: string;
  contentHash: string;
  seed: number;
  choices: string[];
}
