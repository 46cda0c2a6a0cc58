import { ReadActivity } from '../../../../src/application/reading/read-activity.use-case';
import { ReadUserStream } from '../../../../src/application/reading/read-user-stream.use-case';
import {
  viewActivity,
  type ViewedActivity,
  ViewerScope,
} from '../../../../src/application/reading/viewer-scope';
import { repliesStreamName } from '../../../../src/domain/distribution/stream-names';
import type { Viewer } from '../../../../src/domain/visibility/visibility';
import { castOfFive, type ReadingWorld, site } from './reading-fixtures';

/**
 * docs/architecture.md §2b: the application answers an activity or a stream as the viewer may see it, so presenters
 * (AS1 JSON, HTML, and later federation's formats) only format. What used to be decided in the presenters is
 * checked here, on the read models themselves.
 */
describe('read models shaped for the viewer', () => {
  let world: ReadingWorld;
  const as = (nickname: string | null): Viewer =>
    nickname === null ? null : { id: world.personId(nickname) };

  beforeEach(async () => {
    ({ world } = await castOfFive());
  });

  async function blindPost() {
    const remote = 'https://remote.example/api/user/zed';
    const { activity } = await world.post(
      'alice',
      { to: [world.public], bto: [world.person('bob')], bcc: [world.person('carol')] },
      ['bob'],
    );
    const stored = { ...activity, _received: [world.personId('dave')] };
    await world.storage.activities.save(stored);
    return { activity: stored, remote };
  }

  it('ReadActivity answers bto and bcc to the actor only, and `received` to nobody', async () => {
    const { activity } = await blindPost();
    const read = new ReadActivity(world.repositories, site);
    const uuid = activity.id.split('/').pop() ?? '';
    const byActor = await read.execute({ uuid, viewer: as('alice') });
    expect(byActor.bto).toEqual([world.person('bob')]);
    expect(byActor.bcc).toEqual([world.person('carol')]);
    for (const viewer of ['bob', 'carol', 'eve', null]) {
      const seen = await read.execute({ uuid, viewer: as(viewer) });
      expect(seen.bto).toBeUndefined();
      expect(seen.bcc).toBeUndefined();
      expect(seen.to).toEqual([world.public]);
    }
    expect((await read.execute({ uuid, viewer: as('alice') }))._received).toBeUndefined();
  });

  it("a stream's activities come without others' blind copies, even to the stream's owner", async () => {
    const { activity } = await blindPost();
    const streams = new ReadUserStream(world.repositories, site);
    const inbox = await streams.execute({
      nickname: 'bob',
      feed: 'inbox',
      range: { count: 20 },
      viewer: as('bob'),
    });
    const item =
      inbox.itemKind === 'activity' ? inbox.items.find((one) => one.id === activity.id) : undefined;
    expect(item).toBeDefined();
    expect(item?.bto).toBeUndefined();
    expect(item?.bcc).toBeUndefined();
    expect(item?._received).toBeUndefined();
    const outbox = await streams.execute({
      nickname: 'alice',
      feed: 'feed',
      range: { count: 20 },
      viewer: as('alice'),
    });
    const own =
      outbox.itemKind === 'activity' ? outbox.items.find((one) => one.id === activity.id) : undefined;
    expect(own?.bcc).toEqual([world.person('carol')]);
  });

  it('only viewActivity makes the type presenters take (checked by tsc)', async () => {
    const { activity } = await blindPost();
    // @ts-expect-error a stored activity has not been through the viewer's rule
    const unshaped: ViewedActivity = activity;
    const shaped: ViewedActivity = viewActivity(activity, as('alice'));
    expect(shaped.id).toBe(unshaped.id);
  });

  it('viewActivity leaves the stored activity untouched', async () => {
    const { activity } = await blindPost();
    const seen = viewActivity(activity, as('eve'));
    expect(seen.bcc).toBeUndefined();
    expect(activity.bcc).toEqual([world.person('carol')]);
  });

  it("the scope answers an object's first replies the viewer may see, past hidden ones", async () => {
    const { object } = await world.post('alice', { to: [world.public] });
    const open = await world.post('bob', { to: [world.public] }, [], {
      objectType: 'comment',
      inReplyTo: { id: object.id, objectType: 'note' },
    });
    const hidden = await world.post('bob', { to: [world.person('alice')] }, [], {
      objectType: 'comment',
      inReplyTo: { id: object.id, objectType: 'note' },
    });
    const stream = repliesStreamName(object.id);
    const scope = (viewer: string | null) => new ViewerScope(world.repositories, site, as(viewer));
    expect(await scope('eve').visibleReplyIds(stream, 4)).toEqual([open.object.id]);
    expect(await scope(null).visibleReplyIds(stream, 4)).toEqual([open.object.id]);
    expect(await scope('alice').visibleReplyIds(stream, 4)).toEqual([hidden.object.id, open.object.id]);
    expect(await scope('alice').visibleReplyIds(stream, 1)).toEqual([hidden.object.id]);
  });

  it('answers the first visible replies of many objects at once, as one stream at a time would', async () => {
    const reply = (to: string, audience: object) =>
      world.post('bob', audience, [], { objectType: 'comment', inReplyTo: { id: to, objectType: 'note' } });
    const open = (await world.post('alice', { to: [world.public] })).object;
    const shown = (await reply(open.id, { to: [world.public] })).object.id;
    // Newest first: the two hidden replies come first, so the page is filled past them.
    const crowded = (await world.post('alice', { to: [world.public] })).object;
    const older = (await reply(crowded.id, { to: [world.public] })).object.id;
    await reply(crowded.id, { to: [world.person('alice')] });
    await reply(crowded.id, { to: [world.person('alice')] });
    const quiet = (await world.post('alice', { to: [world.public] })).object;
    const streams = [open, crowded, quiet].map((object) => repliesStreamName(object.id));
    const scope = new ViewerScope(world.repositories, site, as('eve'));
    const many = await scope.visibleReplyIdsOfMany(streams, 2);
    expect(many).toEqual(
      new Map([
        [streams[0], [shown]],
        [streams[1], [older]],
        [streams[2], []],
      ]),
    );
    for (const stream of streams) {
      expect(many.get(stream)).toEqual(await scope.visibleReplyIds(stream, 2));
    }
    expect(await scope.visibleReplyIdsOfMany([], 2)).toEqual(new Map());
  });

  it("judges a page's objects with one lookup of their creations", async () => {
    const notes = [];
    for (let i = 0; i < 5; i += 1) notes.push((await world.post('alice', { to: [world.public] })).object);
    const secret = (await world.post('alice', { to: [world.person('dave')] })).object;
    let single = 0;
    let batched = 0;
    const activities = world.repositories.activities;
    const counted = {
      ...world.repositories,
      activities: {
        ...activities,
        findById: (id: string) => activities.findById(id),
        findManyByIds: (ids: readonly string[]) => activities.findManyByIds(ids),
        save: (activity: Parameters<typeof activities.save>[0]) => activities.save(activity),
        findCreation: (id: string) => ((single += 1), activities.findCreation(id)),
        findCreations: (ids: readonly string[]) => ((batched += 1), activities.findCreations(ids)),
      },
    };
    const scope = new ViewerScope(counted, site, as('eve'));
    await scope.check.primeCreationsOf([...notes, secret, world.person('bob')]);
    const verdicts = await Promise.all([...notes, secret].map((object) => scope.check.canSeeObject(object)));
    expect(verdicts).toEqual([true, true, true, true, true, false]);
    expect({ single, batched }).toEqual({ single: 0, batched: 1 });
    await scope.check.primeCreationsOf(notes);
    expect(batched).toBe(1);
  });
});
