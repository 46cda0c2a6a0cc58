import type { ActivityRepository } from '../../../application/ports/storage/activity-repository.port';
import type { Activity } from '../../../domain/activity-streams/activity';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The verbs whose activity brings an object into being, and so decides who may see it. */
const CREATION_VERBS: ReadonlySet<string> = new Set(['post', 'create']);

/** The activities of a memory store, with the index that finds an object's creation. */
export class MemoryActivityTables {
  readonly byId = new MemoryTable<Activity>();
  /**
   * Object id to the ids of activities that were saved as its post/create, in order of first save. Entries may
   * be stale (the activity was re-saved with another verb or object); readers check the stored activity.
   */
  readonly creationsByObjectId = new MemoryTable<readonly string[]>();
}

/**
 * {@link ActivityRepository} over process memory.
 *
 * Invariant: documents are copied in and out as JSON; the creation index lists every activity currently stored as
 * a post/create of an object, earliest saved first.
 */
export class MemoryActivityRepository implements ActivityRepository {
  constructor(
    private readonly tables: MemoryActivityTables,
    private readonly gate: MemoryGate,
  ) {}

  async save(activity: Activity): Promise<void> {
    const stored = copyJson(activity);
    return this.gate.run((undo) => {
      this.tables.byId.set(stored.id, stored, undo);
      const objectId = creationObjectId(stored);
      if (objectId === undefined) return;
      const creations = this.tables.creationsByObjectId.get(objectId) ?? [];
      if (!creations.includes(stored.id)) {
        this.tables.creationsByObjectId.set(objectId, [...creations, stored.id], undo);
      }
    });
  }

  findById(id: string): Promise<Activity | null> {
    return this.gate.run(() => {
      const found = this.tables.byId.get(id);
      return found === undefined ? null : copyJson(found);
    });
  }

  findManyByIds(ids: readonly string[]): Promise<Map<string, Activity>> {
    return this.gate.run(() => {
      const found = new Map<string, Activity>();
      for (const id of ids) {
        const activity = this.tables.byId.get(id);
        if (activity !== undefined && !found.has(id)) found.set(id, copyJson(activity));
      }
      return found;
    });
  }

  findCreation(objectId: string): Promise<Activity | null> {
    return this.gate.run(() => this.creationOf(objectId));
  }

  findCreations(objectIds: readonly string[]): Promise<Map<string, Activity>> {
    return this.gate.run(() => {
      const found = new Map<string, Activity>();
      for (const objectId of objectIds) {
        const creation = this.creationOf(objectId);
        if (creation !== null) found.set(objectId, creation);
      }
      return found;
    });
  }

  private creationOf(objectId: string): Activity | null {
    for (const activityId of this.tables.creationsByObjectId.get(objectId) ?? []) {
      const activity = this.tables.byId.get(activityId);
      if (activity !== undefined && creationObjectId(activity) === objectId) return copyJson(activity);
    }
    return null;
  }
}

function creationObjectId(activity: Activity): string | undefined {
  return CREATION_VERBS.has(activity.verb) ? activity.object?.id : undefined;
}
