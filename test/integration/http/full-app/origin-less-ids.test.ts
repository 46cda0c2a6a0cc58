import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * Objects a local client names by an origin-less id (`urn:`, `tag:`), which no server will ever describe
 * (src/domain/federation/client-claims.ts): kept under that id and served at `/api/<type>?id=<id>` with feeds in
 * the same form (pump.io's activityobject-foreign-id, group-foreign-id and scrubber files); the first local person
 * who describes one owns it, and nobody else can change it.
 */
let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};

const site = SiteUrls.fromBaseUrl(BASE);
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };
const HARMLESS = 'This is a harmless string.';
const DANGEROUS = "This is a <script>alert('Boo!')</script> dangerous string.";

const api = (nickname: string, method: string, path: string) =>
  full.signed(method, path, client, tokens[nickname]);
const byId = (type: string, id: string, feed?: string) =>
  `/api/${type}${feed === undefined ? '' : `/${feed}`}?id=${encodeURIComponent(id)}`;
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

async function post(nickname: string, activity: object, status = 200) {
  const answer = await api(nickname, 'POST', `/api/user/${nickname}/feed`).send(activity);
  expect(`${answer.status} ${answer.status === status ? '' : answer.text}`).toBe(`${status} `);
  return answer.body;
}

async function read(nickname: string, path: string, status = 200) {
  const answer = await api(nickname, 'GET', path);
  expect(`${answer.status} ${answer.status === status ? '' : answer.text}`).toBe(`${status} `);
  return answer.body;
}

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  for (const nickname of ['jesse', 'walter', 'mike']) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
});
afterAll(async () => {
  await full?.close();
});

describe('a local user creating an object under an origin-less id', () => {
  const id = 'tag:pump.io,2012:test:image:1';

  it('keeps the id, and links the object and its feeds in the ?id= form', async () => {
    const act = await post('jesse', {
      verb: 'create',
      object: { objectType: 'image', id, displayName: 'Me and Emilio down by the schoolyard' },
    });
    expect(act.object).toMatchObject({
      id,
      author: { id: site.personId('jesse') },
      links: { self: { href: `${BASE}${byId('image', id)}` } },
      likes: { url: `${BASE}${byId('image', id, 'likes')}`, totalItems: 0 },
      replies: { url: `${BASE}${byId('image', id, 'replies')}`, totalItems: 0 },
      shares: { url: `${BASE}${byId('image', id, 'shares')}`, totalItems: 0 },
    });
  });

  it('serves it and its feeds at /api/<type>?id=', async () => {
    expect(await read('jesse', byId('image', id))).toMatchObject({
      id,
      displayName: 'Me and Emilio down by the schoolyard',
    });
    for (const feed of ['likes', 'replies', 'shares']) {
      expect(await read('jesse', byId('image', id, feed))).toMatchObject({ totalItems: 0 });
    }
  });

  it('is seen as any post: by the recipients of its creation only', async () => {
    // The create went to jesse's followers, and mike is none.
    await read('mike', byId('image', id), 403);
  });

  it('takes replies, likes and shares, listed in its ?id= feeds', async () => {
    const image = { objectType: 'image', id: 'tag:pump.io,2012:test:image:2' };
    await post('jesse', { verb: 'create', object: { ...image, displayName: 'Mr. White yo' } });
    const reply = await post('jesse', {
      verb: 'post',
      object: { objectType: 'comment', content: 'Nice picture!', inReplyTo: image },
    });
    await post('jesse', { verb: 'like', object: image });
    await post('jesse', { verb: 'share', object: image });
    const replies = await read('jesse', byId('image', image.id, 'replies'));
    expect(replies).toMatchObject({ totalItems: 1, items: [{ id: reply.object.id }] });
    for (const feed of ['likes', 'shares']) {
      expect(await read('jesse', byId('image', image.id, feed))).toMatchObject({
        totalItems: 1,
        items: [{ id: site.personId('jesse') }],
      });
    }
  });

  it('makes a group with members, documents and inbox in the ?id= form', async () => {
    const group = { objectType: 'group', id: 'tag:pump.io,2012:test:group:1' };
    const created = await post('walter', { verb: 'create', object: { ...group, displayName: 'Friends' } });
    expect(created.object).toMatchObject({
      links: {
        self: { href: `${BASE}${byId('group', group.id)}` },
        'activity-inbox': { href: `${BASE}${byId('group', group.id, 'inbox')}` },
      },
      members: { url: `${BASE}${byId('group', group.id, 'members')}`, totalItems: 0 },
      documents: { url: `${BASE}${byId('group', group.id, 'documents')}`, totalItems: 0 },
    });
    await post('walter', { verb: 'join', object: group });
    const posted = await post('walter', { to: [group], object: { objectType: 'note', content: 'I knock.' } });
    expect(await read('walter', byId('group', group.id, 'members'))).toMatchObject({ totalItems: 1 });
    const inbox = await read('walter', byId('group', group.id, 'inbox'));
    expect(inbox.items.map((item: { id: string }) => item.id)).toContain(posted.id);
  });
});

describe('an origin-less object first described in a favorite, follow or target', () => {
  it('keeps the scrubbed content the client gave', async () => {
    const favorited = await api('mike', 'POST', '/api/user/mike/favorites').send({
      objectType: 'note',
      id: 'urn:uuid:9aa257b4-3291-11e2-a4d3-0024beb67924',
      content: HARMLESS,
      summary: DANGEROUS,
    });
    expect(favorited.status).toBe(200);
    expect(favorited.body.content).toBe(HARMLESS);
    expect(favorited.body.summary).toEqual(expect.stringContaining('dangerous string'));
    expect(favorited.body.summary).not.toContain('<script>');

    const followed = await api('mike', 'POST', '/api/user/mike/following').send({
      objectType: 'person',
      id: 'urn:uuid:31981bb2-3293-11e2-98b1-0024beb67924',
      summary: HARMLESS,
    });
    expect(followed.status).toBe(200);
    expect(followed.body.summary).toBe(HARMLESS);

    const targeted = await post('mike', {
      object: { objectType: 'note', content: 'Hello, world.' },
      target: {
        id: 'urn:uuid:1a749377-5b7d-41d9-a4f7-2a3a4ca3e630',
        objectType: 'collection',
        summary: HARMLESS,
      },
    });
    expect(targeted.target.summary).toBe(HARMLESS);
  });

  it('is listed in the favorites of whoever favorites it, with or without a description', async () => {
    const id = 'urn:uuid:30b3f9aa-6e20-4e2a-8325-b72cfbccb4d0';
    const act = await post('walter', { verb: 'favorite', object: { objectType: 'image', id } });
    expect(act.object.id).toBe(id);
    const favorites = await read('walter', '/api/user/walter/favorites');
    expect(favorites.items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it("is filled in by the first user who describes it, and shows in an earlier like (pump.io's update-object)", async () => {
    const id = 'urn:uuid:484e5278-8675-11e2-bd8f-70f1a154e1aa';
    const links = { self: { href: 'http://somewhereelse.example/note/1' } };
    const first = await post('jesse', { verb: 'like', object: { id, links, objectType: 'note' } });
    await post('walter', {
      verb: 'like',
      object: { id, links, objectType: 'note', content: 'Hello, world!' },
    });
    const reread = await read('jesse', pathOf(first.links.self.href));
    expect(reread.object.content).toBe('Hello, world!');
  });
});

describe('who may change an origin-less object', () => {
  const id = 'urn:uuid:0c1e3f5a-0000-4000-8000-00000000c1a1';

  it('is its first describer only: another user naming it with other content changes nothing', async () => {
    await post('jesse', { verb: 'favorite', object: { objectType: 'note', id, content: 'said by jesse' } });
    await post('mike', { verb: 'favorite', object: { objectType: 'note', id, content: 'said by mike' } });
    await post('mike', { verb: 'update', object: { objectType: 'note', id, content: 'said by mike' } }, 400);
    await post('mike', { verb: 'create', object: { objectType: 'note', id, content: 'said by mike' } }, 400);
    expect((await read('mike', byId('note', id))).content).toBe('said by jesse');
    // Never posted, it has no audience to copy: the update names its own.
    await post('jesse', {
      verb: 'update',
      object: { objectType: 'note', id, content: 'jesse again' },
      to: [PUBLIC],
    });
    expect((await read('mike', byId('note', id))).content).toBe('jesse again');
  });

  it('never changes an object another user posted under such an id', async () => {
    const image = { objectType: 'image', id: 'tag:pump.io,2012:test:image:owned' };
    await post('jesse', {
      verb: 'create',
      object: { ...image, displayName: 'mine' },
      to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
    });
    await post('mike', { verb: 'like', object: { ...image, displayName: 'taken over' } });
    expect((await read('mike', byId('image', image.id))).displayName).toBe('mine');
  });

  it('takes no description for an http(s) id of another host: only its own server says what it is', async () => {
    const remote = { objectType: 'note', id: 'https://elsewhere.example/note/1', content: 'planted' };
    const liked = await post('mike', { verb: 'like', object: remote });
    expect(liked.object.content).toBeUndefined();
    const fresh = { ...remote, id: 'https://elsewhere.example/note/2' };
    const created = await post('mike', { verb: 'create', object: fresh });
    expect(created.object.id).not.toBe(fresh.id);
  });

  it('refuses an id on this host that it never minted, tag: ones included', async () => {
    const ours = `tag:${site.hostname},2012:planted`;
    await post('mike', { verb: 'like', object: { objectType: 'note', id: ours, content: 'planted' } }, 400);
    const created = await post('mike', { verb: 'create', object: { objectType: 'note', id: ours } });
    expect(created.object.id).not.toBe(ours);
    await read('mike', byId('note', ours), 404);
  });

  it('takes no description under a malformed urn', async () => {
    const liked = await post('mike', {
      verb: 'like',
      object: { objectType: 'note', id: 'urn:uuid:has a space', content: 'planted' },
    });
    expect(liked.object.content).toBeUndefined();
  });
});
