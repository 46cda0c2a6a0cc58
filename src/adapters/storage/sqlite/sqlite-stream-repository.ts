import type Database from 'better-sqlite3';
import type {
  StreamRange,
  StreamRepository,
} from '../../../application/ports/storage/stream-repository.port';
import { invalid } from '../../../domain/errors/domain-error';
import type { PortMethods, Synchronous } from './port-binding';
import { assertWholeNumber } from '../storage-argument-checks';

export const STREAM_REPOSITORY_METHODS: PortMethods<StreamRepository> = {
  append: true,
  appendToMany: true,
  remove: true,
  contains: true,
  count: true,
  countMany: true,
  page: true,
  holdingItem: true,
  newestOfMany: true,
};

interface StreamItem {
  stream: string;
  item: string;
}

/**
 * The synchronous body of {@link StreamRepository} over `stream_items` and `stream_counts`.
 *
 * Design: each item has a dense position `pos`, 0 for the oldest up to count-1 for the newest, and each stream
 * has its count in one row. Newest-first offset k is position count-1-k, and a `before`/`since` cursor is the
 * cursor's position plus or minus the page size, so every page is one range seek on the (stream, pos) index
 * whatever its depth, and `count` reads one row.
 *
 * Invariants: positions of a stream are exactly 0..count-1, each once, in order of first append; the count row
 * equals the number of items. Every change that reads before it writes runs in one BEGIN IMMEDIATE transaction
 * (a savepoint inside a unit of work), so processes sharing the file append in turn and lose nothing. A removal
 * shifts the newer positions down by one: it costs the number of newer items, which is fine because removals are
 * rare and appends are not.
 */
export class SqliteStreamRepository implements Synchronous<StreamRepository> {
  private readonly insertItem: Database.Statement<[StreamItem]>;
  private readonly incrementCount: Database.Statement<[string]>;
  private readonly decrementCount: Database.Statement<[string]>;
  private readonly selectCount: Database.Statement<[string], number>;
  private readonly selectCounts: Database.Statement<[string], { stream: string; count: number }>;
  private readonly selectPosition: Database.Statement<[string, string], number>;
  private readonly deleteItem: Database.Statement<[string, string]>;
  private readonly shiftNewerDown: Database.Statement<[string, number]>;
  private readonly selectNewestFirst: Database.Statement<[string, number, number], string>;
  private readonly selectHolding: Database.Statement<[string, string], string>;
  private readonly selectItemsHeld: Database.Statement<[string, string], string>;
  private readonly selectNewestOfMany: Database.Statement<[{ names: string; count: number }], StreamItem>;

  private readonly appendTx: Database.Transaction<(stream: string, item: string) => boolean>;
  private readonly appendToManyTx: Database.Transaction<(streams: readonly string[], item: string) => number>;
  private readonly removeTx: Database.Transaction<(stream: string, item: string) => boolean>;
  private readonly pageTx: Database.Transaction<(stream: string, range: StreamRange) => string[]>;

  constructor(db: Database.Database) {
    this.insertItem = db.prepare(
      `INSERT INTO stream_items (stream, item, pos)
       VALUES (@stream, @item, coalesce((SELECT count FROM stream_counts WHERE stream = @stream), 0))
       ON CONFLICT (stream, item) DO NOTHING`,
    );
    this.incrementCount = db.prepare(
      `INSERT INTO stream_counts (stream, count) VALUES (?, 1)
       ON CONFLICT (stream) DO UPDATE SET count = count + 1`,
    );
    this.decrementCount = db.prepare('UPDATE stream_counts SET count = count - 1 WHERE stream = ?');
    this.selectCount = db
      .prepare<[string], number>('SELECT count FROM stream_counts WHERE stream = ?')
      .pluck();
    // One statement for any number of names: they arrive as one JSON array, unpacked by json_each.
    this.selectCounts = db.prepare(
      'SELECT stream, count FROM stream_counts WHERE stream IN (SELECT value FROM json_each(?))',
    );
    this.selectPosition = db
      .prepare<[string, string], number>('SELECT pos FROM stream_items WHERE stream = ? AND item = ?')
      .pluck();
    this.deleteItem = db.prepare('DELETE FROM stream_items WHERE stream = ? AND item = ?');
    this.shiftNewerDown = db.prepare('UPDATE stream_items SET pos = pos - 1 WHERE stream = ? AND pos > ?');
    this.selectNewestFirst = db
      .prepare<[string, number, number], string>(
        'SELECT item FROM stream_items WHERE stream = ? AND pos BETWEEN ? AND ? ORDER BY pos DESC',
      )
      .pluck();

    this.selectHolding = db
      .prepare<[string, string], string>(
        'SELECT stream FROM stream_items WHERE stream IN (SELECT value FROM json_each(?)) AND item = ?',
      )
      .pluck();
    this.selectItemsHeld = db
      .prepare<[string, string], string>(
        'SELECT item FROM stream_items WHERE stream = ? AND item IN (SELECT value FROM json_each(?))',
      )
      .pluck();
    // The newest positions of each stream are count-n..count-1: one range seek per name, in one statement.
    this.selectNewestOfMany = db.prepare(
      `SELECT i.stream AS stream, i.item AS item
       FROM stream_counts c JOIN stream_items i ON i.stream = c.stream AND i.pos >= c.count - @count
       WHERE c.stream IN (SELECT value FROM json_each(@names))
       ORDER BY i.stream, i.pos DESC`,
    );

    this.appendTx = db.transaction((stream: string, item: string) => this.appendOne(stream, item));
    this.appendToManyTx = db.transaction((streams: readonly string[], item: string) => {
      let added = 0;
      for (const stream of streams) if (this.appendOne(stream, item)) added += 1;
      return added;
    });
    this.removeTx = db.transaction((stream: string, item: string) => this.removeOne(stream, item));
    this.pageTx = db.transaction((stream: string, range: StreamRange) => this.readPage(stream, range));
  }

  append(stream: string, item: string): boolean {
    return this.appendTx.immediate(stream, item);
  }

  /** The whole fan-out is one transaction: one lock, one commit, however many streams. */
  appendToMany(streams: readonly string[], item: string): number {
    return streams.length === 0 ? 0 : this.appendToManyTx.immediate(streams, item);
  }

  remove(stream: string, item: string): boolean {
    return this.removeTx.immediate(stream, item);
  }

  contains(stream: string, item: string): boolean {
    return this.selectPosition.get(stream, item) !== undefined;
  }

  count(stream: string): number {
    return this.selectCount.get(stream) ?? 0;
  }

  countMany(streams: readonly string[]): Map<string, number> {
    const counts = new Map(streams.map((stream) => [stream, 0]));
    if (streams.length === 0) return counts;
    for (const row of this.selectCounts.all(JSON.stringify(streams))) counts.set(row.stream, row.count);
    return counts;
  }

  holdingItem(streams: readonly string[], item: string): Set<string> {
    return streams.length === 0
      ? new Set()
      : new Set(this.selectHolding.all(JSON.stringify([...new Set(streams)]), item));
  }

  /** The items among `items` that `stream` holds (for the follow graph, which keeps its edges as streams). */
  itemsHeld(stream: string, items: readonly string[]): Set<string> {
    return items.length === 0
      ? new Set()
      : new Set(this.selectItemsHeld.all(stream, JSON.stringify([...new Set(items)])));
  }

  newestOfMany(streams: readonly string[], count: number): Map<string, string[]> {
    assertWholeNumber(count, 'count');
    const newest = new Map<string, string[]>(streams.map((stream) => [stream, []]));
    if (streams.length === 0 || count === 0) return newest;
    for (const row of this.selectNewestOfMany.all({ names: JSON.stringify([...newest.keys()]), count })) {
      newest.get(row.stream)?.push(row.item);
    }
    return newest;
  }

  /** Two reads (a position or the count, then the range) in one read transaction, so they see one snapshot. */
  page(stream: string, range: StreamRange): string[] {
    return this.pageTx.deferred(stream, range);
  }

  private appendOne(stream: string, item: string): boolean {
    const added = this.insertItem.run({ stream, item }).changes > 0;
    if (added) this.incrementCount.run(stream);
    return added;
  }

  private removeOne(stream: string, item: string): boolean {
    const position = this.selectPosition.get(stream, item);
    if (position === undefined) return false;
    this.deleteItem.run(stream, item);
    this.shiftNewerDown.run(stream, position);
    this.decrementCount.run(stream);
    return true;
  }

  private readPage(stream: string, range: StreamRange): string[] {
    const size = range.count;
    assertWholeNumber(size, 'count');
    if (range.before !== undefined) {
      const cursor = this.cursorPosition(stream, range.before);
      return size === 0 ? [] : this.selectNewestFirst.all(stream, cursor - size, cursor - 1);
    }
    if (range.since !== undefined) {
      const cursor = this.cursorPosition(stream, range.since);
      return size === 0 ? [] : this.selectNewestFirst.all(stream, cursor + 1, cursor + size);
    }
    const offset = range.offset ?? 0;
    assertWholeNumber(offset, 'offset');
    const newest = this.count(stream) - 1 - offset;
    if (size === 0 || newest < 0) return [];
    return this.selectNewestFirst.all(stream, Math.max(0, newest - size + 1), newest);
  }

  private cursorPosition(stream: string, cursor: string): number {
    const position = this.selectPosition.get(stream, cursor);
    if (position === undefined) {
      throw invalid('stream.cursor-unknown', `${cursor} is not in the stream.`, { cursor });
    }
    return position;
  }
}
