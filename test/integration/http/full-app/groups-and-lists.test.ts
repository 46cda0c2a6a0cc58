import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * docs/protocol.md §4.3, §5.2: a group's documents as its members post them, and the pages of a list's members,
 * walked by following the links each answer gives, as clients (pump.io's group-api and list-members-api files) do.
 */
let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};

const site = SiteUrls.fromBaseUrl(BASE);
const personRef = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};
const api = (nickname: string, method: string, path: string) =>
  full.signed(method, path, client, tokens[nickname]);

// The JSON as the client reads it (supertest's untyped body): the tests walk it as pump.io's suite does.
async function get(nickname: string, url: string) {
  const answer = await api(nickname, 'GET', pathOf(url));
  expect(answer.status).toBe(200);
  return answer.body;
}

async function post(nickname: string, activity: object) {
  const answer = await api(nickname, 'POST', `/api/user/${nickname}/feed`).send(activity);
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 200 });
  return answer.body;
}

const NICKNAMES = ['gail', 'gus', 'gwen', 'lou'];

beforeAll(async () => {
  // The list test registers more people from one address than the default registration limit allows.
  full = startFullApp({ settings: { rateLimits: { registration: { points: 0, durationSeconds: 60 } } } });
  client = await full.registerClient();
  for (const nickname of NICKNAMES) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
});
afterAll(async () => {
  await full?.close();
});

describe("a group's documents", () => {
  let group: { id: string; objectType: string; documents: { url: string } };

  beforeAll(async () => {
    group = (
      await post('gail', {
        verb: 'create',
        to: ['gail', 'gus', 'gwen'].map(personRef),
        object: { objectType: 'group', displayName: 'Priests' },
      })
    ).object;
    for (const nickname of ['gail', 'gus', 'gwen']) {
      await post(nickname, { verb: 'join', object: group });
    }
  });

  it('hold what a member posts to the group, with the url the member gave it, for every member', async () => {
    const photoUrl = 'http://photo.example/gus/photos/the-whole-gang.jpg';
    const posted = await post('gus', {
      verb: 'post',
      object: { objectType: 'image', displayName: 'Group photo', url: photoUrl },
      target: group,
    });
    expect(posted.object.url).toBe(photoUrl);
    for (const reader of ['gail', 'gus', 'gwen']) {
      const documents = await get(reader, group.documents.url);
      expect(documents.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: posted.object.id, url: photoUrl })]),
      );
    }
  });

  it('no longer hold a document its member removed', async () => {
    const posted = await post('gwen', {
      verb: 'post',
      object: { objectType: 'image', displayName: 'Vacation photo', url: 'http://photo.example/v.jpg' },
      target: group,
    });
    await post('gwen', {
      verb: 'remove',
      object: { id: posted.object.id, objectType: 'image' },
      target: group,
    });
    const documents = await get('gwen', group.documents.url);
    expect(documents.items.map((item: { id: string }) => item.id)).not.toContain(posted.object.id);
  });

  it('are refused to a non-member, who also cannot add to them', async () => {
    const read = await api('lou', 'GET', pathOf(group.documents.url));
    expect(read.status).toBe(403);
    const add = await api('lou', 'POST', '/api/user/lou/feed').send({
      verb: 'post',
      object: { objectType: 'audio', displayName: 'Scary moan', url: 'http://sound.example/moan.flac' },
      target: group,
    });
    expect(add.status).toBe(400);
  });
});

describe("a list's members, page by page", () => {
  const MEMBERS = 25;
  let list: { id: string; objectType: string; members: { url: string } };

  beforeAll(async () => {
    list = (
      await post('lou', {
        verb: 'create',
        object: { objectType: 'collection', displayName: 'Homies', objectTypes: ['person'] },
      })
    ).object;
    for (let i = 0; i < MEMBERS; i += 1) {
      const nickname = `homie${i}`;
      await full.registerUser(client, nickname);
      await post('lou', { verb: 'add', object: personRef(nickname), target: list });
    }
  });

  it("name the list's author on every page and link the pages both ways", async () => {
    const author = expect.objectContaining({
      id: site.personId('lou'),
      objectType: 'person',
      displayName: expect.any(String),
    });
    const first = await get('lou', list.members.url);
    expect(first).toMatchObject({ totalItems: MEMBERS, author });
    expect(first.items).toHaveLength(20);
    const second = await get('lou', first.links.next.href);
    expect(second).toMatchObject({ totalItems: MEMBERS, author });
    expect(second.items).toHaveLength(MEMBERS - 20);
    const back = await get('lou', second.links.prev.href);
    expect(back).toMatchObject({ totalItems: MEMBERS, author });
    expect(back.items.map((item: { id: string }) => item.id)).toEqual(
      first.items.map((item: { id: string }) => item.id),
    );
    const beforeFirst = await get('lou', first.links.prev.href);
    expect(beforeFirst).toMatchObject({ totalItems: MEMBERS, author, items: [] });
    expect(beforeFirst.links).not.toHaveProperty('next');
    expect(beforeFirst.links).not.toHaveProperty('prev');
  });
});
