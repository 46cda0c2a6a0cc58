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
