import { DELIVER_QUEUE } from '../../../../src/application/delivery/delivery-jobs';
import { PostActivity } from '../../../../src/application/activities/post-activity.use-case';
import { DeleteUser } from '../../../../src/application/users/delete-user.use-case';
import { ReadUser } from '../../../../src/application/users/read-user.use-case';
import { ReadUserStream } from '../../../../src/application/reading/read-user-stream.use-case';
import { personFilterStreamName } from '../../../../src/domain/blocking/person-filters';
import { userStreamName } from '../../../../src/domain/distribution/stream-names';
import { PostingWorld, PUBLIC, site } from '../activities/posting-world';

const REMOTE_FOLLOWER = 'https://pump.example/api/user/pat';
const REMOTE_INBOX = 'https://pump.example/api/user/pat/inbox';

let world: PostingWorld;
let deleteUser: DeleteUser;

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob');
  await world.act('bob', { verb: 'follow', object: { id: site.personId('alice'), objectType: 'person' } });
  await world.storage.objects.save({
    id: REMOTE_FOLLOWER,
    objectType: 'person',
    links: { 'activity-inbox': { href: REMOTE_INBOX } },
  });
  await world.storage.follows.follow(REMOTE_FOLLOWER, site.personId('alice'));
  deleteUser = new DeleteUser(world.storage, {
    post: world.post,
    passwords: { verify: (password) => Promise.resolve(password === 'the-right-one') },
    clock: world.clock,
    site,
    logger: world.logger,
  });
});

describe('DeleteUser', () => {
  it('tombstones every post, tells local and remote followers, and keeps the nickname as a marker', async () => {
    const note = await world.note('alice', 'first', { to: [PUBLIC] });
    const comment = await world.act('alice', {
      verb: 'post',
      object: {
        objectType: 'comment',
        content: 'me too',
        inReplyTo: { id: note.object?.id, objectType: 'note' },
      },
    });
    const bobsNote = await world.note('bob', 'not yours');
    const list = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Friends', objectTypes: ['person'] },
    });
    await world.storage.sessions.set('sid', { user: { nickname: 'alice' } }, new Date('2030-01-01'));

    await deleteUser.execute({ principal: world.principal('alice'), nickname: 'alice' });

    for (const posted of [note, comment]) {
      expect((await world.storage.objects.findById(posted.object?.id ?? ''))?.deleted).toBeDefined();
    }
    expect((await world.storage.objects.findById(bobsNote.object?.id ?? ''))?.deleted).toBeUndefined();
    const person = await world.storage.objects.findById(site.personId('alice'));
    expect(person?.deleted).toBeDefined();
    // Bob's inbox has the delete of the person, newest first.
    const [newest] = await world.stream(userStreamName('bob', 'inbox'));
    const personDelete = await world.storage.activities.findById(newest);
    expect(personDelete).toMatchObject({ verb: 'delete', object: { id: site.personId('alice') } });
    // The remote follower's server gets it through the delivery queue.
    const deliveries = await world.storage.jobs.list(DELIVER_QUEUE);
    expect(deliveries.map((job) => job.payload)).toContainEqual(
      expect.objectContaining({ activityId: personDelete?.id, inbox: REMOTE_INBOX }),
    );
    // A list is tombstoned too, but its delete stays home (a follower's server may never have had the list).
    expect((await world.storage.objects.findById(list.object?.id ?? ''))?.deleted).toBeDefined();
    const delivered = await Promise.all(
      deliveries.map((job) => world.storage.activities.findById(String(job.payload.activityId))),
    );
    const listDeletes = delivered.filter(
      (activity) => activity?.verb === 'delete' && activity.object?.objectType === 'collection',
    );
    expect(listDeletes).toEqual([]);
    const marker = await world.storage.users.findByNickname('alice');
    expect(marker).toMatchObject({ nickname: 'alice', passwordHash: '' });
    expect(marker?.deleted).toBeDefined();
    expect(await world.storage.sessions.get('sid', world.clock.now())).toBeNull();
    expect(await world.stream('user:all')).not.toContain('alice');
    await expect(world.storage.users.create({ ...marker!, nickname: 'ALICE' })).rejects.toMatchObject({
      code: 'user.exists',
    });
  });

  it('forgets whom the user blocked and muted', async () => {
    const blocked = personFilterStreamName('alice', 'blocked');
    const muted = personFilterStreamName('alice', 'muted');
    await world.storage.streams.append(blocked, site.personId('bob'));
    await world.storage.streams.append(muted, REMOTE_FOLLOWER);

    await deleteUser.execute({ principal: world.principal('alice'), nickname: 'alice' });

    expect(await world.storage.streams.count(blocked)).toBe(0);
    expect(await world.storage.streams.count(muted)).toBe(0);
  });

  it('answers 410 for the deleted user and its streams afterwards, and refuses a second deletion', async () => {
    await deleteUser.execute({ principal: world.principal('alice'), nickname: 'alice' });
    const viewer = { id: site.personId('bob') };
    await expect(
      new ReadUser(world.storage, site).execute({ nickname: 'alice', viewer }),
    ).rejects.toMatchObject({
      kind: 'gone',
    });
    await expect(
      new ReadUserStream(world.storage, site).execute({
        nickname: 'alice',
        feed: 'feed',
        viewer,
        range: { count: 5 },
      }),
    ).rejects.toMatchObject({ kind: 'gone' });
    await expect(
      deleteUser.execute({ principal: world.principal('alice'), nickname: 'alice' }),
    ).rejects.toMatchObject({ kind: 'gone' });
  });

  it('refuses another user and a wrong password, and changes nothing', async () => {
    const before = await world.storage.users.findByNickname('alice');
    await expect(
      deleteUser.execute({ principal: world.principal('bob'), nickname: 'alice' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(
      deleteUser.execute({ principal: world.principal('alice'), nickname: 'alice', password: 'guess' }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'user.wrong-password' });
    expect(await world.storage.users.findByNickname('alice')).toEqual(before);
    expect((await world.storage.objects.findById(site.personId('alice')))?.deleted).toBeUndefined();
  });

  it('tombstones an upload never posted and removes its files through the delete verb', async () => {
    const removed: string[] = [];
    const post = new PostActivity(
      world.storage,
      world.clock,
      world.ids,
      site,
      world.logger,
      world.sanitizer,
      world.distribute,
      { media: { delete: (key) => Promise.resolve(void removed.push(key)) } },
    );
    const uploadId = site.objectId('file', 'kept-back');
    await world.storage.objects.save({
      id: uploadId,
      objectType: 'file',
      author: { id: site.personId('alice'), objectType: 'person' },
      _upload: {
        kind: 'file',
        original: { key: 'alice/2026/1/1/kept-back.txt', mimeType: 'text/plain', bytes: 3 },
      },
    });
    await world.storage.streams.append(userStreamName('alice', 'uploads'), uploadId);
    const passwords = { verify: () => Promise.resolve(true) };
    await new DeleteUser(world.storage, {
      post,
      passwords,
      clock: world.clock,
      site,
      logger: world.logger,
    }).execute({
      principal: world.principal('alice'),
      nickname: 'alice',
    });
    expect((await world.storage.objects.findById(uploadId))?.deleted).toBeDefined();
    expect(removed).toEqual(['alice/2026/1/1/kept-back.txt']);
  });

  it('lets an admin delete without the password and finish a deletion cut short', async () => {
    await world.note('alice', 'bye');
    await deleteUser.execute({ principal: world.principal('bob'), nickname: 'alice', byAdmin: true });
    expect((await world.storage.users.findByNickname('alice'))?.deleted).toBeDefined();
    await expect(
      deleteUser.execute({ principal: world.principal('bob'), nickname: 'alice', byAdmin: true }),
    ).resolves.toBeUndefined();
  });
});
