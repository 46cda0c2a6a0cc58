import { performance } from 'node:perf_hooks';
import { sqliteErrorCode } from './sqlite-errors';

/** True when SQLite gave up on a lock held by another connection (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  return sqliteErrorCode(error)?.startsWith('SQLITE_BUSY') ?? false;
}

/**
 * Runs `operation`, trying again with growing pauses while it fails with SQLITE_BUSY, for at most `timeoutMs`.
 *
 * Why: a few steps of opening a file (switching it to WAL while another process is doing the same, or while it
 * recovers the WAL) answer SQLITE_BUSY at once without consulting the busy timeout. Only for opening: it blocks
 * the thread while it pauses. The deadline is measured on the monotonic timer, not the injected clock: it bounds
 * real waiting, and a test's frozen clock must not make it wait forever.
 */
export function retryWhileBusy<T>(operation: () => T, timeoutMs: number): T {
  const giveUpAt = performance.now() + timeoutMs;
  for (let pauseMs = 1; ; pauseMs = Math.min(2 * pauseMs, 50)) {
    try {
      return operation();
    } catch (error) {
      if (!isBusy(error) || performance.now() + pauseMs > giveUpAt) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
    }
  }
}

/** The time source and the pause between tries of {@link waitWhileBusy}; tests pass their own. */
export interface BusyWaitTimer {
  /** A monotonic time in milliseconds. */
  now(): number;
  /** Resolves when the next try may run; `attempt` counts the failed tries so far, from 0. */
  pause(attempt: number): Promise<void>;
}

/**
 * Yields to the event loop a few times (the lock is usually held for well under a millisecond), then waits 1 ms
 * between tries. Monotonic time, for the reason {@link retryWhileBusy} gives.
 */
export const EVENT_LOOP_BUSY_WAIT: BusyWaitTimer = {
  now: () => performance.now(),
  pause: (attempt) =>
    new Promise<void>((resolve) => (attempt < 3 ? setImmediate(resolve) : setTimeout(resolve, 1))),
};

/**
 * Runs `operation`, trying again while it fails with SQLITE_BUSY, for at most `timeoutMs`; between tries it
 * awaits `timer.pause`, so the event loop keeps serving while another process holds the lock. Then the last
 * SQLITE_BUSY reaches the caller, as SQLite's own busy timeout would have.
 *
 * Why: SQLite's busy handler sleeps inside the call (1, 2, 5, 10, ... ms, https://sqlite.org/c3ref/busy_timeout.html),
 * and better-sqlite3 calls SQLite on the event loop thread, so a worker waiting for another worker's write lock
 * served nothing at all meanwhile (docs/performance.md, "Posts and workers"). Only for an operation that is safe
 * to run again after SQLITE_BUSY: one that changed nothing when it failed, like BEGIN IMMEDIATE.
 */
export async function waitWhileBusy<T>(
  operation: () => T | Promise<T>,
  timeoutMs: number,
  timer: BusyWaitTimer = EVENT_LOOP_BUSY_WAIT,
): Promise<T> {
  const giveUpAt = timer.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusy(error) || timer.now() >= giveUpAt) throw error;
      await timer.pause(attempt);
    }
  }
}

/** Minimal view of a better-sqlite3 connection: enough to change its busy timeout. */
interface PragmaRunner {
  pragma(source: string): unknown;
}

/**
 * Runs `operation` (one statement, or statements that take no lock) with the connection's busy timeout off, then
 * sets it back to `busyTimeoutMs`, so that a lock held by another process fails it at once with SQLITE_BUSY instead
 * of sleeping (see {@link waitWhileBusy}). Through db.pragma each time, not a statement prepared once: SQLite
 * applies PRAGMA busy_timeout while it prepares the statement, so stepping a prepared one again sets nothing.
 */
export function withoutBusyTimeout<T>(db: PragmaRunner, busyTimeoutMs: number, operation: () => T): T {
  db.pragma('busy_timeout = 0');
  try {
    return operation();
  } finally {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  }
}
