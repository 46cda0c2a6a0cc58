import { ReadObjectCollection } from '../../../../src/application/reading/read-object-collection.use-case';
import { ReadUserStream } from '../../../../src/application/reading/read-user-stream.use-case';
import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import { favoritersStreamName } from '../../../../src/domain/distribution/stream-names';
import type { Viewer } from '../../../../src/domain/visibility/visibility';
import { castOfFive, type ReadingWorld, site } from './reading-fixtures';

describe('ReadUserStream (docs/protocol.md §5.1, §6.4)', () => {
  let world: ReadingWorld;
  let list: AsObject;
  let streams: ReadUserStream;
  const as = (nickname: string | null): Viewer =>
    nickname === null ? null : { id: world.personId(nickname) };
  const ids = async (nickname: string, feed: string, viewer: string | null, range: object = { count: 20 }) =>
    (
      await streams.execute({ nickname, feed, range: range as { count: number }, viewer: as(viewer) })
    ).items.map((item) => item.id);

  beforeEach(async () => {
    ({ world, list } = await castOfFive());
    streams = new ReadUserStream(world.repositories, site);
  });

  it('filters an outbox for each viewer and shows the owner everything', async () => {
    const open = await world.post('alice', { to: [world.public] });
    const toFollowers = await world.post('alice', { cc: [world.followers('alice')] });
    const toList = await world.post('alice', { to: [{ id: list.id, objectType: 'collection' }] });
    const toDave = await world.post('alice', { bto: [world.person('dave')] });

    const everything = await ids('alice', 'feed', 'alice');
    expect(everything.slice(0, 4)).toEqual([toDave, toList, toFollowers, open].map((p) => p.activity.id));
    // Her followers also see the creation of her list, addressed to them: the oldest item.
    expect((await ids('alice', 'feed', 'bob')).slice(0, 2)).toEqual([
      toFollowers.activity.id,
      open.activity.id,
    ]);
    expect(await ids('alice', 'feed', 'bob')).toHaveLength(3);
    expect(await ids('alice', 'feed', 'carol')).toEqual([toList.activity.id, open.activity.id]);
    expect(await ids('alice', 'feed', 'dave')).toEqual([toDave.activity.id, open.activity.id]);
    expect(await ids('alice', 'feed', null)).toEqual([open.activity.id]);
    expect(await ids('alice', 'feed', 'eve')).toEqual([open.activity.id]);
  });

  it('keeps inboxes to their owner: 401 for anyone else, 404 for an unknown user or feed', async () => {
    const { activity } = await world.post('alice', { to: [world.person('dave')] }, ['dave']);
    expect(await ids('dave', 'inbox/direct', 'dave')).toEqual([activity.id]);
    expect(await ids('dave', 'inbox/major', 'dave')).toEqual([activity.id]);
    await expect(ids('dave', 'inbox', 'alice')).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(ids('dave', 'inbox', null)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(ids('nobody', 'feed', 'dave')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ids('dave', 'sideways', 'dave')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('fills a filtered page past hidden items, with offset, before and since over what the viewer sees', async () => {
    const visible: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const posted = await world.post(
        'alice',
        i % 3 === 0 ? { to: [world.public] } : { to: [world.person('dave')] },
      );
      if (i % 3 === 0) visible.unshift(posted.activity.id);
    }
    expect(visible).toHaveLength(10);
    expect(await ids('alice', 'feed', null, { count: 4 })).toEqual(visible.slice(0, 4));
    expect(await ids('alice', 'feed', null, { count: 4, offset: 4 })).toEqual(visible.slice(4, 8));
    expect(await ids('alice', 'feed', null, { count: 3, before: visible[2] })).toEqual(visible.slice(3, 6));
    expect(await ids('alice', 'feed', null, { count: 2, since: visible[5] })).toEqual(visible.slice(3, 5));
    expect(await ids('alice', 'feed', null, { count: 0 })).toEqual([]);
  });

  it('rejects a cursor that is not in the stream as invalid', async () => {
    await world.post('alice', { to: [world.public] });
    await expect(ids('alice', 'feed', 'alice', { count: 5, before: 'nope' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('reads followers and following from the follow graph, and the lists a viewer may see', async () => {
    const page = await streams.execute({
      nickname: 'alice',
      feed: 'followers',
      range: { count: 20 },
      viewer: null,
    });
    expect(page).toMatchObject({ itemKind: 'person', totalItems: 1 });
    expect(page.items.map((item) => item.id)).toEqual([world.personId('bob')]);
    expect(await ids('bob', 'following', null)).toEqual([world.personId('alice')]);
    expect(await ids('alice', 'lists/person', 'alice')).toEqual([list.id]);
    expect(await ids('alice', 'lists/person', 'bob')).toEqual([list.id]);
    expect(await ids('alice', 'lists/person', 'eve')).toEqual([]);
  });

  it("keeps only the persons whose name holds ?q= (any case) on followers and following, as pump.io's search", async () => {
    await world.follow('bob', 'carol');
    await world.follow('bob', 'dave');
    const search = async (nickname: string, feed: string, q: string) =>
      (
        await streams.execute({ nickname, feed, range: { count: 20 }, viewer: as('bob'), search: q })
      ).items.map((item) => item.id);
    expect(await search('bob', 'following', 'CAR')).toEqual([world.personId('carol')]);
    expect(await search('bob', 'following', 'there is no match for this')).toEqual([]);
    expect(await search('alice', 'followers', 'bo')).toEqual([world.personId('bob')]);
  });
});

describe('ReadObjectCollection (§4.7, §5.1)', () => {
  it('serves likes, visible replies and list members, under the object’s own access rule', async () => {
    const { world, list } = await castOfFive();
    const collections = new ReadObjectCollection(world.repositories, site);
    const { object } = await world.post('alice', { to: [world.public] });
    await world.storage.streams.append(favoritersStreamName(object.id), world.personId('bob'));
    const ref = { id: object.id, objectType: 'note' };
    const openReply = await world.post('bob', { to: [world.public] }, [], {
      objectType: 'comment',
      inReplyTo: ref,
    });
    const privateReply = await world.post('bob', { to: [world.person('alice')] }, [], {
      objectType: 'comment',
      inReplyTo: ref,
    });
    const read = (
      feed: 'likes' | 'replies' | 'members' | 'inbox',
      locator: object,
      nickname: string | null,
    ) =>
      collections.execute({
        locator: locator as { type: string; uuid: string },
        feed,
        range: { count: 20 },
        viewer: nickname === null ? null : { id: world.personId(nickname) },
      });
    const note = { type: 'note', uuid: String(object._uuid) };

    expect((await read('likes', note, null)).items.map((item) => item.id)).toEqual([world.personId('bob')]);
    const repliesForEve = await read('replies', note, 'eve');
    expect(repliesForEve.items.map((item) => item.id)).toEqual([openReply.object.id]);
    expect(repliesForEve.totalItems).toBe(2);
    expect((await read('replies', note, 'alice')).items.map((item) => item.id)).toEqual([
      privateReply.object.id,
      openReply.object.id,
    ]);

    const members = { type: 'collection', uuid: String(list._uuid) };
    expect((await read('members', members, 'bob')).items.map((item) => item.id)).toEqual([
      world.personId('carol'),
    ]);
    await expect(read('members', members, 'eve')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(read('inbox', note, 'alice')).rejects.toMatchObject({ kind: 'not-found' });
  });
});
