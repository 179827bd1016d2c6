import { readFileSync } from 'node:fs';
import { EMPTY_LEDGER } from '../../../src/engine/runtime/ledger';
import { type AttemptSummary, FORMAT_VERSION, type InProgress } from '../../../src/progress/types';

export const SAVES = new URL('../../fixtures/saves/', import.meta.url).pathname;

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(`${SAVES}${name}`, 'utf8'));
}

let counter = 0;

/** A valid current-format attempt; override what the test is about. */
export function attempt(overrides: Partial<AttemptSummary> = {}): AttemptSummary {
  counter += 1;
  const finishedAt = overrides.finishedAt ?? new Date(Date.UTC(2026, 0, 1, 10, counter)).toISOString();
  return {
    formatVersion: FORMAT_VERSION,
    id: `attempt-${counter}`,
    scenarioId: 'mini',
    scenarioTitle: 'Mini copay',
    scenarioVersion: 1,
    contentHash: '0123456789abcdef',
    seed: 42,
    choices: ['warm', 'ask-copay'],
    mode: 'practice',
    total: 88,
    components: { resolution: 100, experience: 58, process: 100 },
    hardFail: false,
    passed: true,
    passMark: 80,
    endingId: 'happy',
    endingTitle: 'Paid and happy',
    outcome: 'good',
    ledger: { ...EMPTY_LEDGER, collected: 50 },
    turns: [
      {
        turn: 1,
        nodeId: 'greet',
        choiceId: 'warm',
        choiceText: 'Hi, I can see you are in a hurry; this takes two minutes.',
        tags: ['acknowledge'],
        before: { stress: 50, trust: 50 },
        after: { stress: 40, trust: 58 },
        rules: [],
        at: '2026-01-01T09:59:30.000Z',
      },
    ],
    startedAt: '2026-01-01T09:59:00.000Z',
    finishedAt,
    ...overrides,
  };
}

/** A valid current-format conversation in progress; override what the test is about. */
export function inProgress(over: Partial<InProgress> = {}): InProgress {
  return {
    formatVersion: FORMAT_VERSION,
    attemptId: 'mini-attempt-1',
    save: { format: 2, scenarioId: 'mini', contentHash: 'abc', seed: 42, choices: ['warm'] },
    mode: 'assessment',
    scenarioTitle: 'Mini copay',
    startedAt: '2026-01-01T10:00:00.000Z',
    turnTimes: ['2026-01-01T10:00:20.000Z'],
    savedAt: '2026-01-01T10:00:20.000Z',
    ...over,
  };
}

/** Creates a database the way schema version 1 (the previous release) left it. */
export async function schemaOneDatabase(factory: IDBFactory, name: string): Promise<void> {
  const open = factory.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('attempts');
    open.result.createObjectStore('meta');
    open.result.createObjectStore('setAside', { autoIncrement: true });
  };
  (await request(open)).close();
}

/** Writes a record straight into the database, as a damaged or older build might have left it. */
export async function rawPut(
  factory: IDBFactory,
  name: string,
  store: 'attempts' | 'meta' | 'inProgress',
  key: string,
  value: unknown,
): Promise<void> {
  const db = await request(factory.open(name));
  const tx = db.transaction(store, 'readwrite');
  tx.objectStore(store).put(value, key);
  await done(tx);
  db.close();
}

export async function rawGetAll(factory: IDBFactory, name: string, store: string): Promise<unknown[]> {
  const db = await request(factory.open(name));
  const values = await request(db.transaction(store).objectStore(store).getAll());
  db.close();
  return values;
}

export async function rawKeys(factory: IDBFactory, name: string, store: string): Promise<IDBValidKey[]> {
  const db = await request(factory.open(name));
  const keys = await request(db.transaction(store).objectStore(store).getAllKeys());
  db.close();
  return keys;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
