import Database from 'better-sqlite3';

import {
  RATE_LIMIT_TABLE,
  sqliteRateLimiters,
} from '../../../../src/adapters/http/security/rate-limiter-factories';

describe('the SQLite rate limiters (issue 10: every table that grows with traffic expires)', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => {
    db.close();
  });

  const rows = () => (db.prepare(`SELECT count(*) AS n FROM ${RATE_LIMIT_TABLE}`).get() as { n: number }).n;

  it('sweeps the counters whose window has ended, keeps the others, and answers how many', async () => {
    const store = sqliteRateLimiters(db);
    const short = await store.limiter('short', { points: 5, durationSeconds: 60 });
    const long = await store.limiter('long', { points: 5, durationSeconds: 3600 });
    for (let i = 0; i < 50; i += 1) await short.consume(`ip:203.0.113.${i}`);
    await long.consume('ip:198.51.100.1');
    expect(rows()).toBe(51);

    expect(await store.sweep(new Date())).toBe(0);
    const inTwoMinutes = new Date(Date.now() + 2 * 60 * 1000);
    expect(await store.sweep(inTwoMinutes)).toBe(50);
    expect(rows()).toBe(1);
    expect((await long.get('ip:198.51.100.1'))?.consumedPoints).toBe(1);
  });

  it('finds the expired counters through an index, not by reading every row', async () => {
    const store = sqliteRateLimiters(db);
    await store.limiter('rule', { points: 1, durationSeconds: 60 });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`)
      .all(Date.now()) as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
  });
});
