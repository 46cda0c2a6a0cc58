import type Database from 'better-sqlite3';
import type { Clock } from '../../../application/ports/clock.port';
import type { Repositories, Storage } from '../../../application/ports/storage/unit-of-work.port';
import { ConnectionGate } from './connection-gate';
import { waitWhileBusy, withoutBusyTimeout } from './sqlite-busy-retry';
import { DEFAULT_BUSY_TIMEOUT_MS, openSqliteConnection } from './sqlite-connection';
import { bindSqliteRepositories, createSqliteRepositoryBodies } from './sqlite-repositories';
import { SqliteUnitOfWork } from './sqlite-unit-of-work';

/** Where the store lives and what it needs from its surroundings. */
export interface SqliteStorageOptions {
  /** The database file (its folder must exist), or ':memory:' for a private throwaway store. */
  file: string;
  /** The only source of time (job runAt defaults and leases); never Date.now(). */
  clock: Clock;
  /** How long to wait for another process's write lock before failing; 5000 ms when absent. */
  busyTimeoutMs?: number;
}

/** "Pump" in ASCII: marks the file as a Pumphouse store for tools that read the header (file(1)). */
const PUMPHOUSE_APPLICATION_ID = 0x50756d70;

/**
 * Opens the embedded SQLite store, migrating its schema first; every cluster worker of a machine may open the
 * same file at once.
 *
 * Invariants: one connection per call (open it once per process: two stores on one file in one process would
 * wait for each other's locks while blocking the event loop); every read-then-write runs in BEGIN IMMEDIATE;
 * every statement is prepared once, here.
 */
export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  const db = openSqliteConnection(options.file, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  return new SqliteStorage(db, options.clock, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
}

/**
 * The store: its plain repositories wait at the gate while a unit of work is open, then run on the connection.
 *
 * Invariant: `close` waits for the unit of work in progress, then closes the connection once; later operations
 * fail (the connection is closed) and a second `close` does nothing.
 */
class SqliteStorage implements Storage {
  readonly users: Repositories['users'];
  readonly objects: Repositories['objects'];
  readonly activities: Repositories['activities'];
  readonly streams: Repositories['streams'];
  readonly follows: Repositories['follows'];
  readonly clients: Repositories['clients'];
  readonly tokens: Repositories['tokens'];
  readonly oauth2: Repositories['oauth2'];
  readonly nonces: Repositories['nonces'];
  readonly sessions: Repositories['sessions'];
  readonly jobs: Repositories['jobs'];
  readonly dialbackTokens: Repositories['dialbackTokens'];
  readonly remoteClients: Repositories['remoteClients'];
  readonly actorKeys: Repositories['actorKeys'];
  readonly invites: Repositories['invites'];
  readonly reports: Repositories['reports'];

  private readonly gate = new ConnectionGate();
  private readonly unitOfWork: SqliteUnitOfWork;

  constructor(
    private readonly db: Database.Database,
    clock: Clock,
    busyTimeoutMs: number,
  ) {
    const bodies = createSqliteRepositoryBodies(db, clock);
    this.unitOfWork = new SqliteUnitOfWork(db, this.gate, bodies, busyTimeoutMs);
    const plain = bindSqliteRepositories(bodies, this.gate.execute);
    this.users = plain.users;
    this.objects = plain.objects;
    this.activities = plain.activities;
    this.streams = plain.streams;
    this.follows = plain.follows;
    this.clients = plain.clients;
    this.tokens = plain.tokens;
    this.oauth2 = plain.oauth2;
    // Every signed request records its nonce: a write of its own, outside any unit of work. Like BEGIN IMMEDIATE,
    // it waits for another worker's write lock without sleeping on the event loop (docs/performance.md, "Posts
    // and workers"); one INSERT ... ON CONFLICT DO NOTHING that failed with SQLITE_BUSY inserted nothing, so
    // trying it again is safe.
    this.nonces = {
      remember: (use) =>
        waitWhileBusy(
          () =>
            this.gate.execute(() => withoutBusyTimeout(db, busyTimeoutMs, () => bodies.nonces.remember(use))),
          busyTimeoutMs,
        ),
      sweep: plain.nonces.sweep,
    };
    this.sessions = plain.sessions;
    this.jobs = plain.jobs;
    this.dialbackTokens = plain.dialbackTokens;
    this.remoteClients = plain.remoteClients;
    this.actorKeys = plain.actorKeys;
    this.invites = plain.invites;
    this.reports = plain.reports;
  }

  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.unitOfWork.run(work);
  }

  /**
   * Sets the file header's application id (https://sqlite.org/pragma.html#pragma_application_id) to the value it
   * already has: a committed one-page write, which fails with SQLITE_FULL on a full disk, as every real write would.
   */
  probeWrite(): Promise<void> {
    return this.gate.execute(() => {
      this.db.pragma(`application_id = ${PUMPHOUSE_APPLICATION_ID}`);
    });
  }

  async close(): Promise<void> {
    await this.gate.hold(async () => {
      if (this.db.open) this.db.close();
    });
  }
}
