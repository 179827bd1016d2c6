/**
 * The progress layer's public API for the UI's first load. Not re-exported here, so the schema library
 * stays out of the first load: ./migrations (record checks) and ./exportImport (which uses them); import
 * them where they are needed, lazily in the browser.
 */
export * from './csv';
export * from './curriculum';
export * from './library';
export * from './resume';
export * from './settings';
export * from './store';
export * from './summary';
export * from './types';
