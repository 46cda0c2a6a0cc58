import type Database from 'better-sqlite3';
import type { Repositories, UnitOfWork } from '../../../application/ports/storage/unit-of-work.port';
import { type ConnectionGate, type Executor, settle } from './connection-gate';
import { waitWhileBusy, withoutBusyTimeout } from './sqlite-busy-retry';
import { bindSqliteRepositories, type SqliteRepositoryBodies } from './sqlite-repositories';

/**
 * {@link UnitOfWork} over the store's one connection: the gate, then BEGIN IMMEDIATE, the work, then COMMIT or
 * ROLLBACK.
 *
 * BEGIN IMMEDIATE does not wait in SQLite's busy handler, which would sleep on the event loop thread while another
 * process holds the write lock: it is tried with no busy timeout and tried again after yielding to the event loop
 * until the store's busy timeout has passed (docs/performance.md, "Posts and workers"). A BEGIN that fails with
 * SQLITE_BUSY has changed nothing, so trying it again is safe.
 *
 * Invariants: the gate is held from before BEGIN until after COMMIT/ROLLBACK, so no plain operation of this
 * process runs inside the transaction; BEGIN IMMEDIATE takes the file's write lock up front, so units of work of
 * every process are serialised and never fail half-way on a lock upgrade; the repositories handed to the work run
 * inside the transaction (their own multi-statement methods nest as savepoints) and refuse every call once the
 * work has ended; the work's error reaches the caller unchanged, after the rollback.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly gate: ConnectionGate,
    private readonly bodies: SqliteRepositoryBodies,
    private readonly busyTimeoutMs: number,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.gate.hold(async () => {
      await waitWhileBusy(() => this.beginWithoutSleeping(), this.busyTimeoutMs);
      const scope = new TransactionScope();
      try {
        const result = await work(bindSqliteRepositories(this.bodies, scope.execute));
        scope.end();
        // Some errors (disk full, I/O) make SQLite roll back by itself; committing then would claim a success.
        if (!this.db.inTransaction) throw new Error('SQLite rolled the unit of work back after an error.');
        this.commit.run();
        return result;
      } catch (error) {
        scope.end();
        if (this.db.inTransaction) this.rollback.run();
        throw error;
      }
    });
  }

  /** BEGIN IMMEDIATE with the busy timeout off for that one statement; every other statement keeps it. */
  private beginWithoutSleeping(): void {
    withoutBusyTimeout(this.db, this.busyTimeoutMs, () => this.begin.run());
  }
}

/** The executor of one unit of work's repositories: at once while the work runs, never after. */
class TransactionScope {
  private open = true;

  readonly execute: Executor = (operation) => {
    if (!this.open) {
      return Promise.reject(new Error('This unit of work is over: its repositories can no longer be used.'));
    }
    return settle(operation);
  };

  end(): void {
    this.open = false;
  }
}
