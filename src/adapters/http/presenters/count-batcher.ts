import type { StreamRepository } from '../../../application/ports/storage/stream-repository.port';

interface Waiter {
  resolve(count: number): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the stream counts asked for in one synchronous run into a single `countMany` call. Presenting a page
 * of 20 activities asks for about 60 counts (likes, replies and shares of each object) at once; one round trip to
 * the store instead of 60 is most of the cost of an inbox read.
 *
 * Invariants: every caller gets the count of the stream it named, or the store's error; a name asked for twice
 * in one batch is counted once; nothing is cached beyond the batch, so a count is never staler than the batch.
 */
export class CountBatcher {
  private pending: Map<string, Waiter[]> | null = null;

  constructor(private readonly streams: Pick<StreamRepository, 'countMany'>) {}

  count(stream: string): Promise<number> {
    if (this.pending === null) {
      this.pending = new Map();
      queueMicrotask(() => this.flush());
    }
    const batch = this.pending;
    return new Promise((resolve, reject) => {
      const waiters = batch.get(stream);
      if (waiters === undefined) batch.set(stream, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = null;
    if (batch === null) return;
    this.streams.countMany([...batch.keys()]).then(
      (counts) => {
        for (const [stream, waiters] of batch)
          for (const waiter of waiters) waiter.resolve(counts.get(stream) ?? 0);
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}
