import { type BusyWaitTimer, waitWhileBusy } from '../../../../src/adapters/storage/sqlite/sqlite-busy-retry';

/** What better-sqlite3 throws when another connection holds the lock (duck-typed, as sqlite-errors.ts reads it). */
const busy = (): Error =>
  Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });

/** A timer whose every pause moves the time on by `stepMs`, and which records the attempts it paused after. */
function fakeTimer(stepMs: number): BusyWaitTimer & { pauses: number[] } {
  let now = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => now,
    pause: (attempt) => {
      pauses.push(attempt);
      now += stepMs;
      return Promise.resolve();
    },
  };
}

describe('waitWhileBusy', () => {
  it('answers at once when the operation succeeds the first time', async () => {
    const timer = fakeTimer(1);
    await expect(waitWhileBusy(() => 'begun', 100, timer)).resolves.toBe('begun');
    expect(timer.pauses).toEqual([]);
  });

  it('pauses after each SQLITE_BUSY and tries again until the operation succeeds', async () => {
    const timer = fakeTimer(1);
    let tries = 0;
    const begin = () => {
      tries += 1;
      if (tries < 4) throw busy();
      return 'begun';
    };
    await expect(waitWhileBusy(begin, 100, timer)).resolves.toBe('begun');
    expect(timer.pauses).toEqual([0, 1, 2]);
  });

  it('gives up with the last SQLITE_BUSY once the timeout has passed', async () => {
    const timer = fakeTimer(10);
    let tries = 0;
    const never = () => {
      tries += 1;
      throw busy();
    };
    await expect(waitWhileBusy(never, 35, timer)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    // Tries at 0, 10, 20, 30 and 40 ms: the last one after the deadline is not followed by another pause.
    expect(tries).toBe(5);
  });

  it('passes any other error through at once, without trying again', async () => {
    const timer = fakeTimer(1);
    const broken = () => {
      throw Object.assign(new Error('disk I/O error'), { name: 'SqliteError', code: 'SQLITE_IOERR' });
    };
    await expect(waitWhileBusy(broken, 100, timer)).rejects.toMatchObject({ code: 'SQLITE_IOERR' });
    expect(timer.pauses).toEqual([]);
  });
});
