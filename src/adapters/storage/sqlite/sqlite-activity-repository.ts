import type Database from 'better-sqlite3';
import type { ActivityRepository } from '../../../application/ports/storage/activity-repository.port';
import type { Activity } from '../../../domain/activity-streams/activity';
import type { PortMethods, Synchronous } from './port-binding';

export const ACTIVITY_REPOSITORY_METHODS: PortMethods<ActivityRepository> = {
  save: true,
  findById: true,
  findManyByIds: true,
  findCreation: true,
  findCreations: true,
};

interface IdDocRow {
  id: string;
  doc: string;
}

/**
 * The synchronous body of {@link ActivityRepository} over the `activities` table.
 *
 * Invariants: `seq` is given at the first save and kept by every later save (the upsert updates in place), so
 * "earliest saved" is the smallest `seq`; `verb` and `object_id` always mirror the stored document, so
 * `findCreation` is an index lookup on (object_id, verb).
 */
export class SqliteActivityRepository implements Synchronous<ActivityRepository> {
  private readonly upsert: Database.Statement<[string, string, string | null, string]>;
  private readonly selectById: Database.Statement<[string], { doc: string }>;
  private readonly selectMany: Database.Statement<[string], IdDocRow>;
  private readonly selectCreation: Database.Statement<[string], { doc: string }>;
  private readonly selectCreations: Database.Statement<[string], { objectId: string; doc: string }>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO activities (id, verb, object_id, doc) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET verb = excluded.verb, object_id = excluded.object_id, doc = excluded.doc`,
    );
    this.selectById = db.prepare('SELECT doc FROM activities WHERE id = ?');
    this.selectMany = db.prepare(
      'SELECT id, doc FROM activities WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.selectCreation = db.prepare(
      `SELECT doc FROM activities WHERE object_id = ? AND verb IN ('post', 'create') ORDER BY seq LIMIT 1`,
    );
    // Oldest first, so the first row of each object is its creation.
    this.selectCreations = db.prepare(
      `SELECT object_id AS objectId, doc FROM activities
       WHERE object_id IN (SELECT value FROM json_each(?)) AND verb IN ('post', 'create') ORDER BY seq`,
    );
  }

  save(activity: Activity): void {
    const objectId = typeof activity.object?.id === 'string' ? activity.object.id : null;
    this.upsert.run(activity.id, activity.verb, objectId, JSON.stringify(activity));
  }

  findById(id: string): Activity | null {
    return parseActivity(this.selectById.get(id));
  }

  findManyByIds(ids: readonly string[]): Map<string, Activity> {
    const found = new Map<string, Activity>();
    if (ids.length === 0) return found;
    for (const row of this.selectMany.all(JSON.stringify(ids)))
      found.set(row.id, JSON.parse(row.doc) as Activity);
    return found;
  }

  findCreation(objectId: string): Activity | null {
    return parseActivity(this.selectCreation.get(objectId));
  }

  findCreations(objectIds: readonly string[]): Map<string, Activity> {
    const found = new Map<string, Activity>();
    if (objectIds.length === 0) return found;
    for (const row of this.selectCreations.all(JSON.stringify([...new Set(objectIds)]))) {
      if (!found.has(row.objectId)) found.set(row.objectId, JSON.parse(row.doc) as Activity);
    }
    return found;
  }
}

const parseActivity = (row: { doc: string } | undefined): Activity | null =>
  row === undefined ? null : (JSON.parse(row.doc) as Activity);
