import { RefreshRemoteObject } from '../../../../src/application/federation/refresh-remote-object.use-case';
import { REMOTE_OBJECT_QUEUE } from '../../../../src/application/federation/remote-object-jobs';
import { RemoteObjectRunner } from '../../../../src/application/federation/remote-object-runner';
import { REMOTE_COPY_FRESH_MS } from '../../../../src/domain/federation/remote-copy';
import { PostingWorld, site } from '../activities/posting-world';
import { FakeRemoteObjects } from './remote-object-fakes';

const BOB = 'acct:bob@b.test';
const bobProfile = (extra: Record<string, unknown> = {}) => ({
  id: BOB,
  objectType: 'person',
  displayName: 'Bob <b>Builder</b>',
  preferredUsername: 'bob',
  image: { url: 'https://b.test/avatar/bob.png' },
  links: { 'activity-inbox': { href: 'https://b.test/api/user/bob/inbox' } },
  ...extra,
});

let world: PostingWorld;
let remote: FakeRemoteObjects;
let refresh: RefreshRemoteObject;
let runner: RemoteObjectRunner;

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice');
  remote = new FakeRemoteObjects();
  refresh = new RefreshRemoteObject(world.storage, remote, site, world.clock, world.sanitizer, world.logger);
  runner = new RemoteObjectRunner(world.storage.jobs, refresh, world.clock, world.logger);
});

const fetchJobs = () => world.storage.jobs.list(REMOTE_OBJECT_QUEUE);
const follow = (id: string) => world.act('alice', { verb: 'follow', object: { objectType: 'person', id } });

describe('a follow of a person known only by reference plans the fetch of their profile', () => {
  it('queues one durable fetch job in the same unit of work as the follow', async () => {
    await follow(BOB);
    expect((await fetchJobs()).map((job) => [job.payload, job.group, job.state])).toEqual([
      [{ id: BOB }, 'b.test', 'pending'],
    ]);
    // What the client said about bob is not stored: a bare reference until his server says more.
    expect(await world.storage.objects.findById(BOB)).toMatchObject({ id: BOB, objectType: 'person' });
    expect(await world.storage.objects.findById(BOB)).not.toHaveProperty('displayName');
  });

  it('plans nothing for a local person', async () => {
    await world.register('carol');
    await follow(site.personId('carol'));
    expect(await fetchJobs()).toEqual([]);
  });

  it('plans one fetch however many activities name the same person on the same day', async () => {
    await follow(BOB);
    await world.act('alice', { verb: 'stop-following', object: { objectType: 'person', id: BOB } });
    await follow(BOB);
    expect(await fetchJobs()).toHaveLength(1);
  });
});

describe('RefreshRemoteObject', () => {
  it('saves the profile its own server answers, scrubbed, with provenance', async () => {
    await follow(BOB);
    const stored = await world.storage.objects.findById(BOB);
    remote.answer(BOB, { outcome: 'found', object: bobProfile({ _uuid: 'planted' }) });

    expect(await runner.runDue('worker')).toBe(1);

    expect(remote.asked).toEqual([BOB]);
    const saved = await world.storage.objects.findById(BOB);
    expect(saved).toMatchObject({
      displayName: 'Bob Builder',
      image: { url: 'https://b.test/avatar/bob.png' },
      _origin: 'b.test',
      _fetched: '2026-01-01T00:00:00Z',
      _uuid: stored?._uuid,
    });
    expect((await fetchJobs())[0].state).toBe('done');
  });

  it('does not save an answer whose id is on another host (no planting), and does not ask again', async () => {
    await follow(BOB);
    remote.answer(BOB, { outcome: 'found', object: bobProfile({ id: 'acct:bob@evil.test' }) });
    await runner.runDue('worker');
    expect(await world.storage.objects.findById(BOB)).not.toHaveProperty('displayName');
    expect(await world.storage.objects.findById('acct:bob@evil.test')).toBeNull();
    expect((await fetchJobs())[0].state).toBe('done');
  });

  it('never fetches or overwrites a local object', async () => {
    const alice = site.personId('alice');
    expect(await refresh.execute({ id: alice })).toEqual({ outcome: 'fresh' });
    expect(remote.asked).toEqual([]);
  });

  it('fetches again only once the copy is a day old, and keeps a newer copy over an older answer', async () => {
    remote.answer(BOB, { outcome: 'found', object: bobProfile({ updated: '2026-01-01T00:00:00Z' }) });
    expect(await refresh.execute({ id: BOB })).toEqual({ outcome: 'saved' });
    world.clock.advance(REMOTE_COPY_FRESH_MS - 1000);
    expect(await refresh.execute({ id: BOB })).toEqual({ outcome: 'fresh' });
    expect(remote.asked).toHaveLength(1);

    world.clock.advance(1000);
    remote.answer(BOB, {
      outcome: 'found',
      object: bobProfile({ updated: '2025-12-01T00:00:00Z', displayName: 'Old' }),
    });
    expect(await refresh.execute({ id: BOB })).toEqual({ outcome: 'refused', reason: 'older' });
    expect(await world.storage.objects.findById(BOB)).toMatchObject({ displayName: 'Bob Builder' });
  });
});

describe('RemoteObjectRunner', () => {
  it('puts a fetch whose server is unavailable back with a growing backoff, then gives up', async () => {
    await follow(BOB);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const before = world.clock.now().getTime();
      expect(await runner.runDue('worker')).toBe(1);
      // Not due again right away: no tight loop.
      expect(await runner.runDue('worker')).toBe(0);
      const [job] = await fetchJobs();
      if (job.state !== 'pending') break;
      delays.push(job.runAt.getTime() - before);
      world.clock.set(job.runAt);
    }
    expect(delays.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(delays.every((delay) => delay <= 6 * 60 * 60_000)).toBe(true);
    world.clock.advance(7 * 60 * 60_000);
    await runner.runDue('worker');
    const [job] = await fetchJobs();
    expect(job.state).toBe('failed');
    expect(job.lastError).toBe('nobody answers');
    expect(remote.asked.length).toBeGreaterThanOrEqual(8);
  });

  it('completes a not-found fetch, leaving the reference as it was', async () => {
    await follow(BOB);
    remote.answer(BOB, { outcome: 'not-found' });
    await runner.runDue('worker');
    expect((await fetchJobs())[0].state).toBe('done');
  });
});
