import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * docs/protocol.md §4.4, §5.2: every stream's items are decorated as the inbox's are, for the viewer: the first
 * items of likes, replies and shares, `liked` and `pump_io.shared` with a user, `pump_io.followed` on persons
 * (pump.io's favorites-stream-shares, user-followers-api and list/group e2e tests read these). Decoration shows
 * nothing the viewer may not see: inline replies are those a read by the viewer would show.
 */
let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};
let liked: { id: string; replyId: string; privateReplyId: string };
let plain: { id: string };

const site = SiteUrls.fromBaseUrl(BASE);
const PUBLIC = { id: PUBLIC_COLLECTION_ID, objectType: 'collection' };
const personRef = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

/** A GET as `nickname` (null: a client without a user); answers the JSON. */
async function read(nickname: string | null, path: string) {
  const answer = await full.signed('GET', path, client, nickname === null ? undefined : tokens[nickname]);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function post(nickname: string, activity: object) {
  const answer = await full
    .signed('POST', `/api/user/${nickname}/feed`, client, tokens[nickname])
    .send(activity);
  expect(answer.status).toBe(200);
  return answer.body;
}

const note = async (nickname: string, content: string, extra: object = {}) =>
  (await post(nickname, { object: { objectType: 'note', content, ...extra }, to: [PUBLIC] })).object;

/** Finds the item of that id, as in `feed.items.find(withId(id))`. */
const withId = (id: string) => (item: { id: string }) => item.id === id;

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  for (const nickname of ['alice', 'bob', 'carol']) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
  const first = await note('alice', 'liked and shared');
  plain = await note('alice', 'liked only');
  const reply = await post('carol', {
    object: { objectType: 'comment', content: 'open', inReplyTo: { id: first.id, objectType: 'note' } },
    to: [PUBLIC],
  });
  const privateReply = await post('carol', {
    object: { objectType: 'comment', content: 'for alice', inReplyTo: { id: first.id, objectType: 'note' } },
    to: [personRef('alice')],
  });
  liked = { id: first.id, replyId: reply.object.id, privateReplyId: privateReply.object.id };
  for (const object of [first, plain]) {
    await post('bob', { verb: 'favorite', object: { id: object.id, objectType: 'note' } });
  }
  await post('carol', { verb: 'favorite', object: { id: first.id, objectType: 'note' } });
  await post('bob', { verb: 'share', object: { id: first.id, objectType: 'note' } });
  await post('bob', { verb: 'follow', object: personRef('alice') });
  await post('carol', { verb: 'follow', object: personRef('bob') });
});
afterAll(async () => {
  await full?.close();
});

describe('the favorites stream', () => {
  it('decorates each object for its owner: inline likes and replies, liked, pump_io.shared', async () => {
    const feed = await read('bob', '/api/user/bob/favorites');
    const first = feed.items.find(withId(liked.id));
    expect(first).toMatchObject({
      liked: true,
      pump_io: { shared: true },
      shares: { totalItems: 1, items: [{ id: site.personId('bob') }] },
      replies: { totalItems: 2 },
    });
    expect(first.likes.totalItems).toBe(2);
    expect(first.likes.items.map((person: { id: string }) => person.id).sort()).toEqual(
      [site.personId('bob'), site.personId('carol')].sort(),
    );
    // Bob may not see carol's reply to alice alone: it is counted, never shown.
    expect(first.replies.items.map((reply: { id: string }) => reply.id)).toEqual([liked.replyId]);
    expect(feed.items.find(withId(plain.id))).toMatchObject({ liked: true, pump_io: { shared: false } });
  });

  it('shows another user their own liked and shared, and the replies they may see', async () => {
    const byCarol = await read('carol', '/api/user/bob/favorites');
    expect(byCarol.items.find(withId(liked.id))).toMatchObject({ liked: true, pump_io: { shared: false } });
    expect(byCarol.items.find(withId(plain.id))).toMatchObject({ liked: false, pump_io: { shared: false } });
    const byAlice = await read('alice', '/api/user/bob/favorites');
    const replies = byAlice.items
      .find(withId(liked.id))
      .replies.items.map((reply: { id: string }) => reply.id);
    expect(replies.sort()).toEqual([liked.replyId, liked.privateReplyId].sort());
  });

  it('gives a client without a user the feeds, and no liked or shared', async () => {
    const feed = await read(null, '/api/user/bob/favorites');
    for (const item of feed.items) {
      expect(item.shares).toMatchObject({ url: `${item.id}/shares` });
      expect(item.liked).toBeUndefined();
      expect(item.pump_io?.shared).toBeUndefined();
    }
    expect(feed.items.find(withId(liked.id)).likes.items).toHaveLength(2);
  });
});

describe('the followers and following streams', () => {
  it('mark each person the viewer follows', async () => {
    const following = await read('bob', '/api/user/bob/following');
    expect(following.items).toEqual([
      expect.objectContaining({ id: site.personId('alice'), pump_io: { followed: true } }),
    ]);
    const followers = await read('bob', '/api/user/alice/followers');
    expect(followers.items[0]).toMatchObject({ id: site.personId('bob'), pump_io: { followed: false } });
    const byCarol = await read('carol', '/api/user/alice/followers');
    expect(byCarol.items[0]).toMatchObject({ id: site.personId('bob'), pump_io: { followed: true } });
    const anonymous = await read(null, '/api/user/alice/followers');
    expect(anonymous.items[0].pump_io?.followed).toBeUndefined();
  });
});

describe("an object's feeds", () => {
  it('decorate replies, and persons in likes', async () => {
    const replies = await read('bob', pathOf(`${liked.id}/replies`));
    expect(replies.items).toEqual([
      expect.objectContaining({
        id: liked.replyId,
        liked: false,
        pump_io: { shared: false },
        likes: expect.objectContaining({ totalItems: 0 }),
      }),
    ]);
    const likes = await read('carol', pathOf(`${liked.id}/likes`));
    expect(likes.items.find(withId(site.personId('bob')))).toMatchObject({ pump_io: { followed: true } });
  });

  it("decorate a list's members and a group's documents", async () => {
    const list = (
      await post('bob', {
        verb: 'create',
        object: { objectType: 'collection', displayName: 'Pals', objectTypes: ['person'] },
      })
    ).object;
    await post('bob', {
      verb: 'add',
      object: personRef('alice'),
      target: { id: list.id, objectType: 'collection' },
    });
    const members = await read('bob', pathOf(list.members?.url ?? `${list.id}/members`));
    expect(members.items[0]).toMatchObject({ id: site.personId('alice'), pump_io: { followed: true } });

    const group = (
      await post('bob', {
        verb: 'create',
        object: { objectType: 'group', displayName: 'Club' },
        to: [PUBLIC],
      })
    ).object;
    await post('bob', { verb: 'join', object: { id: group.id, objectType: 'group' } });
    const document = await post('bob', {
      object: { objectType: 'note', content: 'in the club' },
      target: { id: group.id, objectType: 'group' },
      to: [PUBLIC],
    });
    await post('bob', { verb: 'favorite', object: { id: document.object.id, objectType: 'note' } });
    const documents = await read('bob', pathOf(`${group.id}/documents`));
    expect(documents.items[0]).toMatchObject({
      id: document.object.id,
      liked: true,
      pump_io: { shared: false },
      likes: { totalItems: 1, items: [{ id: site.personId('bob') }] },
    });
  });
});
