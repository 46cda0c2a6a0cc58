import type Database from 'better-sqlite3';
import type { ObjectRepository } from '../../../application/ports/storage/object-repository.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import type { PortMethods, Synchronous } from './port-binding';

export const OBJECT_REPOSITORY_METHODS: PortMethods<ObjectRepository> = {
  save: true,
  findById: true,
  findManyByIds: true,
};

/**
 * The synchronous body of {@link ObjectRepository} over the `objects` table.
 *
 * Invariants: the document is stored whole as JSON text, so it reads back with every property it was saved with;
 * `save` is one upsert statement (atomic, no read first); `findManyByIds` is one statement whatever the number of
 * ids (they travel as one JSON array), and duplicate ids collapse into one entry.
 *
 * Design: `findManyByIds` reads the documents in the order the ids were given, a null for each id not stored, so
 * the ids already in hand key the answer and SQLite hands back no id strings (a post to 10,000 remote followers
 * reads 10,000 documents this way; bench:api measures it).
 */
export class SqliteObjectRepository implements Synchronous<ObjectRepository> {
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly selectById: Database.Statement<[string], { doc: string }>;
  private readonly selectDocsInOrder: Database.Statement<[string], string | null>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      'INSERT INTO objects (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
    );
    this.selectById = db.prepare('SELECT doc FROM objects WHERE id = ?');
    this.selectDocsInOrder = db
      .prepare<[string], string | null>(
        'SELECT (SELECT doc FROM objects WHERE id = wanted.value) FROM json_each(?) AS wanted ORDER BY wanted.key',
      )
      .pluck();
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
    const docs = this.selectDocsInOrder.all(JSON.stringify(ids));
    for (let index = 0; index < ids.length; index += 1) {
      const doc = docs[index];
      if (doc !== null && !found.has(ids[index])) found.set(ids[index], JSON.parse(doc) as AsObject);
    }
    return found;
  }
}
