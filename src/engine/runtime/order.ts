/**
 * The order replies are shown in. Authored order means nothing: it is where an author happened to write
 * the best reply (first, at almost every decision point, before this existed), so the engine shows a
 * permutation drawn from the attempt's seed, the turn and the node. It is a pure function of those, not
 * a draw from the context's RNG, so showing the replies changes nothing in the patient's state: the same
 * seed and choices give the same screen on every replay, in every classroom seat and in every LMS resume.
 */
import { nextRandom } from './rng';

/** FNV-1a over the node id, folded with the seed and turn: a per-screen seed for the permutation. */
function screenSeed(seed: number, turn: number, nodeId: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < nodeId.length; i++) h = Math.imul(h ^ nodeId.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ turn, 0x01000193) | 0;
}

/** The items in shown order (Fisher-Yates driven by mulberry32). Returns a new array. */
export function shownOrder<T>(items: readonly T[], seed: number, turn: number, nodeId: string): T[] {
  const out = [...items];
  let state = screenSeed(seed, turn, nodeId);
  for (let i = out.length - 1; i > 0; i--) {
    const [r, next] = nextRandom(state);
    state = next;
    const j = Math.floor(r * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
