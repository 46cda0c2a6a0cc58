import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * docs/protocol.md §4.2, §4.4: the answer to a write carries its object as a read by its author shows it, feeds
 * (`{url, totalItems}`), `liked`, `pump_io`, a list's or group's feeds included. Clients (pump.io's own suite,
 * PyPump) take those URLs from the answer and GET them next, so each test follows the URLs it is given.
 */
let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};

const site = SiteUrls.fromBaseUrl(BASE);
const PUBLIC = { id: PUBLIC_COLLECTION_ID, objectType: 'collection' };
const personRef = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};
const api = (nickname: string, method: string, path: string) =>
  full.signed(method, path, client, tokens[nickname]);

/** GETs a URL the answer gave, as `nickname`, and checks it is served. */
async function follow(nickname: string, url: string): Promise<Record<string, unknown>> {
  const answer = await api(nickname, 'GET', pathOf(url));
  expect(answer.status).toBe(200);
  return answer.body as Record<string, unknown>;
}

async function post(nickname: string, activity: object) {
  const answer = await api(nickname, 'POST', `/api/user/${nickname}/feed`).send(activity);
  expect(answer.status).toBe(200);
  // The JSON as the client reads it: the tests walk it as pump.io's suite does.
  return answer.body;
}

const feedOf = (url: string) => ({ url, totalItems: 0 });

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  for (const nickname of ['alice', 'bob', 'carol']) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
});
afterAll(async () => {
  await full?.close();
});

describe('the answer to POST /api/user/:nickname/feed', () => {
  it("carries a new note's likes, replies and shares feeds, liked and pump_io.shared", async () => {
    const act = await post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: 'hi' },
      to: [PUBLIC],
    });
    const { id } = act.object;
    expect(act.object).toMatchObject({
      likes: feedOf(`${id}/likes`),
      replies: feedOf(`${id}/replies`),
      shares: feedOf(`${id}/shares`),
      liked: false,
      pump_io: { shared: false },
    });
    for (const feed of ['likes', 'replies', 'shares']) {
      expect(await follow('alice', act.object[feed].url)).toMatchObject({ totalItems: 0, items: [] });
    }
  });

  it('carries the favorited object as its liker reads it: liked, and the liker in likes', async () => {
    const note = (await post('alice', { object: { objectType: 'note', content: 'like me' }, to: [PUBLIC] }))
      .object;
    const act = await post('bob', { verb: 'favorite', object: { id: note.id, objectType: 'note' } });
    expect(act.object).toMatchObject({
      id: note.id,
      liked: true,
      likes: { url: `${note.id}/likes`, totalItems: 1, items: [{ id: site.personId('bob') }] },
      pump_io: { shared: false },
    });
    expect(await follow('bob', act.object.likes.url)).toMatchObject({ totalItems: 1 });
  });

  it('carries the followed person with pump_io.followed', async () => {
    const act = await post('alice', { verb: 'follow', object: personRef('carol') });
    expect(act.object).toMatchObject({ id: site.personId('carol'), pump_io: { followed: true } });
  });

  it("carries a new list's members feed, and its target's after an add", async () => {
    const created = await post('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Pals', objectTypes: ['person'] },
    });
    const list = created.object;
    expect(list.members).toEqual(feedOf(`${list.id}/members`));
    expect(await follow('alice', list.members.url)).toMatchObject({ totalItems: 0, items: [] });
    const added = await post('alice', {
      verb: 'add',
      object: personRef('bob'),
      target: { id: list.id, objectType: 'collection' },
    });
    expect(added.target.members).toMatchObject({
      url: `${list.id}/members`,
      totalItems: 1,
      items: [{ id: site.personId('bob'), objectType: 'person' }],
    });
  });

  it("carries a new group's members and documents feeds and its activity-inbox link", async () => {
    const created = await post('alice', {
      verb: 'create',
      object: { objectType: 'group', displayName: 'Club' },
      to: [PUBLIC],
    });
    const group = created.object;
    expect(group).toMatchObject({
      members: feedOf(`${group.id}/members`),
      documents: feedOf(`${group.id}/documents`),
      links: { 'activity-inbox': { href: `${group.id}/inbox` } },
    });
    await follow('alice', group.members.url);
    await follow('alice', group.documents.url);
    await follow('alice', group.links['activity-inbox'].href);
    const joined = await post('bob', { verb: 'join', object: { id: group.id, objectType: 'group' } });
    expect(joined.object.members).toMatchObject({ url: `${group.id}/members`, totalItems: 1 });
    expect(await follow('alice', joined.object.members.url)).toMatchObject({
      totalItems: 1,
      items: [{ id: site.personId('bob') }],
    });
  });

  it("never shows a reply the writer may not see in the object's inline replies", async () => {
    const note = (await post('alice', { object: { objectType: 'note', content: 'thread' }, to: [PUBLIC] }))
      .object;
    const open = await post('carol', {
      object: { objectType: 'comment', content: 'open', inReplyTo: { id: note.id, objectType: 'note' } },
      to: [PUBLIC],
    });
    await post('carol', {
      object: { objectType: 'comment', content: 'for alice', inReplyTo: { id: note.id, objectType: 'note' } },
      to: [personRef('alice')],
    });
    const act = await post('bob', { verb: 'favorite', object: { id: note.id, objectType: 'note' } });
    expect(act.object.replies.totalItems).toBe(2);
    expect(act.object.replies.items.map((reply: { id: string }) => reply.id)).toEqual([open.object.id]);
    const byAuthor = await post('alice', { verb: 'share', object: { id: note.id, objectType: 'note' } });
    expect(byAuthor.object.replies.items).toHaveLength(2);
    expect(byAuthor.object.pump_io).toMatchObject({ shared: true });
  });
});

describe('the answer of the shortcuts is the object as its writer reads it', () => {
  it('POST /api/user/:nickname/following: pump_io.followed', async () => {
    const answer = await api('bob', 'POST', '/api/user/bob/following').send(personRef('carol'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: site.personId('carol'), pump_io: { followed: true } });
  });

  it('POST /api/user/:nickname/favorites: liked and the likes feed', async () => {
    const note = (await post('alice', { object: { objectType: 'note', content: 'fave' }, to: [PUBLIC] }))
      .object;
    const answer = await api('carol', 'POST', '/api/user/carol/favorites').send({
      id: note.id,
      objectType: 'note',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: note.id,
      liked: true,
      likes: { url: `${note.id}/likes`, totalItems: 1 },
      replies: feedOf(`${note.id}/replies`),
      shares: feedOf(`${note.id}/shares`),
    });
  });

  it('POST /api/collection/:uuid/members: the added person, followed or not', async () => {
    const list = (
      await post('alice', {
        verb: 'create',
        object: { objectType: 'collection', displayName: 'Neighbours', objectTypes: ['person'] },
      })
    ).object;
    const answer = await api('alice', 'POST', `${pathOf(list.id)}/members`).send(personRef('bob'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: site.personId('bob'), pump_io: { followed: false } });
  });

  it('PUT /api/:type/:uuid: the updated object with its feeds', async () => {
    const note = (await post('alice', { object: { objectType: 'note', content: 'v1' }, to: [PUBLIC] }))
      .object;
    const answer = await api('alice', 'PUT', pathOf(note.id)).send({ content: 'v2' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: note.id,
      content: 'v2',
      likes: feedOf(`${note.id}/likes`),
      replies: feedOf(`${note.id}/replies`),
      shares: feedOf(`${note.id}/shares`),
      liked: false,
      pump_io: { shared: false },
    });
    expect(JSON.stringify(answer.body)).not.toContain('"_');
  });
});
