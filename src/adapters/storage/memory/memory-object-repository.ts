import type { ObjectRepository } from '../../../application/ports/storage/object-repository.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The ActivityStreams objects of a memory store, by id. */
export class MemoryObjectTables {
  readonly byId = new MemoryTable<AsObject>();
}

/**
 * {@link ObjectRepository} over process memory.
 *
 * Invariant: documents are copied in and out as JSON, so no caller can change what is stored but through `save`.
 */
export class MemoryObjectRepository implements ObjectRepository {
  constructor(
    private readonly tables: MemoryObjectTables,
    private readonly gate: MemoryGate,
  ) {}

  async save(object: AsObject): Promise<void> {
    const stored = copyJson(object);
    return this.gate.run((undo) => this.tables.byId.set(stored.id, stored, undo));
  }

  findById(id: string): Promise<AsObject | null> {
    return this.gate.run(() => {
      const found = this.tables.byId.get(id);
      return found === undefined ? null : copyJson(found);
    });
  }

  findManyByIds(ids: readonly string[]): Promise<Map<string, AsObject>> {
    return this.gate.run(() => {
      const found = new Map<string, AsObject>();
      for (const id of ids) {
        const object = this.tables.byId.get(id);
        if (object !== undefined && !found.has(id)) found.set(id, copyJson(object));
      }
      return found;
    });
  }
}
