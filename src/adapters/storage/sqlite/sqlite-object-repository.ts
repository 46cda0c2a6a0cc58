import type Database from 'better-sqlite3';
import type { ObjectRepository } from '../../../application/ports/storage/object-repository.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import type { PortMethods, Synchronous } from './port-binding';

export const OBJECT_REPOSITORY_METHODS: PortMethods<ObjectRepository> = {
  save: true,
  findById: true,
  findManyByIds: true,
};

interface IdDocRow {
  id: string;
  doc: string;
}

/**
 * The synchronous body of {@link ObjectRepository} over the `objects` table.
 *
 * Invariants: the document is stored whole as JSON text, so it reads back with every property it was saved with;
 * `save` is one upsert statement (atomic, no read first); `findManyByIds` is one statement whatever the number of
 * ids (they travel as one JSON array), and duplicate ids collapse into one entry.
 */
export class SqliteObjectRepository implements Synchronous<ObjectRepository> {
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly selectById: Database.Statement<[string], { doc: string }>;
  private readonly selectMany: Database.Statement<[string], IdDocRow>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      'INSERT INTO objects (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
    );
    this.selectById = db.prepare('SELECT doc FROM objects WHERE id = ?');
    this.selectMany = db.prepare('SELECT id, doc FROM objects WHERE id IN (SELECT value FROM json_each(?))');
  }

  save(object: AsObject): void {
    this.upsert.run(object.id, JSON.stringify(object));
  }

  findById(id: string): AsObject | null {
    const row = this.selectById.get(id);
    return row === undefined ? null : (JSON.parse(row.doc) as AsObject);
  }

  findManyByIds(ids: readonly string[]): Map<string, AsObject> {
    const found = new Map<string, AsObject>();
    if (ids.length === 0) return found;
    for (const row of this.selectMany.all(JSON.stringify(ids)))
      found.set(row.id, JSON.parse(row.doc) as AsObject);
    return found;
  }
}
