import type { UndoLog } from './undo-journal';

/**
 * A keyed table whose every write can be undone.
 *
 * Invariants: values are treated as immutable (a change stores a new value), so the undo step of a write can put
 * the previous value back by reference; callers copy documents at the storage boundary, not here.
 */
export class MemoryTable<V> {
  private readonly rows = new Map<string, V>();

  get size(): number {
    return this.rows.size;
  }

  get(key: string): V | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  keys(): IterableIterator<string> {
    return this.rows.keys();
  }

  entries(): IterableIterator<[string, V]> {
    return this.rows.entries();
  }

  set(key: string, value: V, undo: UndoLog): void {
    const existed = this.rows.has(key);
    const previous = this.rows.get(key) as V;
    this.rows.set(key, value);
    undo.record(() => {
      if (existed) this.rows.set(key, previous);
      else this.rows.delete(key);
    });
  }

  delete(key: string, undo: UndoLog): boolean {
    if (!this.rows.has(key)) return false;
    const previous = this.rows.get(key) as V;
    this.rows.delete(key);
    undo.record(() => this.rows.set(key, previous));
    return true;
  }
}
