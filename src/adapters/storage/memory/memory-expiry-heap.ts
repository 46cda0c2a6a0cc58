import type { UndoLog } from './undo-journal';

/** One record's expiry as the heap holds it: the key and the time, in epoch milliseconds. */
export interface ExpiryEntry {
  key: string;
  expiresAt: number;
}

/**
 * A binary min-heap of expiries, so a sweep touches only what has expired.
 *
 * Invariants: `peek` is an entry with the smallest `expiresAt`. Entries may go stale (the record was removed or
 * its expiry moved); the owner checks each popped entry against its table rather than searching the heap, which
 * keeps every operation logarithmic.
 */
export class MemoryExpiryHeap {
  private readonly entries: ExpiryEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  peek(): ExpiryEntry | undefined {
    return this.entries[0];
  }

  push(entry: ExpiryEntry): void {
    this.entries.push(entry);
    this.siftUp(this.entries.length - 1);
  }

  pop(): ExpiryEntry | undefined {
    const top = this.entries[0];
    const last = this.entries.pop();
    if (this.entries.length > 0 && last !== undefined) {
      this.entries[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Replaces every entry with the given ones (dropping the stale entries a long-lived heap gathers). */
  rebuild(entries: Iterable<ExpiryEntry>): void {
    this.entries.length = 0;
    this.entries.push(...entries);
    for (let index = (this.entries.length >> 1) - 1; index >= 0; index -= 1) this.siftDown(index);
  }

  /**
   * Pops every entry that expired before `now` and hands it to `expire`, which removes the record when the entry
   * is still current and answers whether it did; answers how many records were removed. Each pop can be undone.
   */
  sweep(now: number, undo: UndoLog, expire: (entry: ExpiryEntry) => boolean): number {
    let removed = 0;
    for (let top = this.peek(); top !== undefined && top.expiresAt < now; top = this.peek()) {
      const entry = this.pop() as ExpiryEntry;
      undo.record(() => this.push(entry));
      if (expire(entry)) removed += 1;
    }
    return removed;
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.entries[parent].expiresAt <= this.entries[index].expiresAt) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.entries.length && this.entries[left].expiresAt < this.entries[smallest].expiresAt) {
        smallest = left;
      }
      if (right < this.entries.length && this.entries[right].expiresAt < this.entries[smallest].expiresAt) {
        smallest = right;
      }
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const held = this.entries[a];
    this.entries[a] = this.entries[b];
    this.entries[b] = held;
  }
}
