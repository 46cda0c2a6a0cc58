import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { DELIVER_QUEUE, deliveryJob } from '../../../../src/application/delivery/delivery-jobs';
import { ListDeliveries, RequeueDeliveries } from '../../../../src/application/delivery/delivery-operations';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { planDeliveries } from '../../../../src/domain/delivery/delivery-planner';
import { FakeClock } from '../../../support/fake-clock';

let clock: FakeClock;
let storage: Storage;

beforeEach(() => {
  clock = new FakeClock();
  storage = createMemoryStorage({ clock });
});
afterEach(() => storage.close());

async function queue(host: string, name: string): Promise<string> {
  const recipient = { id: `https://${host}/${name}`, address: { inbox: `https://${host}/${name}/inbox` } };
  const [delivery] = planDeliveries(`https://home.example/a/${name}`, [recipient]).deliveries;
  return storage.jobs.enqueue(deliveryJob(delivery));
}

async function settleNext(how: 'fail' | 'retry' | 'complete'): Promise<void> {
  const lease = (await storage.jobs.lease(DELIVER_QUEUE, 'w', 60_000))!;
  if (how === 'fail') await storage.jobs.fail(lease, 'HTTP 410: permanent, not retried');
  else if (how === 'retry') await storage.jobs.retry(lease, clock.later(3_600_000), 'HTTP 503');
  else await storage.jobs.complete(lease);
}

describe('ListDeliveries and RequeueDeliveries', () => {
  it('lists queued, retrying and dead deliveries with their last error, not the done ones', async () => {
    const dead = await queue('gone.example', 'a');
    const retrying = await queue('busy.example', 'b');
    await queue('ok.example', 'c');
    const queued = await queue('busy.example', 'd');
    await settleNext('fail');
    await settleNext('retry');
    await settleNext('complete');
    const list = await new ListDeliveries(storage.jobs).execute();
    expect(list.map((view) => [view.id, view.status, view.host, view.attempts, view.lastError])).toEqual([
      [dead, 'dead', 'gone.example', 1, 'HTTP 410: permanent, not retried'],
      [queued, 'queued', 'busy.example', 0, null],
      [retrying, 'retrying', 'busy.example', 1, 'HTTP 503'],
    ]);
    expect(list[0]).toMatchObject({
      inbox: 'https://gone.example/a/inbox',
      recipients: 1,
      nextAttempt: null,
    });
    expect((await new ListDeliveries(storage.jobs).execute({ failedOnly: true })).map((v) => v.id)).toEqual([
      dead,
    ]);
    expect(
      (await new ListDeliveries(storage.jobs).execute({ host: 'BUSY.example' })).map((v) => v.id),
    ).toEqual([queued, retrying]);
  });

  it('requeues one delivery by id, or every waiting and dead delivery to a host', async () => {
    const dead = await queue('gone.example', 'a');
    const retrying = await queue('gone.example', 'b');
    await settleNext('fail');
    await settleNext('retry');
    const requeue = new RequeueDeliveries(storage.jobs);
    expect(await requeue.execute({ id: dead })).toBe(1);
    expect(await storage.jobs.findById(dead)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await requeue.execute({ host: ' Gone.Example ' })).toBe(2);
    expect(await storage.jobs.findById(retrying)).toMatchObject({ state: 'pending', runAt: clock.now() });
    expect(await requeue.execute({ host: 'nowhere.example' })).toBe(0);
  });
});
