import type {
  AuthorizationCode,
  BearerToken,
} from '../../../src/application/ports/storage/oauth2-grant-repository.port';
import { expectDomainError } from './expect-domain-error';
import { type OpenTestStore, useTestStore } from './test-store';

function aCode(digest: string, overrides: Partial<AuthorizationCode> = {}): AuthorizationCode {
  return {
    digest,
    clientId: 'client-1',
    nickname: 'alice',
    redirectUri: 'http://127.0.0.1:1516/done',
    scope: null,
    codeChallenge: null,
    created: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:02:00.000Z',
    redeemedFor: null,
    ...overrides,
  };
}

function aBearerToken(digest: string, overrides: Partial<BearerToken> = {}): BearerToken {
  return {
    digest,
    clientId: 'client-1',
    nickname: 'alice',
    scope: 'read',
    created: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);

/** The contract of OAuth2GrantRepository (oauth2-grant-repository.port.ts), for any adapter. */
export function describeOAuth2GrantRepositoryContract(open: OpenTestStore): void {
  describe('OAuth2GrantRepository', () => {
    const store = useTestStore(open);
    const grants = () => store().storage.oauth2;

    describe('authorization codes', () => {
      it('reads back a saved code, nulls included, and nothing for another digest', async () => {
        const code = aCode('c-1');
        await grants().saveAuthorizationCode(code);
        expect(await grants().findAuthorizationCode('c-1')).toStrictEqual(code);
        expect(await grants().findAuthorizationCode('c-2')).toBeNull();
        const withChallenge = aCode('c-3', { scope: 'read', codeChallenge: 'abc' });
        await grants().saveAuthorizationCode(withChallenge);
        expect(await grants().findAuthorizationCode('c-3')).toStrictEqual(withChallenge);
      });

      it('refuses a second code with the same digest and keeps the first', async () => {
        await grants().saveAuthorizationCode(aCode('c-1'));
        await expectDomainError(
          grants().saveAuthorizationCode(aCode('c-1', { nickname: 'mallory' })),
          'conflict',
          'oauth2.exists',
        );
        expect(await grants().findAuthorizationCode('c-1')).toStrictEqual(aCode('c-1'));
      });

      it('marks a code redeemed once only, and never a missing one', async () => {
        await grants().saveAuthorizationCode(aCode('c-1'));
        expect(await grants().markCodeRedeemed('c-1', 't-1')).toBe(true);
        expect(await grants().markCodeRedeemed('c-1', 't-2')).toBe(false);
        expect(await grants().findAuthorizationCode('c-1')).toStrictEqual(
          aCode('c-1', { redeemedFor: 't-1' }),
        );
        expect(await grants().markCodeRedeemed('never-issued', 't-3')).toBe(false);
        expect(await grants().findAuthorizationCode('never-issued')).toBeNull();
      });

      it('lets exactly one of several concurrent redemptions win', async () => {
        await grants().saveAuthorizationCode(aCode('c-1'));
        const results = await Promise.all(
          ['t-1', 't-2', 't-3'].map((token) => grants().markCodeRedeemed('c-1', token)),
        );
        expect(results.filter((won) => won)).toHaveLength(1);
        const winner = ['t-1', 't-2', 't-3'][results.indexOf(true)];
        expect((await grants().findAuthorizationCode('c-1'))?.redeemedFor).toBe(winner);
      });

      it('deletes the codes expired before a time, redeemed or not, and answers how many', async () => {
        await grants().saveAuthorizationCode(aCode('old', { expiresAt: '2026-01-01T00:01:00.000Z' }));
        await grants().saveAuthorizationCode(
          aCode('old-redeemed', { expiresAt: '2026-01-01T00:01:59.999Z', redeemedFor: 't' }),
        );
        await grants().saveAuthorizationCode(aCode('live', { expiresAt: '2026-01-01T00:02:00.001Z' }));
        expect(await grants().deleteExpiredCodes(at('2026-01-01T00:02:00.000Z'))).toBe(2);
        expect(await grants().findAuthorizationCode('old')).toBeNull();
        expect(await grants().findAuthorizationCode('old-redeemed')).toBeNull();
        expect(await grants().findAuthorizationCode('live')).not.toBeNull();
        expect(await grants().deleteExpiredCodes(at('2026-01-01T00:02:00.000Z'))).toBe(0);
      });
    });

    describe('bearer tokens', () => {
      it('reads back a saved token of a user and of a client acting for itself', async () => {
        const user = aBearerToken('t-1');
        const client = aBearerToken('t-2', {
          nickname: null,
          scope: null,
          expiresAt: '2026-01-01T01:00:00.000Z',
        });
        await grants().saveBearerToken(user);
        await grants().saveBearerToken(client);
        expect(await grants().findBearerToken('t-1')).toStrictEqual(user);
        expect(await grants().findBearerToken('t-2')).toStrictEqual(client);
        expect(await grants().findBearerToken('t-3')).toBeNull();
      });

      it('refuses a second token with the same digest and keeps the first', async () => {
        await grants().saveBearerToken(aBearerToken('t-1'));
        await expectDomainError(
          grants().saveBearerToken(aBearerToken('t-1', { nickname: 'mallory' })),
          'conflict',
          'oauth2.exists',
        );
        expect(await grants().findBearerToken('t-1')).toStrictEqual(aBearerToken('t-1'));
      });

      it('deletes one token, answering whether it did', async () => {
        await grants().saveBearerToken(aBearerToken('t-1'));
        expect(await grants().deleteBearerToken('t-1')).toBe(true);
        expect(await grants().deleteBearerToken('t-1')).toBe(false);
        expect(await grants().findBearerToken('t-1')).toBeNull();
      });

      it("revokes every token of a user and leaves other users' and clients' tokens", async () => {
        await grants().saveBearerToken(aBearerToken('alice-1'));
        await grants().saveBearerToken(aBearerToken('alice-2', { clientId: 'client-2' }));
        await grants().saveBearerToken(aBearerToken('bob-1', { nickname: 'bob' }));
        await grants().saveBearerToken(aBearerToken('client', { nickname: null }));
        expect(await grants().revokeBearerTokensOf('alice')).toBe(2);
        expect(await grants().revokeBearerTokensOf('alice')).toBe(0);
        expect(await grants().findBearerToken('alice-1')).toBeNull();
        expect(await grants().findBearerToken('alice-2')).toBeNull();
        expect(await grants().findBearerToken('bob-1')).not.toBeNull();
        expect(await grants().findBearerToken('client')).not.toBeNull();
      });

      it('deletes the tokens expired before a time, never one without an expiry', async () => {
        await grants().saveBearerToken(aBearerToken('old', { expiresAt: '2026-01-01T00:59:59.999Z' }));
        await grants().saveBearerToken(aBearerToken('live', { expiresAt: '2026-01-01T01:00:00.001Z' }));
        await grants().saveBearerToken(aBearerToken('forever'));
        expect(await grants().deleteExpiredBearerTokens(at('2026-01-01T01:00:00.000Z'))).toBe(1);
        expect(await grants().findBearerToken('old')).toBeNull();
        expect(await grants().findBearerToken('live')).not.toBeNull();
        expect(await grants().findBearerToken('forever')).not.toBeNull();
      });
    });

    it('keeps none of the writes of a unit of work that fails', async () => {
      const failure = new Error('rolled back');
      await expect(
        store().storage.run(async (tx) => {
          await tx.oauth2.saveAuthorizationCode(aCode('c-1'));
          await tx.oauth2.saveBearerToken(aBearerToken('t-1'));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await grants().findAuthorizationCode('c-1')).toBeNull();
      expect(await grants().findBearerToken('t-1')).toBeNull();
    });
  });
}
