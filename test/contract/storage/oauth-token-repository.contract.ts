import { aRequestToken, anAccessToken } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

/** The contract of OAuthTokenRepository (oauth-token-repository.port.ts), for any adapter. */
export function describeOAuthTokenRepositoryContract(open: OpenTestStore): void {
  describe('OAuthTokenRepository', () => {
    const store = useTestStore(open);
    const tokens = () => store().storage.tokens;

    describe('request tokens', () => {
      it('reads back a saved request token, null nickname included', async () => {
        const token = aRequestToken('rt-1');
        await tokens().saveRequestToken(token);
        expect(await tokens().findRequestToken('rt-1')).toStrictEqual(token);
        expect(await tokens().findRequestToken('rt-2')).toBeNull();
      });

      it('upserts by token: saving again replaces it (the user authorized it, say)', async () => {
        await tokens().saveRequestToken(aRequestToken('rt-1'));
        const authorized = aRequestToken('rt-1', { nickname: 'alice', updated: '2026-01-01T00:05:00.000Z' });
        await tokens().saveRequestToken(authorized);
        expect(await tokens().findRequestToken('rt-1')).toStrictEqual(authorized);
      });

      it('gives a request token to the first consumer only, and removes it', async () => {
        const token = aRequestToken('rt-1', { nickname: 'alice' });
        await tokens().saveRequestToken(token);
        expect(await tokens().consumeRequestToken('rt-1')).toStrictEqual(token);
        expect(await tokens().consumeRequestToken('rt-1')).toBeNull();
        expect(await tokens().findRequestToken('rt-1')).toBeNull();
        expect(await tokens().consumeRequestToken('never-issued')).toBeNull();
      });

      it('gives a request token to exactly one of several concurrent consumers', async () => {
        await tokens().saveRequestToken(aRequestToken('rt-1'));
        const results = await Promise.all([1, 2, 3].map(() => tokens().consumeRequestToken('rt-1')));
        expect(results.filter((result) => result !== null)).toEqual([aRequestToken('rt-1')]);
      });

      it("deletes a client's request tokens last updated before a time, and answers how many", async () => {
        await tokens().saveRequestToken(aRequestToken('old-1', { updated: '2026-01-01T00:00:00.000Z' }));
        await tokens().saveRequestToken(aRequestToken('old-2', { updated: '2026-01-01T09:59:59.999Z' }));
        await tokens().saveRequestToken(aRequestToken('fresh', { updated: '2026-01-01T10:00:00.001Z' }));
        await tokens().saveRequestToken(
          aRequestToken('other-client', { clientId: 'client-2', updated: '2026-01-01T00:00:00.000Z' }),
        );
        expect(await tokens().deleteStaleRequestTokens('client-1', '2026-01-01T10:00:00.000Z')).toBe(2);
        expect(await tokens().findRequestToken('old-1')).toBeNull();
        expect(await tokens().findRequestToken('old-2')).toBeNull();
        expect(await tokens().findRequestToken('fresh')).not.toBeNull();
        expect(await tokens().findRequestToken('other-client')).not.toBeNull();
        expect(await tokens().deleteStaleRequestTokens('client-1', '2026-01-01T10:00:00.000Z')).toBe(0);
      });
    });

    describe('binding a request token to a user', () => {
      const unbound = () => aRequestToken('rt-1', { verifier: null });
      const later = '2026-01-01T00:05:00.000Z';

      it('binds an unbound token, keeping its verifier when none is given, and answers it as stored', async () => {
        await tokens().saveRequestToken(unbound());
        const bound = await tokens().bindRequestToken({ token: 'rt-1', nickname: 'alice', updated: later });
        const expected = { ...unbound(), nickname: 'alice', updated: later };
        expect(bound).toStrictEqual(expected);
        expect(await tokens().findRequestToken('rt-1')).toStrictEqual(expected);
      });

      it('sets the verifier when one is given, again and again for the same user', async () => {
        await tokens().saveRequestToken(unbound());
        await tokens().bindRequestToken({ token: 'rt-1', nickname: 'alice', verifier: 'v1', updated: later });
        const again = await tokens().bindRequestToken({
          token: 'rt-1',
          nickname: 'alice',
          verifier: 'v2',
          updated: later,
        });
        expect(again).toMatchObject({ nickname: 'alice', verifier: 'v2' });
        const relogin = await tokens().bindRequestToken({ token: 'rt-1', nickname: 'alice', updated: later });
        expect(relogin).toMatchObject({ nickname: 'alice', verifier: 'v2' });
      });

      it('never lets a second user take a bound token over, and changes nothing then', async () => {
        await tokens().saveRequestToken(unbound());
        await tokens().bindRequestToken({ token: 'rt-1', nickname: 'mallory', updated: later });
        const before = await tokens().findRequestToken('rt-1');
        expect(
          await tokens().bindRequestToken({
            token: 'rt-1',
            nickname: 'alice',
            verifier: 'v',
            updated: later,
          }),
        ).toBeNull();
        expect(await tokens().findRequestToken('rt-1')).toStrictEqual(before);
        expect(
          await tokens().bindRequestToken({ token: 'nope', nickname: 'alice', updated: later }),
        ).toBeNull();
      });

      it('binds to exactly one of several users binding at once', async () => {
        await tokens().saveRequestToken(unbound());
        const results = await Promise.all(
          ['alice', 'bob', 'carol'].map((nickname) =>
            tokens().bindRequestToken({ token: 'rt-1', nickname, verifier: `v-${nickname}`, updated: later }),
          ),
        );
        const winners = results.filter((result) => result !== null);
        expect(winners).toHaveLength(1);
        expect(await tokens().findRequestToken('rt-1')).toStrictEqual(winners[0]);
      });
    });

    it('sweeps the request tokens of every client last updated before a time, and answers how many', async () => {
      await tokens().saveRequestToken(aRequestToken('old-1', { updated: '2026-01-01T00:00:00.000Z' }));
      await tokens().saveRequestToken(
        aRequestToken('old-2', { clientId: 'client-2', updated: '2026-01-01T09:59:59.999Z' }),
      );
      await tokens().saveRequestToken(aRequestToken('fresh', { updated: '2026-01-01T10:00:00.001Z' }));
      expect(await tokens().sweepStaleRequestTokens('2026-01-01T10:00:00.000Z')).toBe(2);
      expect(await tokens().findRequestToken('old-1')).toBeNull();
      expect(await tokens().findRequestToken('old-2')).toBeNull();
      expect(await tokens().findRequestToken('fresh')).not.toBeNull();
      expect(await tokens().sweepStaleRequestTokens('2026-01-01T10:00:00.000Z')).toBe(0);
    });

    describe('access tokens', () => {
      it('stores the candidate when the client has none for the user, and finds it by token', async () => {
        const candidate = anAccessToken('at-1');
        expect(await tokens().findOrCreateAccessToken(candidate)).toStrictEqual(candidate);
        expect(await tokens().findAccessToken('at-1')).toStrictEqual(candidate);
        expect(await tokens().findAccessToken('at-2')).toBeNull();
      });

      it('returns the existing token of the same client and user instead of a new candidate', async () => {
        const first = anAccessToken('at-1');
        await tokens().findOrCreateAccessToken(first);
        expect(await tokens().findOrCreateAccessToken(anAccessToken('at-2'))).toStrictEqual(first);
        expect(await tokens().findAccessToken('at-2')).toBeNull();
      });

      it('keeps one token per (client, user) pair', async () => {
        const pairs = [anAccessToken('a1'), anAccessToken('a2', { clientId: 'client-2' })];
        pairs.push(anAccessToken('a3', { nickname: 'bob' }));
        for (const candidate of pairs) {
          expect(await tokens().findOrCreateAccessToken(candidate)).toStrictEqual(candidate);
        }
      });

      it('hands one and the same token to parallel exchanges', async () => {
        const candidates = [1, 2, 3, 4, 5].map((n) => anAccessToken(`at-${n}`));
        const results = await Promise.all(
          candidates.map((candidate) => tokens().findOrCreateAccessToken(candidate)),
        );
        const winner = results[0];
        expect(candidates).toContainEqual(winner);
        for (const result of results) expect(result).toStrictEqual(winner);
        for (const candidate of candidates.filter((c) => c.token !== winner.token)) {
          expect(await tokens().findAccessToken(candidate.token)).toBeNull();
        }
      });

      it("revokes every token of a user, answering how many, and leaves other users' tokens", async () => {
        await tokens().findOrCreateAccessToken(anAccessToken('alice-1'));
        await tokens().findOrCreateAccessToken(anAccessToken('alice-2', { clientId: 'client-2' }));
        await tokens().findOrCreateAccessToken(anAccessToken('bob-1', { nickname: 'bob' }));
        expect(await tokens().revokeAccessTokens('alice')).toBe(2);
        expect(await tokens().revokeAccessTokens('alice')).toBe(0);
        expect(await tokens().findAccessToken('alice-1')).toBeNull();
        expect(await tokens().findAccessToken('alice-2')).toBeNull();
        expect(await tokens().findAccessToken('bob-1')).not.toBeNull();
      });

      it('issues a fresh token to a user whose tokens were revoked', async () => {
        await tokens().findOrCreateAccessToken(anAccessToken('old'));
        await tokens().revokeAccessTokens('alice');
        const fresh = anAccessToken('new');
        expect(await tokens().findOrCreateAccessToken(fresh)).toStrictEqual(fresh);
      });
    });
  });
}
