/**
 * The progress layer's public API for the UI. Not re-exported here: ./catalog (imports the build's
 * virtual module) and ./curriculumFile (Node only).
 */
export * from './csv';
export * from './curriculum';
export * from './exportImport';
export { type MigrateResult, migrate, migrateAttempt, migrateInProgress, migrateProfile } from './migrations';
export * from './resume';
export * from './settings';
export * from './store';
export * from './summary';
export * from './types';
