import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { SeededRandom } from '../../../support/seeded-random';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(120_000);

/**
 * Inbound federation over HTTP (docs/protocol.md §7.2): other servers' Dialback-registered clients (created here
 * directly in storage; Dialback registration is tested on its own) post signed 2-legged requests to the inboxes.
 */
const NO_LIMITS = { points: 0, durationSeconds: 60 };
const site = SiteUrls.fromBaseUrl(BASE);
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };
const ZED = 'acct:zed@remote.example';
const zed = {
  id: ZED,
  objectType: 'person',
  displayName: 'Zed',
  followers: { url: 'https://remote.example/api/user/zed/followers' },
};
const zedFollowers = { id: zed.followers.url, objectType: 'collection' };
const remoteId = (name: string) => `https://remote.example/api/activity/${name}`;
const remoteNote = (name: string) => `https://remote.example/api/note/${name}`;
const person = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let carol: KeyPair;
/** A client registered by Dialback as zed@remote.example, and one as the host remote.example. */
const zedClient: KeyPair = { key: 'zed-client', secret: 'zed-secret' };
const hostClient: KeyPair = { key: 'host-client', secret: 'host-secret' };

beforeAll(async () => {
  full = startFullApp({
    settings: { rateLimits: { login: NO_LIMITS, registration: NO_LIMITS, apiWrites: NO_LIMITS } },
  });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  await full.registerUser(client, 'bob');
  carol = await full.registerUser(client, 'carol');
  const now = new Date().toISOString();
  const registered = { created: now, updated: now, type: 'web' as const };
  await full.storage.clients.create({
    id: zedClient.key,
    secret: zedClient.secret,
    webfinger: 'zed@remote.example',
    ...registered,
  });
  await full.storage.clients.create({
    id: hostClient.key,
    secret: hostClient.secret,
    host: 'remote.example',
    ...registered,
  });
});
afterAll(async () => {
  await full?.close();
});

const deliver = (path: string, body: unknown, sender: KeyPair = zedClient) =>
  full.signed('POST', path, sender).send(body as object);
const toInboxOf = (nickname: string, body: unknown, sender?: KeyPair) =>
  deliver(`/api/user/${nickname}/inbox`, body, sender);
const stream = (name: string) => full.storage.streams.page(name, { count: 100 });
const api = (method: string, path: string, token: KeyPair) => full.signed(method, path, client, token);

function expectJsonClientError(answer: { status: number; body: unknown }, status = 400): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ error: expect.any(String) });
}

describe('who may post to an inbox', () => {
  it('answers 401 to no OAuth and to a plain client, and keeps the GET of the inbox for its user', async () => {
    const body = { id: remoteId('a1'), actor: zed, object: { id: remoteNote('a1'), objectType: 'note' } };
    expectJsonClientError(await full.send('POST', '/api/user/alice/inbox').send(body), 401);
    expectJsonClientError(await deliver('/api/user/alice/inbox', body, client), 401);
    expect((await api('GET', '/api/user/alice/inbox', alice)).status).toBe(200);
    expect((await full.signed('GET', '/api/user/alice/inbox', zedClient)).status).toBe(401);
    expect(await full.storage.activities.findById(remoteId('a1'))).toBeNull();
  });

  it('refuses (400) an actor the client does not speak for: webfinger and host clients alike', async () => {
    const yan = { ...zed, id: 'acct:yan@remote.example' };
    const elsewhere = { ...zed, id: 'https://elsewhere.example/api/user/zed' };
    const post = (actor: object) => ({
      id: remoteId('m1'),
      actor,
      to: [PUBLIC],
      object: { id: remoteNote('m1'), objectType: 'note', content: 'x' },
    });
    expectJsonClientError(await toInboxOf('alice', post(yan)));
    expectJsonClientError(await toInboxOf('alice', post(elsewhere), hostClient));
    expect(await full.storage.activities.findById(remoteId('m1'))).toBeNull();
  });

  it('refuses (400) planted ids: an activity id of ours or of another host, an object id of ours', async () => {
    const note = { id: remoteNote('p1'), objectType: 'note', content: 'x' };
    for (const body of [
      { id: site.activityId('planted'), actor: zed, to: [PUBLIC], object: note },
      { id: 'https://third.example/api/activity/1', actor: zed, to: [PUBLIC], object: note },
      {
        id: remoteId('p1'),
        actor: zed,
        to: [PUBLIC],
        object: { ...note, id: site.objectId('note', 'planted') },
      },
    ]) {
      expectJsonClientError(await toInboxOf('alice', body));
    }
    expect(await full.storage.objects.findById(site.objectId('note', 'planted'))).toBeNull();
    expect(await full.storage.activities.findById(remoteId('p1'))).toBeNull();
  });
});

describe('a remote follower', () => {
  it('follows a local user, and her next post is planned for delivery to its server; a redelivery changes nothing', async () => {
    const follow = { id: remoteId('follow'), verb: 'follow', actor: zed, object: person('alice') };
    const first = await toInboxOf('alice', follow);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: remoteId('follow'), verb: 'follow', actor: { id: ZED } });

    const state = async () => ({
      inbox: await stream('user:alice:inbox'),
      followers: await full.storage.follows.followers(site.personId('alice'), { count: 10 }),
      activity: await full.storage.activities.findById(remoteId('follow')),
      jobs: await full.storage.jobs.list('deliver'),
    });
    const before = await state();
    const again = await toInboxOf('alice', { ...follow, content: 'changed on the way' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await state()).toEqual(before);
    expect(before.followers).toEqual([ZED]);

    const posted = await api('POST', '/api/user/alice/feed', alice).send({
      verb: 'post',
      object: { objectType: 'note', content: 'hello followers' },
    });
    expect(posted.status).toBe(200);
    const deliveries = await full.storage.jobs.list('deliver');
    expect(deliveries).toContainEqual(
      expect.objectContaining({
        group: 'remote.example',
        payload: expect.objectContaining({ activityId: posted.body.id, recipientIds: [ZED] }),
      }),
    );
  });
});

describe('what a remote body says about recipients', () => {
  it('never stores bto or bcc, and records the inbox it arrived at', async () => {
    const body = {
      id: remoteId('blind'),
      actor: zed,
      to: [PUBLIC],
      bto: [person('bob')],
      bcc: [person('carol')],
      object: { id: remoteNote('blind'), objectType: 'note', content: 'blind' },
    };
    const answer = await toInboxOf('alice', body);
    expect(answer.status).toBe(200);
    expect(answer.body.bto).toBeUndefined();
    expect(answer.body.bcc).toBeUndefined();
    const stored = await full.storage.activities.findById(remoteId('blind'));
    expect(stored?.bto).toBeUndefined();
    expect(stored?.bcc).toBeUndefined();
    expect(await stream('user:bob:inbox')).not.toContain(remoteId('blind'));
    expect(await stream('user:carol:inbox')).not.toContain(remoteId('blind'));
  });
});

describe("a remote person's followers-only post", () => {
  const secret = 'only for my followers';

  beforeAll(async () => {
    const followed = await api('POST', '/api/user/alice/following', alice).send({
      id: ZED,
      objectType: 'person',
    });
    expect(followed.status).toBe(200);
    const answer = await toInboxOf('alice', {
      id: remoteId('private'),
      verb: 'post',
      actor: zed,
      cc: [zedFollowers],
      object: { id: remoteNote('private'), objectType: 'note', content: secret },
    });
    expect(answer.status).toBe(200);
  });

  it('is read by the local follower it was delivered to, and by no other local user, on the API', async () => {
    const inbox = await api('GET', '/api/user/alice/inbox', alice);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(remoteId('private'));
    const path = `/api/note?id=${encodeURIComponent(remoteNote('private'))}`;
    const byAlice = await api('GET', path, alice);
    expect(byAlice.status).toBe(200);
    expect(byAlice.body.content).toBe(secret);
    const byCarol = await api('GET', path, carol);
    expect(byCarol.status).toBe(403);
    expect(JSON.stringify(byCarol.body)).not.toContain(secret);
    const carolsInbox = await api('GET', '/api/user/carol/inbox', carol);
    expect(JSON.stringify(carolsInbox.body)).not.toContain(secret);
  });

  it('shows on the home page of that follower only', async () => {
    const home = async (nickname: string) => {
      const cookie = await full.logInWithBrowser(nickname);
      return (await full.send('GET', '/').set({ Cookie: cookie, Accept: 'text/html' })).text;
    };
    expect(await home('alice')).toContain(secret);
    expect(await home('carol')).not.toContain(secret);
  });
});

describe('a group inbox', () => {
  it('refuses (400) an activity not addressed to the group, and answers 404 for no local group', async () => {
    const created = await api('POST', '/api/user/alice/feed', alice).send({
      verb: 'create',
      to: [PUBLIC],
      object: { objectType: 'group', displayName: 'Gardeners' },
    });
    expect(created.status).toBe(200);
    const uuid = String(created.body.object.id).split('/').pop();
    const post = (to: object[]) => ({
      id: remoteId(`g-${to.length}`),
      actor: zed,
      to,
      object: { id: remoteNote(`g-${to.length}`), objectType: 'note', content: 'to the group' },
    });
    expectJsonClientError(await deliver(`/api/group/${uuid}/inbox`, post([PUBLIC])));
    expectJsonClientError(await deliver('/api/group/no-such-group/inbox', post([PUBLIC])), 404);
    const group = { id: created.body.object.id as string, objectType: 'group' };
    const answer = await deliver(`/api/group/${uuid}/inbox`, post([group, PUBLIC]));
    expect(answer.status).toBe(200);
    expect(await stream(`group:${uuid}:inbox`)).toContain(remoteId('g-2'));
  });
});

describe('bad bodies answer 4xx with a JSON error, never 500', () => {
  const valid = () => ({
    id: remoteId('fuzz'),
    verb: 'post',
    actor: { ...zed },
    to: [PUBLIC],
    object: { id: remoteNote('fuzz'), objectType: 'note', content: 'x' },
  });
  const BAD_VALUES: unknown[] = [
    null,
    0,
    -1,
    1e308,
    true,
    '',
    'x',
    [],
    [1],
    {},
    { id: 5 },
    { id: '' },
    '\u0000',
    'a'.repeat(3000),
  ];

  it.each([
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"activity"'],
    ['broken JSON', '{"id": '],
    ['an empty body', ''],
    ['JSON nested too deep', `${'['.repeat(200)}${']'.repeat(200)}`],
  ])('%s', async (_what, raw) => {
    const answer = await full
      .signed('POST', '/api/user/alice/inbox', zedClient)
      .set('Content-Type', 'application/json')
      .send(raw);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });

  it('a seeded fuzz of damaged activities', async () => {
    const random = new SeededRandom(1212);
    const failures: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      const body: Record<string, unknown> = valid();
      const target = random.pick([body, body.actor, body.object, body]) as Record<string, unknown>;
      const key = random.pick([
        'id',
        'verb',
        'actor',
        'object',
        'to',
        'cc',
        'bto',
        'objectType',
        'content',
        'inReplyTo',
        'target',
        'followers',
        '_uuid',
        'published',
        'author',
      ]);
      target[key] = random.pick(BAD_VALUES);
      const answer = await toInboxOf(
        random.pick(['alice', 'nobody', 'a%ff']),
        body,
        random.pick([zedClient, hostClient]),
      );
      if (answer.status >= 500 || (answer.status >= 400 && typeof answer.body?.error !== 'string')) {
        failures.push(`#${i} ${answer.status}: ${key}=${JSON.stringify(target[key])?.slice(0, 40)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('on SQLite, two concurrent deliveries of the same activity', () => {
  let sqlite: FullApp;
  afterAll(async () => {
    await sqlite?.close();
  });

  it('publish it once: both answer it, its side effect counts once', async () => {
    sqlite = startFullApp({ driver: 'sqlite' });
    const app = await sqlite.registerClient();
    const owner = await sqlite.registerUser(app, 'alice');
    const now = new Date().toISOString();
    await sqlite.storage.clients.create({
      id: zedClient.key,
      secret: zedClient.secret,
      webfinger: 'zed@remote.example',
      created: now,
      updated: now,
    });
    const note = await sqlite.signed('POST', '/api/user/alice/feed', app, owner).send({
      verb: 'post',
      to: [PUBLIC],
      object: { objectType: 'note', content: 'like me' },
    });
    const like = { id: remoteId('sqlite-like'), verb: 'favorite', actor: zed, object: note.body.object };
    const send = () => sqlite.signed('POST', '/api/user/alice/inbox', zedClient).send(like);
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers[1].body).toEqual(answers[0].body);
    const likes = await sqlite.storage.streams.page(`favoriters:${note.body.object.id}`, { count: 10 });
    expect(likes).toEqual([ZED]);
    const inbox = await sqlite.storage.streams.page('user:alice:inbox', { count: 10 });
    expect(inbox.filter((id) => id === remoteId('sqlite-like'))).toHaveLength(1);
  });
});
