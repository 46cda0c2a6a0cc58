import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import { invalid } from '../../../domain/errors/domain-error';
import { assertWholeNumber } from '../storage-argument-checks';

/**
 * The items of one stream in order of first append, with the position of each item.
 *
 * Invariants: `items` is oldest first and holds each item once; `positions` maps every item to its index in
 * `items`. Appends, counts, membership tests and pages cost the same whatever the length; only `remove` and
 * `insertAt` (the rare cases) shift the positions after them.
 */
export class MemoryOrderedSet {
  private readonly items: string[] = [];
  private readonly positions = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(item: string): boolean {
    return this.positions.has(item);
  }

  /** Appends at the newest end; answers false, changing nothing, when the item is already here. */
  append(item: string): boolean {
    if (this.positions.has(item)) return false;
    this.positions.set(item, this.items.length);
    this.items.push(item);
    return true;
  }

  /** Removes the item and answers where it was (oldest first), or -1 when it was not here. */
  remove(item: string): number {
    const position = this.positions.get(item);
    if (position === undefined) return -1;
    this.items.splice(position, 1);
    this.positions.delete(item);
    this.reindexFrom(position);
    return position;
  }

  /** Puts an item back where `remove` found it: the undo of a removal. */
  insertAt(position: number, item: string): void {
    this.items.splice(position, 0, item);
    this.reindexFrom(position);
  }

  /** Reads a page newest first, positioned as {@link StreamRange} describes. */
  page(range: StreamRange): string[] {
    assertWholeNumber(range.count, 'count');
    if (range.before !== undefined) {
      const cursor = this.cursorPosition(range.before);
      return this.newestFirst(Math.max(0, cursor - range.count), cursor);
    }
    if (range.since !== undefined) {
      const cursor = this.cursorPosition(range.since);
      return this.newestFirst(cursor + 1, Math.min(this.items.length, cursor + 1 + range.count));
    }
    const offset = range.offset ?? 0;
    assertWholeNumber(offset, 'offset');
    const end = Math.max(0, this.items.length - offset);
    return this.newestFirst(Math.max(0, end - range.count), end);
  }

  /** The items at positions [start, end) of the oldest-first order, newest first. */
  private newestFirst(start: number, end: number): string[] {
    const page: string[] = [];
    for (let index = end - 1; index >= start; index -= 1) page.push(this.items[index]);
    return page;
  }

  private cursorPosition(cursor: string): number {
    const position = this.positions.get(cursor);
    if (position === undefined) {
      throw invalid('stream.cursor-unknown', 'The cursor item is not in this stream.', { cursor });
    }
    return position;
  }

  private reindexFrom(start: number): void {
    for (let index = start; index < this.items.length; index += 1)
      this.positions.set(this.items[index], index);
  }
}
