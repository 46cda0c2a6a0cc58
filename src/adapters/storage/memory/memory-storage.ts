import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../../../application/ports/clock.port';
import type { Repositories, Storage } from '../../../application/ports/storage/unit-of-work.port';
import { AsyncMutex } from './async-mutex';
import type { MemoryGate } from './memory-gate';
import { createMemoryRepositories, MemoryTables } from './memory-repositories';
import { DISCARD_UNDO, UndoJournal, type UndoLog } from './undo-journal';

/** What a memory store needs from its surroundings. */
export interface MemoryStorageOptions {
  /** The only source of time (job runAt defaults and leases); never Date.now(). */
  clock: Clock;
}

/**
 * Opens an empty {@link Storage} held in this process's memory, for unit tests and throwaway runs.
 *
 * One process only: the data, the lock that serialises units of work and every guarantee of atomicity live in
 * this process and vanish with it, so never share it between cluster workers or machines.
 */
export function createMemoryStorage(options: MemoryStorageOptions): Storage {
  return new MemoryStorage(options.clock);
}

/**
 * The memory store: one lock for the whole store, taken by every plain operation and held by a unit of work from
 * its start to its end.
 *
 * Invariants: a plain operation issued while a unit of work is open waits for it, so it never sees a part of it
 * and is never rolled back with it; a unit of work journals each of its writes and, when its work throws, undoes
 * them newest first before anyone else runs; calling the store's own repositories (or `run`) from inside a work
 * would wait for itself forever, so it fails at once instead.
 */
class MemoryStorage implements Storage {
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

  private readonly tables = new MemoryTables();
  private readonly lock = new AsyncMutex();
  private readonly insideWork = new AsyncLocalStorage<true>();
  private closed = false;

  constructor(private readonly clock: Clock) {
    const plainGate: MemoryGate = { run: (operation) => this.runPlain(operation) };
    const repositories = createMemoryRepositories(this.tables, plainGate, clock);
    this.users = repositories.users;
    this.objects = repositories.objects;
    this.activities = repositories.activities;
    this.streams = repositories.streams;
    this.follows = repositories.follows;
    this.clients = repositories.clients;
    this.tokens = repositories.tokens;
    this.oauth2 = repositories.oauth2;
    this.nonces = repositories.nonces;
    this.sessions = repositories.sessions;
    this.jobs = repositories.jobs;
    this.dialbackTokens = repositories.dialbackTokens;
    this.remoteClients = repositories.remoteClients;
    this.actorKeys = repositories.actorKeys;
    this.invites = repositories.invites;
    this.reports = repositories.reports;
  }

  async run<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    this.refuseInsideWork('start a unit of work');
    return this.lock.runExclusive(async () => {
      this.assertOpen();
      const journal = new UndoJournal();
      const gate = new UnitOfWorkGate(journal);
      try {
        const tx = createMemoryRepositories(this.tables, gate, this.clock);
        return await this.insideWork.run(true, () => work(tx));
      } catch (error) {
        journal.rollback();
        throw error;
      } finally {
        gate.end();
      }
    });
  }

  /** Memory never fills up short of the process dying; only a closed store refuses. */
  probeWrite(): Promise<void> {
    return this.runPlain(() => undefined);
  }

  async close(): Promise<void> {
    this.refuseInsideWork('close the store');
    await this.lock.runExclusive(() => {
      this.closed = true;
    });
  }

  private async runPlain<T>(operation: (undo: UndoLog) => T): Promise<T> {
    this.refuseInsideWork('use the store directly');
    return this.lock.runExclusive(() => {
      this.assertOpen();
      return operation(DISCARD_UNDO);
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('This memory storage is closed.');
  }

  private refuseInsideWork(what: string): void {
    if (this.insideWork.getStore() === true) {
      throw new Error(`Cannot ${what} from inside a unit of work: use the repositories it hands you.`);
    }
  }
}

/**
 * The gate of one unit of work: it already holds the store lock, so operations run at once, journalled.
 *
 * Invariant: once the unit of work has ended, its repositories refuse every call, so a leaked reference cannot
 * write outside the lock.
 */
class UnitOfWorkGate implements MemoryGate {
  private open = true;

  constructor(private readonly journal: UndoJournal) {}

  async run<T>(operation: (undo: UndoLog) => T): Promise<T> {
    if (!this.open) throw new Error('This unit of work is over: its repositories can no longer be used.');
    return operation(this.journal);
  }

  end(): void {
    this.open = false;
  }
}
