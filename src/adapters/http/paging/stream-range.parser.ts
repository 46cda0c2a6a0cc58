import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import { invalid } from '../../../domain/errors/domain-error';

/** The default page size of every list GET (docs/protocol.md §5.3). */
export const DEFAULT_COUNT = 20;
/** The largest page a client may ask for. */
export const MAX_COUNT = 200;

const WHOLE_NUMBER = /^\d+$/;

/**
 * The {@link StreamRange} of a list GET from its query (docs/protocol.md §5.3): `count` (0..200, default 20),
 * then at most one of `offset`, `before`, `since`.
 *
 * Invariants: anything else is an `invalid` DomainError (400), never a 500: a repeated or empty parameter, a count
 * or offset that is not a whole number in range, before with since, offset with either. Whether a cursor is in the
 * stream is for the stream to say (`stream.cursor-unknown`, also a 400). Unrelated query parameters are ignored.
 */
export function parseStreamRange(query: Readonly<Record<string, unknown>>): StreamRange {
  const count = single(query, 'count');
  const offset = single(query, 'offset');
  const before = single(query, 'before');
  const since = single(query, 'since');
  let size = DEFAULT_COUNT;
  if (count !== undefined) {
    size = WHOLE_NUMBER.test(count) ? Number(count) : Number.NaN;
    if (!(size >= 0 && size <= MAX_COUNT)) {
      throw invalid('paging.bad-count', `Count must be between 0 and ${MAX_COUNT}`);
    }
  }
  if (before !== undefined && since !== undefined) {
    throw invalid('paging.before-and-since', "Can't have both 'before' and 'since'");
  }
  if (offset !== undefined && (before !== undefined || since !== undefined)) {
    throw invalid('paging.offset-and-cursor', "Can't have 'offset' with 'before' or 'since'");
  }
  if (before !== undefined) {
    return { count: size, before };
  }
  if (since !== undefined) {
    return { count: size, since };
  }
  if (offset === undefined) {
    return { count: size };
  }
  if (!WHOLE_NUMBER.test(offset) || !Number.isSafeInteger(Number(offset))) {
    throw invalid('paging.bad-offset', 'Offset must be a whole number');
  }
  return { count: size, offset: Number(offset) };
}

/** The one string value of a query parameter; a repeated (array) or nested value, or an empty one, is a 400. */
function single(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalid('paging.repeated', `'${name}' must be given once`);
  }
  if (value === '') {
    throw invalid('paging.empty', `'${name}' must not be empty`);
  }
  return value;
}
