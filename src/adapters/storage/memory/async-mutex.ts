/**
 * A first-come, first-served lock for async work inside one process.
 *
 * Invariants: at most one holder runs at a time; waiters run in the order they asked; the lock is released even
 * when the holder throws, so one failing caller never blocks the others.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `critical` once every earlier caller has finished, and answers what it answered. */
  async runExclusive<T>(critical: () => T | Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await critical();
    } finally {
      release();
    }
  }
}
