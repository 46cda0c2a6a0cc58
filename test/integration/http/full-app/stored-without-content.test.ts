import type { Activity } from '../../../../src/domain/activity-streams/activity';
import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * Issue 13, "Real clients": every activity a client reads has `content` (PyPump fails on one without). A database
 * written before the server composed one for its own activities holds activities without it; they are read with
 * the sentence pump.io would have written (docs/protocol.md §4.2 step 7), and the store is left as it was.
 */
let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};
const site = SiteUrls.fromBaseUrl(BASE);
const PUBLIC = { id: PUBLIC_COLLECTION_ID, objectType: 'collection' };
// A person is linked by their profile page.
const alice = `<a href='${BASE}/alice'>alice</a>`;
const bob = `<a href='${BASE}/bob'>bob</a>`;

async function read(nickname: string, path: string) {
  const answer = await full.signed('GET', path, client, tokens[nickname]);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function post(nickname: string, activity: object): Promise<Activity> {
  const answer = await full
    .signed('POST', `/api/user/${nickname}/feed`, client, tokens[nickname])
    .send(activity);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Saves the stored activity back without its `content`, as a database of an older version holds it. */
async function storeWithoutContent(id: string): Promise<void> {
  const stored = await full.storage.activities.findById(id);
  const { content: _dropped, ...old } = stored!;
  await full.storage.activities.save(old as Activity);
  expect((await full.storage.activities.findById(id))?.content).toBeUndefined();
}

const pathOf = (id: string) => new URL(id).pathname;

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  for (const nickname of ['alice', 'bob']) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
});
afterAll(async () => {
  await full?.close();
});

describe('an activity stored without content', () => {
  it('is read with a generated sentence, escaped, from GET of the activity and in the feed', async () => {
    const posted = await post('alice', {
      object: { objectType: 'note', displayName: 'Fish & "chips"', content: 'hi' },
      to: [PUBLIC],
    });
    await storeWithoutContent(posted.id);
    const note = `<a href='${String(posted.object!.url)}'>Fish &amp; &quot;chips&quot;</a>`;

    const single = await read('bob', pathOf(posted.id));
    expect(single.content).toBe(`${alice} posted ${note}`);
    const feed = await read('bob', '/api/user/alice/feed');
    expect(feed.items.find((item: { id: string }) => item.id === posted.id).content).toBe(
      `${alice} posted ${note}`,
    );
    // Read, not rewritten.
    expect((await full.storage.activities.findById(posted.id))?.content).toBeUndefined();
  });

  it("names an object the activity's audience may not see by its stub only", async () => {
    const secret = await post('alice', {
      object: { objectType: 'note', displayName: 'Secret plan', content: 'shh' },
      to: [{ id: site.personId('bob'), objectType: 'person' }],
    });
    const liked = await post('bob', {
      verb: 'favorite',
      object: { id: secret.object!.id, objectType: 'note' },
    });
    await storeWithoutContent(liked.id);
    const sentence = `${bob} favorited <a href='${secret.object!.id}'>a note</a>`;

    expect((await read('bob', pathOf(liked.id))).content).toBe(sentence);
    const feed = await read('bob', '/api/user/bob/feed');
    expect(feed.items.find((item: { id: string }) => item.id === liked.id).content).toBe(sentence);
  });

  it("gives every activity of a user's streams a content, the server's own from registration included", async () => {
    const inbox = await read('alice', '/api/user/alice/inbox');
    for (const item of inbox.items as Activity[]) await storeWithoutContent(item.id);
    for (const path of ['/api/user/alice/inbox', '/api/user/alice/feed', '/api/user/alice/inbox/major']) {
      const stream = await read('alice', path);
      expect(stream.items.length).toBeGreaterThan(0);
      for (const item of stream.items)
        expect(item.content).toEqual(expect.stringMatching(/^<a href='[^']+'>/));
    }
    const join = (await read('alice', '/api/user/alice/feed')).items.find(
      (item: Activity) => item.verb === 'join',
    );
    expect(join.content).toEqual(expect.stringMatching(new RegExp(`^${alice} joined <a href='${BASE}/'>`)));
  });
});
