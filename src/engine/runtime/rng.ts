/**
 * Seeded randomness kept in the actor's context. mulberry32 is tiny, fast and its whole state is one
 * 32-bit integer, so a persisted snapshot carries the RNG exactly and a replay repeats every pick.
 */

/** Advances the state and returns [a float in [0, 1), the next state]. */
export function nextRandom(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Picks an index by weight; returns [index, next state]. */
export function pickWeighted(state: number, weights: readonly number[]): [number, number] {
  const [r, next] = nextRandom(state);
  const total = weights.reduce((sum, w) => sum + w, 0);
  let threshold = r * total;
  for (let i = 0; i < weights.length; i++) {
    threshold -= weights[i] ?? 0;
    if (threshold < 0) return [i, next];
  }
  return [weights.length - 1, next];
}

/** A seed trainees can read aloud: a positive integer below one million. */
export function randomSeed(): number {
  return 1 + Math.floor(Math.random() * 999_999);
}
