import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import type { JsonDocument } from '../presenters/object-lookup';

/**
 * Which link set a collection carries (docs/protocol.md §5.2): activity streams and the lists feed have
 * first/self/prev/next; person feeds self (with offset and count), current, prev, next; object feeds only
 * first and self; list members first/self/prev/next with `type=` beside the cursor.
 */
export type LinkStyle = 'activity' | 'person' | 'object' | 'members';

/** What a collection page is made of; `itemIds` are the cursors of `items`, in the same order. */
export interface CollectionJsonInput {
  readonly url: string;
  readonly displayName: string;
  readonly objectTypes?: readonly string[];
  readonly author?: JsonDocument;
  readonly totalItems: number;
  readonly items: readonly JsonDocument[];
  readonly itemIds: readonly string[];
  readonly range: StreamRange;
  readonly style: LinkStyle;
  /** The objectType of list members, sent as `type` with their cursors. */
  readonly memberType?: string;
}

/**
 * The AS1 collection JSON of one page (docs/protocol.md §5.2).
 *
 * Invariants: `prev` (`?since=<first item>`) appears whenever there are items; `next` (`?before=<last item>`)
 * when there are items and more may follow: in offset mode when offset + items < totalItems, in before mode when
 * the page is full, and after any since request; cursors are URL-encoded; a url that already has a query (the
 * `?id=` form) gets `&` parameters.
 */
export function buildCollectionJson(input: CollectionJsonInput): JsonDocument {
  const { url, range, itemIds, style } = input;
  const extra: Record<string, string> =
    style === 'members' && input.memberType ? { type: input.memberType } : {};
  const links: JsonDocument = {};
  if (style === 'person') {
    links.self = { href: withQuery(url, { offset: String(range.offset ?? 0), count: String(range.count) }) };
    links.current = { href: url };
  } else {
    links.first = { href: url };
    links.self = { href: url };
  }
  if (style !== 'object' && itemIds.length > 0) {
    links.prev = { href: withQuery(url, { since: itemIds[0], ...extra }) };
    if (hasNext(input)) {
      links.next = { href: withQuery(url, { before: itemIds[itemIds.length - 1], ...extra }) };
    }
  }
  const json: JsonDocument = { displayName: input.displayName };
  if (input.objectTypes !== undefined) {
    json.objectTypes = [...input.objectTypes];
  }
  json.url = url;
  if (input.author !== undefined) {
    json.author = input.author;
  }
  return { ...json, totalItems: input.totalItems, items: [...input.items], links };
}

function hasNext({ range, itemIds, totalItems }: CollectionJsonInput): boolean {
  if (range.since !== undefined) {
    return true;
  }
  if (range.before !== undefined) {
    return itemIds.length >= range.count;
  }
  return (range.offset ?? 0) + itemIds.length < totalItems;
}

/** `url` with the parameters added, after `?` or `&` as the url needs. */
export function withQuery(url: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
