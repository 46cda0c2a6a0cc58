import type { Clock } from '../../application/ports/clock.port';

/** The machine's wall clock. Every call answers a new Date, so callers may keep or change it freely. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
