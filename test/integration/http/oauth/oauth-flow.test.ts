import request from 'supertest';

import {
  authorization,
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
  async function authorizeInBrowser(token: string): Promise<string> {
    const login = await request(t.app).get(`/oauth/authorize?oauth_token=${token}`).expect(200);
    expect(login.text).toContain('id="oauth-authentication"');
    expect(login.headers['x-frame-options']).toBe('DENY');
    const consent = await request(t.app)
      .post('/oauth/authorize')
      .type('form')
      .send({ oauth_token: token, username: 'alice', password: 'correct horse 42' })
      .expect(200);
    expect(consent.text).toMatch(/<strong id="username">alice<\/strong>/);
    expect(consent.text).toMatch(/<input id="authorize" type="submit" value="Authorize"/);
    const finished = await request(t.app)
      .post('/oauth/authorize')
      .type('form')
      .send({ oauth_token: scrape(consent.text, 'oauth_token'), verifier: scrape(consent.text, 'verifier') })
      .expect(200);
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
    await request(t.app)
      .post('/oauth/authorize')
      .type('form')
      .send({ oauth_token: token.key, username: 'alice', password: 'correct horse 42' });
    const stored = await t.storage.tokens.findRequestToken(token.key);
    const res = await request(t.app)
      .post('/oauth/authorize')
      .type('form')
      .send({ oauth_token: token.key, verifier: stored?.verifier })
      .expect(303);
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

  it('re-renders the login form with 400 for a wrong password, and 400 pages for an unknown token', async () => {
    const consumer = await registerClient();
    const token = await requestToken(consumer);
    const res = await request(t.app)
      .post('/oauth/authorize')
      .type('form')
      .send({ oauth_token: token.key, username: 'alice', password: 'wrong' })
      .expect(400);
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

  it("refuses to exchange another client's request token", async () => {
    const consumer = await registerClient();
    const thief = await registerClient('thief');
    const token = await requestToken(consumer);
    const verifier = await authorizeInBrowser(token.key);
    await accessToken(thief, token, verifier).expect(401);
    await accessToken(consumer, token, verifier).expect(200);
  });
});
