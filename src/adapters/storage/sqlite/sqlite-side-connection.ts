import Database from 'better-sqlite3';

/** How long the side connection waits for another connection's write lock before giving up. */
const SIDE_BUSY_TIMEOUT_MS = 1000;

/**
 * A second connection to the store's SQLite file, for a library that needs a better-sqlite3 handle of its own
 * (the rate limiter, which keeps its counters in its own table so every worker of the machine shares them).
 *
 * Invariants: the file must already exist and be migrated (open the store first); WAL is the file's mode, set by
 * the store; the busy timeout is short, because better-sqlite3 waits synchronously: a statement that cannot get
 * the write lock within it fails (the caller falls back) instead of freezing the process. The caller closes the
 * connection. Never run the store's own tables through it: their transactions belong to the store's connection.
 */
export function openSqliteSideConnection(file: string): Database.Database {
  const db = new Database(file, { timeout: SIDE_BUSY_TIMEOUT_MS, fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  return db;
}
