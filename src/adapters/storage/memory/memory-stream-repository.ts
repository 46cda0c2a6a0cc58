import type {
  StreamRange,
  StreamRepository,
} from '../../../application/ports/storage/stream-repository.port';
import type { MemoryGate } from './memory-gate';
import { appendWithUndo, type MemoryStreamTables, removeWithUndo } from './memory-stream-tables';

/**
 * {@link StreamRepository} over process memory.
 *
 * Invariants: counts, membership and pages cost the same at any depth (see {@link MemoryOrderedSet}); cursors
 * are found through the position map, never by scanning.
 */
export class MemoryStreamRepository implements StreamRepository {
  constructor(
    private readonly tables: MemoryStreamTables,
    private readonly gate: MemoryGate,
  ) {}

  append(stream: string, item: string): Promise<boolean> {
    return this.gate.run((undo) => appendWithUndo(this.tables.findOrCreate(stream), item, undo));
  }

  appendToMany(streams: readonly string[], item: string): Promise<number> {
    return this.gate.run((undo) => {
      let placed = 0;
      for (const stream of streams) {
        if (appendWithUndo(this.tables.findOrCreate(stream), item, undo)) placed += 1;
      }
      return placed;
    });
  }

  remove(stream: string, item: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const found = this.tables.find(stream);
      return found !== undefined && removeWithUndo(found, item, undo);
    });
  }

  contains(stream: string, item: string): Promise<boolean> {
    return this.gate.run(() => this.tables.find(stream)?.has(item) ?? false);
  }

  count(stream: string): Promise<number> {
    return this.gate.run(() => this.tables.find(stream)?.size ?? 0);
  }

  countMany(streams: readonly string[]): Promise<Map<string, number>> {
    return this.gate.run(
      () => new Map(streams.map((stream) => [stream, this.tables.find(stream)?.size ?? 0])),
    );
  }

  page(stream: string, range: StreamRange): Promise<string[]> {
    return this.gate.run(() => this.tables.page(stream, range));
  }

  holdingItem(streams: readonly string[], item: string): Promise<Set<string>> {
    return this.gate.run(
      () => new Set(streams.filter((stream) => this.tables.find(stream)?.has(item) ?? false)),
    );
  }

  newestOfMany(streams: readonly string[], count: number): Promise<Map<string, string[]>> {
    return this.gate.run(
      () => new Map(streams.map((stream) => [stream, this.tables.page(stream, { count })])),
    );
  }
}
