import { DistributionRunner } from '../../../../src/application/distribution/distribution-runner';
import { DistributeActivity } from '../../../../src/application/distribution/distribute-activity.use-case';
import { PostingWorld, PUBLIC, site } from '../activities/posting-world';

let world: PostingWorld;
beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol', 'dave');
  await world.act('bob', { verb: 'follow', object: world.ref('alice') });
});

const inbox = (nickname: string, kind = 'inbox') => world.stream(`user:${nickname}:${kind}`);

describe('DistributeActivity', () => {
  it('delivers a followers post to the actor and each follower, not to strangers', async () => {
    const { activity } = await world.note('alice', 'hello');
    expect((await inbox('alice'))[0]).toBe(activity.id);
    expect((await inbox('bob'))[0]).toBe(activity.id);
    expect((await inbox('bob', 'inbox:major'))[0]).toBe(activity.id);
    expect(await inbox('bob', 'inbox:direct')).not.toContain(activity.id);
    expect(await inbox('carol')).not.toContain(activity.id);
  });

  it('delivers a Public post to the followers only (and the actor)', async () => {
    const { activity } = await world.note('alice', 'hello', { to: [PUBLIC] });
    expect(await inbox('bob')).toContain(activity.id);
    expect(await inbox('dave')).not.toContain(activity.id);
  });

  it('delivers to a person directly, and to the members of a list the actor made', async () => {
    const created = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Close', objectTypes: ['person'] },
    });
    const list = { id: created.object!.id, objectType: 'collection' };
    await world.act('alice', { verb: 'add', object: world.ref('carol'), target: list });
    const toList = await world.note('alice', 'for the list', { to: [list] });
    expect(await inbox('carol')).toContain(toList.activity.id);
    expect(await inbox('carol', 'inbox:direct')).not.toContain(toList.activity.id);
    expect(await inbox('bob')).not.toContain(toList.activity.id);

    const toDave = await world.note('alice', 'for dave', { to: [world.ref('dave')] });
    expect(await inbox('dave')).toContain(toDave.activity.id);
    expect(await inbox('dave', 'inbox:direct')).toContain(toDave.activity.id);
    expect(await inbox('dave', 'inbox:direct:major')).toContain(toDave.activity.id);
    expect(await inbox('bob')).not.toContain(toDave.activity.id);
  });

  it('reaches every follower of a user with 1,234 followers, past the first page of the follow graph', async () => {
    const followers = Array.from({ length: 1234 }, (_, index) => `f${index}`);
    for (const nickname of followers) {
      await world.storage.follows.follow(site.personId(nickname), site.personId('dave'));
    }
    const { activity } = await world.note('dave', 'to all of you');
    const reached = [];
    for (const nickname of followers) {
      if ((await inbox(nickname)).includes(activity.id)) reached.push(nickname);
    }
    expect(reached).toHaveLength(1234);
  });

  it('does not fan out to the members of a list someone else made, even when addressed to it', async () => {
    const created = await world.act('bob', {
      verb: 'create',
      object: { objectType: 'collection', displayName: "Bob's", objectTypes: ['person'] },
    });
    const bobsList = { id: created.object!.id, objectType: 'collection' };
    await world.act('bob', { verb: 'add', object: world.ref('carol'), target: bobsList });
    const { activity } = await world.note('alice', 'to a list that is not mine', { to: [bobsList] });
    expect(await inbox('carol')).not.toContain(activity.id);
    expect(await inbox('alice')).toContain(activity.id);
    expect(await world.storage.jobs.counts('deliver')).toEqual({ pending: 0, done: 0, failed: 0 });
  });

  it('puts the actor in their own direct streams only when they are in to/bto', async () => {
    const plain = await world.note('alice', 'to followers');
    const { activity } = await world.note('alice', 'to me', { to: [world.ref('alice')] });
    expect(await inbox('alice', 'inbox:direct')).toContain(activity.id);
    expect(await inbox('alice', 'inbox:direct')).not.toContain(plain.activity.id);
  });

  it('delivers a group post to the group inbox and its members', async () => {
    const created = await world.act('alice', {
      verb: 'create',
      object: { objectType: 'group', displayName: 'Club' },
      to: [PUBLIC],
    });
    const group = { id: created.object!.id, objectType: 'group' };
    await world.act('carol', { verb: 'join', object: group });
    const doc = await world.act('carol', { object: { objectType: 'note' }, target: group });
    expect(await world.stream(`group:${created.object!._uuid as string}:inbox`)).toContain(doc.activity.id);
    expect(await inbox('carol')).toContain(doc.activity.id);
  });

  it('is idempotent: a second run duplicates nothing', async () => {
    const { activity } = await world.note('alice', 'once');
    const again = await world.distribute.execute({ activityId: activity.id });
    expect(again).toEqual({ outcome: 'already-distributed' });
    // Even without the marker (a crash after the appends in a store without transactions), appends are idempotent.
    const stored = await world.storage.activities.findById(activity.id);
    await world.storage.activities.save({ ...stored!, _distributed: undefined });
    const rerun = await world.distribute.execute({ activityId: activity.id });
    expect(rerun).toMatchObject({ outcome: 'distributed', newStreamEntries: 0 });
    expect((await inbox('bob')).filter((id) => id === activity.id)).toHaveLength(1);
  });
});

describe('DistributionRunner', () => {
  const runner = () =>
    new DistributionRunner(world.storage.jobs, world.distribute, world.clock, world.logger);

  it('picks up a post whose process died before distributing, once the job is due', async () => {
    const { activity } = await world.postOnly('alice', { object: { objectType: 'note' } });
    expect(await inbox('bob')).not.toContain(activity.id);
    expect(await runner().runDue('worker-1')).toBe(0);
    world.clock.advance(30_000);
    // Only the orphaned post: bob's follow was distributed inline, which completed its job.
    expect(await runner().runDue('worker-1')).toBe(1);
    expect(await inbox('bob')).toContain(activity.id);
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 0, done: 2, failed: 0 });
  });

  it('completes the job of an activity with its inline distribution, leaving the runner nothing to do', async () => {
    const { activity } = await world.note('alice', 'inline');
    expect(await world.storage.jobs.counts('distribute')).toEqual({ pending: 0, done: 2, failed: 0 });
    world.clock.advance(30_000);
    expect(await runner().runDue('worker-1')).toBe(0);
    expect((await inbox('bob')).filter((id) => id === activity.id)).toHaveLength(1);
  });

  it('retries with backoff after an unexpected error, then succeeds', async () => {
    world.clock.advance(30_000);
    await runner().runDue('w'); // clears bob's follow job
    const { activity } = await world.postOnly('alice', { object: { objectType: 'note' } });
    const flaky = new DistributeActivity(world.storage, site, world.clock, world.logger);
    let failures = 1;
    const original = flaky.execute.bind(flaky);
    flaky.execute = async (command) => {
      if (failures-- > 0) throw new Error('disk on fire');
      return original(command);
    };
    const flakyRunner = new DistributionRunner(world.storage.jobs, flaky, world.clock, world.logger, {
      baseBackoffMs: 1000,
    });
    world.clock.advance(30_000);
    expect(await flakyRunner.runDue('w')).toBe(1);
    expect(await inbox('bob')).not.toContain(activity.id);
    expect(await flakyRunner.runDue('w')).toBe(0);
    world.clock.advance(1000);
    expect(await flakyRunner.runDue('w')).toBe(1);
    expect(await inbox('bob')).toContain(activity.id);
  });
});
