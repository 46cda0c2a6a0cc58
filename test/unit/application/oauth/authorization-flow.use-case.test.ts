import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { AuthorizeRequestToken } from '../../../../src/application/oauth/authorize-request-token.use-case';
import { BeginAuthorization } from '../../../../src/application/oauth/begin-authorization.use-case';
import { ExchangeRequestToken } from '../../../../src/application/oauth/exchange-request-token.use-case';
import { IssueRequestToken } from '../../../../src/application/oauth/issue-request-token.use-case';
import { LogInToAuthorize } from '../../../../src/application/oauth/log-in-to-authorize.use-case';
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
    await storage.users.create({
      nickname: 'alice',
      passwordHash: 'hash:right password',
      profileId: 'http://localhost:4815/api/user/alice/profile',
      published: now,
      updated: now,
    });
    issue = new IssueRequestToken(storage.tokens, ids, clock);
    begin = new BeginAuthorization(storage.tokens, storage.clients, clock);
    logIn = new LogInToAuthorize(storage.tokens, storage.clients, storage.users, plainHasher, clock);
    authorize = new AuthorizeRequestToken(storage.tokens, clock);
    exchange = new ExchangeRequestToken(storage, ids, clock);
  });

  async function loggedInToken(callback = 'oob') {
    const token = await issue.execute({ clientId: 'ck', callback });
    await logIn.execute({ token: token.token, nickname: 'alice', password: 'right password' });
    return token;
  }

  it('issues request tokens of 16 bytes with 32-byte secrets and 16-byte verifiers', async () => {
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    expect(Buffer.from(token.token, 'base64url')).toHaveLength(16);
    expect(Buffer.from(token.secret, 'base64url')).toHaveLength(32);
    expect(Buffer.from(token.verifier, 'base64url')).toHaveLength(16);
    expect(token.nickname).toBeNull();
  });

  it('refuses a callback that is neither oob nor an absolute http(s) URL', async () => {
    for (const callback of ['', 'javascript:alert(1)', '/relative', 'ftp://x.example/']) {
      await expect(issue.execute({ clientId: 'ck', callback })).rejects.toMatchObject({ kind: 'invalid' });
    }
  });

  it("deletes the consumer's request tokens untouched for 10 minutes when it asks for a new one", async () => {
    const old = await issue.execute({ clientId: 'ck', callback: 'oob' });
    clock.advance(10 * 60 * 1000 + 1);
    await issue.execute({ clientId: 'ck', callback: 'oob' });
    expect(await storage.tokens.findRequestToken(old.token)).toBeNull();
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

  it('skips the login step for a browser that already has a user (the slot for sessions)', async () => {
    const token = await issue.execute({ clientId: 'ck', callback: 'oob' });
    const step = await begin.execute({ token: token.token, sessionNickname: 'alice' });
    expect(step).toMatchObject({ step: 'authorize', nickname: 'alice', verifier: token.verifier });
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

  it('redirects to the callback with the token and verifier once consent is given', async () => {
    const token = await loggedInToken('https://app.example/cb?state=1');
    const outcome = await authorize.execute({ token: token.token, verifier: token.verifier });
    expect(outcome).toEqual({
      finish: 'redirect',
      location: `https://app.example/cb?state=1&oauth_token=${token.token}&oauth_verifier=${token.verifier}`,
    });
  });

  it('refuses consent for a token nobody logged in for, or with a wrong verifier', async () => {
    const fresh = await issue.execute({ clientId: 'ck', callback: 'oob' });
    await expect(authorize.execute({ token: fresh.token, verifier: fresh.verifier })).rejects.toMatchObject({
      kind: 'invalid',
    });
    const token = await loggedInToken();
    await expect(authorize.execute({ token: token.token, verifier: 'guess' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('exchanges once, with the right verifier, and keeps one access token per client and user', async () => {
    const token = await loggedInToken();
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

    const second = await loggedInToken();
    const again = await exchange.execute({
      clientId: 'ck',
      requestToken: second.token,
      verifier: second.verifier,
    });
    expect(again.token).toBe(access.token);
  });

  it("refuses to exchange another consumer's request token, or one never authorized", async () => {
    const token = await loggedInToken();
    await expect(
      exchange.execute({ clientId: 'other', requestToken: token.token, verifier: token.verifier }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    const fresh = await issue.execute({ clientId: 'ck', callback: 'oob' });
    await expect(
      exchange.execute({ clientId: 'ck', requestToken: fresh.token, verifier: fresh.verifier }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(await storage.tokens.findRequestToken(fresh.token)).not.toBeNull();
  });
});
