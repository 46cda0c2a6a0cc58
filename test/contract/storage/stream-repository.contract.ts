import { describeStreamPagingContract } from './stream-paging.contract';
import { type OpenTestStore, useTestStore } from './test-store';

const item = (n: number) => `https://example.test/api/activity/${n}`;

/** The contract of StreamRepository (stream-repository.port.ts), for any adapter. */
export function describeStreamRepositoryContract(open: OpenTestStore): void {
  describe('StreamRepository', () => {
    const store = useTestStore(open);
    const streams = () => store().storage.streams;
    const all = (stream: string) => streams().page(stream, { count: 1000 });

    it('appends an item once: the first append answers true, a repeat answers false', async () => {
      expect(await streams().append('s', item(1))).toBe(true);
      expect(await streams().append('s', item(1))).toBe(false);
      expect(await streams().count('s')).toBe(1);
      expect(await all('s')).toEqual([item(1)]);
    });

    it('reads newest first, in order of first append', async () => {
      for (const n of [3, 1, 2]) await streams().append('s', item(n));
      expect(await all('s')).toEqual([item(2), item(1), item(3)]);
    });

    it('leaves an item appended again where it was', async () => {
      for (const n of [1, 2, 3]) await streams().append('s', item(n));
      expect(await streams().append('s', item(1))).toBe(false);
      expect(await all('s')).toEqual([item(3), item(2), item(1)]);
    });

    it('tells whether it contains an item', async () => {
      await streams().append('s', item(1));
      expect(await streams().contains('s', item(1))).toBe(true);
      expect(await streams().contains('s', item(2))).toBe(false);
      expect(await streams().contains('other', item(1))).toBe(false);
    });

    it('tells which of many streams hold an item, in one call', async () => {
      await streams().append('a', item(1));
      await streams().append('b', item(2));
      await streams().append('c', item(1));
      await streams().remove('c', item(1));
      await streams().append('with "quotes" ü', item(1));
      const holding = await streams().holdingItem(['a', 'b', 'c', 'never', 'a', 'with "quotes" ü'], item(1));
      expect([...holding].sort()).toEqual(['a', 'with "quotes" ü']);
      expect((await streams().holdingItem([], item(1))).size).toBe(0);
    });

    it('answers the newest items of many streams in one call, as a first page of each', async () => {
      for (const n of [1, 2, 3, 4, 5]) await streams().append('long', item(n));
      await streams().append('short', item(9));
      await streams().append('emptied', item(1));
      await streams().remove('emptied', item(1));
      await streams().remove('long', item(4));
      const newest = await streams().newestOfMany(['long', 'short', 'emptied', 'never', 'long'], 3);
      expect([...newest.entries()].sort()).toEqual(
        [
          ['emptied', []],
          ['long', [item(5), item(3), item(2)]],
          ['never', []],
          ['short', [item(9)]],
        ].sort(),
      );
      expect((await streams().newestOfMany(['long'], 0)).get('long')).toEqual([]);
      expect((await streams().newestOfMany([], 4)).size).toBe(0);
    });

    it('removes an item, answering whether it was there, and keeps the neighbours in order', async () => {
      for (const n of [1, 2, 3, 4]) await streams().append('s', item(n));
      expect(await streams().remove('s', item(2))).toBe(true);
      expect(await streams().remove('s', item(2))).toBe(false);
      expect(await streams().remove('never-written', item(2))).toBe(false);
      expect(await all('s')).toEqual([item(4), item(3), item(1)]);
      expect(await streams().contains('s', item(2))).toBe(false);
      expect(await streams().count('s')).toBe(3);
    });

    it('puts a removed item appended again at the newest end', async () => {
      for (const n of [1, 2, 3]) await streams().append('s', item(n));
      await streams().remove('s', item(1));
      expect(await streams().append('s', item(1))).toBe(true);
      expect(await all('s')).toEqual([item(1), item(3), item(2)]);
    });

    it('can be emptied and filled again', async () => {
      await streams().append('s', item(1));
      await streams().remove('s', item(1));
      expect(await streams().count('s')).toBe(0);
      expect(await all('s')).toEqual([]);
      await streams().append('s', item(2));
      expect(await all('s')).toEqual([item(2)]);
    });

    it('counts 0 for a stream never written', async () => {
      expect(await streams().count('user:nobody:outbox')).toBe(0);
    });

    it('keeps count through many appends, repeats and removals', async () => {
      for (let n = 0; n < 300; n += 1) await streams().append('s', item(n));
      for (let n = 0; n < 300; n += 3) await streams().append('s', item(n));
      for (let n = 0; n < 300; n += 2) await streams().remove('s', item(n));
      for (let n = 0; n < 300; n += 4) await streams().remove('s', item(n));
      expect(await streams().count('s')).toBe(150);
    });

    it('counts many streams in one call, each name once, 0 for a stream never written or emptied', async () => {
      for (const n of [1, 2, 3]) await streams().append('a', item(n));
      await streams().append('b', item(1));
      await streams().append('c', item(1));
      await streams().remove('c', item(1));
      const counts = await streams().countMany(['a', 'b', 'c', 'never', 'a', 'with "quotes" and \\ ü']);
      expect([...counts.entries()].sort()).toEqual(
        [
          ['a', 3],
          ['b', 1],
          ['c', 0],
          ['never', 0],
          ['with "quotes" and \\ ü', 0],
        ].sort(),
      );
      expect((await streams().countMany([])).size).toBe(0);
    });

    it('keeps streams independent of each other', async () => {
      await streams().append('user:alice:inbox', item(1));
      await streams().append('user:alice:inbox', item(2));
      await streams().append('user:bob:inbox', item(2));
      await streams().append('user:bob:inbox', item(1));
      await streams().remove('user:bob:inbox', item(2));
      expect(await all('user:alice:inbox')).toEqual([item(2), item(1)]);
      expect(await all('user:bob:inbox')).toEqual([item(1)]);
      expect(await streams().count('user:alice:inbox')).toBe(2);
      expect(await streams().count('user:bob:inbox')).toBe(1);
      expect(await all('user:alice')).toEqual([]);
    });

    it('holds any string as an item and any string as a name', async () => {
      const items = [
        JSON.stringify({ id: 'https://example.test/api/note/1', objectType: 'note' }),
        'acct:zoë@example.test',
        'it\'s 100% "quoted" \\ ; DROP TABLE streams; --',
        'x'.repeat(2000),
      ];
      const name = 'activityobject:replies:https://example.test/api/note/1?x=1&y=é';
      for (const value of items) await streams().append(name, value);
      expect(await all(name)).toEqual([...items].reverse());
      expect(await streams().contains(name, items[0])).toBe(true);
      expect(await streams().page(name, { count: 1, before: items[3] })).toEqual([items[2]]);
    });

    it('appends to many streams at once, answering how many did not hold the item yet', async () => {
      await streams().append('user:bob:inbox', item(1));
      await streams().append('user:carol:inbox', item(0));
      const placed = await streams().appendToMany(
        ['user:alice:inbox', 'user:bob:inbox', 'user:carol:inbox'],
        item(1),
      );
      expect(placed).toBe(2);
      expect(await all('user:alice:inbox')).toEqual([item(1)]);
      expect(await all('user:bob:inbox')).toEqual([item(1)]);
      expect(await all('user:carol:inbox')).toEqual([item(1), item(0)]);
    });

    it('appends to no streams as a no-op answering 0', async () => {
      expect(await streams().appendToMany([], item(1))).toBe(0);
    });

    it('loses and duplicates nothing under concurrent appends', async () => {
      const items = Array.from({ length: 40 }, (_, n) => item(n));
      const answers = await Promise.all([...items, ...items].map((value) => streams().append('s', value)));
      expect(answers.filter(Boolean)).toHaveLength(40);
      expect(await streams().count('s')).toBe(40);
      expect([...(await all('s'))].sort()).toEqual([...items].sort());
    });

    it('places each item once under concurrent fan-outs to overlapping streams', async () => {
      const targets = ['a', 'b', 'c', 'd'];
      const placed = await Promise.all([
        streams().appendToMany(targets, item(1)),
        streams().appendToMany(targets.slice(1), item(1)),
        streams().appendToMany(targets.slice(2), item(1)),
      ]);
      expect(placed.reduce((sum, n) => sum + n, 0)).toBe(4);
      for (const target of targets) expect(await all(target)).toEqual([item(1)]);
    });
  });

  describeStreamPagingContract(open);
}
