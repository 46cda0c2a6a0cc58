import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { NodeSecretDigest } from '../../../../src/adapters/system/node-secret-digest';
import { GrantOAuth2Token } from '../../../../src/application/oauth2/grant-oauth2-token.use-case';
import {
  BeginOAuth2Authorization,
  DecideOAuth2Authorization,
  LogInForOAuth2,
} from '../../../../src/application/oauth2/oauth2-authorization.use-cases';
import { sweepExpiredOAuth2Grants } from '../../../../src/application/oauth2/oauth2-grant-rules';
import { ResolveBearerToken } from '../../../../src/application/oauth2/resolve-bearer-token.use-case';
import type { PasswordHasher } from '../../../../src/application/ports/password-hasher.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { FakeClock } from '../../../support/fake-clock';

const plainHasher: PasswordHasher = {
  hash: async (password) => `hash:${password}`,
  verify: async (password, hash) => hash === `hash:${password}`,
};

const REDIRECT = 'http://localhost:1516/done';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const authorizationParams = (overrides: Record<string, unknown> = {}) => ({
  response_type: 'code',
  client_id: 'app',
  redirect_uri: REDIRECT,
  state: 'xyz',
  ...overrides,
});

const queryOf = (location: string) => new URL(location).searchParams;

describe('the OAuth 2 use cases', () => {
  let clock: FakeClock;
  let storage: Storage;
  let begin: BeginOAuth2Authorization;
  let logIn: LogInForOAuth2;
  let decide: DecideOAuth2Authorization;
  let grant: GrantOAuth2Token;
  let resolve: ResolveBearerToken;
  const digest = new NodeSecretDigest();

  beforeEach(async () => {
    clock = new FakeClock();
    storage = createMemoryStorage({ clock });
    const ids = new CryptoIdGenerator();
    const now = clock.now().toISOString();
    await storage.clients.create({
      id: 'app',
      secret: 'app secret',
      title: 'App',
      created: now,
      updated: now,
    });
    await storage.clients.create({ id: 'other', secret: 'other secret', created: now, updated: now });
    await storage.clients.create({
      id: 'web',
      secret: 'web secret',
      redirectUris: ['https://web.example/cb', 'http://127.0.0.1/native'],
      created: now,
      updated: now,
    });
    await storage.users.create({
      nickname: 'alice',
      passwordHash: 'hash:right password',
      profileId: 'http://localhost:4815/api/user/alice/profile',
      published: now,
      updated: now,
    });
    begin = new BeginOAuth2Authorization(storage.clients);
    logIn = new LogInForOAuth2(storage.clients, storage.users, plainHasher);
    decide = new DecideOAuth2Authorization({
      clients: storage.clients,
      users: storage.users,
      grants: storage.oauth2,
      ids,
      digest,
      clock,
    });
    grant = new GrantOAuth2Token({ unitOfWork: storage, ids, digest, clock });
    resolve = new ResolveBearerToken({ grants: storage.oauth2, clients: storage.clients, digest, clock });
  });

  /** A code alice's consent sent to the redirect URI. */
  async function aliceAllows(overrides: Record<string, unknown> = {}): Promise<string> {
    const { location } = await decide.execute({
      params: authorizationParams(overrides),
      decision: 'allow',
      sessionNickname: 'alice',
    });
    return queryOf(location).get('code') as string;
  }

  const redeem = (code: string, overrides: Record<string, string | undefined> = {}) =>
    grant.execute({
      grantType: 'authorization_code',
      clientId: 'app',
      clientSecret: 'app secret',
      code,
      redirectUri: REDIRECT,
      ...overrides,
    });

  describe('the authorization request', () => {
    it('asks a stranger to log in and a logged-in user to consent, storing nothing either way', async () => {
      expect(await begin.execute({ params: authorizationParams(), sessionNickname: null })).toMatchObject({
        step: 'login',
        request: { redirectUri: REDIRECT, state: 'xyz', scope: null, codeChallenge: null },
      });
      expect(await begin.execute({ params: authorizationParams(), sessionNickname: 'alice' })).toMatchObject({
        step: 'consent',
        nickname: 'alice',
      });
      expect(await storage.oauth2.deleteExpiredCodes(clock.later(24 * 60 * 60 * 1000))).toBe(0);
    });

    it('never redirects for an unknown client or a redirect URI the client may not use', async () => {
      const refused = [
        authorizationParams({ client_id: 'nobody' }),
        authorizationParams({ client_id: undefined }),
        authorizationParams({ redirect_uri: undefined }),
        authorizationParams({ redirect_uri: 'https://evil.example/steal' }),
        authorizationParams({ redirect_uri: 'http://localhost.evil.example/steal' }),
        authorizationParams({ redirect_uri: 'http://localhost@evil.example/steal' }),
        authorizationParams({ redirect_uri: 'http://localhost:1516/done#frag' }),
        authorizationParams({ client_id: 'web', redirect_uri: 'https://web.example/other' }),
        authorizationParams({ client_id: 'web', redirect_uri: REDIRECT }),
      ];
      for (const params of refused) {
        await expect(begin.execute({ params, sessionNickname: 'alice' })).rejects.toMatchObject({
          kind: 'invalid',
        });
      }
    });

    it("takes a client's registered redirect URIs, and its loopback ones on any port (RFC 8252 §7.3)", async () => {
      for (const redirect of ['https://web.example/cb', 'http://127.0.0.1:50123/native']) {
        const step = await begin.execute({
          params: authorizationParams({ client_id: 'web', redirect_uri: redirect }),
          sessionNickname: 'alice',
        });
        expect(step.step).toBe('consent');
      }
    });

    it('sends other faults back to the client with the state', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ response_type: 'token' }, 'unsupported_response_type'],
        [{ scope: 'admin' }, 'invalid_scope'],
        [{ code_challenge: CHALLENGE, code_challenge_method: 'plain' }, 'invalid_request'],
        [{ code_challenge: CHALLENGE }, 'invalid_request'],
        [{ code_challenge_method: 'S256' }, 'invalid_request'],
        [{ scope: ['read', 'read'] }, 'invalid_request'],
      ];
      for (const [overrides, error] of cases) {
        const step = await begin.execute({
          params: authorizationParams(overrides),
          sessionNickname: 'alice',
        });
        expect(step.step).toBe('redirect');
        const query = queryOf((step as { location: string }).location);
        expect([query.get('error'), query.get('state')]).toEqual([error, 'xyz']);
      }
    });

    it('takes the scopes pump.io names and an S256 challenge', async () => {
      const step = await begin.execute({
        params: authorizationParams({
          scope: 'read',
          code_challenge: CHALLENGE,
          code_challenge_method: 'S256',
        }),
        sessionNickname: 'alice',
      });
      expect(step).toMatchObject({ step: 'consent', request: { scope: 'read', codeChallenge: CHALLENGE } });
    });
  });

  describe('login and consent', () => {
    it('logs in with the right password only, and grants nothing by it', async () => {
      const params = authorizationParams();
      expect(await logIn.execute({ params, nickname: 'alice', password: 'wrong' })).toMatchObject({
        step: 'login-refused',
      });
      expect(await logIn.execute({ params, nickname: 'nobody', password: 'right password' })).toMatchObject({
        step: 'login-refused',
      });
      expect(await logIn.execute({ params, nickname: 'alice', password: 'right password' })).toMatchObject({
        step: 'logged-in',
        nickname: 'alice',
        personId: 'http://localhost:4815/api/user/alice/profile',
      });
      expect(await storage.oauth2.deleteExpiredCodes(clock.later(24 * 60 * 60 * 1000))).toBe(0);
    });

    it('refuses the right password of an account an admin disabled', async () => {
      const alice = await storage.users.findByNickname('alice');
      await storage.users.update({ ...alice!, disabled: '2026-01-01T00:00:00.000Z' });
      const params = authorizationParams();
      expect(await logIn.execute({ params, nickname: 'alice', password: 'right password' })).toMatchObject({
        step: 'login-refused',
      });
    });

    it('sends a denial back as access_denied with the state, minting nothing', async () => {
      const { location } = await decide.execute({
        params: authorizationParams(),
        decision: 'deny',
        sessionNickname: 'alice',
      });
      expect(location).toBe(`${REDIRECT}?error=access_denied&state=xyz`);
    });

    it('mints no code without a logged-in user', async () => {
      await expect(
        decide.execute({ params: authorizationParams(), decision: 'allow', sessionNickname: null }),
      ).rejects.toMatchObject({ kind: 'unauthenticated' });
      await expect(
        decide.execute({ params: authorizationParams(), decision: 'allow', sessionNickname: 'ghost' }),
      ).rejects.toMatchObject({ kind: 'unauthenticated' });
      expect(await storage.oauth2.deleteExpiredCodes(clock.later(24 * 60 * 60 * 1000))).toBe(0);
    });

    it('sends a 32-byte code with the state, and stores only its digest', async () => {
      const { location } = await decide.execute({
        params: authorizationParams(),
        decision: 'allow',
        sessionNickname: 'alice',
      });
      expect(location.startsWith(`${REDIRECT}?code=`)).toBe(true);
      const code = queryOf(location).get('code') as string;
      expect(Buffer.from(code, 'base64url')).toHaveLength(32);
      expect(queryOf(location).get('state')).toBe('xyz');
      expect(await storage.oauth2.findAuthorizationCode(code)).toBeNull();
      expect(await storage.oauth2.findAuthorizationCode(digest.sha256(code))).toMatchObject({
        clientId: 'app',
        nickname: 'alice',
        redirectUri: REDIRECT,
      });
    });
  });

  describe('the authorization code grant', () => {
    it("gives a bearer token of alice's that never expires, stored only as its digest", async () => {
      const token = await redeem(await aliceAllows());
      expect(token).toMatchObject({ expiresIn: null, scope: null });
      expect(Buffer.from(token.accessToken, 'base64url')).toHaveLength(32);
      expect(await storage.oauth2.findBearerToken(token.accessToken)).toBeNull();
      const granted = await resolve.execute(token.accessToken);
      expect([granted.client.id, granted.nickname]).toEqual(['app', 'alice']);
    });

    it('refuses a replayed code and revokes the token the first redemption got (RFC 6749 §4.1.2)', async () => {
      const code = await aliceAllows();
      const first = await redeem(code);
      await expect(redeem(code)).rejects.toMatchObject({ details: { oauth2Error: 'invalid_grant' } });
      await expect(resolve.execute(first.accessToken)).rejects.toMatchObject({ kind: 'unauthenticated' });
    });

    it('redeems a code exactly once when redemptions race', async () => {
      const code = await aliceAllows();
      const results = await Promise.allSettled([redeem(code), redeem(code), redeem(code)]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    });

    it('refuses a code to another client, another redirect URI, a wrong secret, and keeps it for the right one', async () => {
      const code = await aliceAllows();
      await expect(redeem(code, { clientId: 'other', clientSecret: 'other secret' })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_grant' },
      });
      await expect(redeem(code, { redirectUri: 'http://localhost:1516/other' })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_grant' },
      });
      await expect(redeem(code, { clientSecret: 'guess' })).rejects.toMatchObject({
        kind: 'unauthenticated',
        details: { oauth2Error: 'invalid_client' },
      });
      await expect(redeem(code, { clientSecret: undefined })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_client' },
      });
      expect((await redeem(code)).accessToken).toEqual(expect.any(String));
    });

    it('refuses an expired code, and a code of a user who is gone', async () => {
      const code = await aliceAllows();
      clock.advance(2 * 60 * 1000 + 1);
      await expect(redeem(code)).rejects.toMatchObject({ details: { oauth2Error: 'invalid_grant' } });
      clock.set('2026-01-01T00:00:00.000Z');
      const another = await aliceAllows();
      await storage.users.delete('alice');
      await expect(redeem(another)).rejects.toMatchObject({ details: { oauth2Error: 'invalid_grant' } });
    });

    it('checks the PKCE verifier of a code that had a challenge, and refuses one for a code that had none', async () => {
      const pkce = { code_challenge: CHALLENGE, code_challenge_method: 'S256' };
      const code = await aliceAllows(pkce);
      await expect(redeem(code)).rejects.toMatchObject({ details: { oauth2Error: 'invalid_grant' } });
      await expect(redeem(code, { codeVerifier: `${VERIFIER.slice(0, -1)}x` })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_grant' },
      });
      expect((await redeem(code, { codeVerifier: VERIFIER })).accessToken).toEqual(expect.any(String));
      const plain = await aliceAllows();
      await expect(redeem(plain, { codeVerifier: VERIFIER })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_grant' },
      });
      await expect(redeem(plain, { codeVerifier: 'short' })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_request' },
      });
    });

    it('answers the RFC 6749 errors for a missing or unknown grant type and missing parameters', async () => {
      const base = { clientId: 'app', clientSecret: 'app secret' };
      await expect(grant.execute({ ...base, grantType: undefined })).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_request' },
      });
      await expect(grant.execute({ ...base, grantType: 'password' })).rejects.toMatchObject({
        details: { oauth2Error: 'unsupported_grant_type' },
      });
      await expect(
        grant.execute({ ...base, grantType: 'authorization_code', code: 'x' }),
      ).rejects.toMatchObject({
        details: { oauth2Error: 'invalid_request' },
      });
    });
  });

  describe('the client credentials grant', () => {
    it('gives a token that acts for nobody and expires after an hour, then is swept', async () => {
      const token = await grant.execute({
        grantType: 'client_credentials',
        clientId: 'app',
        clientSecret: 'app secret',
      });
      expect(token.expiresIn).toBe(3600);
      expect(await resolve.execute(token.accessToken)).toMatchObject({
        nickname: null,
        client: { id: 'app' },
      });
      clock.advance(60 * 60 * 1000 + 1);
      await expect(resolve.execute(token.accessToken)).rejects.toMatchObject({ kind: 'unauthenticated' });
      expect(await sweepExpiredOAuth2Grants({ grants: storage.oauth2, clock })).toBe(1);
    });

    it('refuses a wrong secret and stores nothing', async () => {
      await expect(
        grant.execute({ grantType: 'client_credentials', clientId: 'app', clientSecret: 'other secret' }),
      ).rejects.toMatchObject({ details: { oauth2Error: 'invalid_client' } });
      expect(await storage.oauth2.deleteExpiredBearerTokens(clock.later(365 * 24 * 60 * 60 * 1000))).toBe(0);
    });
  });

  it('refuses unknown and empty bearer tokens', async () => {
    for (const token of ['', 'never issued', 'x'.repeat(600)]) {
      await expect(resolve.execute(token)).rejects.toMatchObject({ kind: 'unauthenticated' });
    }
  });
});
