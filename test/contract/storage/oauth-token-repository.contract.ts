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
