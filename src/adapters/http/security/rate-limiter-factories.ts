import type Database from 'better-sqlite3';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterSQLite } from 'rate-limiter-flexible';

/** One limit: at most `points` requests per `durationSeconds` for each key. */
export interface RateLimitRule {
  readonly points: number;
  readonly durationSeconds: number;
}

/**
 * Makes the limiter of one named rule, ready for use: the promise settles once its storage is usable (the SQLite
 * limiter creates its table first, LIBRARIES.md §1: "Table is not created yet" otherwise).
 */
export type RateLimiterFactory = (name: string, rule: RateLimitRule) => Promise<RateLimiterAbstract>;

/**
 * Limiters that count in this process only: right for the memory store, which is one process anyway, and for
 * tests.
 */
export const memoryRateLimiters: RateLimiterFactory = (name, rule) =>
  Promise.resolve(
    new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds }),
  );

/** The table every SQLite limiter shares; rules are told apart by their key prefix. */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Limiters that count in the SQLite file every worker of the machine shares, so a limit holds across workers.
 *
 * Invariants: all rules live in {@link RATE_LIMIT_TABLE}; the promise resolves after the table exists; if the
 * database cannot answer (locked longer than the connection's busy timeout, disk error) the request is counted
 * in this process's memory instead of failing: a limiter must never take the site down with it.
 */
export function sqliteRateLimiters(db: Database.Database): RateLimiterFactory {
  return (name, rule) =>
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
        (error?: Error) => (error === undefined || error === null ? resolve(limiter) : reject(error)),
      );
    });
}
