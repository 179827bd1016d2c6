/**
 * Replay codes: an attempt as a short text a trainee can paste or send as a link, so a facilitator sees
 * exactly what happened. `GT1.<scenario>.<content hash>.<seed>.<choice indexes>` with base-36 numbers;
 * choices are indexes into the scenario's choices in authored order, which the content hash pins down.
 */
import type { AttemptRecord, ScenarioBundle } from './types';

const PREFIX = 'GT1';

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
    bundle.contentHash.slice(0, 8),
    attempt.seed.toString(36),
    indexes.join('-'),
  ].join('.');
}

/** The scenario id a code names, without needing the scenario (to load it first). */
export function scenarioIdOfCode(code: string): string {
  const parts = code.trim().split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX || !parts[1]) {
    throw new ReplayCodeError('That is not a Good Terms replay code (it should start with "GT1.").');
  }
  return parts[1];
}

export function decodeReplayCode(code: string, bundle: ScenarioBundle): AttemptRecord {
  const scenarioId = scenarioIdOfCode(code);
  const [, , hash = '', seedText = '', choiceText = ''] = code.trim().split('.');
  if (scenarioId !== bundle.scenario.id)
    throw new ReplayCodeError(`This code is for "${scenarioId}", not "${bundle.scenario.id}".`);
  if (!bundle.contentHash.startsWith(hash)) {
    throw new ReplayCodeError(
      `This code was made with another version of "${bundle.scenario.title}": the scenario has changed since, so the attempt cannot be replayed exactly.`,
    );
  }
  const seed = Number.parseInt(seedText, 36);
  if (!Number.isInteger(seed) || seed < 1) throw new ReplayCodeError('The code\u2019s seed is damaged.');
  const ids = allChoiceIds(bundle);
  const choices =
    choiceText === ''
      ? []
      : choiceText.split('-').map((part) => {
          const id = ids[Number.parseInt(part, 36)];
          if (!/^[0-9a-z]+$/.test(part) || !id)
            throw new ReplayCodeError('The code\u2019s list of choices is damaged.');
          return id;
        });
  return { scenarioId, contentHash: bundle.contentHash, seed, choices };
}
