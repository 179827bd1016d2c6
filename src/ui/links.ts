/**
 * What a link asks for: `?seed=N` and `#replay=<code>`. Pure (no DOM), so a fuzz test can throw any text at
 * it; every problem becomes a message for the title screen, never an exception.
 */

export const DAMAGED_LINK =
  'This replay link is damaged (part of it may have been lost when it was copied). Ask for the code itself and paste it on the scenario list.';
export const BAD_SEED =
  'The seed in this link is not a whole number from 1 to 9999999, so each attempt draws its own patient.';

/** `?seed=N` fixes the patient for every attempt; anything else in it is reported. */
export function seedFromSearch(search: string): { seed: number | undefined; problem: string | undefined } {
  const raw = new URLSearchParams(search).get('seed');
  if (raw === null) return { seed: undefined, problem: undefined };
  const seed = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  return seed >= 1 ? { seed, problem: undefined } : { seed: undefined, problem: BAD_SEED };
}

/** The replay code in `#replay=…`, undefined for any other hash, or the reason it cannot be read. */
export function replayCodeFromHash(hash: string): { code: string } | { problem: string } | undefined {
  if (!hash.startsWith('#replay=')) return undefined;
  try {
    return { code: decodeURIComponent(hash.slice('#replay='.length)) };
  } catch {
    return { problem: DAMAGED_LINK };
  }
}
