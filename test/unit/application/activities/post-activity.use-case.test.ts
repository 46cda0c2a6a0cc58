import { isDomainError } from '../../../../src/domain/errors/domain-error';
import { PostingWorld, PUBLIC, site } from './posting-world';

let world: PostingWorld;
beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob');
});

async function expectRefused(
  promise: Promise<unknown>,
  kind: string,
  message?: string | RegExp,
): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isDomainError(error)).toBe(true);
  expect((error as { kind: string }).kind).toBe(kind);
  if (message !== undefined) expect((error as Error).message).toMatch(message);
}

describe('PostActivity', () => {
  it('posts a note: ids, author, links, times, generator, content, default recipients and the outbox', async () => {
    world.clock.set('2026-02-03T04:05:06.789Z');
    const { activity, object } = await world.postOnly('alice', {
      object: { objectType: 'note', content: 'hi', _secret: 1 },
      _evil: true,
      generator: { id: 'forged', objectType: 'application' },
    });
    expect(activity).toMatchObject({
      id: site.activityId('u2'),
      verb: 'post',
      actor: { id: site.personId('alice'), objectType: 'person' },
      object: { id: site.objectId('note', 'u1'), objectType: 'note' },
      cc: [{ id: site.followersCollectionId('alice'), objectType: 'collection' }],
      generator: { id: 'urn:uuid:client' },
      published: '2026-02-03T04:05:06Z',
      updated: '2026-02-03T04:05:06Z',
      links: { self: { href: site.activityId('u2') } },
      url: site.activityPageUrl('alice', 'u2'),
    });
    expect(activity._evil).toBeUndefined();
    expect(activity.content).toBe(
      `<a href='${site.profilePageUrl('alice')}'>alice</a> posted <a href='${site.objectPageUrl('alice', 'note', 'u1')}'>a note</a>`,
    );
    expect(object).toMatchObject({
      author: { id: site.personId('alice'), objectType: 'person' },
      content: 'hi',
    });
    expect(object?._secret).toBeUndefined();
    expect(await world.storage.objects.findById(site.objectId('note', 'u1'))).toEqual(object);
    expect(await world.storage.activities.findById(activity.id)).toEqual(activity);
    expect(await world.stream('user:alice:outbox')).toEqual([activity.id]);
    expect(await world.stream('user:alice:outbox:major')).toEqual([activity.id]);
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 1, done: 0, failed: 0 });
  });

  it('escapes what it interpolates into the generated content', async () => {
    const { activity } = await world.postOnly('alice', {
      verb: 'play',
      object: {
        objectType: 'audio',
        // The scrubber makes displayName plain text first; what is left still needs escaping.
        displayName: '<script>x</script>Tom & 1 < 2',
        // On the object's own host: a url elsewhere is not linked at all (activity-content.test.ts).
        url: "http://social.example:8000/'onclick='y",
      },
      to: [PUBLIC],
    });
    expect(activity.content).toContain('Tom &amp; 1 &lt; 2');
    expect(activity.content).toContain('&#39;onclick=&#39;y');
    expect(activity.content).not.toContain('<script>');
  });

  it('cleans the HTML of what it stores: content to the allowlist, displayName to plain text', async () => {
    const { activity, object } = await world.postOnly('alice', {
      content: '<p onclick="x()">hi<script>alert(1)</script></p>',
      object: {
        objectType: 'note',
        content: '<a href="javascript:alert(1)">link</a><img src=x onerror=alert(1)>',
        displayName: '<b>Title</b>',
        tags: [{ objectType: 'person', summary: '<iframe src="https://evil.example"></iframe>ok' }],
      },
      to: [PUBLIC],
    });
    expect(activity.content).toBe('<p>hi</p>');
    expect(object?.content).toBe('<a rel="noopener noreferrer nofollow">link</a><img src="x" />');
    expect(object?.displayName).toBe('Title');
    expect((object?.tags as { summary: string }[])[0].summary).toBe('ok');
  });

  it('keeps given recipients as {id, objectType} references, a missing type meaning person', async () => {
    const { activity } = await world.postOnly('alice', {
      object: { objectType: 'note' },
      to: [{ id: site.personId('bob'), displayName: 'Bob' }],
      bcc: [PUBLIC],
    });
    expect(activity.to).toEqual([{ id: site.personId('bob'), objectType: 'person' }]);
    expect(activity.bcc).toEqual([PUBLIC]);
    expect(activity.cc).toBeUndefined();
  });

  it('refuses another actor, another user, bad shapes and the wrong feed, changing nothing', async () => {
    await expectRefused(
      world.postOnly('alice', { actor: world.ref('bob'), object: { objectType: 'note' } }),
      'invalid',
      'Invalid actor',
    );
    await expectRefused(
      world.post.execute({
        origin: { kind: 'local', principal: world.principal('bob'), nickname: 'alice' },
        body: { object: { objectType: 'note' } },
      }),
      'unauthenticated',
      'Not authorized',
    );
    await expectRefused(world.postOnly('alice', { object: { objectType: 'note', content: 42 } }), 'invalid');
    await expectRefused(
      world.postOnly('alice', { to: 'everyone', object: { objectType: 'note' } }),
      'invalid',
    );
    await expectRefused(world.postOnly('alice', ['array']), 'invalid');
    await expectRefused(world.postOnly('alice', { verb: 'post' }), 'invalid', /needs an object/);
    // pump.io refuses an activity without an object whatever its verb, one with no side effect too.
    await expectRefused(
      world.postOnly('alice', { verb: 'noop' }),
      'invalid',
      'A noop activity needs an object.',
    );
    await expectRefused(
      world.postOnly('alice', { verb: 'follow', object: world.ref('bob') }, 'major'),
      'invalid',
      'Only major activities to this feed.',
    );
    await expectRefused(
      world.postOnly('alice', { object: { objectType: 'note' } }, 'minor'),
      'invalid',
      'Only minor activities to this feed.',
    );
    expect(await world.stream('user:alice:outbox')).toEqual([]);
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 0, done: 0, failed: 0 });
  });

  it('accepts a major activity on feed/major and a minor one on feed/minor', async () => {
    const major = await world.postOnly('alice', { object: { objectType: 'note' } }, 'major');
    const minor = await world.postOnly('alice', { object: { objectType: 'comment' } }, 'minor');
    expect(await world.stream('user:alice:outbox:major')).toEqual([major.activity.id]);
    expect(await world.stream('user:alice:outbox:minor')).toEqual([minor.activity.id]);
  });

  it('addresses a reply to the parent audience plus its actor, and adds it to the replies', async () => {
    const parent = await world.note('alice', 'parent', { to: [PUBLIC] });
    const parentRef = { id: parent.object!.id, objectType: 'note' };
    const reply = await world.postOnly('bob', { object: { objectType: 'comment', inReplyTo: parentRef } });
    expect(reply.activity.to).toEqual([PUBLIC, world.ref('alice')]);
    expect(reply.object?.inReplyTo).toEqual(parentRef);
    expect(await world.stream(`activityobject:replies:${parentRef.id}`)).toEqual([reply.object!.id]);
  });

  it('stores unknown verbs with no side effect, and refuses to post an object twice', async () => {
    const played = await world.postOnly('alice', { verb: 'play', object: { objectType: 'audio' } });
    expect(played.activity.verb).toBe('play');
    expect(await world.storage.objects.findById(played.object!.id)).toBeTruthy();
    const posted = await world.postOnly('alice', { object: { objectType: 'note' } });
    await expectRefused(world.postOnly('alice', { object: posted.object }), 'invalid', 'Already posted');
  });
});

describe('PostActivity as the one publish path', () => {
  it('distributes before it answers: a follower has the activity when the call returns', async () => {
    await world.storage.follows.follow(site.personId('bob'), site.personId('alice'));
    const { activity } = await world.act('alice', { object: { objectType: 'note', content: 'heard' } });
    expect(await world.stream('user:bob:inbox')).toEqual([activity.id]);
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 0, done: 1, failed: 0 });
  });

  it('publishes composed activities with their writes, outbox entries and jobs, then distributes them', async () => {
    await world.storage.follows.follow(site.personId('bob'), site.personId('alice'));
    const activity = {
      id: site.activityId('composed'),
      verb: 'update',
      actor: world.ref('alice'),
      object: world.ref('alice'),
      cc: [{ id: site.followersCollectionId('alice'), objectType: 'collection' }],
      published: '2026-01-01T00:00:00Z',
      updated: '2026-01-01T00:00:00Z',
    };
    const value = await world.post.publishComposed(async (tx) => {
      await tx.objects.save({ ...world.ref('alice'), displayName: 'Alice' });
      return { activities: [activity], value: 'composed' };
    });
    expect(value).toBe('composed');
    expect(await world.stream('user:alice:outbox')).toEqual([activity.id]);
    expect(await world.stream('user:bob:inbox')).toEqual([activity.id]);
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 0, done: 1, failed: 0 });
  });

  it('leaves nothing behind when the composing writes fail', async () => {
    const failing = world.post.publishComposed(async (tx) => {
      await tx.objects.save({ ...world.ref('alice'), displayName: 'Half written' });
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect((await world.storage.objects.findById(site.personId('alice')))?.displayName).not.toBe(
      'Half written',
    );
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 0, done: 0, failed: 0 });
  });
});
