import type { StreamRange } from '../ports/storage/stream-repository.port';

/** Reads raw item ids of one stream for a range (a stream page, a follow list, ...). */
export type PageReader = (range: StreamRange) => Promise<string[]>;

/**
 * Keeps, in order, what the viewer may see of a chunk of ids, already loaded (documents, not ids). Ids whose
 * document is missing are dropped too.
 */
export type ChunkSelector<T> = (ids: string[]) => Promise<T[]>;

/** How many hidden items one request may step over before it gives up and answers a short page. */
export const MAX_HIDDEN_SCANNED = 1000;

// Reads at least this many ids at a time, so a viewer who may see few items does not cost one round trip each.
const MIN_CHUNK = 20;
// Reads at most this many ids at a time (the largest page a client may ask for), so one chunk of hidden items
// cannot overshoot the budget by more than this, however large the offset.
const MAX_CHUNK = 200;

/** How many ids the next chunk asks for, when `missing` visible items are still wanted. */
function chunkSize(missing: number): number {
  return Math.min(Math.max(missing, MIN_CHUNK), MAX_CHUNK);
}

/**
 * A page of what a viewer may see of a stream, filled up past hidden items as pump.io's FilteredStream does: the
 * range applies to the visible items (offset counts visible items; before/since cursors are item ids, visible or
 * not), and reading goes on until `count` visible items are found or the stream ends.
 *
 * Invariants: items come newest first, like every stream read; in since mode they are the `count` visible items
 * nearest the cursor. At most {@link MAX_HIDDEN_SCANNED} hidden items are stepped over (plus one chunk), whatever
 * the offset, which bounds the cost of a request against an outbox full of things the viewer may not see; past
 * that the page is short, which clients read as "maybe more later" only when a next link says so.
 */
export async function readVisiblePage<T>(
  read: PageReader,
  range: StreamRange,
  select: ChunkSelector<T>,
): Promise<T[]> {
  if (range.count === 0) {
    return [];
  }
  if (range.since !== undefined) {
    return readVisibleSince(read, range.since, range.count, select);
  }
  const offset = range.offset ?? 0;
  const wanted = offset + range.count;
  const collected: T[] = [];
  let cursor = range.before;
  let hidden = 0;
  for (;;) {
    const asked = chunkSize(wanted - collected.length);
    const chunk = await read(cursor === undefined ? { count: asked } : { count: asked, before: cursor });
    const visible = await select(chunk);
    collected.push(...visible);
    // The offset is counted in visible items: only what the viewer may not see is charged to the budget.
    hidden += chunk.length - visible.length;
    if (collected.length >= wanted || chunk.length < asked || hidden >= MAX_HIDDEN_SCANNED) {
      break;
    }
    cursor = chunk[chunk.length - 1];
  }
  return collected.slice(offset, wanted);
}

async function readVisibleSince<T>(
  read: PageReader,
  since: string,
  count: number,
  select: ChunkSelector<T>,
): Promise<T[]> {
  let collected: T[] = [];
  let cursor = since;
  let hidden = 0;
  for (;;) {
    const asked = chunkSize(count - collected.length);
    const chunk = await read({ count: asked, since: cursor });
    // A since chunk holds the items just above the cursor, newest first: what comes next is newer still.
    const visible = await select(chunk);
    collected = visible.concat(collected);
    hidden += chunk.length - visible.length;
    if (collected.length >= count || chunk.length < asked || hidden >= MAX_HIDDEN_SCANNED) {
      break;
    }
    cursor = chunk[0];
  }
  return collected.slice(Math.max(collected.length - count, 0));
}
