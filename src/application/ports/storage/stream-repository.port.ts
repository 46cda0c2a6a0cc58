/**
 * Which part of a stream to read. Streams are read newest first. Exactly one way of positioning is used:
 * - `offset`: skip that many of the newest items (default 0);
 * - `before`: the items older than the cursor item, nearest first;
 * - `since`: the items newer than the cursor item, the `count` nearest to it, still returned newest first.
 */
export type StreamRange =
  | { count: number; offset?: number; before?: undefined; since?: undefined }
  | { count: number; before: string; offset?: undefined; since?: undefined }
  | { count: number; since: string; offset?: undefined; before?: undefined };

/**
 * Named, ordered sets of string items (activity ids, person ids, JSON object references): outboxes, inboxes,
 * followers, likes, list members and the like.
 *
 * Every adapter honours:
 * - `append` is idempotent: an item already in the stream stays where it is, and the call answers false;
 * - order is the order of first append; reads are newest first;
 * - `count` answers in constant time, whatever the length of the stream; `countMany` answers the same counts for
 *   many streams in one call (a stream never written counts 0), its cost growing with the number of names only;
 * - `holdingItem` and `newestOfMany` answer for many streams in one call, as `contains` and a first page of each
 *   would (a page of objects is decorated with a few calls, not a few per object); their cost grows with the
 *   number of names (and items answered), not with the length of the streams;
 * - a page positioned by `before`/`since` or by `offset` costs about the same deep in a long stream as near its
 *   head;
 * - a `before`/`since` cursor that is not in the stream throws an `invalid` DomainError (`stream.cursor-unknown`);
 * - a `count` or `offset` that is not a whole number >= 0 throws an `invalid` DomainError (`stream.range-invalid`);
 * - `remove` answers whether the item was there; the items around it keep their order;
 * - concurrent appends from several processes lose nothing and duplicate nothing.
 */
export interface StreamRepository {
  append(stream: string, item: string): Promise<boolean>;
  /** Appends one item to many streams (local fan-out); answers how many streams did not hold it yet. */
  appendToMany(streams: readonly string[], item: string): Promise<number>;
  remove(stream: string, item: string): Promise<boolean>;
  contains(stream: string, item: string): Promise<boolean>;
  count(stream: string): Promise<number>;
  /** The counts of several streams at once, keyed by name (each name once, 0 for a stream never written). */
  countMany(streams: readonly string[]): Promise<Map<string, number>>;
  page(stream: string, range: StreamRange): Promise<string[]>;
  /** The names among `streams` that hold `item` (each name once). */
  holdingItem(streams: readonly string[], item: string): Promise<Set<string>>;
  /**
   * The newest `count` items of each stream, newest first, keyed by name (each name once; an empty list for an
   * empty stream): what `page(stream, { count })` answers, for many streams at once.
   */
  newestOfMany(streams: readonly string[], count: number): Promise<Map<string, string[]>>;
}
export const StreamRepository = Symbol('StreamRepository');
