import type Database from 'better-sqlite3';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterSQLite } from 'rate-limiter-flexible';

/** One limit: at most `points` requests per `durationSeconds` for each key. */
export interface RateLimitRule {
  readonly points: number;
  readonly durationSeconds: number;
}

/** Where the rate limits count: the limiters of the rules, and the sweep of their ended windows. */
export interface RateLimiterStore {
  /**
   * Makes the limiter of one named rule, ready for use: the promise settles once its storage is usable (the
   * SQLite limiter creates its table first, docs/runtime.md §5.3: "Table is not created yet" otherwise).
   */
  limiter(name: string, rule: RateLimitRule): Promise<RateLimiterAbstract>;
  /** Removes the counters whose window ended before `now`, and answers how many; for a periodic task. */
  sweep(now: Date): Promise<number>;
}

/**
 * Limiters that count in this process only: right for the memory store, which is one process anyway, and for
 * tests. The memory limiter forgets each counter by itself when its window ends, so the sweep has nothing to do.
 */
export const memoryRateLimiters: RateLimiterStore = {
  limiter: (name, rule) =>
    Promise.resolve(
      new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds }),
    ),
  sweep: () => Promise.resolve(0),
};

/** The table every SQLite limiter shares; rules are told apart by their key prefix. */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Limiters that count in the SQLite file every worker of the machine shares, so a limit holds across workers.
 *
 * Invariants: all rules live in {@link RATE_LIMIT_TABLE}; the promise resolves after the table exists; if the
 * database cannot answer (locked longer than the connection's busy timeout, disk error) the request is counted
 * in this process's memory instead of failing: a limiter must never take the site down with it. The library
 * keeps a row per key forever (its own timed cleanup is off by default and runs per limiter); {@link
 * RateLimiterStore.sweep} deletes the rows whose `expire` (epoch milliseconds, the library's column) has passed,
 * through an index of ours, so every address that ever asked does not stay on disk.
 */
export function sqliteRateLimiters(db: Database.Database): RateLimiterStore {
  let sweepStatement: Database.Statement<[number]> | null = null;
  const indexed = (): Database.Statement<[number]> => {
    if (sweepStatement === null) {
      db.exec(`CREATE INDEX IF NOT EXISTS ${RATE_LIMIT_TABLE}_by_expire ON ${RATE_LIMIT_TABLE} (expire)`);
      sweepStatement = db.prepare(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < ?`);
    }
    return sweepStatement;
  };
  return {
    limiter: (name, rule) =>
      new Promise((resolve, reject) => {
        const limiter: RateLimiterSQLite = new RateLimiterSQLite(
          {
            storeClient: db,
            storeType: 'better-sqlite3',
            tableName: RATE_LIMIT_TABLE,
            keyPrefix: name,
            points: rule.points,
            duration: rule.durationSeconds,
            insuranceLimiter: new RateLimiterMemory({
              keyPrefix: name,
              points: rule.points,
              duration: rule.durationSeconds,
            }),
          },
          (error?: Error) => {
            if (error !== undefined && error !== null) {
              reject(error);
              return;
            }
            indexed();
            resolve(limiter);
          },
        );
      }),
    // No limiter made yet means no table yet, and nothing to sweep.
    sweep: (now) => Promise.resolve(sweepStatement === null ? 0 : indexed().run(now.getTime()).changes),
  };
}
