/**
 * The engine's runtime surface for the browser. Pure TypeScript: no Phaser, no DOM, no Node APIs.
 * Authoring pieces (loader, schema, analysis) are imported from their modules by the CLI and tests, so
 * the browser build does not carry the YAML parser or the schema library.
 */

export type { PersonaDef, RuleDef, ScenarioDef, Setting, Technique } from '../authoring/schema';
export type { PatientCue } from './compiler';
export { EXPRESSIONS, type Expression, expressionFor, stressWord, trustWord } from './expression';
export { languageParts, type Phrase, type TextPart } from './languages';
export { EMPTY_LEDGER } from './ledger';
export { choiceOf, coachingOf, firstNameOf, lineTextOf } from './lookup';
export { randomSeed } from './rng';
export { type BreachView, type ScoreItem, type ScoreReport, scoreAttempt } from './scoring';
export { ChoiceUnavailableError, ReplayError, Session, type SessionSave } from './session';
export type * from './types';
