import request from 'supertest';

import { userStreamName } from '../../../../src/domain/distribution/stream-names';
import { usersApp } from './users-app';

const H = 'http://localhost:4815';
const JSON_TYPE = 'application/json; charset=utf-8';
const PASSWORD = 'correct-horse-9';

async function register(app: ReturnType<typeof usersApp>['app'], nickname: string, extra = {}) {
  return request(app)
    .post('/api/users')
    .send({ nickname, password: PASSWORD, ...extra });
}

describe('POST /api/users', () => {
  it('registers a user with pump.io streams, lists and a token for the registering client', async () => {
    const { app, storage } = usersApp();
    const res = await register(app, 'alice', { email: 'alice@example.net', langs: ['en'] });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.body).toMatchObject({
      nickname: 'alice',
      published: '2026-01-02T03:04:05Z',
      email: 'alice@example.net',
      langs: ['en'],
      profile: {
        id: `${H}/api/user/alice/profile`,
        objectType: 'person',
        preferredUsername: 'alice',
        followers: { url: `${H}/api/user/alice/followers`, totalItems: 0 },
        lists: { url: `${H}/api/user/alice/lists/person`, totalItems: 4 },
      },
    });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2[ab]\$/);
    const token = await storage.tokens.findAccessToken(res.body.token);
    expect(token).toMatchObject({ clientId: 'test-client', nickname: 'alice' });
    // docs/protocol.md §3.1: feed=5 minor, inbox=6 with the welcome note major and direct.
    const count = (kind: Parameters<typeof userStreamName>[1]) =>
      storage.streams.count(userStreamName('alice', kind));
    expect(await count('outbox')).toBe(5);
    expect(await count('outbox:minor')).toBe(5);
    expect(await count('inbox')).toBe(6);
    expect(await count('inbox:major')).toBe(1);
    expect(await count('inbox:direct')).toBe(1);
    expect(await count('lists:person')).toBe(4);
    expect(await storage.streams.page('user:all', { count: 10 })).toEqual(['alice']);
  });

  it.each([
    [{ nickname: 'api', password: PASSWORD }, "Bad nickname: 'api'"],
    [{ nickname: 'a b', password: PASSWORD }, "Bad nickname: 'a b'"],
    [{ nickname: 'bob', password: 'password' }, 'Bad password'],
    [{ nickname: 'bob', password: '12345678901' }, 'Bad password'],
    [{ nickname: 'bob', password: 'rush2112' }, 'Bad password'],
    [{ nickname: 'bob' }, 'Bad password'],
    [{ nickname: 'bob', password: PASSWORD, email: 42 }, 'Invalid email address provided'],
  ])('answers 400 to %j and creates nothing', async (body, message) => {
    const { app, storage } = usersApp();
    const res = await request(app).post('/api/users').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: message });
    expect(await storage.users.count()).toBe(0);
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    const { app } = usersApp();
    const res = await request(app).post('/api/users').set('Content-Type', 'application/json').send('[1,2]');
    expect(res.status).toBe(400);
  });

  it('answers 409 to a taken nickname and keeps the first user', async () => {
    const { app, storage } = usersApp();
    await register(app, 'alice');
    const res = await register(app, 'alice');
    expect(res.status).toBe(409);
    expect(await storage.streams.count('user:all')).toBe(1);
  });

  it('refuses a request made for a user (registration is 2-legged)', async () => {
    const { app } = usersApp();
    const res = await request(app).post('/api/users').set('X-Test-User', 'x').send({});
    expect(res.status).toBe(401);
  });
});

describe('GET /api/users', () => {
  it('lists registered users newest first with paging links, email only for the viewer', async () => {
    const { app } = usersApp();
    for (const nick of ['a1', 'b2', 'c3']) await register(app, nick, { email: `${nick}@example.net` });
    const res = await request(app).get('/api/users?count=2').set('X-Test-User', 'c3');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.body).toMatchObject({
      displayName: 'Users of this service',
      id: `${H}/api/users`,
      objectTypes: ['user'],
      totalItems: 3,
      links: {
        first: { href: `${H}/api/users` },
        self: { href: `${H}/api/users` },
        prev: { href: `${H}/api/users?since=c3` },
        next: { href: `${H}/api/users?before=b2` },
      },
    });
    expect(res.body.items.map((u: { nickname: string }) => u.nickname)).toEqual(['c3', 'b2']);
    expect(res.body.items[0].email).toBe('c3@example.net');
    expect(res.body.items[1].email).toBeUndefined();
    const next = await request(app).get('/api/users?before=b2');
    expect(next.body.items.map((u: { nickname: string }) => u.nickname)).toEqual(['a1']);
  });

  it.each(['count=201', 'count=-1', 'count=x', 'before=a&since=b', 'offset=1&before=a', 'before=nobody'])(
    'answers 400 to ?%s',
    async (query) => {
      const { app } = usersApp();
      await register(app, 'a');
      expect((await request(app).get(`/api/users?${query}`)).status).toBe(400);
    },
  );
});

describe('/api/user/:nickname', () => {
  it('shows the user to others without email or settings, and followed false to themself', async () => {
    const { app } = usersApp();
    await register(app, 'alice', { email: 'a@example.net', settings: { x: 1 } });
    const other = await request(app).get('/api/user/alice').set('X-Test-User', 'bob');
    expect(other.status).toBe(200);
    expect(other.body.email).toBeUndefined();
    expect(other.body.settings).toBeUndefined();
    expect(other.body.profile.pump_io).toEqual({ followed: false });
    const self = await request(app).get('/api/user/alice').set('X-Test-User', 'alice');
    expect(self.body).toMatchObject({ email: 'a@example.net', settings: { x: 1 } });
    const client = await request(app).get('/api/user/alice');
    expect(client.body.profile.pump_io).toBeUndefined();
  });

  it('answers 404 for an unknown user', async () => {
    const { app } = usersApp();
    expect((await request(app).get('/api/user/nobody')).status).toBe(404);
  });

  it('lets the user change their password and extras, and keeps the rules', async () => {
    const { app, storage } = usersApp();
    await register(app, 'alice');
    const before = (await storage.users.findByNickname('alice'))?.passwordHash;
    const ok = await request(app)
      .put('/api/user/alice')
      .set('X-Test-User', 'alice')
      .send({ nickname: 'alice', password: 'another-secret-7', currentPassword: PASSWORD, langs: ['fr'] });
    expect(ok.status).toBe(200);
    expect(ok.body.langs).toEqual(['fr']);
    expect((await storage.users.findByNickname('alice'))?.passwordHash).not.toBe(before);

    const put = (user: string, body: object) =>
      request(app).put('/api/user/alice').set('X-Test-User', user).send(body);
    expect((await put('bob', { nickname: 'alice', password: 'another-secret-7' })).body).toEqual({
      error: 'Not authorized',
    });
    expect((await put('bob', { nickname: 'alice', password: 'another-secret-7' })).status).toBe(401);
    expect((await put('alice', { nickname: 'alice', password: 'short' })).status).toBe(400);
    expect((await put('alice', { nickname: 'bob', password: 'another-secret-7' })).status).toBe(400);
    expect(
      (await put('alice', { nickname: 'alice', password: 'another-secret-7', profile: { id: 'x' } })).status,
    ).toBe(400);
    expect((await request(app).put('/api/user/alice').send({})).status).toBe(401);
  });

  it('refuses a well-known password at a password change with 400, changing nothing', async () => {
    const { app, storage } = usersApp();
    await register(app, 'alice');
    const before = await storage.users.findByNickname('alice');
    const res = await request(app)
      .put('/api/user/alice')
      .set('X-Test-User', 'alice')
      .send({ nickname: 'alice', password: 'rush2112', currentPassword: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Bad password' });
    expect(await storage.users.findByNickname('alice')).toEqual(before);
  });

  it('refuses a new password without the current one (stricter than pump.io) and changes nothing', async () => {
    const { app, storage } = usersApp();
    await register(app, 'alice');
    const before = await storage.users.findByNickname('alice');
    const put = (body: object) =>
      request(app)
        .put('/api/user/alice')
        .set('X-Test-User', 'alice')
        .send({ nickname: 'alice', password: 'taken-over-77', ...body });
    const missing = await put({});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error: "A new password needs the current one, sent as 'currentPassword'.",
    });
    const wrong = await put({ currentPassword: 'guessed-wrong-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'The current password is wrong.' });
    expect(await storage.users.findByNickname('alice')).toEqual(before);
    const unchanged = await put({ password: PASSWORD, langs: ['de'] });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).not.toHaveProperty('currentPassword');
  });

  it('deletes the user, unlists it and revokes its tokens; only the user may; its nickname stays taken', async () => {
    const { app, storage } = usersApp();
    const token = (await register(app, 'alice')).body.token as string;
    expect((await request(app).delete('/api/user/alice').set('X-Test-User', 'bob')).status).toBe(401);
    const res = await request(app).delete('/api/user/alice').set('X-Test-User', 'alice');
    expect(res.status).toBe(200);
    expect(res.body).toBe('Deleted.');
    expect((await storage.users.findByNickname('alice'))?.deleted).toBeDefined();
    expect(await storage.streams.count('user:all')).toBe(0);
    expect(await storage.tokens.findAccessToken(token)).toBeNull();
    const again = await request(app).delete('/api/user/alice').set('X-Test-User', 'alice');
    expect(again.status).toBe(410);
    expect(again.body).toEqual({ error: 'The user alice was deleted.' });
    expect((await request(app).get('/api/user/alice').set('X-Test-User', 'bob')).status).toBe(410);
    expect((await request(app).get('/api/user/alice/profile').set('X-Test-User', 'bob')).status).toBe(410);
    const retired = await register(app, 'alice');
    expect(retired.status).toBe(409);
    expect(retired.body).toEqual({ error: 'The nickname alice belonged to a deleted account.' });
    expect((await register(app, 'ALICE')).status).toBe(409);
  });

  it('answers OPTIONS with the methods of each route', async () => {
    const { app } = usersApp();
    const allow = async (path: string) => {
      const res = await request(app).options(path);
      expect(res.status).toBe(200);
      return (res.headers.allow as string).split(', ').sort();
    };
    expect(await allow('/api/user/alice')).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT']);
    expect(await allow('/api/users')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(await allow('/api/user/alice/profile')).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT']);
    expect(await allow('/api/whoami')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});

describe('/api/user/:nickname/profile and /api/whoami', () => {
  it('reads and updates the profile, keeping server-formed properties, with an update activity', async () => {
    const { app, storage } = usersApp();
    await register(app, 'alice');
    const res = await request(app)
      .put('/api/user/alice/profile')
      .set('X-Test-User', 'alice')
      .send({ displayName: 'Alice A.', summary: 'Hi', preferredUsername: 'mallory', _user: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Alice A.', summary: 'Hi', preferredUsername: 'alice' });
    expect(res.body._user).toBeUndefined();
    const read = await request(app).get('/api/user/alice/profile');
    expect(read.headers['content-type']).toBe(JSON_TYPE);
    expect(read.body).toMatchObject({ displayName: 'Alice A.', followers: { totalItems: 0 } });
    expect(await storage.streams.count(userStreamName('alice', 'outbox'))).toBe(6);
    // Distributed before the answer: the durable job is done, nothing left for a runner.
    expect(await storage.streams.count(userStreamName('alice', 'inbox'))).toBe(7);
    expect((await storage.jobs.counts('distribute')).pending).toBe(0);
  });

  it('refuses profile changes by others, of id, and of malformed properties', async () => {
    const { app } = usersApp();
    await register(app, 'alice');
    const put = (user: string, body: object) =>
      request(app).put('/api/user/alice/profile').set('X-Test-User', user).send(body);
    expect((await put('bob', { displayName: 'x' })).status).toBe(401);
    expect((await put('alice', { id: 'http://evil.example/x' })).status).toBe(400);
    expect((await put('alice', { displayName: 42 })).status).toBe(400);
    expect(
      (await request(app).put('/api/user/nobody/profile').set('X-Test-User', 'nobody').send({})).status,
    ).toBe(404);
  });

  it('redirects whoami to the profile of the user, and refuses a client acting for nobody', async () => {
    const { app } = usersApp();
    const res = await request(app).get('/api/whoami').set('X-Test-User', 'alice');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`${H}/api/user/alice/profile`);
    expect((await request(app).get('/api/whoami')).status).toBe(401);
  });
});
