import type { SeedAccounts } from '../../../../src/application/seeding/seed-accounts.use-case';
import { AccountSeeder } from '../../../../src/infrastructure/container/tokens';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { cookiesOf, csrfOf, sessionCookieOf } from '../security/security-test-app';

jest.setTimeout(60_000);

/**
 * OAuth 2 at /oauth2/* over the whole app (docs/protocol.md §2.4), walked as pump.io's
 * oauth2-authorization-e2e-test and oauth2-client-token-e2e-test do, then as an attacker would.
 */
let full: FullApp;
let client: KeyPair;
let other: KeyPair;
let aliceOAuth1: KeyPair;
let bobOAuth1: KeyPair;

const REDIRECT = 'http://localhost:1516/done';
const STATE = 'oauth2unittest';
const FAR_FUTURE = new Date('2100-01-01T00:00:00.000Z');

const authzQuery = (consumer: KeyPair = client, overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: consumer.key,
    redirect_uri: REDIRECT,
    state: STATE,
    ...overrides,
  }).toString();

const htmlGet = (path: string, cookie = '') =>
  full.send('GET', path).set({ Accept: 'text/html', ...(cookie === '' ? {} : { Cookie: cookie }) });

/** The names of the inputs of the form with this id. */
function inputsOf(html: string, formId: string): string[] {
  const form = new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?</form>`).exec(html);
  if (form === null) throw new Error(`no form#${formId} in ${html}`);
  return [...form[0].matchAll(/<input[^>]*name="([^"]+)"/g)].map((match) => match[1]);
}

/** Alice (or another user) logs in on the OAuth 2 login page; answers the session cookie. */
async function aliceLogsIn(query = authzQuery(), nickname = 'alice'): Promise<string> {
  const page = await htmlGet(`/oauth2/authc?${query}`);
  const answer = await full
    .send('POST', `/oauth2/authc`)
    .set({ Cookie: cookiesOf(page.headers['set-cookie']), Accept: 'text/html' })
    .type('form')
    .send({
      ...Object.fromEntries(new URLSearchParams(query)),
      _csrf: csrfOf(page.text),
      nickname,
      password: `${nickname} password 1`,
      login: 'Login',
    });
  expect(answer.status).toBe(303);
  expect(answer.headers.location).toBe(`/oauth2/authz?${new URLSearchParams(query).toString()}`);
  return sessionCookieOf(answer.headers['set-cookie']) as string;
}

/** Alice, logged in, posts the consent form; answers the response. */
async function aliceAnswers(cookie: string, button: 'allow' | 'deny', query = authzQuery()) {
  const page = await htmlGet(`/oauth2/authz?${query}`, cookie);
  expect(page.status).toBe(200);
  return full
    .send('POST', '/oauth2/authz')
    .set({ Cookie: cookie, Accept: 'text/html' })
    .type('form')
    .send({ ...Object.fromEntries(new URLSearchParams(query)), _csrf: csrfOf(page.text), [button]: button });
}

async function aCode(cookie: string, query = authzQuery()): Promise<string> {
  const answer = await aliceAnswers(cookie, 'allow', query);
  expect(answer.status).toBe(303);
  return new URL(answer.headers.location).searchParams.get('code') as string;
}

const token = (form: Record<string, string>) => full.send('POST', '/oauth2/token').type('form').send(form);

const redeem = (code: string, overrides: Record<string, string> = {}) =>
  token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: client.key,
    client_secret: client.secret,
    ...overrides,
  });

const bearer = (method: string, path: string, accessToken: string) =>
  full.send(method, path).set('Authorization', `Bearer ${accessToken}`);

/** How many codes were stored since the last call (each call clears them). */
const codesStored = () => full.storage.oauth2.deleteExpiredCodes(FAR_FUTURE);

beforeAll(async () => {
  full = startFullApp({
    settings: {
      rateLimits: {
        apiWrites: { points: 100, durationSeconds: 60 },
        login: { points: 200, durationSeconds: 60 },
      },
    },
  });
  client = await full.registerClient();
  other = await full.registerClient();
  aliceOAuth1 = await full.registerUser(client, 'alice');
  bobOAuth1 = await full.registerUser(client, 'bob');
  await full.container.get<SeedAccounts>(AccountSeeder).execute({
    clients: [{ client_id: 'UNITTESTCLIENTID', client_secret: 'UNITTESTCLIENTSECRET', host: 'pumpio.test' }],
    users: [
      {
        nickname: 'configuser4',
        password: '4resugifnoc',
        tokens: [{ token: 'UNITTESTBEARERTOKEN4', client_id: 'UNITTESTCLIENTID', scope: 'writeall' }],
      },
    ],
  });
});
afterAll(async () => {
  await full?.close();
});

describe("pump.io's authorization code flow", () => {
  it('sends a stranger to the login page, then to consent, then back with a code the client redeems', async () => {
    const start = await htmlGet(`/oauth2/authz?${authzQuery()}`);
    expect(start.status).toBe(302);
    expect(start.headers.location).toBe(`/oauth2/authc?${authzQuery()}`);
    const login = await htmlGet(start.headers.location);
    expect(login.status).toBe(200);
    expect(inputsOf(login.text, 'oauth2-authentication')).toEqual(
      expect.arrayContaining(
        [
          'nickname',
          'password',
          'response_type',
          'client_id',
          'state',
          'redirect_uri',
          'scope',
          '_csrf',
        ].concat(['login', 'cancel']),
      ),
    );
    const cookie = await aliceLogsIn();
    const consent = await htmlGet(`/oauth2/authz?${authzQuery()}`, cookie);
    expect(consent.status).toBe(200);
    expect(consent.headers['cache-control']).toBe('no-store');
    expect(consent.headers['x-frame-options']).toBe('DENY');
    expect(inputsOf(consent.text, 'oauth2-authorization')).toEqual(
      expect.arrayContaining([
        'response_type',
        'client_id',
        'state',
        'redirect_uri',
        'scope',
        '_csrf',
        'allow',
      ]),
    );
    expect(inputsOf(consent.text, 'oauth2-authorization')).toContain('deny');

    const allowed = await aliceAnswers(cookie, 'allow');
    expect(allowed.status).toBe(303);
    const back = new URL(allowed.headers.location);
    expect(allowed.headers.location.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(back.searchParams.get('error')).toBeNull();
    expect(back.searchParams.get('state')).toBe(STATE);

    const answer = await redeem(back.searchParams.get('code') as string);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer' });

    const whoami = await bearer('GET', '/api/whoami', answer.body.access_token).redirects(0);
    expect([whoami.status, whoami.headers.location]).toEqual([
      302,
      expect.stringContaining('/api/user/alice'),
    ]);
    const inbox = await bearer('GET', '/api/user/alice/inbox', answer.body.access_token);
    expect(inbox.status).toBe(200);
  });

  it('asks for consent again on every authorization, also for a client the user allowed before', async () => {
    const cookie = await aliceLogsIn();
    await aCode(cookie);
    const again = await htmlGet(`/oauth2/authz?${authzQuery()}`, cookie);
    expect(again.status).toBe(200);
    expect(inputsOf(again.text, 'oauth2-authorization')).toContain('allow');
  });

  it('sends a denial back as access_denied, and the login page cancel too', async () => {
    const cookie = await aliceLogsIn();
    const denied = await aliceAnswers(cookie, 'deny');
    expect([denied.status, denied.headers.location]).toEqual([
      303,
      `${REDIRECT}?error=access_denied&state=${STATE}`,
    ]);
    const page = await htmlGet(`/oauth2/authc?${authzQuery()}`);
    const cancelled = await full
      .send('POST', '/oauth2/authc')
      .set({ Cookie: cookiesOf(page.headers['set-cookie']), Accept: 'text/html' })
      .type('form')
      .send({
        ...Object.fromEntries(new URLSearchParams(authzQuery())),
        _csrf: csrfOf(page.text),
        cancel: 'Cancel',
      });
    expect([cancelled.status, cancelled.headers.location]).toEqual([
      303,
      `${REDIRECT}?error=access_denied&state=${STATE}`,
    ]);
  });

  it('shows the login form again with 400 for a wrong password, logging nobody in', async () => {
    const page = await htmlGet(`/oauth2/authc?${authzQuery()}`);
    const answer = await full
      .send('POST', '/oauth2/authc')
      .set({ Cookie: cookiesOf(page.headers['set-cookie']), Accept: 'text/html' })
      .type('form')
      .send({ ...Object.fromEntries(new URLSearchParams(authzQuery())), _csrf: csrfOf(page.text) })
      .send({ nickname: 'alice', password: 'wrong', login: 'Login' });
    expect(answer.status).toBe(400);
    expect(sessionCookieOf(answer.headers['set-cookie'])).toBeUndefined();
    expect(inputsOf(answer.text, 'oauth2-authentication')).toContain('password');
  });
});

describe('the client credentials grant', () => {
  it("gives pump.io's configured client a token with its secret in the form", async () => {
    const answer = await token({
      grant_type: 'client_credentials',
      client_id: 'UNITTESTCLIENTID',
      client_secret: 'UNITTESTCLIENTSECRET',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const users = await bearer('GET', '/api/users', answer.body.access_token);
    expect(users.status).toBe(200);
    const inbox = await bearer('GET', '/api/user/alice/inbox', answer.body.access_token);
    expect(inbox.status).toBe(401);
  });

  it('takes the client credentials through HTTP Basic too (RFC 6749 §2.3.1)', async () => {
    const basic = Buffer.from(`${encodeURIComponent(client.key)}:${encodeURIComponent(client.secret)}`);
    const answer = await full
      .send('POST', '/oauth2/token')
      .set('Authorization', `Basic ${basic.toString('base64')}`)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(answer.status).toBe(200);
  });

  it('refuses a wrong secret with 401 invalid_client in JSON', async () => {
    const answer = await token({
      grant_type: 'client_credentials',
      client_id: client.key,
      client_secret: 'guess',
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client' });
  });
});

describe('bearer tokens on the API', () => {
  it("let pump.io's configured bearer token read its user's inbox", async () => {
    const answer = await bearer('GET', '/api/user/configuser4/inbox', 'UNITTESTBEARERTOKEN4');
    expect(answer.status).toBe(200);
  });

  it('never write: a bearer token is refused where OAuth 1.0a is needed', async () => {
    const cookie = await aliceLogsIn();
    const { body } = await redeem(await aCode(cookie));
    const post = await bearer('POST', '/api/user/alice/feed', body.access_token).send({
      verb: 'post',
      object: { objectType: 'note', content: 'by bearer' },
    });
    expect(post.status).toBe(401);
    expect(post.body).toEqual({ error: expect.stringMatching(/OAuth 1\.0a/) });
    const written = await full.signed('POST', '/api/user/alice/feed', client, aliceOAuth1).send({
      verb: 'post',
      object: { objectType: 'note', content: 'by OAuth 1.0a' },
    });
    expect(written.status).toBe(200);
  });

  it('stop working when their user deletes the account', async () => {
    const cookie = await aliceLogsIn(authzQuery(), 'bob');
    const { body } = await redeem(await aCode(cookie));
    expect((await bearer('GET', '/api/user/bob/inbox', body.access_token)).status).toBe(200);
    const deleted = await full.signed('DELETE', '/api/user/bob', client, bobOAuth1);
    expect(deleted.status).toBe(200);
    expect((await bearer('GET', '/api/users', body.access_token)).status).toBe(401);
  });

  it('refuses an unknown bearer token with 401', async () => {
    const answer = await bearer('GET', '/api/users', 'never-issued');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: expect.any(String) });
  });
});

describe("an attacker's attempts", () => {
  it('a replayed code is refused, and the token the first redemption got stops working', async () => {
    const cookie = await aliceLogsIn();
    const code = await aCode(cookie);
    const first = await redeem(code);
    expect(first.status).toBe(200);
    const replay = await redeem(code);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_grant' });
    expect((await bearer('GET', '/api/user/alice/inbox', first.body.access_token)).status).toBe(401);
  });

  it('a code is refused with another redirect URI or to another client, and still works for its own', async () => {
    const cookie = await aliceLogsIn();
    const code = await aCode(cookie);
    const wrongRedirect = await redeem(code, { redirect_uri: 'http://localhost:1516/elsewhere' });
    expect([wrongRedirect.status, wrongRedirect.body.error]).toEqual([400, 'invalid_grant']);
    const otherClient = await redeem(code, { client_id: other.key, client_secret: other.secret });
    expect([otherClient.status, otherClient.body.error]).toEqual([400, 'invalid_grant']);
    expect((await redeem(code)).status).toBe(200);
  });

  it('a redirect URI off the client and off this machine is refused without a redirect', async () => {
    const cookie = await aliceLogsIn();
    const query = authzQuery(client, { redirect_uri: 'https://evil.example/steal' });
    const answer = await htmlGet(`/oauth2/authz?${query}`, cookie);
    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    const posted = await aliceAnswers(cookie, 'allow').then(() =>
      full
        .send('POST', '/oauth2/authz')
        .set({ Cookie: cookie, Accept: 'text/html' })
        .type('form')
        .send({ ...Object.fromEntries(new URLSearchParams(query)), allow: 'Allow' }),
    );
    expect(posted.headers.location).toBeUndefined();
  });

  it('a GET mints no code, whatever it carries', async () => {
    const cookie = await aliceLogsIn();
    await codesStored();
    const page = await htmlGet(`/oauth2/authz?${authzQuery()}`, cookie);
    for (const path of [
      `/oauth2/authz?${authzQuery()}&allow=Allow&_csrf=${csrfOf(page.text)}`,
      `/oauth2/authc?${authzQuery()}&allow=Allow`,
    ]) {
      const answer = await htmlGet(path, cookie);
      expect(answer.headers.location ?? '').not.toContain('code=');
    }
    expect(await codesStored()).toBe(0);
  });

  it('a consent posted without the form token, or without a session, mints no code', async () => {
    const cookie = await aliceLogsIn();
    await codesStored();
    const form = { ...Object.fromEntries(new URLSearchParams(authzQuery())), allow: 'Allow' };
    const forged = await full
      .send('POST', '/oauth2/authz')
      .set({ Cookie: cookie, Accept: 'text/html' })
      .type('form')
      .send(form);
    expect(forged.status).toBe(403);
    const page = await htmlGet(`/oauth2/authc?${authzQuery()}`);
    const anonymous = await full
      .send('POST', '/oauth2/authz')
      .set({ Cookie: cookiesOf(page.headers['set-cookie']), Accept: 'text/html' })
      .type('form')
      .send({ ...form, _csrf: csrfOf(page.text) });
    expect(anonymous.status).toBe(401);
    expect(await codesStored()).toBe(0);
  });

  it('the token endpoint is rate limited per address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 110 && !statuses.includes(429); attempt += 1) {
      const answer = await token({
        grant_type: 'client_credentials',
        client_id: client.key,
        client_secret: 'x',
      });
      statuses.push(answer.status);
    }
    expect(statuses).toContain(429);
  });
});

describe('the OAuth 2 login form', () => {
  let strict: FullApp;
  afterAll(async () => {
    await strict?.close();
  });

  it('counts as a login attempt under the login rate limit, as the OAuth 1.0a one does', async () => {
    strict = startFullApp({ settings: { rateLimits: { login: { points: 2, durationSeconds: 600 } } } });
    const consumer = await strict.registerClient();
    const query = authzQuery(consumer);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const page = await strict.send('GET', `/oauth2/authc?${query}`).set('Accept', 'text/html');
      const answer = await strict
        .send('POST', '/oauth2/authc')
        .set({ Cookie: cookiesOf(page.headers['set-cookie']), Accept: 'text/html' })
        .type('form')
        .send({ ...Object.fromEntries(new URLSearchParams(query)), _csrf: csrfOf(page.text) })
        .send({ nickname: 'alice', password: 'a guess', login: 'Login' });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
  });
});
