import type { StreamRange } from '../../../src/application/ports/storage/stream-repository.port';
import { SeededRandom } from '../../support/seeded-random';
import { expectDomainError } from './expect-domain-error';
import { walkByBefore, walkByOffset, walkBySince } from './stream-walks';
import { type OpenTestStore, useTestStore } from './test-store';

const STREAM = 'user:alice:inbox';
const item = (n: number) => `https://example.test/api/activity/${n}`;
/** item(from) .. item(to - 1), newest (highest) first: what a stream filled in that order reads as. */
const newestFirst = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => item(to - 1 - index));

/** How StreamRepository reads pages: offset, before and since (stream-repository.port.ts), for any adapter. */
export function describeStreamPagingContract(open: OpenTestStore): void {
  describe('StreamRepository paging', () => {
    const store = useTestStore(open);
    const streams = () => store().storage.streams;
    const page = (range: StreamRange) => streams().page(STREAM, range);

    async function fill(count: number): Promise<void> {
      for (let n = 0; n < count; n += 1) await streams().append(STREAM, item(n));
    }

    describe('by offset', () => {
      it('reads the newest items first, `offset` newest skipped', async () => {
        await fill(10);
        expect(await page({ count: 3 })).toEqual(newestFirst(7, 10));
        expect(await page({ count: 3, offset: 0 })).toEqual(newestFirst(7, 10));
        expect(await page({ count: 3, offset: 3 })).toEqual(newestFirst(4, 7));
        expect(await page({ count: 4, offset: 7 })).toEqual(newestFirst(0, 3));
      });

      it('answers a short or empty page past the end, and nothing for a count of 0', async () => {
        await fill(5);
        expect(await page({ count: 10 })).toEqual(newestFirst(0, 5));
        expect(await page({ count: 3, offset: 4 })).toEqual([item(0)]);
        expect(await page({ count: 3, offset: 5 })).toEqual([]);
        expect(await page({ count: 3, offset: 500 })).toEqual([]);
        expect(await page({ count: 0 })).toEqual([]);
      });

      it('refuses a count or offset that is not a whole number >= 0 with invalid stream.range-invalid', async () => {
        await fill(5);
        for (const count of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
          await expectDomainError(page({ count }), 'invalid', 'stream.range-invalid');
          await expectDomainError(page({ count, before: item(3) }), 'invalid', 'stream.range-invalid');
          await expectDomainError(page({ count, since: item(1) }), 'invalid', 'stream.range-invalid');
        }
        for (const offset of [-1, 2.5, Number.NaN]) {
          await expectDomainError(page({ count: 2, offset }), 'invalid', 'stream.range-invalid');
        }
        expect(await streams().count(STREAM)).toBe(5);
      });

      it('reads a stream that was never written as empty', async () => {
        expect(await streams().page('user:nobody:inbox', { count: 20 })).toEqual([]);
        expect(await streams().page('user:nobody:inbox', { count: 20, offset: 5 })).toEqual([]);
      });
    });

    describe('before a cursor', () => {
      it('reads the items older than the cursor, nearest first', async () => {
        await fill(10);
        expect(await page({ count: 3, before: item(5) })).toEqual([item(4), item(3), item(2)]);
        expect(await page({ count: 3, before: item(9) })).toEqual(newestFirst(6, 9));
      });

      it('answers a short or empty page at the oldest end', async () => {
        await fill(10);
        expect(await page({ count: 3, before: item(1) })).toEqual([item(0)]);
        expect(await page({ count: 3, before: item(0) })).toEqual([]);
        expect(await page({ count: 0, before: item(5) })).toEqual([]);
      });
    });

    describe('since a cursor', () => {
      it('reads the `count` newer items nearest the cursor, newest first', async () => {
        await fill(10);
        expect(await page({ count: 3, since: item(2) })).toEqual([item(5), item(4), item(3)]);
        expect(await page({ count: 20, since: item(2) })).toEqual(newestFirst(3, 10));
      });

      it('answers a short or empty page at the newest end', async () => {
        await fill(10);
        expect(await page({ count: 3, since: item(8) })).toEqual([item(9)]);
        expect(await page({ count: 3, since: item(9) })).toEqual([]);
        expect(await page({ count: 0, since: item(5) })).toEqual([]);
      });
    });

    describe('an unknown cursor', () => {
      it('is refused with invalid stream.cursor-unknown, before or since', async () => {
        await fill(3);
        await expectDomainError(page({ count: 5, before: item(99) }), 'invalid', 'stream.cursor-unknown');
        await expectDomainError(page({ count: 5, since: item(99) }), 'invalid', 'stream.cursor-unknown');
      });

      it('includes an item of another stream, an item since removed and any cursor into an unwritten stream', async () => {
        await fill(3);
        await streams().append('user:bob:inbox', item(50));
        await streams().remove(STREAM, item(1));
        await expectDomainError(page({ count: 5, before: item(50) }), 'invalid', 'stream.cursor-unknown');
        await expectDomainError(page({ count: 5, since: item(1) }), 'invalid', 'stream.cursor-unknown');
        await expectDomainError(
          streams().page('user:nobody:inbox', { count: 5, before: item(0) }),
          'invalid',
          'stream.cursor-unknown',
        );
      });
    });

    describe('after removals', () => {
      it('pages without gaps or repeats, whichever way it is walked', async () => {
        await fill(30);
        for (const removed of [0, 7, 8, 15, 29]) await streams().remove(STREAM, item(removed));
        const expected = newestFirst(0, 30).filter((id) => ![0, 7, 8, 15, 29].map(item).includes(id));
        expect(await walkByOffset(page, 4)).toEqual(expected);
        expect(await walkByBefore(page, 4)).toEqual(expected);
        expect(await walkBySince(page, 4, expected[expected.length - 1])).toEqual(expected);
        expect(await page({ count: 3, before: item(9) })).toEqual([item(6), item(5), item(4)]);
        expect(await page({ count: 3, since: item(6) })).toEqual([item(11), item(10), item(9)]);
      });

      it('agrees with a simple model after a long mix of appends, repeats and removals', async () => {
        const random = new SeededRandom(20261124);
        const model: string[] = []; // oldest first
        let next = 0;
        for (let step = 0; step < 600; step += 1) {
          const roll = random.next();
          if (roll < 0.6 || model.length === 0) {
            const fresh = item(next++);
            expect(await streams().append(STREAM, fresh)).toBe(true);
            model.push(fresh);
          } else if (roll < 0.75) {
            expect(await streams().append(STREAM, random.pick(model))).toBe(false);
          } else if (roll < 0.95) {
            const gone = random.pick(model);
            expect(await streams().remove(STREAM, gone)).toBe(true);
            model.splice(model.indexOf(gone), 1);
          } else {
            expect(await streams().remove(STREAM, item(next + 1000))).toBe(false);
          }
        }
        const expected = [...model].reverse();
        expect(await streams().count(STREAM)).toBe(model.length);
        expect(await walkByOffset(page, 7)).toEqual(expected);
        expect(await walkByBefore(page, 7)).toEqual(expected);
        expect(await walkBySince(page, 7, model[0])).toEqual(expected);
      });
    });
  });
}
