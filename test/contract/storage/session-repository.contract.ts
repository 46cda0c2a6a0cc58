import { SeededRandom } from '../../support/seeded-random';
import { type OpenTestStore, useTestStore } from './test-store';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/** The contract of SessionRepository (session-repository.port.ts), for any adapter. */
export function describeSessionRepositoryContract(open: OpenTestStore): void {
  describe('SessionRepository', () => {
    const store = useTestStore(open);
    const sessions = () => store().storage.sessions;

    it('serves a live session its data, deeply equal', async () => {
      const data = {
        cookie: { maxAge: 3600, httpOnly: true },
        principal: 'alice',
        csrf: 'tök€n',
        nested: [1, null],
      };
      await sessions().set('sid-1', data, minutes(30));
      expect(await sessions().get('sid-1', NOW)).toStrictEqual(data);
    });

    it('answers null for an unknown session', async () => {
      expect(await sessions().get('nope', NOW)).toBeNull();
    });

    it('never serves an expired session, swept or not', async () => {
      await sessions().set('sid-1', { principal: 'alice' }, minutes(30));
      expect(await sessions().get('sid-1', minutes(31))).toBeNull();
      expect(await sessions().get('sid-1', minutes(29))).not.toBeNull();
    });

    it('upserts: set replaces the data and the expiry', async () => {
      await sessions().set('sid-1', { principal: 'alice', flash: 'hi' }, minutes(30));
      await sessions().set('sid-1', { principal: 'bob' }, minutes(10));
      expect(await sessions().get('sid-1', NOW)).toStrictEqual({ principal: 'bob' });
      expect(await sessions().get('sid-1', minutes(20))).toBeNull();
    });

    it('touch moves the expiry of an existing session, keeps its data and answers true', async () => {
      await sessions().set('sid-1', { principal: 'alice' }, minutes(30));
      expect(await sessions().touch('sid-1', minutes(90), NOW)).toBe(true);
      expect(await sessions().get('sid-1', minutes(60))).toStrictEqual({ principal: 'alice' });
      expect(await sessions().sweep(minutes(60))).toBe(0);
    });

    it('touch of an expired session answers false and revives nothing, swept or not', async () => {
      await sessions().set('sid-1', { principal: 'alice' }, minutes(30));
      expect(await sessions().touch('sid-1', minutes(90), minutes(30))).toBe(false);
      expect(await sessions().touch('sid-1', minutes(90), minutes(45))).toBe(false);
      expect(await sessions().get('sid-1', minutes(31))).toBeNull();
      expect(await sessions().sweep(minutes(31))).toBe(1);
      expect(await sessions().touch('sid-1', minutes(90), NOW)).toBe(false);
    });

    it('treats a session as expired from its expiresAt on, for get and for sweep alike', async () => {
      await sessions().set('sid-1', { principal: 'alice' }, minutes(30));
      expect(await sessions().get('sid-1', new Date(minutes(30).getTime() - 1))).toStrictEqual({
        principal: 'alice',
      });
      expect(await sessions().sweep(new Date(minutes(30).getTime() - 1))).toBe(0);
      expect(await sessions().get('sid-1', minutes(30))).toBeNull();
      expect(await sessions().sweep(minutes(30))).toBe(1);
    });

    it('touch of an unknown session answers false and creates nothing', async () => {
      expect(await sessions().touch('nope', minutes(90), NOW)).toBe(false);
      expect(await sessions().get('nope', NOW)).toBeNull();
    });

    it('destroys a session, and destroying an unknown one is harmless', async () => {
      await sessions().set('sid-1', { principal: 'alice' }, minutes(30));
      await sessions().destroy('sid-1');
      await sessions().destroy('nope');
      expect(await sessions().get('sid-1', NOW)).toBeNull();
      expect(await sessions().touch('sid-1', minutes(60), NOW)).toBe(false);
    });

    it('sweeps the sessions expired at now, answering how many, and keeps the rest', async () => {
      await sessions().set('a', { n: 1 }, minutes(5));
      await sessions().set('b', { n: 2 }, minutes(10));
      await sessions().set('c', { n: 3 }, minutes(60));
      await sessions().set('d', { n: 4 }, minutes(1));
      await sessions().touch('d', minutes(120), NOW);
      await sessions().set('e', { n: 5 }, minutes(100));
      await sessions().set('e', { n: 5 }, minutes(2));
      expect(await sessions().sweep(minutes(30))).toBe(3);
      expect(await sessions().sweep(minutes(30))).toBe(0);
      expect(await sessions().get('c', NOW)).toStrictEqual({ n: 3 });
      expect(await sessions().get('d', NOW)).toStrictEqual({ n: 4 });
      expect(await sessions().touch('a', minutes(500), NOW)).toBe(false);
      expect(await sessions().touch('e', minutes(500), NOW)).toBe(false);
    });

    it('sweeps in expiry order whatever order the sessions were set and touched in', async () => {
      const random = new SeededRandom(11);
      const expiries = Array.from({ length: 40 }, (_, n) => n + 1);
      for (let n = expiries.length - 1; n > 0; n -= 1) {
        const other = random.below(n + 1);
        [expiries[n], expiries[other]] = [expiries[other], expiries[n]];
      }
      for (const minute of expiries) await sessions().set(`sid-${minute}`, { minute }, minutes(100 - minute));
      for (const minute of expiries) await sessions().touch(`sid-${minute}`, minutes(minute), NOW);
      expect(await sessions().sweep(minutes(10.5))).toBe(10);
      expect(await sessions().sweep(minutes(25.5))).toBe(15);
      expect(await sessions().get('sid-26', NOW)).toStrictEqual({ minute: 26 });
      expect(await sessions().sweep(minutes(1000))).toBe(15);
    });

    it('keeps its own copy: changing data after set or after reading does not change the store', async () => {
      const data = { list: ['one'] };
      await sessions().set('sid-1', data, minutes(30));
      data.list.push('two');
      const read = await sessions().get('sid-1', NOW);
      (read?.list as string[]).push('three');
      expect(await sessions().get('sid-1', NOW)).toStrictEqual({ list: ['one'] });
    });

    it('destroyOfUser removes every session of that user, expired ones too, and no other', async () => {
      const alice = { user: { nickname: 'alice', personId: 'https://x.example/alice' } };
      await sessions().set('sid-1', alice, minutes(30));
      await sessions().set('sid-2', { ...alice, csrf: 't' }, minutes(60));
      await sessions().set('sid-3', alice, minutes(-5));
      await sessions().set('sid-4', { user: { nickname: 'Alice' } }, minutes(30));
      await sessions().set('sid-5', { principal: 'alice' }, minutes(30));
      expect(await sessions().destroyOfUser('alice')).toBe(3);
      expect(await sessions().get('sid-1', NOW)).toBeNull();
      expect(await sessions().get('sid-2', NOW)).toBeNull();
      expect(await sessions().get('sid-4', NOW)).toStrictEqual({ user: { nickname: 'Alice' } });
      expect(await sessions().get('sid-5', NOW)).toStrictEqual({ principal: 'alice' });
      expect(await sessions().sweep(minutes(1000))).toBe(2);
      expect(await sessions().destroyOfUser('alice')).toBe(0);
    });
  });
}
