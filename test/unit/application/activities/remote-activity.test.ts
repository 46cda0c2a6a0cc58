import type { LocalInbox } from '../../../../src/application/activities/post-activity.use-case';
import { isDomainError } from '../../../../src/domain/errors/domain-error';
import type { RemoteSender } from '../../../../src/domain/federation/provenance';
import { PostingWorld, PUBLIC, site } from './posting-world';

/**
 * The remote path of the publish use case (docs/protocol.md §7.2): what another server delivers to a local inbox,
 * after the HTTP adapter proved which client sent it.
 */
let world: PostingWorld;
beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol');
});

const ZED = 'acct:zed@remote.example';
const zedSender: RemoteSender = { kind: 'webfinger', webfinger: 'zed@remote.example' };
const remoteHost: RemoteSender = { kind: 'host', host: 'remote.example' };
const toAlice: LocalInbox = { kind: 'user', nickname: 'alice' };
const toBob: LocalInbox = { kind: 'user', nickname: 'bob' };
const zed = {
  id: ZED,
  objectType: 'person',
  displayName: 'Zed',
  followers: { url: 'https://remote.example/api/user/zed/followers' },
  links: { 'activity-inbox': { href: 'https://remote.example/api/user/zed/inbox' } },
  updated: '2026-01-01T00:00:00Z',
};
const remoteId = (n: number | string) => `https://remote.example/api/activity/${n}`;
const remoteNote = (n: number | string) => `https://remote.example/api/note/${n}`;

function zedsPost(n: number, extra: Record<string, unknown> = {}) {
  return {
    id: remoteId(n),
    verb: 'post',
    actor: zed,
    to: [PUBLIC],
    object: { id: remoteNote(n), objectType: 'note', content: `note ${n}` },
    ...extra,
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

/** Everything the store holds that a refused or replayed delivery must leave as it was. */
async function snapshot() {
  const streams = ['user:alice:inbox', 'user:bob:inbox', 'user:alice:followers', 'user:alice:inbox:direct'];
  return {
    streams: await Promise.all(streams.map((name) => world.stream(name))),
    deliver: await world.storage.jobs.list('deliver'),
    distribute: await world.storage.jobs.list('distribute'),
    zedFollows: await world.storage.follows.following(ZED, { count: 50 }),
  };
}

describe('who may deliver what: the sender, its actor and its ids', () => {
  it('refuses (400) an actor a webfinger client does not speak for, even on its host', async () => {
    const other = { ...zed, id: 'acct:yan@remote.example' };
    const error = await refusal(world.receive(zedSender, toAlice, zedsPost(1, { actor: other })));
    expect(error).toMatchObject({ kind: 'invalid', code: 'activity.actor-not-sender' });
    expect(await world.storage.activities.findById(remoteId(1))).toBeNull();
  });

  it("refuses (400) a host client's actor of another host, and accepts any actor of its own", async () => {
    const elsewhere = { ...zed, id: 'https://elsewhere.example/api/user/zed' };
    const error = await refusal(world.receive(remoteHost, toAlice, zedsPost(1, { actor: elsewhere })));
    expect(error).toMatchObject({ kind: 'invalid', code: 'activity.actor-not-sender' });
    const own = { ...zed, id: 'https://remote.example/api/user/yan/profile' };
    const posted = await world.receive(remoteHost, toAlice, zedsPost(2, { actor: own }));
    expect(posted.activity.actor.id).toBe(own.id);
  });

  it.each([
    ['no actor', { actor: undefined }, 'activity.actor-required'],
    ['no id', { id: undefined }, 'activity.id-required'],
    [
      'an id of another host (planted)',
      { id: 'https://third.example/api/activity/1' },
      'activity.id-not-sender',
    ],
    ['an id of ours (planted)', { id: site.activityId('planted') }, 'activity.id-not-sender'],
    ['a body that is not an activity', { actor: 'zed' }, 'object.invalid'],
  ])('refuses (400) an activity with %s, changing nothing', async (_what, change, code) => {
    const before = await snapshot();
    const error = await refusal(world.receive(zedSender, toAlice, { ...zedsPost(1), ...change }));
    expect(error).toMatchObject({ kind: 'invalid', code });
    expect(await snapshot()).toEqual(before);
    expect(await world.storage.objects.findById(remoteNote(1))).toBeNull();
  });

  it('answers 404 for the inbox of nobody', async () => {
    const error = await refusal(world.receive(zedSender, { kind: 'user', nickname: 'nobody' }, zedsPost(1)));
    expect(error.kind).toBe('not-found');
  });
});

describe('a post delivered to a user inbox', () => {
  it('is stored under its own id with its object, the actor as its server sent it, and received now', async () => {
    world.clock.set('2026-03-04T05:06:07.890Z');
    const posted = await world.receive(
      zedSender,
      toAlice,
      zedsPost(1, { published: '2026-03-04T00:00:00Z' }),
    );
    expect(posted.activity).toMatchObject({
      id: remoteId(1),
      verb: 'post',
      actor: { id: ZED, objectType: 'person' },
      object: { id: remoteNote(1), objectType: 'note' },
      to: [PUBLIC],
      published: '2026-03-04T00:00:00Z',
      received: '2026-03-04T05:06:07Z',
      _received: [site.personId('alice')],
    });
    expect(await world.storage.objects.findById(remoteNote(1))).toMatchObject({
      content: 'note 1',
      author: { id: ZED, objectType: 'person' },
    });
    expect(await world.storage.objects.findById(ZED)).toMatchObject({
      displayName: 'Zed',
      followers: zed.followers,
    });
  });

  it('defaults the verb to post and the recipients to the actor followers (§6.1)', async () => {
    const { verb: _verb, to: _to, ...bare } = zedsPost(1);
    const posted = await world.receive(zedSender, toAlice, bare);
    expect(posted.activity.verb).toBe('post');
    expect(posted.activity.cc).toEqual([{ id: zed.followers.url, objectType: 'collection' }]);
  });

  it("goes into that user's inbox streams only: not redistributed, no job, no delivery", async () => {
    await world.act('bob', { verb: 'follow', object: { id: ZED, objectType: 'person' } });
    const before = await world.storage.jobs.counts('distribute');
    const deliveries = await world.storage.jobs.list('deliver');
    await world.receive(
      zedSender,
      toAlice,
      zedsPost(1, { to: [{ id: site.personId('alice'), objectType: 'person' }, PUBLIC] }),
    );
    expect(await world.stream('user:alice:inbox')).toEqual([remoteId(1)]);
    expect(await world.stream('user:alice:inbox:major')).toEqual([remoteId(1)]);
    expect(await world.stream('user:alice:inbox:direct')).toEqual([remoteId(1)]);
    expect(await world.stream('user:bob:inbox')).not.toContain(remoteId(1));
    expect(await world.storage.jobs.counts('distribute')).toEqual(before);
    expect(await world.storage.jobs.list('deliver')).toEqual(deliveries);
  });

  it('drops every `_` field at every level, and never stores bto or bcc from the body', async () => {
    const body = {
      ...zedsPost(1),
      _uuid: 'theirs',
      _received: [site.personId('carol')],
      actor: { ...zed, _user: { password: 'x' } },
      object: { id: remoteNote(1), objectType: 'note', content: '<script>x</script><b>hi</b>', _secret: 1 },
      bto: [{ id: site.personId('bob'), objectType: 'person' }],
      bcc: [{ id: site.personId('carol'), objectType: 'person' }],
    };
    const { activity } = await world.receive(zedSender, toAlice, body);
    const stored = await world.storage.activities.findById(activity.id);
    expect(stored?.bto).toBeUndefined();
    expect(stored?.bcc).toBeUndefined();
    expect(stored?._uuid).toBeUndefined();
    expect(stored?._received).toEqual([site.personId('alice')]);
    const note = await world.storage.objects.findById(remoteNote(1));
    expect(note?._secret).toBeUndefined();
    expect(note?.content).toBe('<b>hi</b>');
    expect((await world.storage.objects.findById(ZED))?._user).toBeUndefined();
    expect(await world.stream('user:bob:inbox')).toEqual([]);
    expect(await world.stream('user:carol:inbox')).toEqual([]);
  });
});

describe('idempotent by activity id', () => {
  it('answers a redelivery as stored and changes nothing, even when its body changed on the way', async () => {
    const note = await world.note('alice', 'hello', { to: [PUBLIC] });
    const reply = {
      id: remoteId('r'),
      verb: 'post',
      actor: zed,
      to: [PUBLIC],
      object: { id: remoteNote('r'), objectType: 'comment', content: 'hi', inReplyTo: note.object },
    };
    const first = await world.receive(zedSender, toAlice, reply);
    const before = {
      ...(await snapshot()),
      replies: await world.stream(`activityobject:replies:${note.object?.id}`),
    };
    const again = await world.receive(zedSender, toAlice, {
      ...reply,
      content: 'changed',
      object: { ...reply.object, content: 'changed' },
    });
    expect(again.activity).toEqual(first.activity);
    expect((await world.storage.objects.findById(remoteNote('r')))?.content).toBe('hi');
    expect({
      ...(await snapshot()),
      replies: await world.stream(`activityobject:replies:${note.object?.id}`),
    }).toEqual(before);
  });

  it('publishes once under two concurrent deliveries of the same id', async () => {
    const note = await world.note('alice', 'hello', { to: [PUBLIC] });
    const like = { id: remoteId('like'), verb: 'favorite', actor: zed, object: note.object };
    const answers = await Promise.all([
      world.receive(zedSender, toAlice, like),
      world.receive(zedSender, toAlice, like),
    ]);
    expect(answers[0].activity).toEqual(answers[1].activity);
    expect(await world.stream(`favoriters:${note.object?.id}`)).toEqual([ZED]);
    expect(await world.stream('user:alice:inbox')).toEqual([remoteId('like'), note.activity.id]);
  });

  it('reaches a second local inbox it is delivered to, without repeating its side effects', async () => {
    const note = await world.note('alice', 'hello', { to: [PUBLIC] });
    const like = { id: remoteId('like'), verb: 'like', actor: zed, object: note.object };
    await world.receive(zedSender, toAlice, like);
    const second = await world.receive(zedSender, toBob, like);
    expect(second.activity._received).toEqual([site.personId('alice'), site.personId('bob')]);
    expect(await world.stream('user:bob:inbox')).toContain(remoteId('like'));
    expect(await world.stream(`favoriters:${note.object?.id}`)).toEqual([ZED]);
  });

  it("refuses (400) a stored activity's id sent for another actor of the same host", async () => {
    const yan = { ...zed, id: 'https://remote.example/api/user/yan' };
    await world.receive(remoteHost, toAlice, zedsPost(1));
    const error = await refusal(world.receive(remoteHost, toAlice, zedsPost(1, { actor: yan })));
    expect(error).toMatchObject({ kind: 'invalid', code: 'activity.not-the-actor' });
  });
});

describe('side effects as for local activities (§4.3)', () => {
  it('follow of a local user makes the remote person a follower our posts are delivered to; unfollow ends it', async () => {
    const follow = { id: remoteId('f'), verb: 'follow', actor: zed, object: world.ref('alice') };
    await world.receive(zedSender, toAlice, follow);
    expect(await world.storage.follows.followers(site.personId('alice'), { count: 10 })).toEqual([ZED]);
    const posted = await world.note('alice', 'for my followers');
    const deliveries = await world.storage.jobs.list('deliver');
    expect(deliveries.map((job) => job.payload)).toEqual([
      expect.objectContaining({ activityId: posted.activity.id, recipientIds: [ZED] }),
    ]);
    await world.receive(zedSender, toAlice, { ...follow, id: remoteId('u'), verb: 'stop-following' });
    expect(await world.storage.follows.followers(site.personId('alice'), { count: 10 })).toEqual([]);
  });

  it("a reply joins the local note's replies; a like counts once", async () => {
    const note = await world.note('alice', 'hello', { to: [PUBLIC] });
    await world.receive(zedSender, toAlice, {
      id: remoteId('r'),
      actor: zed,
      to: [PUBLIC],
      object: { id: remoteNote('r'), objectType: 'comment', content: 'hi', inReplyTo: note.object },
    });
    expect(await world.stream(`activityobject:replies:${note.object?.id}`)).toEqual([remoteNote('r')]);
    await world.receive(zedSender, toAlice, {
      id: remoteId('l1'),
      verb: 'like',
      actor: zed,
      object: note.object,
    });
    const twice = await refusal(
      world.receive(zedSender, toAlice, {
        id: remoteId('l2'),
        verb: 'like',
        actor: zed,
        object: note.object,
      }),
    );
    expect(twice.code).toBe('activity.already-favorited');
    expect(await world.stream(`favoriters:${note.object?.id}`)).toEqual([ZED]);
  });

  it('update and delete of its own object apply', async () => {
    await world.receive(zedSender, toAlice, zedsPost(1));
    const object = { id: remoteNote(1), objectType: 'note', content: 'edited' };
    await world.receive(zedSender, toAlice, {
      id: remoteId('e'),
      verb: 'update',
      actor: zed,
      to: [PUBLIC],
      object,
    });
    expect((await world.storage.objects.findById(remoteNote(1)))?.content).toBe('edited');
    await world.receive(zedSender, toAlice, {
      id: remoteId('d'),
      verb: 'delete',
      actor: zed,
      to: [PUBLIC],
      object,
    });
    expect((await world.storage.objects.findById(remoteNote(1)))?.deleted).toBeDefined();
  });
});

describe('provenance: an object on host H is only ever created or changed by H (no planting)', () => {
  it.each([
    [
      'a post whose object id is ours',
      () => ({ id: site.objectId('note', 'planted'), objectType: 'note', content: 'x' }),
    ],
    [
      'a post whose object id is of a third host',
      () => ({ id: 'https://third.example/api/note/1', objectType: 'note', content: 'x' }),
    ],
    ['a post whose object has no id', () => ({ objectType: 'note', content: 'x' })],
  ])('refuses (400) %s, storing nothing', async (_what, object) => {
    const before = await snapshot();
    const error = await refusal(world.receive(zedSender, toAlice, zedsPost(1, { object: object() })));
    expect(error.kind).toBe('invalid');
    expect(await snapshot()).toEqual(before);
    expect(await world.storage.activities.findById(remoteId(1))).toBeNull();
  });

  it('refuses (400) an update or delete of a local note, leaving it as it was', async () => {
    const note = await world.note('alice', 'mine', { to: [PUBLIC] });
    const stored = await world.storage.objects.findById(note.object?.id ?? '');
    for (const verb of ['update', 'delete']) {
      const object = { ...note.object, content: 'taken over' };
      const error = await refusal(
        world.receive(zedSender, toAlice, { id: remoteId(verb), verb, actor: zed, object }),
      );
      expect(error.code).toBe('activity.object-not-sender');
    }
    expect(await world.storage.objects.findById(note.object?.id ?? '')).toEqual(stored);
  });

  it("refuses (400) a delete of another person's object, even on the sender's host", async () => {
    const yan = { ...zed, id: 'https://remote.example/api/user/yan' };
    await world.receive(remoteHost, toAlice, zedsPost(1));
    const object = { id: remoteNote(1), objectType: 'note' };
    const error = await refusal(
      world.receive(remoteHost, toAlice, { id: remoteId('d'), verb: 'delete', actor: yan, object }),
    );
    expect(error.code).toBe('activity.not-author');
    expect((await world.storage.objects.findById(remoteNote(1)))?.deleted).toBeUndefined();
  });

  it("stores a third host's shared object as a bare reference only, never over a stored copy; its origin replaces it", async () => {
    const theirs = {
      id: 'https://third.example/api/note/1',
      objectType: 'note',
      content: 'said by zed about it',
    };
    await world.receive(zedSender, toAlice, {
      id: remoteId('s1'),
      verb: 'share',
      actor: zed,
      to: [PUBLIC],
      object: theirs,
    });
    const reference = await world.storage.objects.findById(theirs.id);
    expect(reference).toEqual({ id: theirs.id, objectType: 'note', _uuid: expect.any(String) });

    const carol = { id: 'acct:carol@third.example', objectType: 'person' };
    const origin: RemoteSender = { kind: 'webfinger', webfinger: 'carol@third.example' };
    const post = { id: 'https://third.example/api/activity/1', verb: 'post', actor: carol, to: [PUBLIC] };
    await world.receive(origin, toAlice, { ...post, object: { ...theirs, content: 'the real one' } });
    const replaced = await world.storage.objects.findById(theirs.id);
    expect(replaced).toMatchObject({ content: 'the real one', author: carol, _uuid: reference?._uuid });

    const yan = { ...zed, id: 'acct:yan@remote.example' };
    const yanSender: RemoteSender = { kind: 'webfinger', webfinger: 'yan@remote.example' };
    const share = {
      id: remoteId('s2'),
      verb: 'share',
      actor: yan,
      to: [PUBLIC],
      object: { ...theirs, content: 'forged' },
    };
    await world.receive(yanSender, toAlice, share);
    expect(await world.storage.objects.findById(theirs.id)).toEqual(replaced);
  });
});

describe('a remote object refreshed by a later activity (docs/protocol.md §7.2)', () => {
  it('takes newer content from a later activity of its own server, never older content nor a local claim', async () => {
    const first = {
      id: remoteNote(1),
      objectType: 'note',
      content: 'note 1',
      updated: '2026-01-01T00:00:00Z',
    };
    await world.receive(zedSender, toAlice, zedsPost(1, { object: first }));
    const share = (n: string, object: Record<string, unknown>) => ({
      id: remoteId(n),
      verb: 'share',
      actor: zed,
      to: [PUBLIC],
      object,
    });
    const edited = { ...first, content: 'edited', updated: '2026-02-01T00:00:00Z' };
    await world.receive(zedSender, toAlice, share('s1', edited));
    const refreshed = await world.storage.objects.findById(remoteNote(1));
    expect(refreshed).toMatchObject({ content: 'edited', updated: '2026-02-01T00:00:00Z' });

    const staleLike = { ...share('l1', { ...first, content: 'stale' }), verb: 'like' };
    await world.receive(zedSender, toAlice, staleLike);
    expect(await world.storage.objects.findById(remoteNote(1))).toEqual(refreshed);
    // A local client is not the object's origin: pump.io took its word, we keep the provenance rule.
    await world.postOnly('alice', {
      verb: 'like',
      object: { ...first, content: 'claimed', updated: '2026-03-01T00:00:00Z' },
    });
    expect(await world.storage.objects.findById(remoteNote(1))).toEqual(refreshed);
  });
});

describe('a group inbox', () => {
  async function aliceGroup(): Promise<{ id: string; objectType: string; uuid: string }> {
    const created = await world.act('alice', {
      verb: 'create',
      to: [PUBLIC],
      object: { objectType: 'group', displayName: 'Gardeners' },
    });
    const id = created.object?.id ?? '';
    await world.act('bob', { verb: 'join', object: { id, objectType: 'group' } });
    return { id, objectType: 'group', uuid: id.split('/').pop() ?? '' };
  }

  it('refuses (400) what is not addressed to the group in to or cc', async () => {
    const group = await aliceGroup();
    const error = await refusal(world.receive(zedSender, { kind: 'group', uuid: group.uuid }, zedsPost(1)));
    expect(error.code).toBe('activity.group-not-addressed');
    expect(await world.storage.activities.findById(remoteId(1))).toBeNull();
  });

  it("distributes to the group's inbox and its members", async () => {
    const group = await aliceGroup();
    const ref = { id: group.id, objectType: 'group' };
    await world.receive(zedSender, { kind: 'group', uuid: group.uuid }, zedsPost(1, { to: [ref] }));
    expect(await world.stream(`group:${group.uuid}:inbox`)).toContain(remoteId(1));
    expect(await world.stream('user:bob:inbox')).toContain(remoteId(1));
    expect(await world.stream('user:carol:inbox')).not.toContain(remoteId(1));
  });

  it('answers 404 for a group that is not a local one', async () => {
    const error = await refusal(world.receive(zedSender, { kind: 'group', uuid: 'nope' }, zedsPost(1)));
    expect(error.kind).toBe('not-found');
  });
});
