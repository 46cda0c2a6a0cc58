import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';

/** A link of a collection: `{ "href": ... }`. */
export interface CollectionLink {
  readonly href: string;
}

/** The paging links of an AS1 collection (docs/protocol.md §5.2). */
export interface CollectionLinks {
  readonly first: CollectionLink;
  readonly self: CollectionLink;
  readonly prev?: CollectionLink;
  readonly next?: CollectionLink;
}

/** One page of a collection, its items already presented for the viewer. */
export interface CollectionPage<Item = unknown> {
  /** The feed's URL without paging parameters (it may carry its own query, e.g. a foreign object's `?id=`). */
  readonly url: string;
  /** The range the page was read with. */
  readonly range: StreamRange;
  /** The size of the whole collection. */
  readonly totalItems: number;
  readonly items: readonly Item[];
  /**
   * For each item, in the same order, the value `since`/`before` name it by: the activity or object id, the
   * person id, the nickname for `/api/users`.
   */
  readonly cursors: readonly string[];
  /** Parameters every paging link carries besides since/before, e.g. `type` for object feeds. */
  readonly linkParams?: Readonly<Record<string, string>>;
}

/** `url` with the query parameters added, after its own query when it has one; values are URI-encoded. */
export function withQuery(url: string, params: Readonly<Record<string, string>>): string {
  const query = Object.entries(params)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * The links of a page as pump.io writes them (§5.2): `first` and `self` are the bare url; `prev` is
 * `url?since=<first item>` whenever the page has items; `next` is `url?before=<last item>` when the page has
 * items and more may follow: in offset mode when `offset + items < totalItems`, in before mode when the page is
 * full, and always after a since request (newer items were asked for, so older ones exist).
 */
export function pagingLinks(page: CollectionPage): CollectionLinks {
  const { url, range, totalItems, items, cursors } = page;
  const extra = page.linkParams ?? {};
  const links: { -readonly [K in keyof CollectionLinks]: CollectionLinks[K] } = {
    first: { href: url },
    self: { href: url },
  };
  if (items.length === 0 || cursors.length === 0) {
    return links;
  }
  links.prev = { href: withQuery(url, { ...extra, since: cursors[0] }) };
  const moreOlder =
    range.since !== undefined ||
    (range.before !== undefined && items.length >= range.count) ||
    (range.before === undefined && (range.offset ?? 0) + items.length < totalItems);
  if (moreOlder) {
    links.next = { href: withQuery(url, { ...extra, before: cursors[cursors.length - 1] }) };
  }
  return links;
}

/**
 * An AS1 collection document: the caller's header fields first (displayName, id, url, objectTypes, author...,
 * in the order given), then `totalItems`, `items` and the paging links of {@link pagingLinks}.
 */
export function presentCollection<Item>(
  fields: Readonly<Record<string, unknown>>,
  page: CollectionPage<Item>,
): Record<string, unknown> {
  return { ...fields, totalItems: page.totalItems, items: [...page.items], links: pagingLinks(page) };
}
