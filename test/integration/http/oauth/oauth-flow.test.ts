import request from 'supertest';

import {
  authorization,
  Browser,
  createOAuthTestApp,
  formAnswer,
  type KeyPair,
  type OAuthTestApp,
  scrape,
} from './oauth-test-app';

describe('the OAuth 1.0a 3-legged flow, driven by the oauth-1.0a client', () => {
  let t: OAuthTestApp;

  beforeEach(async () => {
    t = createOAuthTestApp();
    await t.createUser('alice', 'correct horse 42');
  });

  async function registerClient(name = 'Flow test'): Promise<KeyPair> {
    const res = await request(t.app)
      .post('/api/client/register')
      .send({ type: 'client_associate', application_name: name, application_type: 'native' })
      .expect(200);
    return { key: res.body.client_id, secret: res.body.client_secret };
  }

  async function requestToken(consumer: KeyPair, callback = 'oob'): Promise<KeyPair> {
    const form = { oauth_callback: callback };
    const res = await request(t.app)
      .post('/oauth/request_token')
      .set('Authorization', authorization('POST', '/oauth/request_token', consumer, undefined, form))
      .type('form')
      .send(form)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const answer = formAnswer(res.text);
    expect(answer.oauth_callback_confirmed).toBe('true');
    return { key: answer.oauth_token, secret: answer.oauth_token_secret };
  }

  /** Logs in and authorizes on the HTML pages, as a browser would; answers the verifier from td#verifier. */
  async function authorizeInBrowser(token: string, browser = new Browser(t.app)): Promise<string> {
    const login = await browser.get(`/oauth/authorize?oauth_token=${token}`);
    expect(login.status).toBe(200);
    expect(login.text).toContain('id="oauth-authentication"');
    expect(login.headers['x-frame-options']).toBe('DENY');
    const consent = await browser.post('/oauth/authorize', {
      oauth_token: token,
      username: 'alice',
      password: 'correct horse 42',
    });
    expect(consent.status).toBe(200);
    expect(consent.text).toMatch(/<strong id="username">alice<\/strong>/);
    expect(consent.text).toMatch(/<form id="authorize" method="post">/);
    expect(consent.text).toMatch(
      /<input id="authorize-button" type="submit" name="#authorize" value="Authorize"/,
    );
    // Whoever sees the consent page learns no verifier: it is issued by the consent itself.
    expect(consent.text).not.toMatch(/name="verifier"/);
    const finished = await browser.consent(scrape(consent.text, 'oauth_token'));
    expect(finished.status).toBe(200);
    expect(finished.text).toContain('Authorization Finished');
    expect(scrape(finished.text, 'token')).toBe(token);
    return scrape(finished.text, 'verifier');
  }

  function accessToken(consumer: KeyPair, token: KeyPair, verifier: string) {
    const form = { oauth_verifier: verifier };
    return request(t.app)
      .post('/oauth/access_token')
      .set('Authorization', authorization('POST', '/oauth/access_token', consumer, token, form))
      .type('form')
      .send(form);
  }

  async function fullFlow(consumer: KeyPair): Promise<KeyPair> {
    const token = await requestToken(consumer);
    const verifier = await authorizeInBrowser(token.key);
    const res = await accessToken(consumer, token, verifier).expect(200);
    const answer = formAnswer(res.text);
    return { key: answer.oauth_token, secret: answer.oauth_token_secret };
  }

  it('registers, authorizes, exchanges, then makes signed 3-legged and 2-legged requests', async () => {
    const consumer = await registerClient();
    const access = await fullFlow(consumer);

    const path = '/api/test/user?q=a%20b&name=Zo%C3%AB';
    const user = await request(t.app)
      .get(path)
      .set('Authorization', authorization('GET', path, consumer, access))
      .expect(200);
    expect(user.body).toMatchObject({
      clientId: consumer.key,
      user: { nickname: 'alice', personId: 'http://localhost:4815/api/user/alice/profile' },
      remoteActor: null,
      generator: { objectType: 'application', displayName: 'Flow test' },
    });
    expect(user.body.generator.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-/,
    );

    const body = { verb: 'post', object: { objectType: 'note', content: 'signed JSON is not signed' } };
    await request(t.app)
      .post('/api/test/user')
      .set('Authorization', authorization('POST', '/api/test/user', consumer, access))
      .send(body)
      .expect(200);

    const client = await request(t.app)
      .get('/api/test/client')
      .set('Authorization', authorization('GET', '/api/test/client', consumer))
      .expect(200);
    expect(client.body).toMatchObject({ clientId: consumer.key, user: null, remoteActor: null });
    expect(client.body.generator).toEqual(user.body.generator);
  });

  it('redirects with 303 to a web callback, with the token and verifier', async () => {
    const consumer = await registerClient();
    const token = await requestToken(consumer, 'https://app.example/callback');
    const browser = new Browser(t.app);
    await browser.logInToAuthorize(token.key, 'alice', 'correct horse 42');
    const res = await browser.consent(token.key);
    expect(res.status).toBe(303);
    const stored = await t.storage.tokens.findRequestToken(token.key);
    expect(stored?.verifier).toEqual(expect.any(String));
    expect(res.headers.location).toBe(
      `https://app.example/callback?oauth_token=${token.key}&oauth_verifier=${stored?.verifier}`,
    );
  });

  it('returns the same access token to a second authorization of the same client and user', async () => {
    const consumer = await registerClient();
    const first = await fullFlow(consumer);
    const second = await fullFlow(consumer);
    expect(second).toEqual(first);
  });

  it('asks again for consent when the client already holds a token, on a page whose ids are unique', async () => {
    const consumer = await registerClient();
    await fullFlow(consumer);
    const token = await requestToken(consumer);
    const browser = new Browser(t.app);
    await browser.get(`/oauth/authorize?oauth_token=${token.key}`);
    const consent = await browser.post('/oauth/authorize', {
      oauth_token: token.key,
      username: 'alice',
      password: 'correct horse 42',
    });
    expect(consent.status).toBe(200);
    // pump.io's tests look for form#authorize and press "#authorize", which their browser library (zombie) also
    // matches against a button's name: the form has the id, the button the name.
    expect(consent.text).toMatch(/<form id="authorize"/);
    expect(consent.text).toMatch(/<input id="authorize-button" type="submit" name="#authorize"/);
    const ids = [...consent.text.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('re-renders the login form with 400 for a wrong password, and 400 pages for an unknown token', async () => {
    const consumer = await registerClient();
    const token = await requestToken(consumer);
    const res = await new Browser(t.app).logInToAuthorize(token.key, 'alice', 'wrong');
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="oauth-authentication"');
    expect((await t.storage.tokens.findRequestToken(token.key))?.nickname).toBeNull();
    const unknown = await request(t.app).get('/oauth/authorize?oauth_token=nope').expect(400);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    await request(t.app).get('/oauth/authorize').expect(400);
  });

  it('escapes what a client registered when it shows it on the pages', async () => {
    const consumer = await registerClient('<script>alert(1)</script>');
    const token = await requestToken(consumer);
    const res = await request(t.app).get(`/oauth/authorize?oauth_token=${token.key}`).expect(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;');
  });

  it('refuses a wrong verifier at access_token with 401, and the right one still works after', async () => {
    const consumer = await registerClient();
    const token = await requestToken(consumer);
    const verifier = await authorizeInBrowser(token.key);
    const res = await accessToken(consumer, token, 'not-the-verifier').expect(401);
    expect(res.headers['www-authenticate']).toBe('OAuth realm="OAuth"');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    await accessToken(consumer, token, verifier).expect(200);
  });

  it('refuses an unknown consumer at request_token with 400 "Invalid Consumer Key"', async () => {
    const res = await request(t.app)
      .post('/oauth/request_token')
      .set(
        'Authorization',
        authorization('POST', '/oauth/request_token', { key: 'nobody', secret: 's' }, undefined, {
          oauth_callback: 'oob',
        }),
      )
      .type('form')
      .send({ oauth_callback: 'oob' })
      .expect(400);
    expect(res.text).toBe('Invalid Consumer Key');
  });

  it('refuses a request_token call without oauth_callback, and one with a bad signature', async () => {
    const consumer = await registerClient();
    const missing = await request(t.app)
      .post('/oauth/request_token')
      .set('Authorization', authorization('POST', '/oauth/request_token', consumer))
      .expect(400);
    expect(missing.text).toBe('Missing required parameter');
    const forged = await request(t.app)
      .post('/oauth/request_token')
      .set(
        'Authorization',
        authorization('POST', '/oauth/request_token', { ...consumer, secret: 'guess' }, undefined, {
          oauth_callback: 'oob',
        }),
      )
      .type('form')
      .send({ oauth_callback: 'oob' })
      .expect(401);
    expect(forged.text).toBe('Invalid signature');
  });

  it('refuses an empty or over-long oauth_nonce with 400 and a JSON error, recording nothing (issue 10)', async () => {
    const consumer = await registerClient();
    const access = await fullFlow(consumer);
    const remember = jest.spyOn(t.storage.nonces, 'remember');
    for (const nonce of ['', 'n'.repeat(129)]) {
      const res = await request(t.app)
        .get('/api/test/user')
        .set('Authorization', authorization('GET', '/api/test/user', consumer, access, undefined, { nonce }))
        .expect(400);
      expect(res.body).toEqual({ error: 'Invalid nonce' });
    }
    expect(remember).not.toHaveBeenCalled();
  });

  it("refuses to exchange another client's request token", async () => {
    const consumer = await registerClient();
    const thief = await registerClient('thief');
    const token = await requestToken(consumer);
    const verifier = await authorizeInBrowser(token.key);
    await accessToken(thief, token, verifier).expect(401);
    await accessToken(consumer, token, verifier).expect(200);
  });

  describe('the takeover of issue 10, played by an attacker and a victim over HTTP', () => {
    beforeEach(async () => {
      await t.createUser('mallory', 'mallory password 7');
    });

    /** A browser logged in as alice (through the authorize pages of a flow of her own). */
    async function victimBrowser(consumer: KeyPair): Promise<Browser> {
      const victim = new Browser(t.app);
      const own = await requestToken(consumer);
      expect((await victim.logInToAuthorize(own.key, 'alice', 'correct horse 42')).status).toBe(200);
      return victim;
    }

    it("binds nothing and issues nothing when the victim's browser opens the attacker's URL", async () => {
      const consumer = await registerClient();
      const token = await requestToken(consumer);
      const attacker = new Browser(t.app);
      const consentPage = await attacker.logInToAuthorize(token.key, 'mallory', 'mallory password 7');
      expect(consentPage.status).toBe(200);
      const seenVerifier = /name="verifier" value="([^"]*)"/.exec(consentPage.text)?.[1] ?? '';
      const before = await t.storage.tokens.findRequestToken(token.key);

      const victim = await victimBrowser(consumer);
      const opened = await victim.get(`/oauth/authorize?oauth_token=${token.key}`);
      expect(opened.status).toBe(403);
      expect(await t.storage.tokens.findRequestToken(token.key)).toEqual(before);

      await accessToken(consumer, token, seenVerifier).expect(401);
      expect((await victim.consent(token.key)).status).toBe(403);
      expect(await t.storage.tokens.findRequestToken(token.key)).toEqual(before);
    });

    it('shows a logged-in browser the consent page of an unbound token without binding it', async () => {
      const consumer = await registerClient();
      const victim = await victimBrowser(consumer);
      const token = await requestToken(consumer);
      const before = await t.storage.tokens.findRequestToken(token.key);
      const page = await victim.get(`/oauth/authorize?oauth_token=${token.key}`);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<strong id="username">alice<\/strong>/);
      expect(await t.storage.tokens.findRequestToken(token.key)).toEqual(before);
      await accessToken(consumer, token, '').expect(401);
    });

    it('refuses a consent posted without the CSRF token (a cross-site form), changing nothing', async () => {
      const consumer = await registerClient();
      const victim = await victimBrowser(consumer);
      const token = await requestToken(consumer);
      const forged = await victim.post('/oauth/authorize', {
        oauth_token: token.key,
        authorize: 'Authorize',
        _csrf: 'f'.repeat(64),
      });
      expect(forged.status).toBe(403);
      expect((await t.storage.tokens.findRequestToken(token.key))?.verifier).toBeNull();
    });

    it('refuses a consent from a browser nobody logged in to, with 401', async () => {
      const consumer = await registerClient();
      const token = await requestToken(consumer);
      const anonymous = new Browser(t.app);
      await anonymous.get(`/oauth/authorize?oauth_token=${token.key}`);
      expect((await anonymous.consent(token.key)).status).toBe(401);
      expect(await t.storage.tokens.findRequestToken(token.key)).toMatchObject({
        nickname: null,
        verifier: null,
      });
    });
  });
});
