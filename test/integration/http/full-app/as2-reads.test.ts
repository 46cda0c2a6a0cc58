import type { SeedAccounts } from '../../../../src/application/seeding/seed-accounts.use-case';
import { AccountSeeder } from '../../../../src/infrastructure/container/tokens';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * ActivityStreams 2.0 by content negotiation (docs/protocol.md §10), as pump.io's activitypub-get-*,
 * note-api, replies-api and user-profile-api e2e tests ask for it: the person URL, the profile, the inbox, outbox,
 * followers, following and liked collections, objects and their replies. A request that does not ask for AS2 gets
 * the AS1 answer, unchanged.
 */
const AS2 = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';
const CONTEXT = 'https://www.w3.org/ns/activitystreams';

let full: FullApp;
let client: KeyPair;
let frodo: KeyPair;
let sam: KeyPair;
const configuredClient = { key: 'as2-client', secret: 'as2-client-secret' };
const configuredToken = { key: 'as2-token', secret: 'as2-token-secret' };

const pathOf = (url: string): string => {
  expect(url.startsWith(BASE)).toBe(true);
  return url.slice(BASE.length);
};

/** A GET signed with a user's token (3-legged), as pump.io's test clients do. */
const get = (path: string, token: KeyPair = frodo, consumer: KeyPair = client) =>
  full.signed('GET', path, consumer, token);
const getAs2 = (path: string, token?: KeyPair, consumer?: KeyPair) =>
  get(path, token, consumer).set('Accept', AS2);
const asConfigured = (path: string) => getAs2(path, configuredToken, configuredClient);

/** The parts of a posted activity these tests read. */
interface Posted {
  id: string;
  links: { self: { href: string } };
  object: { id: string; published: string; updated: string };
}

async function post(token: KeyPair, nickname: string, activity: object): Promise<Posted> {
  const answer = await full.signed('POST', `/api/user/${nickname}/feed`, client, token).send(activity);
  expect(answer.status).toBe(200);
  return answer.body as Posted;
}

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  frodo = await full.registerUser(client, 'frodo');
  sam = await full.registerUser(client, 'sam');
  // A configured user has no activities at all (docs/protocol.md §3.1): every collection of theirs is empty.
  await full.container.get<SeedAccounts>(AccountSeeder).execute({
    clients: [{ client_id: configuredClient.key, client_secret: configuredClient.secret }],
    users: [
      {
        nickname: 'configuser',
        password: 'configured password 1',
        tokens: [
          {
            token: configuredToken.key,
            token_secret: configuredToken.secret,
            client_id: configuredClient.key,
          },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await full?.close();
});

describe('the person URL /<nick> (activitypub-get-actor)', () => {
  it.each([AS2, 'application/activity+json'])('answers the AS2 Person to Accept: %s', async (accept) => {
    const answer = await get('/configuser', configuredToken, configuredClient).set('Accept', accept);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(AS2);
    const actor = JSON.parse(answer.text);
    expect(actor['@context']).toBe(CONTEXT);
    expect(actor.type).toBe('Person');
    expect(actor.id).toBe(`${BASE}/configuser`);
    expect(actor.name).toBe('configuser');
    expect(actor.preferredUsername).toBe('configuser');
    expect(actor.inbox).toBe(`${BASE}/api/user/configuser/inbox`);
    expect(actor.outbox).toBe(`${BASE}/api/user/configuser/feed`);
    expect(actor.followers).toBe(`${BASE}/api/user/configuser/followers`);
    expect(actor.following).toBe(`${BASE}/api/user/configuser/following`);
    expect(actor.liked).toBe(`${BASE}/api/user/configuser/favorites`);
  });

  it('without credentials it is the ActivityPub actor instead (docs/activitypub.md §5), not a 401', async () => {
    const answer = await full.send('GET', '/configuser').set('Accept', AS2);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ id: `${BASE}/configuser`, publicKey: {} });
  });

  it('bad OAuth credentials are still refused (not taken for an ActivityPub fetch)', async () => {
    const answer = await full
      .send('GET', '/configuser')
      .set('Accept', AS2)
      .set('Authorization', 'OAuth oauth_consumer_key="nobody", oauth_signature="x"');
    expect([400, 401]).toContain(answer.status);
  });

  it('an unknown user is a 404', async () => {
    expect((await getAs2('/nobody')).status).toBe(404);
  });

  it.each([undefined, 'application/json'])(
    'a request that asks for neither the page nor AS2 (Accept: %s) finds nothing there',
    async (accept) => {
      const request = get('/configuser', configuredToken, configuredClient);
      const answer = accept === undefined ? await request : await request.set('Accept', accept);
      expect(answer.status).toBe(404);
    },
  );

  it('is served by the API, so an API-only node (noweb) has it too', async () => {
    const apiOnly = startFullApp({ settings: { noweb: true } });
    try {
      const apiClient = await apiOnly.registerClient();
      const token = await apiOnly.registerUser(apiClient, 'merry');
      const answer = await apiOnly.signed('GET', '/merry', apiClient, token).set('Accept', AS2);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ type: 'Person', id: `${BASE}/merry` });
    } finally {
      await apiOnly.close();
    }
  });

  it('a browser still gets the profile page', async () => {
    const answer = await full.send('GET', '/configuser').set('Accept', 'text/html');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe("the actor's collections (activitypub-get-inbox, -outbox, -followers, -following, -liked)", () => {
  it.each(['inbox', 'outbox', 'followers', 'following', 'liked'])(
    'the %s of a user with none is an empty OrderedCollection',
    async (property) => {
      const actor = JSON.parse((await asConfigured('/configuser')).text);
      const answer = await asConfigured(pathOf(actor[property]));
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(AS2);
      const collection = JSON.parse(answer.text);
      expect(collection).toEqual({
        '@context': CONTEXT,
        id: actor[property],
        type: 'OrderedCollection',
        name: expect.any(String),
        totalItems: 0,
      });
    },
  );

  it("frodo's outbox: his activities in the first page, as many as AS1 counts", async () => {
    const as1 = (await get('/api/user/frodo/feed')).body;
    const answer = await getAs2('/api/user/frodo/feed');
    const outbox = JSON.parse(answer.text);
    expect(outbox.type).toBe('OrderedCollection');
    expect(outbox.totalItems).toBe(as1.totalItems);
    expect(outbox.first.orderedItems.map((item: { id: string }) => item.id)).toEqual(
      as1.items.map((item: { id: string }) => item.id),
    );
    expect(outbox.first.orderedItems[0].actor.id).toBe(`${BASE}/frodo`);
  });

  it("the inbox is its owner's only, in AS2 as in AS1", async () => {
    const as2 = await getAs2('/api/user/frodo/inbox', sam);
    const as1 = await get('/api/user/frodo/inbox', sam);
    expect(as1.status).toBe(401);
    expect(as2.status).toBe(as1.status);
    expect(as2.body).toEqual(as1.body);
  });
});

describe('objects and their feeds (note-api, replies-api, user-profile-api)', () => {
  it('a note, its author attributed by profile page URL', async () => {
    const act = await post(frodo, 'frodo', {
      verb: 'post',
      object: { objectType: 'note', content: "I'm so scared!" },
    });
    const answer = await getAs2(pathOf(act.object.id));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(AS2);
    const note = JSON.parse(answer.text);
    expect(note).toMatchObject({
      '@context': CONTEXT,
      id: act.object.id,
      type: 'Note',
      content: "I'm so scared!",
      attributedTo: { id: `${BASE}/frodo`, type: 'Person' },
    });
    expect(Date.parse(note.published)).toBe(Date.parse(act.object.published));
    expect(Date.parse(note.updated)).toBe(Date.parse(act.object.updated));
    expect(note).not.toHaveProperty('_uuid');
  });

  it('the replies of a note: empty, then with the reply as the first ordered item', async () => {
    const act = await post(frodo, 'frodo', {
      verb: 'post',
      to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
      object: { objectType: 'note', content: 'any replies?' },
    });
    // The replies URL of a local object (the write answer's own `replies` is item 1 of issue 18, not ours to rely on).
    const repliesUrl = `${act.object.id}/replies`;
    const empty = JSON.parse((await getAs2(pathOf(repliesUrl))).text);
    expect(empty).toMatchObject({ type: 'OrderedCollection', totalItems: 0 });
    expect(empty).not.toHaveProperty('first');
    expect(empty).not.toHaveProperty('items');
    expect(empty).not.toHaveProperty('orderedItems');

    const reply = await post(sam, 'sam', {
      verb: 'post',
      object: { objectType: 'comment', content: 'yes', inReplyTo: { id: act.object.id, objectType: 'note' } },
    });
    const replies = JSON.parse((await getAs2(pathOf(repliesUrl))).text);
    expect(replies.totalItems).toBe(1);
    expect(replies.first.orderedItems).toHaveLength(1);
    expect(replies.first.orderedItems[0].id).toBe(reply.object.id);
  });

  it('the profile endpoint', async () => {
    const answer = await getAs2('/api/user/frodo/profile');
    expect(answer.headers['content-type']).toBe(AS2);
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'Person', id: `${BASE}/frodo` });
  });

  it('an activity', async () => {
    const act = await post(frodo, 'frodo', {
      verb: 'post',
      object: { objectType: 'note', content: 'an act' },
    });
    const answer = JSON.parse((await getAs2(pathOf(act.links.self.href))).text);
    expect(answer).toMatchObject({ id: act.id, type: 'Create', object: { id: act.object.id, type: 'Note' } });
  });
});

describe('what a viewer may see is decided before the mapping (docs/architecture.md §2b)', () => {
  it("a note to sam alone: refused to others in AS2 as in AS1, and absent from frodo's outbox as they read it", async () => {
    const samRef = { id: `${BASE}/api/user/sam/profile`, objectType: 'person' };
    const secret = await post(frodo, 'frodo', {
      verb: 'post',
      to: [samRef],
      object: { objectType: 'note', content: 'for sam only' },
    });
    const stranger = await full.registerUser(client, 'gollum');
    expect((await getAs2(pathOf(secret.object.id), stranger)).status).toBe(403);
    expect((await get(pathOf(secret.object.id), stranger)).status).toBe(403);
    expect((await getAs2(pathOf(secret.object.id), sam)).status).toBe(200);

    const as1 = (await get('/api/user/frodo/feed', stranger)).body;
    const outbox = JSON.parse((await getAs2('/api/user/frodo/feed', stranger)).text);
    expect(outbox.totalItems).toBe(as1.totalItems);
    expect(JSON.stringify(outbox)).not.toContain(secret.id);
    expect(JSON.stringify(outbox)).not.toContain('for sam only');
  });
});

describe('a request that does not ask for AS2 gets AS1, unchanged', () => {
  // pump.io's own server-to-server GETs, and ours, send no Accept header; clients send */* or application/json.
  it.each([
    undefined,
    '*/*',
    'application/json',
    'application/stream+json',
    `application/stream+json, ${AS2};q=0.5`,
  ])('Accept: %s', async (accept) => {
    const plain = await get('/api/user/frodo/profile');
    const answer = accept === undefined ? plain : await get('/api/user/frodo/profile').set('Accept', accept);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.text).toBe(plain.text);
    expect(answer.body).toMatchObject({ objectType: 'person', id: `${BASE}/api/user/frodo/profile` });
    expect(answer.body).not.toHaveProperty('@context');
  });

  it('an answer that depends on Accept says so to caches (Vary: Accept)', async () => {
    const as1 = await get('/api/user/frodo/feed');
    const as2 = await getAs2('/api/user/frodo/feed');
    expect(as1.headers.vary).toMatch(/\bAccept\b/);
    expect(as2.headers.vary).toMatch(/\bAccept\b/);
  });
});
