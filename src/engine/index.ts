/** The engine's public surface. Pure TypeScript: no Phaser, no DOM, no Node APIs. */
export { EMPTY_LEDGER, type PatientCue } from './compiler';
export { EXPRESSIONS, type Expression, expressionFor, stressWord, trustWord } from './expression';
export { type ContentError, type Diagnostic, formatDiagnostic, summarize } from './loader';
export { randomSeed } from './rng';
export type { PersonaDef, RuleDef, ScenarioDef, Setting, Technique } from './schema';
export { type BreachView, type ScoreItem, type ScoreReport, scoreAttempt } from './scoring';
export { ChoiceUnavailableError, ReplayError, Session, type SessionSave } from './session';
export type * from './types';
