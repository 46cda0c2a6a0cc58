import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import { MemoryOrderedSet } from './memory-ordered-set';
import type { UndoLog } from './undo-journal';

/** What a stream that does not exist reads as; never written to. */
const EMPTY_STREAM = new MemoryOrderedSet();

/**
 * Named ordered sets, created on first append. A stream that was never appended to reads as empty; an emptied
 * stream is kept, which reads the same.
 */
export class MemoryStreamTables {
  private readonly streams = new Map<string, MemoryOrderedSet>();

  find(name: string): MemoryOrderedSet | undefined {
    return this.streams.get(name);
  }

  /** Reads a page of the named stream; a missing stream pages as an empty one (so its cursors are unknown). */
  page(name: string, range: StreamRange): string[] {
    return (this.streams.get(name) ?? EMPTY_STREAM).page(range);
  }

  findOrCreate(name: string): MemoryOrderedSet {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new MemoryOrderedSet();
      this.streams.set(name, stream);
    }
    return stream;
  }
}

/** Appends `item` to the stream with its undo step; answers whether the stream did not hold it yet. */
export function appendWithUndo(stream: MemoryOrderedSet, item: string, undo: UndoLog): boolean {
  if (!stream.append(item)) return false;
  undo.record(() => stream.remove(item));
  return true;
}

/** Removes `item` from the stream with its undo step (back in its old place); answers whether it was there. */
export function removeWithUndo(stream: MemoryOrderedSet, item: string, undo: UndoLog): boolean {
  const position = stream.remove(item);
  if (position < 0) return false;
  undo.record(() => stream.insertAt(position, item));
  return true;
}
