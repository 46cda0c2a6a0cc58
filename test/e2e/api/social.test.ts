import { expectStatus } from '../support/pump-client';
import { type ApiNode, type Json, type Person, PUBLIC, startApiNode } from '../support/api-node';

jest.setTimeout(60_000);

let node: ApiNode;
let alice: Person;
let bob: Person;
let carol: Person;

beforeAll(async () => {
  node = await startApiNode();
  alice = await node.register('alice');
  bob = await node.register('bob');
  carol = await node.register('carol');
  await bob.act({ verb: 'follow', object: alice.ref });
});
afterAll(async () => {
  await node?.stop();
});

describe('a pump.io client against the real server', () => {
  it('shows a follow on both sides', async () => {
    const followers = await alice.read<{ totalItems: number; items: { id: string }[] }>(
      '/api/user/alice/followers',
    );
    expect(followers.items.map((person) => person.id)).toContain(bob.id);
    const following = await bob.read<{ items: { id: string }[] }>('/api/user/bob/following');
    expect(following.items.map((person) => person.id)).toContain(alice.id);
  });

  it('puts a post in every follower inbox before the POST answers, and not in a stranger inbox', async () => {
    const posted = await alice.note('Hello followers');
    expect(posted.verb).toBe('post');
    expect(posted.actor.id).toBe(alice.id);
    expect((await bob.ids('/api/user/bob/inbox'))[0]).toBe(posted.id);
    expect((await bob.ids('/api/user/bob/inbox/major'))[0]).toBe(posted.id);
    expect(await carol.ids('/api/user/carol/inbox')).not.toContain(posted.id);
    expect((await alice.ids('/api/user/alice/feed'))[0]).toBe(posted.id);
    expect((await alice.ids('/api/user/alice/inbox'))[0]).toBe(posted.id);
  });

  it('lets a follower like, share and reply, and shows the counts and per-viewer fields', async () => {
    const posted = await alice.note('Like me', { to: [PUBLIC] });
    const noteId = posted.object.id as string;
    const notePath = new URL(noteId).pathname;
    await bob.act({ verb: 'favorite', object: { id: noteId, objectType: 'note' } });
    await bob.act({ verb: 'share', object: { id: noteId, objectType: 'note' } });
    await carol.act({
      verb: 'post',
      object: { objectType: 'comment', content: 'Nice', inReplyTo: { id: noteId, objectType: 'note' } },
    });

    const seenByBob = await bob.read<Json>(notePath);
    expect(seenByBob.likes.totalItems).toBe(1);
    expect(seenByBob.shares.totalItems).toBe(1);
    expect(seenByBob.replies.totalItems).toBe(1);
    expect(seenByBob.liked).toBe(true);
    expect(seenByBob.pump_io.shared).toBe(true);
    const seenByCarol = await carol.read<Json>(notePath);
    expect(seenByCarol.liked).toBe(false);

    const likes = await carol.read<{ items: { id: string }[] }>(`${notePath}/likes`);
    expect(likes.items.map((person) => person.id)).toEqual([bob.id]);
    const favorites = await bob.read<{ items: { id: string }[] }>('/api/user/bob/favorites');
    expect(favorites.items.map((object) => object.id)).toContain(noteId);

    await bob.act({ verb: 'unfavorite', object: { id: noteId, objectType: 'note' } });
    expect((await bob.read<Json>(notePath)).likes.totalItems).toBe(0);
    const again = await bob.send('/api/user/bob/feed', {
      json: { verb: 'unfavorite', object: { id: noteId, objectType: 'note' } },
    });
    expect(again.status).toBe(400);
  });

  it('pages an inbox newest first by count, offset, before and since, with links', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 7; n += 1) ids.push((await alice.note(`page ${n}`)).id as string);
    const newest = [...ids].reverse();
    expect(await bob.ids('/api/user/bob/inbox?count=3')).toEqual(newest.slice(0, 3));
    expect(await bob.ids('/api/user/bob/inbox?count=3&offset=3')).toEqual(newest.slice(3, 6));
    expect(await bob.ids(`/api/user/bob/inbox?count=2&before=${encodeURIComponent(newest[1])}`)).toEqual(
      newest.slice(2, 4),
    );
    expect(await bob.ids(`/api/user/bob/inbox?count=2&since=${encodeURIComponent(newest[3])}`)).toEqual(
      newest.slice(1, 3),
    );
    const page = await bob.read<{ links: Record<string, { href: string }>; items: { id: string }[] }>(
      '/api/user/bob/inbox?count=3',
    );
    const next = new URL(page.links.next.href);
    expect(await bob.ids(next.pathname + next.search + '&count=3')).toEqual(newest.slice(3, 6));
    expect((await bob.send('/api/user/bob/inbox?count=201')).status).toBe(400);
    expect((await bob.send('/api/user/bob/inbox?count=x')).status).toBe(400);
  });

  it('answers 410 for a deleted note, and stops showing it to its author too', async () => {
    const posted = await alice.note('Short-lived', { to: [PUBLIC] });
    const notePath = new URL(posted.object.id as string).pathname;
    const deleted = await alice.send(notePath, { method: 'DELETE' });
    expectStatus(deleted, 200);
    expect((await bob.send(notePath)).status).toBe(410);
    expect((await alice.send(notePath)).status).toBe(410);
  });

  it('refuses to let anyone but the author change or delete a note', async () => {
    const posted = await alice.note('Mine', { to: [PUBLIC] });
    const notePath = new URL(posted.object.id as string).pathname;
    expect((await bob.send(notePath, { method: 'PUT', json: { content: 'Yours' } })).status).toBe(403);
    expect((await bob.send(notePath, { method: 'DELETE' })).status).toBe(403);
    const updated = await alice.send(notePath, { method: 'PUT', json: { content: 'Still mine, edited' } });
    expectStatus(updated, 200);
    expect((await carol.read<{ content: string }>(notePath)).content).toBe('Still mine, edited');
  });

  it('stops delivering after stop-following', async () => {
    await carol.act({ verb: 'follow', object: alice.ref });
    expect((await carol.ids('/api/user/carol/inbox'))[0]).toBeDefined();
    await carol.act({ verb: 'stop-following', object: alice.ref });
    const posted = await alice.note('After carol left');
    expect(await carol.ids('/api/user/carol/inbox')).not.toContain(posted.id);
    expect(await bob.ids('/api/user/bob/inbox')).toContain(posted.id);
  });

  it('answers OPTIONS with the methods of the route', async () => {
    const answer = await node.client.send('/api/client/register', { method: 'OPTIONS' });
    expect(String(answer.headers.allow)).toContain('POST');
  });
});
