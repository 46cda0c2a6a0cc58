/**
 * Randomness that needs no secrecy (the jitter of retry delays), as a port so tests replay the same numbers.
 * Never for ids or secrets: those come from IdGenerator.
 */
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
}
export const RandomSource = Symbol('RandomSource');
