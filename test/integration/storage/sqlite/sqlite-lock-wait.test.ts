import path from 'node:path';

import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { makeTempDir } from './sqlite-test-support';

// Two stores on one file in one process stand for two workers: while one holds the write lock across an await,
// the other's unit of work must wait for it without stopping the event loop. SQLite's own busy handler sleeps
// on the calling thread, so a BEGIN IMMEDIATE that waited there kept the holder (and every request of a real
// worker) from running until the busy timeout failed it (docs/performance.md, "Posts and workers").
describe('a SQLite unit of work waiting for the write lock of another connection', () => {
  const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
  let stores: Storage[] = [];
  let temp: { dir: string; remove(): void } | undefined;

  afterEach(async () => {
    for (const store of stores) await store.close();
    stores = [];
    temp?.remove();
  });

  it('lets the event loop run the holder to its commit, then starts', async () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'store.db');
    const holder = openSqliteStorage({ file, clock, busyTimeoutMs: 5000 });
    const waiter = openSqliteStorage({ file, clock, busyTimeoutMs: 5000 });
    stores = [holder, waiter];

    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = holder.run(async (tx) => {
      await tx.streams.appendToMany(['shared'], 'first');
      await released;
      return 'holder committed';
    });
    const waited = waiter.run(async (tx) => {
      await tx.streams.appendToMany(['shared'], 'second');
      return 'waiter committed';
    });
    // Runs only if the waiter's BEGIN left the event loop free.
    setImmediate(release);

    await expect(held).resolves.toBe('holder committed');
    await expect(waited).resolves.toBe('waiter committed');
  });

  it('lets a nonce be recorded once the holder has committed, without stopping the event loop meanwhile', async () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'store.db');
    const holder = openSqliteStorage({ file, clock, busyTimeoutMs: 5000 });
    const waiter = openSqliteStorage({ file, clock, busyTimeoutMs: 5000 });
    stores = [holder, waiter];

    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = holder.run(async (tx) => {
      await tx.streams.appendToMany(['shared'], 'first');
      await released;
    });
    const use = {
      clientId: 'c',
      token: 't',
      timestamp: 1,
      nonce: 'n',
      expiresAt: new Date('2026-01-02T00:00:00Z'),
    };
    const first = waiter.nonces.remember(use);
    setImmediate(release);

    await held;
    await expect(first).resolves.toBe(true);
    // Recorded once: the same nonce again is a replay.
    await expect(waiter.nonces.remember(use)).resolves.toBe(false);
  });
});
