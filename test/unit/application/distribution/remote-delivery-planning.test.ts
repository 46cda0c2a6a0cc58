import { DELIVER_QUEUE } from '../../../../src/application/delivery/delivery-jobs';
import { DeliveryRunner } from '../../../../src/application/delivery/delivery-runner';
import { RecordingDelivery } from '../../../support/recording-delivery';
import { SeededRandom } from '../../../support/seeded-random';
import { PostingWorld, site } from '../activities/posting-world';

let world: PostingWorld;

/** A remote person as its server describes it: pump.io's inbox link, and a shared inbox on ActivityPub servers. */
async function remotePerson(id: string, inbox: string, sharedInbox?: string): Promise<void> {
  await world.storage.objects.save({
    id,
    objectType: 'person',
    links: { 'activity-inbox': { href: inbox } },
    ...(sharedInbox === undefined ? {} : { endpoints: { sharedInbox } }),
  });
  await world.storage.follows.follow(id, site.personId('alice'));
}

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob');
  for (const name of ['a', 'b', 'c']) {
    await remotePerson(
      `https://ap.example/users/${name}`,
      `https://ap.example/users/${name}/inbox`,
      'https://ap.example/inbox',
    );
  }
  await remotePerson('https://pump.example/api/user/pat', 'https://pump.example/api/user/pat/inbox');
  await world.storage.follows.follow('acct:yan@far.example', site.personId('alice'));
});

const deliverJobs = () => world.storage.jobs.list(DELIVER_QUEUE);

describe('DistributeActivity plans remote deliveries per inbox', () => {
  it('queues one job per inbox: a shared inbox once for every follower behind it', async () => {
    const { activity } = await world.note('alice', 'far and wide');
    const jobs = await deliverJobs();
    expect(jobs.map((job) => [job.group, job.payload])).toEqual(
      expect.arrayContaining([
        [
          'ap.example',
          {
            activityId: activity.id,
            inbox: 'https://ap.example/inbox',
            host: 'ap.example',
            // Followers come newest first, as the follow graph pages them.
            recipientIds: [
              'https://ap.example/users/c',
              'https://ap.example/users/b',
              'https://ap.example/users/a',
            ],
          },
        ],
        [
          'pump.example',
          {
            activityId: activity.id,
            inbox: 'https://pump.example/api/user/pat/inbox',
            host: 'pump.example',
            recipientIds: ['https://pump.example/api/user/pat'],
          },
        ],
        [
          'far.example',
          {
            activityId: activity.id,
            inbox: null,
            host: 'far.example',
            recipientIds: ['acct:yan@far.example'],
          },
        ],
      ]),
    );
    expect(jobs).toHaveLength(3);
  });

  it('adds nothing when the distribution runs again after a crash', async () => {
    const { activity } = await world.note('alice', 'once');
    const stored = await world.storage.activities.findById(activity.id);
    await world.storage.activities.save({ ...stored!, _distributed: undefined });
    expect(await world.distribute.execute({ activityId: activity.id })).toMatchObject({
      remoteDeliveries: 3,
    });
    expect(await deliverJobs()).toHaveLength(3);
  });

  it('reaches 2,345 remote followers behind 3 shared inboxes with 3 jobs, past every page and batch', async () => {
    const hosts = ['s0.example', 's1.example', 's2.example'];
    const followers: string[] = [];
    for (let n = 0; n < 2345; n += 1) {
      const host = hosts[n % hosts.length];
      const id = `https://${host}/users/u${n}`;
      await remotePerson(id, `${id}/inbox`, `https://${host}/inbox`);
      followers.push(id);
    }
    const { activity } = await world.note('alice', 'to the crowd');
    const crowd = (await deliverJobs()).filter((job) => hosts.includes(job.group ?? ''));
    expect(crowd.map((job) => job.payload.inbox).sort()).toEqual(
      hosts.map((host) => `https://${host}/inbox`),
    );
    const reached = crowd.flatMap((job) => job.payload.recipientIds as string[]);
    expect(reached.sort()).toEqual(followers.sort());
    expect(crowd.every((job) => job.payload.activityId === activity.id)).toBe(true);
  });

  it('hands each planned job to the transport once, through the runner', async () => {
    const { activity } = await world.note('alice', 'delivered');
    const transport = new RecordingDelivery();
    const runner = new DeliveryRunner(
      world.storage.jobs,
      transport,
      world.clock,
      new SeededRandom(3),
      world.logger,
    );
    expect(await runner.runDue('worker-1')).toBe(3);
    expect(transport.requests.map((request) => [request.activityId, request.host]).sort()).toEqual([
      [activity.id, 'ap.example'],
      [activity.id, 'far.example'],
      [activity.id, 'pump.example'],
    ]);
    expect(await world.storage.jobs.counts(DELIVER_QUEUE)).toEqual({ pending: 0, done: 3, failed: 0 });
  });
});
