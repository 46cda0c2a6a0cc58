import { expectDomainError } from './expect-domain-error';
import { type PageReader, walkByBefore, walkBySince } from './stream-walks';
import { type OpenTestStore, useTestStore } from './test-store';

const person = (name: string) => `acct:${name}@example.test`;
const ALICE = person('alice');
const BOB = person('bob');
const CAROL = person('carol');

/** The contract of FollowGraph (follow-graph.port.ts), for any adapter. */
export function describeFollowGraphContract(open: OpenTestStore): void {
  describe('FollowGraph', () => {
    const store = useTestStore(open);
    const follows = () => store().storage.follows;
    const all = { count: 1000 };

    it('follows once: the first follow answers true, a repeat answers false and changes nothing', async () => {
      expect(await follows().follow(ALICE, BOB)).toBe(true);
      expect(await follows().follow(ALICE, BOB)).toBe(false);
      expect(await follows().isFollowing(ALICE, BOB)).toBe(true);
      expect(await follows().followers(BOB, all)).toEqual([ALICE]);
      expect(await follows().following(ALICE, all)).toEqual([BOB]);
      expect(await follows().countFollowers(BOB)).toBe(1);
      expect(await follows().countFollowing(ALICE)).toBe(1);
    });

    it('tells which of many persons someone follows, in one call', async () => {
      await follows().follow(ALICE, BOB);
      await follows().follow(ALICE, CAROL);
      await follows().unfollow(ALICE, CAROL);
      await follows().follow(CAROL, ALICE);
      const dave = person('dave "the quoted"');
      await follows().follow(ALICE, dave);
      const followed = await follows().followedAmong(ALICE, [BOB, CAROL, ALICE, dave, BOB]);
      expect([...followed].sort()).toEqual([BOB, dave].sort());
      expect((await follows().followedAmong(BOB, [ALICE])).size).toBe(0);
      expect((await follows().followedAmong(ALICE, [])).size).toBe(0);
    });

    it('is directed: following someone does not make them follow back', async () => {
      await follows().follow(ALICE, BOB);
      expect(await follows().isFollowing(BOB, ALICE)).toBe(false);
      expect(await follows().followers(ALICE, all)).toEqual([]);
      expect(await follows().following(BOB, all)).toEqual([]);
      expect(await follows().countFollowers(ALICE)).toBe(0);
      expect(await follows().countFollowing(BOB)).toBe(0);
    });

    it('unfollows, answering whether anything changed, on both lists together', async () => {
      await follows().follow(ALICE, BOB);
      await follows().follow(CAROL, BOB);
      expect(await follows().unfollow(ALICE, BOB)).toBe(true);
      expect(await follows().unfollow(ALICE, BOB)).toBe(false);
      expect(await follows().unfollow(BOB, ALICE)).toBe(false);
      expect(await follows().isFollowing(ALICE, BOB)).toBe(false);
      expect(await follows().followers(BOB, all)).toEqual([CAROL]);
      expect(await follows().following(ALICE, all)).toEqual([]);
      expect(await follows().countFollowers(BOB)).toBe(1);
      expect(await follows().countFollowing(ALICE)).toBe(0);
    });

    it('reads both lists newest first', async () => {
      await follows().follow(ALICE, BOB);
      await follows().follow(CAROL, BOB);
      await follows().follow(ALICE, CAROL);
      expect(await follows().followers(BOB, all)).toEqual([CAROL, ALICE]);
      expect(await follows().following(ALICE, all)).toEqual([CAROL, BOB]);
    });

    it('puts a follow made again after an unfollow at the newest end', async () => {
      await follows().follow(ALICE, BOB);
      await follows().follow(CAROL, BOB);
      await follows().unfollow(ALICE, BOB);
      await follows().follow(ALICE, BOB);
      expect(await follows().followers(BOB, all)).toEqual([ALICE, CAROL]);
    });

    it('pages followers and following by offset, before and since', async () => {
      const fans = Array.from({ length: 12 }, (_, n) => person(`fan${n}`));
      for (const fan of fans) {
        await follows().follow(fan, ALICE);
        await follows().follow(ALICE, fan);
      }
      const newest = [...fans].reverse();
      const readers: PageReader[] = [
        (range) => follows().followers(ALICE, range),
        (range) => follows().following(ALICE, range),
      ];
      for (const read of readers) {
        expect(await read({ count: 3 })).toEqual(newest.slice(0, 3));
        expect(await read({ count: 3, offset: 3 })).toEqual(newest.slice(3, 6));
        expect(await read({ count: 3, before: fans[5] })).toEqual([fans[4], fans[3], fans[2]]);
        expect(await read({ count: 3, since: fans[5] })).toEqual([fans[8], fans[7], fans[6]]);
        expect(await walkByBefore(read, 5)).toEqual(newest);
        expect(await walkBySince(read, 5, fans[0])).toEqual(newest);
      }
    });

    it('refuses a bad range or an unknown cursor as streams do', async () => {
      await follows().follow(BOB, ALICE);
      await expectDomainError(follows().followers(ALICE, { count: -1 }), 'invalid', 'stream.range-invalid');
      await expectDomainError(
        follows().following(BOB, { count: 1, offset: 0.5 }),
        'invalid',
        'stream.range-invalid',
      );
      await expectDomainError(
        follows().followers(ALICE, { count: 5, before: CAROL }),
        'invalid',
        'stream.cursor-unknown',
      );
      await expectDomainError(
        follows().following(BOB, { count: 5, since: CAROL }),
        'invalid',
        'stream.cursor-unknown',
      );
    });

    it('keeps counts right through many follows and unfollows', async () => {
      const fans = Array.from({ length: 50 }, (_, n) => person(`fan${n}`));
      for (const fan of fans) await follows().follow(fan, ALICE);
      for (const fan of fans.slice(0, 20)) await follows().unfollow(fan, ALICE);
      for (const fan of fans.slice(0, 5)) await follows().follow(fan, ALICE);
      expect(await follows().countFollowers(ALICE)).toBe(35);
      expect(await follows().countFollowing(fans[0])).toBe(1);
      expect(await follows().countFollowing(fans[10])).toBe(0);
    });

    it('answers 0 and empty lists for a person nobody knows', async () => {
      expect(await follows().countFollowers(person('nobody'))).toBe(0);
      expect(await follows().countFollowing(person('nobody'))).toBe(0);
      expect(await follows().followers(person('nobody'), all)).toEqual([]);
      expect(await follows().following(person('nobody'), all)).toEqual([]);
    });

    it('lets exactly one of concurrent identical follows change anything', async () => {
      const answers = await Promise.all([1, 2, 3, 4].map(() => follows().follow(ALICE, BOB)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await follows().followers(BOB, all)).toEqual([ALICE]);
      expect(await follows().countFollowing(ALICE)).toBe(1);
    });
  });
}
