import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(120_000);

/**
 * Issue 14 item 3 through the whole app: the blocked and muted collections (README "Blocking and muting"), and
 * the rules of domain/blocking/person-filters.ts as every entry point meets them: the API, a remote server's
 * delivery to the federation inbox, reads of posts.
 */
const NO_LIMITS = { points: 0, durationSeconds: 60 };
const site = SiteUrls.fromBaseUrl(BASE);
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };
const ZED = 'acct:zed@remote.example';
const zed = { id: ZED, objectType: 'person', displayName: 'Zed' };
const zedClient: KeyPair = { key: 'zed-client', secret: 'zed-secret' };
const remoteId = (name: string) => `https://remote.example/api/activity/${name}`;
const remoteNote = (name: string) => `https://remote.example/api/note/${name}`;
const personRef = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });

let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};

const api = (method: string, path: string, who: string) => full.signed(method, path, client, tokens[who]);
const stream = (name: string) => full.storage.streams.page(name, { count: 100 });
const inboxOf = (nickname: string) => stream(`user:${nickname}:inbox`);

function expectJsonError(answer: { status: number; body: unknown }, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ error: expect.any(String) });
}

async function post(who: string, object: Record<string, unknown>, to: unknown[] = [PUBLIC]) {
  const answer = await api('POST', `/api/user/${who}/feed`, who).send({ verb: 'post', to, object });
  expect(answer.status).toBe(200);
  return answer.body as { id: string; object: { id: string; objectType: string } };
}

const addTo = (owner: string, list: string, personId: string) =>
  api('POST', `/api/user/${owner}/${list}`, owner).send({ id: personId, objectType: 'person' });
const removeFrom = (owner: string, list: string, personId: string) =>
  api('DELETE', `/api/user/${owner}/${list}?id=${encodeURIComponent(personId)}`, owner);

beforeAll(async () => {
  full = startFullApp({
    settings: { rateLimits: { login: NO_LIMITS, registration: NO_LIMITS, apiWrites: NO_LIMITS } },
  });
  client = await full.registerClient();
  for (const nickname of ['alice', 'bob', 'carol', 'dave', 'erin']) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
  const now = new Date().toISOString();
  await full.storage.clients.create({
    id: zedClient.key,
    secret: zedClient.secret,
    webfinger: 'zed@remote.example',
    created: now,
    updated: now,
    type: 'web',
  });
});
afterAll(async () => {
  await full?.close();
});

describe('GET, POST and DELETE /api/user/:nick/blocked and /muted', () => {
  it.each(['blocked', 'muted'])('adds, lists (owner only) and removes on /%s', async (list) => {
    const added = await addTo('erin', list, site.personId('dave'));
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: site.personId('dave'), objectType: 'person' });
    expect((await addTo('erin', list, site.personId('dave'))).status).toBe(200);

    const read = await api('GET', `/api/user/erin/${list}`, 'erin');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ objectTypes: ['person'], totalItems: 1 });
    expect(read.body.items.map((item: { id: string }) => item.id)).toEqual([site.personId('dave')]);
    // Private to its owner: the person listed, anyone else and a client acting for nobody get 401.
    expectJsonError(await api('GET', `/api/user/erin/${list}`, 'dave'), 401);
    expectJsonError(await full.signed('GET', `/api/user/erin/${list}`, client), 401);

    const removed = await removeFrom('erin', list, site.personId('dave'));
    expect(removed.status).toBe(200);
    expect((await api('GET', `/api/user/erin/${list}`, 'erin')).body.totalItems).toBe(0);
  });

  it('refuses with a 4xx and changes nothing: someone else’s list, oneself, an unknown person, no id', async () => {
    expectJsonError(await api('POST', '/api/user/erin/blocked', 'dave').send(personRef('carol')), 401);
    expectJsonError(await addTo('erin', 'blocked', site.personId('erin')), 400);
    expectJsonError(await addTo('erin', 'blocked', 'https://nowhere.example/api/user/x'), 400);
    expectJsonError(await api('POST', '/api/user/erin/muted', 'erin').send({ objectType: 'person' }), 400);
    expectJsonError(await api('POST', '/api/user/erin/muted', 'erin').send('"x"').type('json'), 400);
    expectJsonError(await api('DELETE', '/api/user/erin/blocked', 'erin'), 400);
    expect((await api('GET', '/api/user/erin/blocked', 'erin')).body.totalItems).toBe(0);
    expect((await api('GET', '/api/user/erin/muted', 'erin')).body.totalItems).toBe(0);
  });
});

describe('alice blocks bob and mutes carol', () => {
  let beforeBlock: { id: string; object: { id: string; objectType: string } };

  beforeAll(async () => {
    for (const who of ['bob', 'carol']) {
      expect((await api('POST', `/api/user/alice/following`, 'alice').send(personRef(who))).status).toBe(200);
      expect((await api('POST', `/api/user/${who}/following`, who).send(personRef('alice'))).status).toBe(
        200,
      );
    }
    beforeBlock = await post('alice', { objectType: 'note', content: 'for bob, before' }, [personRef('bob')]);
    expect((await addTo('alice', 'blocked', site.personId('bob'))).status).toBe(200);
    expect((await addTo('alice', 'muted', site.personId('carol'))).status).toBe(200);
  });

  it('ends bob’s follow of alice, and keeps carol’s', async () => {
    const followers = await api('GET', '/api/user/alice/followers', 'alice');
    const ids = followers.body.items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain(site.personId('bob'));
    expect(ids).toContain(site.personId('carol'));
  });

  it('refuses bob’s new follow (403), takes carol’s', async () => {
    expectJsonError(await api('POST', '/api/user/bob/following', 'bob').send(personRef('alice')), 403);
    expect(await full.storage.follows.isFollowing(site.personId('bob'), site.personId('alice'))).toBe(false);
  });

  it('keeps bob’s and carol’s posts out of alice’s inbox; the others still get them', async () => {
    const byBob = await post('bob', { objectType: 'note', content: 'bob speaks' }, [
      PUBLIC,
      personRef('alice'),
    ]);
    const byCarol = await post('carol', { objectType: 'note', content: 'carol speaks' }, [
      PUBLIC,
      personRef('alice'),
    ]);
    const inbox = await inboxOf('alice');
    expect(inbox).not.toContain(byBob.id);
    expect(inbox).not.toContain(byCarol.id);
    expect(await stream('user:alice:inbox:direct')).not.toContain(byCarol.id);
    expect(await inboxOf('carol')).toContain(byCarol.id);
  });

  it('hides alice’s non-public posts from bob, even those addressed to him; public ones stay public', async () => {
    const publicNote = await post('alice', { objectType: 'note', content: 'for all' });
    const read = (object: { id: string }, who: string) => api('GET', new URL(object.id).pathname, who);
    expect((await read(beforeBlock.object, 'bob')).status).toBeGreaterThanOrEqual(400);
    expect((await read(beforeBlock.object, 'alice')).status).toBe(200);
    expect((await read(publicNote.object, 'bob')).status).toBe(200);
    const feed = await api('GET', '/api/user/alice/feed', 'bob');
    const ids = feed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(publicNote.id);
    expect(ids).not.toContain(beforeBlock.id);
    // A mute hides nothing from carol.
    const toCarol = await post('alice', { objectType: 'note', content: 'for carol' }, [personRef('carol')]);
    expect((await read(toCarol.object, 'carol')).status).toBe(200);
  });

  it('refuses bob’s reply, favorite and share of alice’s public post (403); carol’s go through', async () => {
    const note = (await post('alice', { objectType: 'note', content: 'thread' })).object;
    const reply = { objectType: 'comment', content: 'hm', inReplyTo: note };
    expectJsonError(
      await api('POST', '/api/user/bob/feed', 'bob').send({ verb: 'post', object: reply }),
      403,
    );
    expectJsonError(await api('POST', '/api/user/bob/favorites', 'bob').send(note), 403);
    expectJsonError(
      await api('POST', '/api/user/bob/feed', 'bob').send({ verb: 'share', object: note }),
      403,
    );
    const replies = await api('GET', `${new URL(note.id).pathname}/replies`, 'alice');
    expect(replies.body.totalItems).toBe(0);

    // Deeper in alice's thread: a reply to carol's reply is still alice's thread.
    const carolReply = await api('POST', '/api/user/carol/feed', 'carol').send({
      verb: 'post',
      object: reply,
    });
    expect(carolReply.status).toBe(200);
    const deeper = { objectType: 'comment', content: 'hm', inReplyTo: carolReply.body.object };
    expectJsonError(
      await api('POST', '/api/user/bob/feed', 'bob').send({ verb: 'post', object: deeper }),
      403,
    );
    expect((await api('POST', '/api/user/carol/favorites', 'carol').send(note)).status).toBe(200);
  });

  it('lets bob back in once alice unblocks him', async () => {
    expect((await removeFrom('alice', 'blocked', site.personId('bob'))).status).toBe(200);
    expect((await api('POST', '/api/user/bob/following', 'bob').send(personRef('alice'))).status).toBe(200);
    const byBob = await post('bob', { objectType: 'note', content: 'again' });
    expect(await inboxOf('alice')).toContain(byBob.id);
  });
});

describe('a blocked remote person, through the federation inbox', () => {
  const deliver = (body: unknown) =>
    full.signed('POST', '/api/user/dave/inbox', zedClient).send(body as object);
  const note = (name: string) => ({
    id: remoteId(name),
    verb: 'post',
    actor: zed,
    to: [PUBLIC, personRef('dave')],
    object: { id: remoteNote(name), objectType: 'note', content: name },
  });

  it('never reaches the inbox once blocked, and cannot follow', async () => {
    expect((await deliver(note('z1'))).status).toBe(200);
    expect(await inboxOf('dave')).toContain(remoteId('z1'));

    expect((await addTo('dave', 'blocked', ZED)).status).toBe(200);
    const answer = await deliver(note('z2'));
    expect(answer.status).toBeLessThan(500);
    expect(await inboxOf('dave')).not.toContain(remoteId('z2'));
    expect(await stream('user:dave:inbox:direct')).not.toContain(remoteId('z2'));

    const follow = { id: remoteId('zf'), verb: 'follow', actor: zed, object: personRef('dave') };
    expectJsonError(await deliver(follow), 403);
    expect(await full.storage.follows.isFollowing(ZED, site.personId('dave'))).toBe(false);
  });
});
