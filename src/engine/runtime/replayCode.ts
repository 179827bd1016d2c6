/**
 * Replay codes: an attempt as a short text a trainee can paste or send as a link, so a facilitator sees
 * exactly what happened. `GT1.<scenario>.<content hash>.<seed>.<choice indexes>` with base-36 numbers;
 * choices are indexes into the scenario's choices in authored order, which the content hash pins down.
 */
import type { AttemptRecord, ScenarioBundle } from './types';

const PREFIX = 'GT1';
/** Far above any real attempt (60 choices of 3 characters), low enough that no input is parsed for long. */
export const MAX_CODE_LENGTH = 600;
const HASH_LENGTH = 8;
const BASE36 = /^[0-9a-z]+$/;
const HASH = /^[0-9a-f]{8}$/;

export class ReplayCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayCodeError';
  }
}

function allChoiceIds(bundle: ScenarioBundle): string[] {
  return Object.values(bundle.scenario.nodes).flatMap((n) => n.choices.map((c) => c.id));
}

export function encodeReplayCode(bundle: ScenarioBundle, attempt: AttemptRecord): string {
  const ids = allChoiceIds(bundle);
  const indexes = attempt.choices.map((id) => {
    const i = ids.indexOf(id);
    if (i < 0) throw new ReplayCodeError(`choice "${id}" is not in ${bundle.scenario.id}`);
    return i.toString(36);
  });
  return [
    PREFIX,
    bundle.scenario.id,
    bundle.contentHash.slice(0, HASH_LENGTH),
    attempt.seed.toString(36),
    indexes.join('-'),
  ].join('.');
}

/**
 * The scenario id a code names, without needing the scenario (to load it first). Messages never repeat
 * the input: a pasted code can be anything, of any length.
 */
export function scenarioIdOfCode(code: string): string {
  const trimmed = code.trim();
  if (trimmed.length > MAX_CODE_LENGTH) {
    throw new ReplayCodeError(
      `That is too long to be a Good Terms replay code (codes are under ${MAX_CODE_LENGTH} characters).`,
    );
  }
  const parts = trimmed.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX || !parts[1] || !/^[a-z0-9][a-z0-9-]*$/.test(parts[1])) {
    throw new ReplayCodeError('That is not a Good Terms replay code (it should start with "GT1.").');
  }
  return parts[1];
}

export function decodeReplayCode(code: string, bundle: ScenarioBundle): AttemptRecord {
  const scenarioId = scenarioIdOfCode(code);
  const [, , hash = '', seedText = '', choiceText = ''] = code.trim().split('.');
  if (scenarioId !== bundle.scenario.id)
    throw new ReplayCodeError(`This code is for another scenario, not \u201c${bundle.scenario.title}\u201d.`);
  // An empty or shortened hash would match any version: only the full prefix identifies the content.
  if (!HASH.test(hash)) throw new ReplayCodeError('The code\u2019s version mark is damaged.');
  if (!bundle.contentHash.startsWith(hash)) {
    throw new ReplayCodeError(
      `This code was made with another version of "${bundle.scenario.title}": the scenario has changed since, so the attempt cannot be replayed exactly.`,
    );
  }
  const seed = BASE36.test(seedText) ? Number.parseInt(seedText, 36) : Number.NaN;
  if (!Number.isSafeInteger(seed) || seed < 1) throw new ReplayCodeError('The code\u2019s seed is damaged.');
  const ids = allChoiceIds(bundle);
  const choices =
    choiceText === ''
      ? []
      : choiceText.split('-').map((part) => {
          const id = BASE36.test(part) ? ids[Number.parseInt(part, 36)] : undefined;
          if (!id) throw new ReplayCodeError('The code\u2019s list of choices is damaged.');
          return id;
        });
  return { scenarioId, contentHash: bundle.contentHash, seed, choices };
}
