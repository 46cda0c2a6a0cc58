import { deliveryJob, DELIVER_QUEUE } from '../../../../src/application/delivery/delivery-jobs';
import {
  DeliveryRunner,
  type DeliveryRunnerOptions,
} from '../../../../src/application/delivery/delivery-runner';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import type { Logger } from '../../../../src/application/ports/logger.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { planDeliveries } from '../../../../src/domain/delivery/delivery-planner';
import { FakeClock } from '../../../support/fake-clock';
import { RecordingDelivery } from '../../../support/recording-delivery';
import { SeededRandom } from '../../../support/seeded-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HOLDER = 'worker-1';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

let clock: FakeClock;
let storage: Storage;
let transport: RecordingDelivery;
let runner: DeliveryRunner;

function makeRunner(options: DeliveryRunnerOptions = {}): DeliveryRunner {
  return new DeliveryRunner(storage.jobs, transport, clock, new SeededRandom(11), silent, undefined, options);
}

beforeEach(() => {
  clock = new FakeClock();
  storage = createMemoryStorage({ clock });
  transport = new RecordingDelivery();
  runner = makeRunner();
});

afterEach(() => storage.close());

let activities = 0;

/** Queues the delivery of a new activity to one person's inbox on `host`; answers the job id. */
async function queueDeliveryTo(host: string, person = 'someone'): Promise<string> {
  activities += 1;
  const recipient = {
    id: `https://${host}/${person}`,
    address: { inbox: `https://${host}/${person}/inbox` },
  };
  const [delivery] = planDeliveries(`https://home.example/api/activity/${activities}`, [
    recipient,
  ]).deliveries;
  return storage.jobs.enqueue(deliveryJob(delivery));
}

const job = async (id: string) => (await storage.jobs.findById(id))!;

/** Runs the runner every `stepMs` of fake time until `until` has passed; answers how many jobs it took. */
async function runFor(untilMs: number, stepMs = 5 * MINUTE): Promise<number> {
  const end = clock.now().getTime() + untilMs;
  let taken = 0;
  while (clock.now().getTime() < end) {
    taken += await runner.runDue(HOLDER);
    clock.advance(stepMs);
  }
  return taken;
}

/** Waits, without sleeping, for `condition` to hold; fails after a generous deadline. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('DeliveryRunner against the recording transport and a fake clock', () => {
  it('delivers a planned job once, with its inbox and recipients, and completes it', async () => {
    const id = await queueDeliveryTo('r.example', 'ann');
    expect(await runner.runDue(HOLDER)).toBe(1);
    expect(transport.requests).toEqual([
      {
        activityId: expect.stringMatching(/^https:\/\/home\.example\//),
        inbox: 'https://r.example/ann/inbox',
        host: 'r.example',
        recipientIds: ['https://r.example/ann'],
      },
    ]);
    expect(await job(id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(await runner.runDue(HOLDER)).toBe(0);
  });

  it('retries a failing host for more than 3 days, 16 attempts in all, then keeps a dead letter', async () => {
    transport.answer('down.example', { answer: 'status', status: 503 });
    const id = await queueDeliveryTo('down.example');
    await runFor(72 * HOUR);
    expect(await job(id)).toMatchObject({ state: 'pending', lastError: 'HTTP 503' });
    await runFor(2 * DAY);
    expect(transport.requestsTo('down.example')).toHaveLength(16);
    expect(await job(id)).toMatchObject({
      state: 'failed',
      attempts: 16,
      lastError: 'HTTP 503: gave up after 16 attempts',
    });
    expect((await storage.jobs.list(DELIVER_QUEUE, { states: ['failed'] })).map((dead) => dead.id)).toEqual([
      id,
    ]);
  });

  it('does not retry before the Retry-After the receiver asked for', async () => {
    transport.answer('busy.example', { answer: 'status', status: 429, retryAfter: '7200' });
    const id = await queueDeliveryTo('busy.example');
    await runner.runDue(HOLDER);
    expect((await job(id)).runAt.getTime()).toBeGreaterThanOrEqual(clock.later(2 * HOUR).getTime());
    transport.answer('busy.example', { answer: 'deliver' });
    clock.advance(2 * HOUR - 1);
    expect(await runner.runDue(HOLDER)).toBe(0);
    clock.advance(1);
    await runner.runDue(HOLDER);
    expect(await job(id)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it.each([
    [{ answer: 'status', status: 400 }, 'HTTP 400'],
    [{ answer: 'status', status: 401 }, 'HTTP 401'],
    [{ answer: 'status', status: 403 }, 'HTTP 403'],
    [{ answer: 'status', status: 404 }, 'HTTP 404'],
    [{ answer: 'status', status: 410 }, 'HTTP 410'],
    [{ answer: 'network', reason: 'host-not-found' }, 'host not found'],
  ] as const)('does not retry a permanent failure (%o): a dead letter at once', async (behaviour, error) => {
    transport.answer('gone.example', behaviour);
    const id = await queueDeliveryTo('gone.example');
    await runFor(4 * DAY, HOUR);
    expect(transport.requestsTo('gone.example')).toHaveLength(1);
    expect(await job(id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: `${error}: permanent, not retried`,
    });
  });

  it('pauses a host after 5 failures in a row, probes it once after the pause, and closes on success', async () => {
    runner = makeRunner({ perHostLimit: 1 });
    transport.answer('flaky.example', { answer: 'status', status: 500 });
    const ids: string[] = [];
    for (let n = 0; n < 6; n += 1) ids.push(await queueDeliveryTo('flaky.example', `p${n}`));
    const elsewhere = await queueDeliveryTo('fine.example');
    await runner.runDue(HOLDER);
    expect(transport.requestsTo('flaky.example')).toHaveLength(5);
    expect((await job(ids[5])).attempts).toBe(0);
    expect((await job(elsewhere)).state).toBe('done');

    // Paused for 5 minutes: due retries are not attempted; after the pause one probe goes, and fails.
    clock.advance(4 * MINUTE);
    await runner.runDue(HOLDER);
    expect(transport.requestsTo('flaky.example')).toHaveLength(5);
    clock.advance(MINUTE);
    await runner.runDue(HOLDER);
    expect(transport.requestsTo('flaky.example')).toHaveLength(6);
    // The failed probe pauses the host again, for twice as long.
    clock.advance(9 * MINUTE);
    await runner.runDue(HOLDER);
    expect(transport.requestsTo('flaky.example')).toHaveLength(6);

    transport.answer('flaky.example', { answer: 'deliver' });
    clock.advance(MINUTE);
    await runner.runDue(HOLDER);
    // The probe succeeded, the circuit closed, and every job that was due went out in the same run.
    for (const id of ids) expect((await job(id)).state).toBe('done');
    expect(runner.breakers.blockedHosts(clock.now())).toEqual([]);
  });

  it('sends the backlog of a host that was down as soon as one delivery to it gets through, dead letters aside', async () => {
    // Another process saw the host fail: three deliveries wait for retries 10 hours away, one is a dead letter.
    const backlog: string[] = [];
    for (let n = 0; n < 3; n += 1) backlog.push(await queueDeliveryTo('away.example', `p${n}`));
    const dead = await queueDeliveryTo('away.example', 'dead');
    for (let n = 0; n < 3; n += 1) {
      await storage.jobs.retry(
        (await storage.jobs.lease(DELIVER_QUEUE, 'other', MINUTE))!,
        clock.later(10 * HOUR),
        'HTTP 503',
      );
    }
    await storage.jobs.fail(
      (await storage.jobs.lease(DELIVER_QUEUE, 'other', MINUTE))!,
      'HTTP 410: permanent',
    );

    const fresh = await queueDeliveryTo('away.example', 'fresh');
    await runner.runDue(HOLDER);
    expect((await job(fresh)).state).toBe('done');
    for (const id of backlog) expect(await job(id)).toMatchObject({ state: 'done', attempts: 1 });
    expect((await job(dead)).state).toBe('failed');
    expect(transport.requestsTo('away.example')).toHaveLength(4);
  });

  it('pauses a host for the Retry-After of its 503, without counting attempts of jobs that wait', async () => {
    transport.answer('slow.example', { answer: 'status', status: 503, retryAfter: '3600' });
    const first = await queueDeliveryTo('slow.example', 'a');
    await runner.runDue(HOLDER);
    const second = await queueDeliveryTo('slow.example', 'b');
    clock.advance(30 * MINUTE);
    await runner.runDue(HOLDER);
    expect(transport.requestsTo('slow.example')).toHaveLength(1);
    expect((await job(second)).attempts).toBe(0);
    transport.answer('slow.example', { answer: 'deliver' });
    clock.advance(30 * MINUTE);
    await runner.runDue(HOLDER);
    expect((await job(first)).state).toBe('done');
    expect((await job(second)).state).toBe('done');
  });

  it('holds at most 2 deliveries per host at once while other hosts go on', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      ids.push(await queueDeliveryTo('a.example', `p${n}`), await queueDeliveryTo('b.example', `p${n}`));
    }
    transport.hold('a.example');
    transport.hold('b.example');
    const run = runner.runDue(HOLDER);
    await waitFor(
      () => transport.inFlightTo('a.example') === 2 && transport.inFlightTo('b.example') === 2,
      '4 in flight',
    );
    expect(transport.requests).toHaveLength(4);
    transport.release('a.example');
    transport.release('b.example');
    expect(await run).toBe(10);
    expect(transport.mostInFlightTo('a.example')).toBe(2);
    expect(transport.mostInFlightTo('b.example')).toBe(2);
    for (const id of ids) expect((await job(id)).state).toBe('done');
  });

  it('takes over a job whose worker died once its lease expires, and delivers it once', async () => {
    const id = await queueDeliveryTo('r.example');
    const died = await storage.jobs.lease(DELIVER_QUEUE, 'worker-that-died', 2 * MINUTE);
    expect(died?.job.id).toBe(id);
    expect(await runner.runDue(HOLDER)).toBe(0);
    clock.advance(2 * MINUTE);
    expect(await runner.runDue(HOLDER)).toBe(1);
    expect(transport.requests).toHaveLength(1);
    expect(await job(id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(await storage.jobs.complete(died!)).toBe(false);
  });

  it('keeps a delivery the transport did not send queued, without counting attempts, until it can go', async () => {
    transport.answer('r.example', { answer: 'not-sent', reason: 'no transport yet' });
    const id = await queueDeliveryTo('r.example');
    await runFor(10 * DAY, HOUR);
    expect(await job(id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      lastError: 'not sent: no transport yet',
    });
    transport.answer('r.example', { answer: 'deliver' });
    await runFor(HOUR + MINUTE, MINUTE);
    expect(await job(id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('fails a job with a malformed payload at once', async () => {
    const id = await storage.jobs.enqueue({ queue: DELIVER_QUEUE, payload: { activityId: 'x' } });
    await runner.runDue(HOLDER);
    expect(await job(id)).toMatchObject({ state: 'failed' });
    expect(transport.requests).toEqual([]);
  });

  it('takes a thrown transport error as a failure that may pass', async () => {
    const id = await queueDeliveryTo('r.example');
    const throwing = new DeliveryRunner(
      storage.jobs,
      { deliver: () => Promise.reject(new Error('socket hang up')) },
      clock,
      new SeededRandom(1),
      silent,
    );
    await throwing.runDue(HOLDER);
    expect(await job(id)).toMatchObject({ state: 'pending', lastError: 'other: socket hang up' });
  });
});
