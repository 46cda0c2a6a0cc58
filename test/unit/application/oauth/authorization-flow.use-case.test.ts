import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { AuthorizeRequestToken } from '../../../../src/application/oauth/authorize-request-token.use-case';
import { BeginAuthorization } from '../../../../src/application/oauth/begin-authorization.use-case';
import { ExchangeRequestToken } from '../../../../src/application/oauth/exchange-request-token.use-case';
import { IssueRequestToken } from '../../../../src/application/oauth/issue-request-token.use-case';
import { LogInToAuthorize } from '../../../../src/application/oauth/log-in-to-authorize.use-case';
import { sweepStaleRequestTokens } from '../../../../src/application/oauth/request-token-rules';
import type { PasswordHasher } from '../../../../src/application/ports/password-hasher.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { FakeClock } from '../../../support/fake-clock';

/** Hashes are `hash:<password>`: enough to tell a right password from a wrong one without bcrypt's cost. */
const plainHasher: PasswordHasher = {
  hash: async (password) => `hash:${password}`,
  verify: async (password, hash) => hash === `hash:${password}`,
};

describe('the 3-legged authorization use cases', () => {
  let clock: FakeClock;
  let storage: Storage;
  let issue: IssueRequestToken;
  let begin: BeginAuthorization;
  let logIn: LogInToAuthorize;
  let authorize: AuthorizeRequestToken;
  let exchange: ExchangeRequestToken;

  beforeEach(async () => {
    clock = new FakeClock();
    storage = createMemoryStorage({ clock });
    const ids = new CryptoIdGenerator();
    const now = clock.now().toISOString();
    await storage.clients.create({ id: 'ck', secret: 'cs', title: 'Pumpa', created: now, updated: now });
    for (const nickname of ['alice', 'mallory']) {
      await storage.users.create({
        nickname,
        passwordHash: nickname === 'alice' ? 'hash:right password' : 'hash:mallory password',
        profileId: `http://localhost:4815/api/user/${nickname}/profile`,
        published: now,
        updated: now,
      });
    }
    issue = new IssueRequestToken(storage.tokens, ids, clock);
    begin = new BeginAuthorization(storage.tokens, storage.clients, clock);
    logIn = new LogInToAuthorize(storage.tokens, storage.clients, storage.users, plainHasher, clock);
    authorize = new AuthorizeRequestToken(storage.tokens, ids, clock);
    exchange = new ExchangeRequestToken(storage, ids, clock);
  });

  async function loggedInToken(callback = 'oob') {
    const token = await issue.execute({ clientId: 'ck', callback });
    await logIn.execute({ token: token.token, nickname: 'alice', password: 'right password' });
    return token;
  }

  /** A token alice logged in for and consented to; answers it with the verifier her consent issued. */
  async function authorizedToken(callback = 'oob') {
    const token = await loggedInToken(callback);
    const outcome = await authorize.execute({ token: token.token, sessionNickname: 'alice' });
    const stored = await storage.tokens.findRequestToken(token.token);
    return { ...token, verifier: stored?.verifier as string, outcome };
  }

  it('issues request tokens of 16 bytes with 32-byte secrets, unbound and with no verifier yet', async () => {
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    expect(Buffer.from(token.token, 'base64url')).toHaveLength(16);
    expect(Buffer.from(token.secret, 'base64url')).toHaveLength(32);
    expect(token.verifier).toBeNull();
    expect(token.nickname).toBeNull();
  });

  it('refuses a callback that is neither oob nor an absolute http(s) URL', async () => {
    const tooLong = `https://app.example/${'x'.repeat(2048)}`;
    for (const callback of ['', 'javascript:alert(1)', '/relative', 'ftp://x.example/', tooLong]) {
      await expect(issue.execute({ clientId: 'ck', callback })).rejects.toMatchObject({ kind: 'invalid' });
    }
  });

  it('refuses a callback with a #fragment, where the token and verifier would be lost (issue 10)', async () => {
    for (const callback of ['https://app.example/cb#done', 'https://app.example/cb#']) {
      await expect(issue.execute({ clientId: 'ck', callback })).rejects.toMatchObject({ kind: 'invalid' });
    }
  });

  it("deletes the consumer's request tokens untouched for 10 minutes when it asks for a new one", async () => {
    const old = await issue.execute({ clientId: 'ck', callback: 'oob' });
    clock.advance(10 * 60 * 1000 + 1);
    await issue.execute({ clientId: 'ck', callback: 'oob' });
    expect(await storage.tokens.findRequestToken(old.token)).toBeNull();
  });

  it('sweeps the request tokens of every client untouched for 10 minutes, never exchanged (issue 10)', async () => {
    await storage.clients.create({ id: 'gone', secret: 's', created: '2026-01-01', updated: '2026-01-01' });
    const abandoned = await issue.execute({ clientId: 'gone', callback: 'oob' });
    const alive = await loggedInToken();
    clock.advance(10 * 60 * 1000 + 1);
    const recent = await issue.execute({ clientId: 'ck', callback: 'oob' });
    // Issuing swept the consumer's own stale tokens only; the other client's stays until the periodic sweep.
    expect(await storage.tokens.findRequestToken(abandoned.token)).not.toBeNull();
    expect(await sweepStaleRequestTokens({ tokens: storage.tokens, clock })).toBe(1);
    expect(await storage.tokens.findRequestToken(abandoned.token)).toBeNull();
    expect(await storage.tokens.findRequestToken(alive.token)).toBeNull();
    expect(await storage.tokens.findRequestToken(recent.token)).not.toBeNull();
  });

  it('shows the login step, and refuses a wrong password without recording anyone', async () => {
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    expect(await begin.execute({ token: token.token, sessionNickname: null })).toEqual({
      step: 'login',
      token: token.token,
      clientTitle: 'Pumpa',
    });
    const refused = await logIn.execute({ token: token.token, nickname: 'alice', password: 'wrong' });
    expect(refused.step).toBe('login-refused');
    const unknown = await logIn.execute({ token: token.token, nickname: 'bob', password: 'right password' });
    expect(unknown.step).toBe('login-refused');
    expect((await storage.tokens.findRequestToken(token.token))?.nickname).toBeNull();
  });

  it('refuses the right password of an account an admin disabled, without recording anyone', async () => {
    const alice = await storage.users.findByNickname('alice');
    await storage.users.update({ ...alice!, disabled: '2026-01-01T00:00:00.000Z' });
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    const refused = await logIn.execute({
      token: token.token,
      nickname: 'alice',
      password: 'right password',
    });
    expect(refused.step).toBe('login-refused');
    expect((await storage.tokens.findRequestToken(token.token))?.nickname).toBeNull();
  });

  it('skips the login step for a browser that already has a user, and changes nothing', async () => {
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    const step = await begin.execute({ token: token.token, sessionNickname: 'alice' });
    expect(step).toEqual({ step: 'authorize', token: token.token, nickname: 'alice', clientTitle: 'Pumpa' });
    expect(await storage.tokens.findRequestToken(token.token)).toEqual(token);
  });

  it('refuses an unknown or expired request token at every step', async () => {
    await expect(begin.execute({ token: 'nope', sessionNickname: null })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(begin.execute({ token: undefined, sessionNickname: null })).rejects.toMatchObject({
      kind: 'invalid',
    });
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    clock.advance(11 * 60 * 1000);
    await expect(
      logIn.execute({ token: token.token, nickname: 'alice', password: 'right password' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('redirects to the callback with the token and a fresh verifier once consent is given', async () => {
    const token = await authorizedToken('https://app.example/cb?state=1');
    expect(Buffer.from(token.verifier, 'base64url')).toHaveLength(16);
    expect(token.outcome).toEqual({
      finish: 'redirect',
      location: `https://app.example/cb?state=1&oauth_token=${token.token}&oauth_verifier=${token.verifier}`,
    });
  });

  it('lets a logged-in session consent to a token nobody logged in for, binding it then', async () => {
    const fresh = await issue.execute({ clientId: 'ck', callback: 'oob' });
    const outcome = await authorize.execute({ token: fresh.token, sessionNickname: 'alice' });
    const stored = await storage.tokens.findRequestToken(fresh.token);
    expect(stored).toMatchObject({ nickname: 'alice', verifier: expect.any(String) });
    expect(outcome).toEqual({ finish: 'page', token: fresh.token, verifier: stored?.verifier });
  });

  it('refuses consent from a browser with no user, and changes nothing', async () => {
    const token = await loggedInToken();
    const before = await storage.tokens.findRequestToken(token.token);
    await expect(authorize.execute({ token: token.token, sessionNickname: null })).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    expect(await storage.tokens.findRequestToken(token.token)).toEqual(before);
  });

  it('issues a new verifier on each consent of the same user, so only the latest one exchanges', async () => {
    const first = await authorizedToken();
    await authorize.execute({ token: first.token, sessionNickname: 'alice' });
    const second = (await storage.tokens.findRequestToken(first.token))?.verifier;
    expect(second).not.toBe(first.verifier);
    await expect(
      exchange.execute({ clientId: 'ck', requestToken: first.token, verifier: first.verifier }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('refuses to exchange a token that a user logged in for but never consented to', async () => {
    const token = await loggedInToken();
    await expect(
      exchange.execute({ clientId: 'ck', requestToken: token.token, verifier: '' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated', message: 'Request token not authorized' });
  });

  it('exchanges once, with the right verifier, and keeps one access token per client and user', async () => {
    const token = await authorizedToken();
    await expect(
      exchange.execute({ clientId: 'ck', requestToken: token.token, verifier: 'wrong' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated', message: 'Invalid verifier' });
    // The refused exchange changed nothing: the request token is still there.
    const access = await exchange.execute({
      clientId: 'ck',
      requestToken: token.token,
      verifier: token.verifier,
    });
    expect(access).toMatchObject({ clientId: 'ck', nickname: 'alice' });
    await expect(
      exchange.execute({ clientId: 'ck', requestToken: token.token, verifier: token.verifier }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });

    const second = await authorizedToken();
    const again = await exchange.execute({
      clientId: 'ck',
      requestToken: second.token,
      verifier: second.verifier,
    });
    expect(again.token).toBe(access.token);
  });

  it("refuses to exchange another consumer's request token, or one never authorized", async () => {
    const token = await authorizedToken();
    await expect(
      exchange.execute({ clientId: 'other', requestToken: token.token, verifier: token.verifier }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    const fresh = await issue.execute({ clientId: 'ck', callback: 'oob' });
    await expect(
      exchange.execute({ clientId: 'ck', requestToken: fresh.token, verifier: '' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(await storage.tokens.findRequestToken(fresh.token)).not.toBeNull();
  });

  describe('the takeover of issue 10: a request token is bound once, and authorized only by its user', () => {
    /** mallory starts a flow with his own account and reads whatever his consent step shows. */
    async function attackerToken() {
      const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
      const step = await logIn.execute({
        token: token.token,
        nickname: 'mallory',
        password: 'mallory password',
      });
      expect(step.step).toBe('authorize');
      return { token, seenVerifier: (step as { verifier?: string }).verifier ?? '' };
    }

    it("changes nothing when the victim's browser opens the attacker's authorize URL", async () => {
      const { token } = await attackerToken();
      const before = await storage.tokens.findRequestToken(token.token);
      await begin.execute({ token: token.token, sessionNickname: 'alice' }).catch(() => undefined);
      expect(await storage.tokens.findRequestToken(token.token)).toEqual(before);
    });

    it('refuses the victim the page of a token another user is authorizing', async () => {
      const { token } = await attackerToken();
      await expect(begin.execute({ token: token.token, sessionNickname: 'alice' })).rejects.toMatchObject({
        kind: 'forbidden',
      });
    });

    it('gives the attacker no access token acting as the victim, whatever the victim opens', async () => {
      const { token, seenVerifier } = await attackerToken();
      await begin.execute({ token: token.token, sessionNickname: 'alice' }).catch(() => undefined);
      const exchanged = await exchange
        .execute({ clientId: 'ck', requestToken: token.token, verifier: seenVerifier })
        .catch(() => null);
      expect(exchanged?.nickname).not.toBe('alice');
      expect(exchanged).toBeNull();
    });

    it("refuses the victim's login and consent on a token bound to the attacker, changing nothing", async () => {
      const { token } = await attackerToken();
      const before = await storage.tokens.findRequestToken(token.token);
      await expect(
        logIn.execute({ token: token.token, nickname: 'alice', password: 'right password' }),
      ).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(authorize.execute({ token: token.token, sessionNickname: 'alice' })).rejects.toMatchObject(
        {
          kind: 'forbidden',
        },
      );
      expect(await storage.tokens.findRequestToken(token.token)).toEqual(before);
    });

    it('binds a token to one of two users consenting at once, never to both', async () => {
      const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
      const outcomes = await Promise.allSettled(
        ['alice', 'mallory'].map((nickname) =>
          authorize.execute({ token: token.token, sessionNickname: nickname }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const stored = await storage.tokens.findRequestToken(token.token);
      const won = outcomes.find((outcome) => outcome.status === 'fulfilled');
      expect(won?.status === 'fulfilled' && won.value).toMatchObject({ verifier: stored?.verifier });
    });
  });
});
