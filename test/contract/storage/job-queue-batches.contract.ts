import type { NewJob } from '../../../src/application/ports/storage/job-queue.port';
import { expectDomainError } from './expect-domain-error';
import { type OpenTestStore, useTestStore } from './test-store';

/**
 * The contract of JobQueue's `enqueueMany` (job-queue.port.ts): `enqueue` of each job in order, all or none,
 * which is how a post queues its deliveries (one job per remote inbox) in one step.
 */
export function describeJobQueueBatchesContract(open: OpenTestStore): void {
  describe('JobQueue enqueueMany', () => {
    const store = useTestStore(open);
    const jobs = () => store().storage.jobs;
    const clock = () => store().clock;

    const delivery = (n: number, extra: Partial<NewJob> = {}): NewJob => ({
      queue: 'deliver',
      payload: { n, inbox: `https://h${n}.example/inbox` },
      dedupeKey: `activity-1 https://h${n}.example/inbox`,
      group: `h${n}.example`,
      ...extra,
    });

    it('stores every job as enqueue would, answering the ids in the order given', async () => {
      const ids = await jobs().enqueueMany([delivery(1), delivery(2), delivery(3)]);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      const stored = await Promise.all(ids.map((id) => jobs().findById(id)));
      expect(stored.map((job) => [job?.payload, job?.group, job?.state, job?.runAt])).toStrictEqual(
        [1, 2, 3].map((n) => [
          { n, inbox: `https://h${n}.example/inbox` },
          `h${n}.example`,
          'pending',
          clock().now(),
        ]),
      );
    });

    it('answers an empty list for no jobs, and stores nothing', async () => {
      expect(await jobs().enqueueMany([])).toStrictEqual([]);
      expect(await jobs().counts('deliver')).toStrictEqual({ pending: 0, done: 0, failed: 0 });
    });

    it('keeps one job per dedupe key, across calls and within one list, answering the first id', async () => {
      const [first] = await jobs().enqueueMany([delivery(1)]);
      const ids = await jobs().enqueueMany([
        delivery(1, { payload: { n: 'again' } }),
        delivery(2),
        delivery(2, { payload: { n: 'twice' } }),
      ]);
      expect(ids[0]).toBe(first);
      expect(ids[2]).toBe(ids[1]);
      expect((await jobs().findById(first))?.payload).toEqual({ n: 1, inbox: 'https://h1.example/inbox' });
      expect((await jobs().findById(ids[1]))?.payload).toEqual({ n: 2, inbox: 'https://h2.example/inbox' });
      expect(await jobs().counts('deliver')).toStrictEqual({ pending: 2, done: 0, failed: 0 });
    });

    it('stores none of the jobs when one has a runAt that is not a valid Date', async () => {
      await expectDomainError(
        jobs().enqueueMany([delivery(1), delivery(2, { runAt: new Date(Number.NaN) }), delivery(3)]),
        'invalid',
        'job.run-at-invalid',
      );
      expect(await jobs().counts('deliver')).toStrictEqual({ pending: 0, done: 0, failed: 0 });
    });

    it('hands the jobs out in the order given when they are due at the same time', async () => {
      await jobs().enqueueMany([delivery(3), delivery(1), delivery(2)]);
      const order = [];
      for (let n = 0; n < 3; n += 1) {
        const lease = await jobs().lease('deliver', 'worker-1', 30_000);
        order.push(lease?.job.payload.n);
      }
      expect(order).toStrictEqual([3, 1, 2]);
    });

    it('rolls back with the unit of work it ran in', async () => {
      await expect(
        store().storage.run(async (tx) => {
          await tx.jobs.enqueueMany([delivery(1), delivery(2)]);
          throw new Error('the rest of the work failed');
        }),
      ).rejects.toThrow('the rest of the work failed');
      expect(await jobs().counts('deliver')).toStrictEqual({ pending: 0, done: 0, failed: 0 });
    });
  });
}
