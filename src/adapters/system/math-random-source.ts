import type { RandomSource } from '../../application/ports/random-source.port';

/** Math.random: enough to spread retries (jitter), never used for ids or secrets. */
export class MathRandomSource implements RandomSource {
  next(): number {
    return Math.random();
  }
}
