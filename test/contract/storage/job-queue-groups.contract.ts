import type { JobLease } from '../../../src/application/ports/storage/job-queue.port';
import { expectDomainError } from './expect-domain-error';
import { type OpenTestStore, useTestStore } from './test-store';

const LEASE_MS = 30_000;

/**
 * The contract of JobQueue's groups, postpone, list and requeue (job-queue.port.ts): what the delivery runner
 * builds its per-host limits, breaker pauses and operations on.
 */
export function describeJobQueueGroupsContract(open: OpenTestStore): void {
  describe('JobQueue groups, postpone, list and requeue', () => {
    const store = useTestStore(open);
    const jobs = () => store().storage.jobs;
    const clock = () => store().clock;

    async function leaseOrFail(holder: string, options = {}): Promise<JobLease> {
      const lease = await jobs().lease('deliver', holder, LEASE_MS, options);
      if (lease === null) throw new Error(`Expected ${holder} to lease a job.`);
      return lease;
    }

    const enqueueIn = async (group: string | undefined, n: number) => {
      clock().advance(1);
      return jobs().enqueue({ queue: 'deliver', payload: { n }, group });
    };

    it('keeps the group of a job, and null without one', async () => {
      const grouped = await enqueueIn('a.example', 1);
      const plain = await enqueueIn(undefined, 2);
      expect((await jobs().findById(grouped))?.group).toBe('a.example');
      expect((await jobs().findById(plain))?.group).toBeNull();
    });

    it('caps the jobs of one group held at once, across holders, and frees a place when one settles', async () => {
      const a1 = await enqueueIn('a.example', 1);
      const a2 = await enqueueIn('a.example', 2);
      await enqueueIn('a.example', 3);
      const b1 = await enqueueIn('b.example', 4);
      const cap = { maxHeldPerGroup: 2 };
      const first = await leaseOrFail('worker-1', cap);
      const second = await leaseOrFail('worker-2', cap);
      expect([first.job.id, second.job.id]).toEqual([a1, a2]);
      expect((await leaseOrFail('worker-3', cap)).job.id).toBe(b1);
      expect(await jobs().lease('deliver', 'worker-4', LEASE_MS, cap)).toBeNull();
      await jobs().complete(first);
      expect((await leaseOrFail('worker-4', cap)).job.payload).toEqual({ n: 3 });
    });

    it('counts an expired lease as no longer held', async () => {
      await enqueueIn('a.example', 1);
      await enqueueIn('a.example', 2);
      await leaseOrFail('worker-1', { maxHeldPerGroup: 1 });
      expect(await jobs().lease('deliver', 'worker-2', LEASE_MS, { maxHeldPerGroup: 1 })).toBeNull();
      clock().advance(LEASE_MS + 1);
      expect(await jobs().lease('deliver', 'worker-2', LEASE_MS, { maxHeldPerGroup: 1 })).not.toBeNull();
    });

    it('passes over skipped groups but never jobs without a group', async () => {
      await enqueueIn('a.example', 1);
      const plain = await enqueueIn(undefined, 2);
      const b = await enqueueIn('b.example', 3);
      const skip = { skipGroups: ['a.example'], maxHeldPerGroup: 0 };
      expect((await leaseOrFail('worker-1', skip)).job.id).toBe(plain);
      expect(await jobs().lease('deliver', 'worker-2', LEASE_MS, skip)).toBeNull();
      expect((await leaseOrFail('worker-2', { skipGroups: ['a.example'] })).job.id).toBe(b);
    });

    it('postpones a job without counting the attempt, keeping the note, not due before runAt', async () => {
      const id = await enqueueIn('a.example', 1);
      const lease = await leaseOrFail('worker-1');
      expect(await jobs().postpone(lease, clock().later(60_000), 'no transport yet')).toBe(true);
      expect(await jobs().findById(id)).toMatchObject({
        state: 'pending',
        attempts: 0,
        lastError: 'no transport yet',
      });
      expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
      clock().advance(60_000);
      expect((await leaseOrFail('worker-2')).job).toMatchObject({ id, attempts: 1 });
      expect(await jobs().postpone(lease, clock().now(), 'stale')).toBe(false);
    });

    it('refuses to postpone to an invalid Date with invalid job.run-at-invalid', async () => {
      await enqueueIn('a.example', 1);
      const lease = await leaseOrFail('worker-1');
      await expectDomainError(
        jobs().postpone(lease, new Date(Number.NaN), 'x'),
        'invalid',
        'job.run-at-invalid',
      );
    });

    it('lists the jobs of a queue by state and group, earliest by runAt, at most limit of them', async () => {
      const late = await jobs().enqueue({
        queue: 'deliver',
        payload: {},
        group: 'a.example',
        runAt: clock().later(9_000),
      });
      const failed = await enqueueIn('a.example', 1);
      const other = await enqueueIn('b.example', 2);
      await jobs().enqueue({ queue: 'distribute', payload: {}, group: 'a.example' });
      await jobs().fail(await leaseOrFail('worker-1'), 'HTTP 410');
      const ids = (list: { id: string }[]) => list.map((job) => job.id);
      expect(ids(await jobs().list('deliver'))).toEqual([failed, other, late]);
      expect(ids(await jobs().list('deliver', { states: ['failed'] }))).toEqual([failed]);
      expect(ids(await jobs().list('deliver', { group: 'a.example' }))).toEqual([failed, late]);
      expect(ids(await jobs().list('deliver', { states: ['pending'], group: 'a.example' }))).toEqual([late]);
      expect(ids(await jobs().list('deliver', { limit: 1 }))).toEqual([failed]);
      expect((await jobs().list('deliver', { states: ['failed'] }))[0]).toMatchObject({
        state: 'failed',
        lastError: 'HTTP 410',
        attempts: 1,
        group: 'a.example',
      });
    });

    it('refuses a list limit that is not a whole number from 1 to 1000 with invalid job.limit-invalid', async () => {
      for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
        await expectDomainError(jobs().list('deliver', { limit }), 'invalid', 'job.limit-invalid');
      }
    });

    it('requeues one failed or waiting job by id: due now, no attempts, the last error kept', async () => {
      const id = await enqueueIn('a.example', 1);
      await jobs().fail(await leaseOrFail('worker-1'), 'HTTP 404');
      expect(await jobs().requeue('distribute', { id })).toBe(0);
      expect(await jobs().requeue('deliver', { id })).toBe(1);
      expect(await jobs().findById(id)).toMatchObject({
        state: 'pending',
        attempts: 0,
        lastError: 'HTTP 404',
        runAt: clock().now(),
      });
      await jobs().retry(await leaseOrFail('worker-2'), clock().later(3_600_000), 'HTTP 503');
      expect(await jobs().requeue('deliver', { id })).toBe(1);
      expect((await leaseOrFail('worker-3')).job).toMatchObject({ id, attempts: 1 });
    });

    it('requeues only the waiting jobs of a group with pendingOnly: dead letters and due jobs stay as they are', async () => {
      const failed = await enqueueIn('a.example', 1);
      const waiting = await enqueueIn('a.example', 2);
      const due = await enqueueIn('a.example', 3);
      const elsewhere = await enqueueIn('b.example', 4);
      const leases = [await leaseOrFail('w1'), await leaseOrFail('w2'), await leaseOrFail('w3')];
      const elsewhereLease = await leaseOrFail('w4');
      await jobs().fail(leases[0], 'HTTP 500');
      await jobs().retry(leases[1], clock().later(86_400_000), 'timeout');
      await jobs().retry(leases[2], clock().now(), 'timeout');
      await jobs().retry(elsewhereLease, clock().later(86_400_000), 'timeout');
      expect(await jobs().requeue('deliver', { group: 'a.example', pendingOnly: true })).toBe(1);
      expect(await jobs().findById(waiting)).toMatchObject({
        state: 'pending',
        runAt: clock().now(),
        attempts: 0,
      });
      expect(await jobs().findById(failed)).toMatchObject({ state: 'failed', attempts: 1 });
      expect(await jobs().findById(due)).toMatchObject({ state: 'pending', attempts: 1 });
      expect(await jobs().findById(elsewhere)).toMatchObject({ runAt: clock().later(86_400_000) });
    });

    it('requeues the failed and waiting jobs of a group, leaving held, done and other groups alone', async () => {
      const failed = await enqueueIn('a.example', 1);
      const done = await enqueueIn('a.example', 2);
      const held = await enqueueIn('a.example', 3);
      const waiting = await enqueueIn('a.example', 4);
      const elsewhere = await enqueueIn('b.example', 5);
      await jobs().fail(await leaseOrFail('w1'), 'HTTP 500');
      await jobs().complete(await leaseOrFail('w2'));
      const heldLease = await leaseOrFail('w3');
      await jobs().retry(await leaseOrFail('w4'), clock().later(86_400_000), 'timeout');
      await jobs().fail(await leaseOrFail('w5'), 'HTTP 500');
      expect(await jobs().requeue('deliver', { group: 'a.example' })).toBe(2);
      expect(await jobs().findById(failed)).toMatchObject({ state: 'pending', attempts: 0 });
      expect(await jobs().findById(waiting)).toMatchObject({ state: 'pending', runAt: clock().now() });
      expect((await jobs().findById(done))?.state).toBe('done');
      expect(await jobs().findById(held)).toMatchObject({ state: 'pending', attempts: 1 });
      expect((await jobs().findById(elsewhere))?.state).toBe('failed');
      expect(await jobs().complete(heldLease)).toBe(true);
      expect(await jobs().requeue('deliver', { id: 'no-such-job' })).toBe(0);
    });
  });
}
