/**
 * How the patient looks and how the meters read in words: a pure projection of the meters,
 * so the portrait and the screen-reader text always agree with the snapshot.
 */
import type { Meters } from './types';

export const EXPRESSIONS = ['calm', 'worried', 'irritated', 'distressed', 'relieved'] as const;
export type Expression = (typeof EXPRESSIONS)[number];

export function expressionFor({ stress, trust }: Meters): Expression {
  if (stress >= 85) return 'distressed';
  if (stress >= 60 && trust < 45) return 'irritated';
  if (stress >= 50) return 'worried';
  if (trust >= 65 && stress < 40) return 'relieved';
  return 'calm';
}

/** Bands in words so no meter is read by colour alone. */
export function stressWord(stress: number): string {
  if (stress >= 85) return 'overwhelmed';
  if (stress >= 65) return 'very tense';
  if (stress >= 45) return 'tense';
  if (stress >= 25) return 'uneasy';
  return 'at ease';
}

export function trustWord(trust: number): string {
  if (trust >= 80) return 'confident in you';
  if (trust >= 60) return 'trusting';
  if (trust >= 40) return 'guarded';
  if (trust >= 20) return 'doubtful';
  return 'hostile';
}
