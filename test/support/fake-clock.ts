import type { Clock } from '../../src/application/ports/clock.port';

/**
 * A clock that moves only when the test moves it, so expiry, leases and windows are tested without waiting.
 *
 * Invariant: `now()` answers a fresh Date each time, so a caller mutating it cannot move the clock.
 */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward (or back, with a negative amount) by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Puts the clock at an exact time. */
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  /** The time `ms` milliseconds from now, without moving the clock. */
  later(ms: number): Date {
    return new Date(this.current + ms);
  }
}
