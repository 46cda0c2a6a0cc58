import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import type { ContendReport, LeaseRecord } from './contend.script';
import { makeTempDir, startScript } from './sqlite-test-support';

const DEADLINE_MS = 60_000;
const JOBS_PER_PROCESS = 200;
// Each process appends ITEMS common items (the same in both) and ITEMS of its own to the shared stream.
const ITEMS = 2000;
const SHARED_ITEMS = 3 * ITEMS;
const OWN_ITEMS = ITEMS / 2;
const range = (length: number, name: (n: number) => string): string[] =>
  Array.from({ length }, (_, n) => name(n));

/** Every position of a stream as stored, checked straight in the file rather than through the adapter. */
function positionFacts(db: Database.Database, stream: string) {
  return db
    .prepare(
      `SELECT count(*) AS items, count(DISTINCT pos) AS positions, min(pos) AS lowest, max(pos) AS highest,
         (SELECT count FROM stream_counts WHERE stream = @stream) AS counted
       FROM stream_items WHERE stream = @stream`,
    )
    .get({ stream });
}

describe('two OS processes writing one SQLite file at once', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'shared.sqlite');
  let reports: ContendReport[];

  beforeAll(async () => {
    // Create and migrate the file first, so this test is about the writes, not about opening.
    await openSqliteStorage({ file, clock: { now: () => new Date() } }).close();
    const workers = (['a', 'b'] as const).map((name) =>
      startScript('contend.script.ts', [file, name, String(ITEMS), String(JOBS_PER_PROCESS)]),
    );
    const results = await Promise.all(workers.map((worker) => worker.exited(DEADLINE_MS)));
    // On failure the diff shows the whole result, the child's stderr included.
    for (const result of results) expect(result).toMatchObject({ code: 0 });
    reports = results.map((result) => JSON.parse(result.stdout.trim()) as ContendReport);
  }, DEADLINE_MS + 5_000);

  afterAll(() => temp.remove());

  it('loses no stream item and duplicates none', async () => {
    const storage = openSqliteStorage({ file, clock: { now: () => new Date() } });
    try {
      expect(await storage.streams.count('shared')).toBe(SHARED_ITEMS);
      const items = await storage.streams.page('shared', { count: SHARED_ITEMS + 10 });
      expect(items).toHaveLength(SHARED_ITEMS);
      expect(new Set(items)).toEqual(
        new Set([
          ...range(ITEMS, (n) => `common-${n}`),
          ...range(ITEMS, (n) => `a-${n}`),
          ...range(ITEMS, (n) => `b-${n}`),
        ]),
      );
      expect(await storage.streams.count('own:a')).toBe(OWN_ITEMS);
      expect(await storage.streams.count('own:b')).toBe(OWN_ITEMS);

      // Each process's own items keep its order (oldest first = appended first)...
      const oldestFirst = [...items].reverse();
      for (const name of ['a', 'b']) {
        const own = oldestFirst.filter((item) => item.startsWith(`${name}-`));
        expect(own).toEqual(range(ITEMS, (n) => `${name}-${n}`));
      }
      // ...and the two processes' appends really interleaved (else this test would prove nothing).
      const firstOfB = oldestFirst.indexOf('b-0');
      const lastOfA = oldestFirst.indexOf(`a-${ITEMS - 1}`);
      const firstOfA = oldestFirst.indexOf('a-0');
      const lastOfB = oldestFirst.indexOf(`b-${ITEMS - 1}`);
      expect(firstOfB < lastOfA && firstOfA < lastOfB).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('keeps positions dense and the count row equal to the number of items', () => {
    const db = new Database(file, { readonly: true });
    try {
      const expected = { shared: SHARED_ITEMS, 'own:a': OWN_ITEMS, 'own:b': OWN_ITEMS };
      for (const [stream, items] of Object.entries(expected)) {
        expect(positionFacts(db, stream)).toEqual({
          items,
          positions: items,
          lowest: 0,
          highest: items - 1,
          counted: items,
        });
      }
    } finally {
      db.close();
    }
  });

  it('completes every job exactly once, each leased by one holder only', async () => {
    const leases: LeaseRecord[] = reports.flatMap((report) => report.leases);
    const enqueued = new Set(reports.flatMap((report) => report.enqueued));
    // The dedupe keys are the same in both processes (one job each), plus one job of its own per process.
    expect(enqueued.size).toBe(JOBS_PER_PROCESS * 3);

    const leasedIds = leases.map((lease) => lease.jobId);
    expect(new Set(leasedIds).size).toBe(leasedIds.length);
    expect(new Set(leasedIds)).toEqual(enqueued);
    expect(leases.every((lease) => lease.completed && lease.attempts === 1)).toBe(true);
    expect(new Set(leases.map((lease) => lease.holder))).toEqual(new Set(['a', 'b']));

    const storage = openSqliteStorage({ file, clock: { now: () => new Date() } });
    try {
      expect(await storage.jobs.counts('contended')).toEqual({ pending: 0, done: enqueued.size, failed: 0 });
      const jobs = await Promise.all([...enqueued].map((id) => storage.jobs.findById(id)));
      expect(jobs.every((job) => job?.state === 'done' && job.attempts === 1)).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
