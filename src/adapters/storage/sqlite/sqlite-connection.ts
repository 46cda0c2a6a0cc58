import { chmodSync, closeSync, openSync } from 'node:fs';

import Database from 'better-sqlite3';
import { retryWhileBusy } from './sqlite-busy-retry';
import { migrateSqliteSchema } from './sqlite-migrator';

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the one connection a process keeps to the store file, configured and migrated.
 *
 * Invariants: the busy timeout is set before anything else touches the file, and the steps that SQLite refuses at
 * once while another process opens the same file are retried until that timeout, so processes opening it at once
 * wait for each other instead of failing; WAL (readers never block the writer, and the only writer lock is the
 * one BEGIN IMMEDIATE takes), synchronous=NORMAL (durable at each checkpoint, never corrupt) and foreign keys are
 * on; the schema is current when this returns. On failure the connection is closed again.
 */
export function openSqliteConnection(file: string, busyTimeoutMs: number): Database.Database {
  restrictToOwner(file);
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    // An in-memory database cannot use WAL (it answers 'memory'); nothing else shares it anyway.
    retryWhileBusy(() => db.pragma('journal_mode = WAL'), busyTimeoutMs);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    retryWhileBusy(() => migrateSqliteSchema(db), busyTimeoutMs);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The store file and the files SQLite keeps beside it in WAL mode (https://sqlite.org/wal.html). */
const COMPANION_SUFFIXES = ['', '-wal', '-shm'];

/**
 * Makes the store file owner-only (0600) before SQLite opens it, creating it empty if needed (an empty file is an
 * empty database). SQLite creates its -wal and -shm files with the mode of the database file, so they follow;
 * existing ones, left readable by all by earlier versions, are made owner-only as well. `:memory:` has no file.
 */
function restrictToOwner(file: string): void {
  if (file === ':memory:' || file === '') return;
  closeSync(openSync(file, 'a', 0o600));
  for (const suffix of COMPANION_SUFFIXES) {
    try {
      chmodSync(`${file}${suffix}`, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
