import type { StreamRange } from '../../../src/application/ports/storage/stream-repository.port';

/** Reads one page of some stream-like list (a stream, someone's followers, ...). */
export type PageReader = (range: StreamRange) => Promise<string[]>;

/** A guard against a walk that never ends because the store keeps answering the same page. */
const MAX_PAGES = 10_000;

/** Reads the whole list newest first, page by page, advancing by `offset`. */
export async function walkByOffset(read: PageReader, pageSize: number): Promise<string[]> {
  const all: string[] = [];
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await read({ count: pageSize, offset: all.length });
    all.push(...page);
    if (page.length < pageSize) return all;
  }
  throw new Error('walkByOffset did not reach the end of the list.');
}

/** Reads the whole list newest first: the head, then `before` the last item seen, as a client pages back. */
export async function walkByBefore(read: PageReader, pageSize: number): Promise<string[]> {
  const all = await read({ count: pageSize });
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    if (all.length === 0) return all;
    const page = await read({ count: pageSize, before: all[all.length - 1] });
    if (page.length === 0) return all;
    all.push(...page);
  }
  throw new Error('walkByBefore did not reach the end of the list.');
}

/**
 * Reads the whole list from its oldest item up, `since` the newest item seen, as a client catching up does;
 * answers it newest first so it compares with the other walks.
 */
export async function walkBySince(read: PageReader, pageSize: number, oldest: string): Promise<string[]> {
  const oldestFirst = [oldest];
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await read({ count: pageSize, since: oldestFirst[oldestFirst.length - 1] });
    if (page.length === 0) return oldestFirst.reverse();
    oldestFirst.push(...[...page].reverse());
  }
  throw new Error('walkBySince did not reach the end of the list.');
}
