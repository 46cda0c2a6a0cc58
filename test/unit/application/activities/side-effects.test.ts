import { isDomainError } from '../../../../src/domain/errors/domain-error';
import { PostingWorld, PUBLIC, site } from './posting-world';

let world: PostingWorld;
beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol');
});

/** Expects a 400 and that the store did not change: same outbox, same pending jobs. */
async function expectRefused(nickname: string, body: unknown, message?: RegExp): Promise<void> {
  const outbox = await world.stream(`user:${nickname}:outbox`);
  const error = await world.postOnly(nickname, body).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isDomainError(error, 'invalid')).toBe(true);
  if (message !== undefined) expect((error as Error).message).toMatch(message);
  expect(await world.stream(`user:${nickname}:outbox`)).toEqual(outbox);
}

async function publicNote(nickname = 'alice'): Promise<{ id: string; objectType: string }> {
  const posted = await world.note(nickname, 'a note', { to: [PUBLIC] });
  return { id: posted.object!.id, objectType: 'note' };
}

describe('side effects by verb', () => {
  it('follow and stop-following change the follow graph, once each', async () => {
    await world.act('bob', { verb: 'follow', object: world.ref('alice') });
    expect(await world.storage.follows.isFollowing(site.personId('bob'), site.personId('alice'))).toBe(true);
    await expectRefused('bob', { verb: 'follow', object: world.ref('alice') }, /Already following/);
    await world.act('bob', { verb: 'stop-following', object: world.ref('alice') });
    expect(await world.storage.follows.isFollowing(site.personId('bob'), site.personId('alice'))).toBe(false);
    await expectRefused('bob', { verb: 'stop-following', object: world.ref('alice') }, /Not following/);
  });

  it('follow of a remote person stores it as a bare reference; of an unknown local id is refused', async () => {
    const remote = { id: 'acct:dan@remote.example', objectType: 'person', displayName: 'Dan' };
    await world.act('bob', { verb: 'follow', object: remote });
    const stored = await world.storage.objects.findById(remote.id);
    expect(stored).toEqual({ id: remote.id, objectType: 'person', _uuid: expect.any(String) });
    await expectRefused('bob', { verb: 'follow', object: world.ref('nobody') }, /No such person/);
  });

  it('favorite / unfavorite (and like / unlike) keep favoriters and favorites in step', async () => {
    const note = await publicNote();
    const posted = await world.act('bob', { verb: 'favorite', object: note });
    expect(posted.activity.to).toEqual([PUBLIC]);
    expect(await world.stream(`favoriters:${note.id}`)).toEqual([site.personId('bob')]);
    expect(await world.stream('user:bob:favorites')).toEqual([note.id]);
    await expectRefused('bob', { verb: 'like', object: note }, /Already favorited/);
    await world.act('bob', { verb: 'unlike', object: note });
    expect(await world.stream(`favoriters:${note.id}`)).toEqual([]);
    expect(await world.stream('user:bob:favorites')).toEqual([]);
    await expectRefused('bob', { verb: 'unfavorite', object: note }, /Not favorited/);
  });

  it('share / unshare keep the sharers', async () => {
    const note = await publicNote();
    await world.act('bob', { verb: 'share', object: note });
    expect(await world.stream(`activityobject:shares:${note.id}`)).toEqual([site.personId('bob')]);
    await expectRefused('bob', { verb: 'share', object: note }, /Already shared/);
    await world.act('bob', { verb: 'unshare', object: note });
    expect(await world.stream(`activityobject:shares:${note.id}`)).toEqual([]);
    await expectRefused('bob', { verb: 'unshare', object: note }, /Not shared/);
  });

  it('update merges into the stored object for its author only, keeping the immutable properties', async () => {
    const note = await publicNote();
    const before = await world.storage.objects.findById(note.id);
    world.clock.advance(60_000);
    const posted = await world.act('alice', {
      verb: 'update',
      object: { ...note, content: 'edited', published: 'forged', author: world.ref('bob') },
    });
    const after = await world.storage.objects.findById(note.id);
    expect(after).toMatchObject({ content: 'edited', published: before!.published, author: before!.author });
    expect(after!.updated).toBe('2026-01-01T00:01:00Z');
    expect(posted.activity.to).toEqual([PUBLIC]);
    await expectRefused('bob', { verb: 'update', object: { ...note, content: 'mine' } }, /Only the author/);
    await expectRefused('alice', { verb: 'update', object: { id: `${note.id}x`, objectType: 'note' } });
  });

  it('a person may update their own profile', async () => {
    await world.act('alice', { verb: 'update', object: { ...world.ref('alice'), displayName: 'Alice A.' } });
    expect((await world.storage.objects.findById(site.personId('alice')))?.displayName).toBe('Alice A.');
  });

  it('delete leaves a tombstone, removes a reply from its parent, and cannot be done twice', async () => {
    const note = await publicNote();
    const reply = await world.act('bob', { object: { objectType: 'comment', inReplyTo: note } });
    const replyRef = { id: reply.object!.id, objectType: 'comment' };
    await expectRefused('alice', { verb: 'delete', object: replyRef }, /Only the author/);
    await world.act('bob', { verb: 'delete', object: replyRef });
    const tombstone = await world.storage.objects.findById(replyRef.id);
    expect(Object.keys(tombstone!).sort()).toEqual(
      ['_uuid', 'author', 'deleted', 'id', 'inReplyTo', 'objectType', 'published', 'updated'].sort(),
    );
    expect(await world.stream(`activityobject:replies:${note.id}`)).toEqual([]);
    await expectRefused('bob', { verb: 'delete', object: replyRef }, /deleted/);
  });

  it('creates a list into the lists stream, refuses a duplicate name, and adds and removes members by type', async () => {
    const created = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Friends', objectTypes: ['person'] },
    });
    const list = { id: created.object!.id, objectType: 'collection' };
    expect(await world.stream('user:alice:lists:person')).toEqual([list.id]);
    await expectRefused(
      'alice',
      {
        verb: 'create',
        object: { objectType: 'collection', displayName: 'Friends', objectTypes: ['person'] },
      },
      /already exists/,
    );
    await world.act('alice', { verb: 'add', object: world.ref('bob'), target: list });
    expect(await world.stream(`collection:${list.id}`)).toEqual([site.personId('bob')]);
    await expectRefused('alice', { verb: 'add', object: await publicNote(), target: list }, /does not hold/);
    // A list of someone else that one may not see is answered as an unknown one, by add and remove alike.
    await expectRefused(
      'bob',
      { verb: 'add', object: world.ref('carol'), target: list },
      /No such collection/,
    );
    await expectRefused(
      'bob',
      { verb: 'remove', object: world.ref('bob'), target: list },
      /No such collection/,
    );
    expect(await world.stream(`collection:${list.id}`)).toEqual([site.personId('bob')]);
    await world.act('alice', { verb: 'remove', object: world.ref('bob'), target: list });
    expect(await world.stream(`collection:${list.id}`)).toEqual([]);
    await expectRefused(
      'alice',
      { verb: 'remove', object: world.ref('bob'), target: list },
      /not in the target/,
    );
    await expectRefused('alice', { verb: 'add', object: world.ref('bob') }, /needs a target/);
  });

  it('posts into a list the actor owns and refuses any other target', async () => {
    const created = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Notes', objectTypes: ['note'] },
    });
    const list = { id: created.object!.id, objectType: 'collection' };
    const posted = await world.act('alice', { object: { objectType: 'note' }, target: list, to: [PUBLIC] });
    expect(await world.stream(`collection:${list.id}`)).toEqual([posted.object!.id]);
    await expectRefused(
      'bob',
      { object: { objectType: 'note' }, target: list, to: [PUBLIC] },
      /No such collection/,
    );
    const open = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Open', objectTypes: ['note'] },
      to: [PUBLIC],
    });
    const openList = { id: open.object!.id, objectType: 'collection' };
    await expectRefused(
      'bob',
      { object: { objectType: 'note' }, target: openList, to: [PUBLIC] },
      /Only the author/,
    );
    await expectRefused('alice', { object: { objectType: 'note' }, target: world.ref('bob'), to: [PUBLIC] });
  });

  it("takes a deleted list out of its author's lists, so it no longer counts there", async () => {
    const before = await world.stream('user:alice:lists:person');
    const created = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Short-lived', objectTypes: ['person'] },
    });
    const list = { id: created.object!.id, objectType: 'collection' };
    await world.act('alice', { verb: 'delete', object: list });
    expect(await world.stream('user:alice:lists:person')).toEqual(before);
  });

  it("refuses to add to someone else's list it may see, storing nothing, as pump.io answers 400", async () => {
    const open = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Open people', objectTypes: ['person'] },
      to: [PUBLIC],
    });
    const list = { id: open.object!.id, objectType: 'collection' };
    await expectRefused('bob', { verb: 'add', object: world.ref('carol'), target: list }, /Only the author/);
    expect(await world.stream(`collection:${list.id}`)).toEqual([]);
  });

  it("posts with another server's collection as the target, as pump.io keeps lists for local users only", async () => {
    const foreign = { id: 'urn:uuid:5a1d7b36-4cf5-4f0f-9f0f-2a6b8d1c1e11', objectType: 'collection' };
    const posted = await world.act('alice', {
      object: { objectType: 'note' },
      target: foreign,
      to: [PUBLIC],
    });
    expect(posted.object).toBeDefined();
    expect(await world.stream(`collection:${foreign.id}`)).toEqual([]);
  });

  it('join / leave a local group: recipients of its creation may join, members post documents', async () => {
    const created = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'group', displayName: 'Club' },
      to: [world.ref('bob')],
    });
    const group = { id: created.object!.id, objectType: 'group' };
    const uuid = created.object!._uuid as string;
    // Carol may not see the group: she is answered as for a group that does not exist.
    await expectRefused('carol', { verb: 'join', object: group }, /No such group/);
    const joined = await world.act('bob', { verb: 'join', object: group });
    expect(joined.activity.to).toEqual([group]);
    expect(await world.stream(`group:${uuid}:members`)).toEqual([site.personId('bob')]);
    await expectRefused('bob', { verb: 'join', object: group }, /Already a member/);
    const doc = await world.act('bob', { object: { objectType: 'note' }, target: group });
    expect(doc.activity.to).toEqual([group]);
    expect(await world.stream(`group:${uuid}:documents`)).toEqual([doc.object!.id]);
    await expectRefused('carol', { object: { objectType: 'note' }, target: group }, /No such group/);
    await world.act('bob', { verb: 'leave', object: group });
    expect(await world.stream(`group:${uuid}:members`)).toEqual([]);
    await expectRefused('bob', { verb: 'leave', object: group }, /Not a member/);
  });

  it('needs an object id for verbs that act on an existing object', async () => {
    await expectRefused('bob', { verb: 'favorite', object: { objectType: 'note' } }, /needs an id/);
  });
});
