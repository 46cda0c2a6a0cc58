import type { StreamRange } from '../../../../src/application/ports/storage/stream-repository.port';
import { MAX_HIDDEN_SCANNED, readVisiblePage } from '../../../../src/application/reading/visible-page';

/** A stream of `size` ids, newest first (`i<size-1>` ... `i0`), that counts the ids it hands out. */
function countingStream(size: number) {
  const ids = Array.from({ length: size }, (_, index) => `i${size - 1 - index}`);
  const stream = {
    handedOut: 0,
    read: (range: StreamRange): Promise<string[]> => {
      let start: number;
      let end: number;
      if (range.before !== undefined) {
        start = ids.indexOf(range.before) + 1;
        end = start + range.count;
      } else if (range.since !== undefined) {
        end = ids.indexOf(range.since);
        start = Math.max(0, end - range.count);
      } else {
        start = range.offset ?? 0;
        end = start + range.count;
      }
      const page = ids.slice(start, end);
      stream.handedOut += page.length;
      return Promise.resolve(page);
    },
  };
  return stream;
}

const nothingVisible = (): Promise<string[]> => Promise.resolve([]);
const everyTenthVisible = (chunk: string[]): Promise<string[]> =>
  Promise.resolve(chunk.filter((id) => Number(id.slice(1)) % 10 === 0));

// A chunk may overshoot the budget by at most one read; reads never ask for more than a page's worth at a time.
const SLACK = 200;

describe('readVisiblePage', () => {
  it('fills a page past hidden items, newest first', async () => {
    const stream = countingStream(100);
    const page = await readVisiblePage(stream.read, { count: 3 }, everyTenthVisible);
    expect(page).toEqual(['i90', 'i80', 'i70']);
  });

  it('counts the offset in visible items', async () => {
    const stream = countingStream(100);
    expect(await readVisiblePage(stream.read, { count: 2, offset: 3 }, everyTenthVisible)).toEqual([
      'i60',
      'i50',
    ]);
  });

  it('steps over a bounded number of hidden items, whatever the offset asked for', async () => {
    const stream = countingStream(50_000);
    const page = await readVisiblePage(stream.read, { count: 20, offset: 40_000 }, nothingVisible);
    expect(page).toEqual([]);
    expect(stream.handedOut).toBeLessThanOrEqual(MAX_HIDDEN_SCANNED + SLACK);
  });

  it('steps over a bounded number of hidden items before a cursor and since one', async () => {
    const before = countingStream(50_000);
    await readVisiblePage(before.read, { count: 200, before: 'i49999' }, nothingVisible);
    expect(before.handedOut).toBeLessThanOrEqual(MAX_HIDDEN_SCANNED + SLACK);
    const since = countingStream(50_000);
    await readVisiblePage(since.read, { count: 200, since: 'i0' }, nothingVisible);
    expect(since.handedOut).toBeLessThanOrEqual(MAX_HIDDEN_SCANNED + SLACK);
  });
});
