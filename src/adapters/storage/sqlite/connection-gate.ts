import { AsyncLocalStorage } from 'node:async_hooks';

/** Runs one synchronous storage operation when it is its turn, and hands back its result or error as a promise. */
export type Executor = <T>(operation: () => T) => Promise<T>;

/**
 * The in-process turnstile in front of the one SQLite connection of a store.
 *
 * A unit of work keeps a transaction open across awaits, and any statement run on the connection meanwhile would
 * silently join that transaction (and vanish if it rolls back). So while a unit of work holds the gate, plain
 * operations wait; when none does, they run at once, with no extra await.
 *
 * Invariants: at most one holder at a time; every waiter is woken when the holder leaves, even when it failed;
 * an operation never runs while the gate is held by someone else; calling the plain store from inside the work
 * that holds the gate would wait for itself forever, so it fails at once instead.
 */
export class ConnectionGate {
  private held = false;
  private waiters: (() => void)[] = [];
  private readonly insideWork = new AsyncLocalStorage<true>();

  /** Runs `operation` now if nobody holds the gate, else once the holder has left. */
  readonly execute: Executor = <T>(operation: () => T): Promise<T> => {
    if (!this.held) return settle(operation);
    if (this.insideWork.getStore() === true) return Promise.reject(selfWaitError('use the store directly'));
    return this.nextTurn().then(() => this.execute(operation));
  };

  /** Waits for the gate, holds it while `work` runs (awaits included), and always lets it go afterwards. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.insideWork.getStore() === true) throw selfWaitError('start a unit of work or close the store');
    while (this.held) await this.nextTurn();
    this.held = true;
    try {
      return await this.insideWork.run(true, work);
    } finally {
      this.held = false;
      const woken = this.waiters;
      this.waiters = [];
      for (const wake of woken) wake();
    }
  }

  private nextTurn(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/** `operation`'s result as a promise, its exception as a rejection (never a synchronous throw). */
export function settle<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error);
  }
}

const selfWaitError = (what: string): Error =>
  new Error(`Cannot ${what} from inside a unit of work: use the repositories it hands you.`);
