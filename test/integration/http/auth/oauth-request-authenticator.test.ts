import request from 'supertest';

import { authorization, createOAuthTestApp, type KeyPair, type OAuthTestApp } from '../oauth/oauth-test-app';

describe('OAuthRequestAuthenticator at the levels of docs/protocol.md §2.3', () => {
  let t: OAuthTestApp;
  const consumer: KeyPair = { key: 'ck', secret: 'cs' };
  const other: KeyPair = { key: 'other', secret: 'os' };
  const access: KeyPair = { key: 'at', secret: 'ats' };

  beforeEach(async () => {
    t = createOAuthTestApp();
    const now = t.clock.now().toISOString();
    await t.storage.clients.create({
      id: 'ck',
      secret: 'cs',
      title: 'Web app',
      type: 'web',
      created: now,
      updated: now,
    });
    await t.storage.clients.create({ id: 'other', secret: 'os', created: now, updated: now });
    await t.storage.clients.create({
      id: 'remote',
      secret: 'rs',
      host: 'remote.example',
      created: now,
      updated: now,
    });
    await t.storage.tokens.findOrCreateAccessToken({
      token: 'at',
      secret: 'ats',
      clientId: 'ck',
      nickname: 'alice',
      created: now,
    });
  });

  function get(path: string, auth?: string) {
    const req = request(t.app).get(path);
    return auth === undefined ? req : req.set('Authorization', auth);
  }

  it('answers 401 {"error":"Not logged in."} to an API request with no credentials at all', async () => {
    for (const level of ['anyRead', 'user', 'client', 'userRead', 'remoteWrite']) {
      const res = await get(`/api/test/${level}`).expect(401);
      expect(res.body).toEqual({ error: 'Not logged in.' });
    }
  });

  it('gives a web client a service generator, and anyRead is 3-legged exactly when a token is sent', async () => {
    const twoLegged = await get(
      '/api/test/anyRead',
      authorization('GET', '/api/test/anyRead', consumer),
    ).expect(200);
    expect(twoLegged.body).toMatchObject({
      user: null,
      generator: { objectType: 'service', displayName: 'Web app' },
    });
    const threeLegged = await get(
      '/api/test/anyRead',
      authorization('GET', '/api/test/anyRead', consumer, access),
    );
    expect(threeLegged.body.user).toEqual({ nickname: 'alice', personId: t.site.personId('alice') });
  });

  it('refuses 2-legged requests where a user is needed, and tokens where none is allowed', async () => {
    for (const level of ['user', 'userRead']) {
      await get(`/api/test/${level}`, authorization('GET', `/api/test/${level}`, consumer)).expect(401);
    }
    await get('/api/test/client', authorization('GET', '/api/test/client', consumer, access)).expect(401);
  });

  it('lets only a host or webfinger client write as a remote, with its actor', async () => {
    const res = await get(
      '/api/test/remoteWrite',
      authorization('GET', '/api/test/remoteWrite', consumer),
    ).expect(401);
    expect(res.body).toEqual({ error: 'Authentication required' });
    const remote = await get(
      '/api/test/remoteWrite',
      authorization('GET', '/api/test/remoteWrite', { key: 'remote', secret: 'rs' }),
    ).expect(200);
    const actor = { id: 'http://remote.example/', url: 'http://remote.example/', objectType: 'service' };
    expect(remote.body).toMatchObject({ user: null, remoteActor: actor, generator: actor });
  });

  it.each([
    [
      'a bad signature',
      () => authorization('GET', '/api/test/user', { ...consumer, secret: 'guess' }, access),
    ],
    [
      'an unknown consumer',
      () => authorization('GET', '/api/test/user', { key: 'nobody', secret: 'x' }, access),
    ],
    ['the token of another client', () => authorization('GET', '/api/test/user', other, access)],
    [
      'an unknown token',
      () => authorization('GET', '/api/test/user', consumer, { key: 'nope', secret: 'x' }),
    ],
    ['a signature for another path', () => authorization('GET', '/api/test/client', consumer, access)],
  ])('answers 401 JSON to %s', async (_name, header) => {
    const res = await get('/api/test/user', header()).expect(401);
    expect(res.body).toEqual({ error: expect.any(String) });
  });

  it('answers 401 to a replayed nonce and to a stale timestamp', async () => {
    const header = authorization('GET', '/api/test/user', consumer, access, undefined, { nonce: 'once' });
    await get('/api/test/user', header).expect(200);
    const replay = await get('/api/test/user', header).expect(401);
    expect(replay.body).toEqual({ error: 'Invalid / used nonce' });

    const stale = Math.floor(t.clock.now().getTime() / 1000) - 301;
    await get(
      '/api/test/user',
      authorization('GET', '/api/test/user', consumer, access, undefined, { timestamp: stale }),
    ).expect(401);
  });

  it('answers 400 to an OAuth header missing a protocol parameter', async () => {
    const res = await get('/api/test/client', 'OAuth oauth_consumer_key="ck"').expect(400);
    expect(res.body).toEqual({ error: 'Missing required parameter' });
  });
});
