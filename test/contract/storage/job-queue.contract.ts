import type { JobLease } from '../../../src/application/ports/storage/job-queue.port';
import { expectDomainError } from './expect-domain-error';
import { type OpenTestStore, useTestStore } from './test-store';

const LEASE_MS = 30_000;

/** The contract of JobQueue (job-queue.port.ts), for any adapter; time moves only with the fake clock. */
export function describeJobQueueContract(open: OpenTestStore): void {
  describe('JobQueue', () => {
    const store = useTestStore(open);
    const jobs = () => store().storage.jobs;
    const clock = () => store().clock;

    async function leaseOrFail(holder = 'worker-1', queue = 'deliver'): Promise<JobLease> {
      const lease = await jobs().lease(queue, holder, LEASE_MS);
      if (lease === null) throw new Error(`Expected ${holder} to lease a job of ${queue}.`);
      return lease;
    }

    describe('enqueue', () => {
      it('stores a pending job, due now by default, with its payload deeply equal', async () => {
        const payload = {
          activity: 'https://example.test/api/activity/1',
          inbox: 'https://r.example/i',
          n: [1, { ü: null }],
        };
        const id = await jobs().enqueue({ queue: 'deliver', payload });
        const job = await jobs().findById(id);
        for (const time of [job?.runAt, job?.created, job?.updated]) expect(time).toBeInstanceOf(Date);
        expect(job).toStrictEqual({
          id,
          queue: 'deliver',
          payload,
          group: null,
          state: 'pending',
          runAt: clock().now(),
          attempts: 0,
          lastError: null,
          created: clock().now(),
          updated: clock().now(),
        });
      });

      it('refuses a runAt that is not a valid Date with invalid job.run-at-invalid, storing nothing', async () => {
        const bad = [
          new Date(Number.NaN),
          '2026-01-01' as unknown as Date,
          1_700_000_000_000 as unknown as Date,
        ];
        for (const runAt of bad) {
          await expectDomainError(
            jobs().enqueue({ queue: 'deliver', payload: {}, runAt }),
            'invalid',
            'job.run-at-invalid',
          );
        }
        expect(await jobs().counts('deliver')).toStrictEqual({ pending: 0, done: 0, failed: 0 });
      });

      it('gives every job its own id, and answers null for an unknown one', async () => {
        const ids = await Promise.all(
          [1, 2, 3].map((n) => jobs().enqueue({ queue: 'deliver', payload: { n } })),
        );
        expect(new Set(ids).size).toBe(3);
        expect(await jobs().findById('no-such-job')).toBeNull();
      });

      it('keeps one job per dedupe key in a queue, whatever its state, answering the first id', async () => {
        const first = await jobs().enqueue({
          queue: 'distribute',
          payload: { n: 1 },
          dedupeKey: 'activity-1',
        });
        expect(
          await jobs().enqueue({ queue: 'distribute', payload: { n: 2 }, dedupeKey: 'activity-1' }),
        ).toBe(first);
        await jobs().complete(await leaseOrFail('worker-1', 'distribute'));
        expect(
          await jobs().enqueue({ queue: 'distribute', payload: { n: 3 }, dedupeKey: 'activity-1' }),
        ).toBe(first);
        expect((await jobs().findById(first))?.payload).toEqual({ n: 1 });
        expect(await jobs().counts('distribute')).toEqual({ pending: 0, done: 1, failed: 0 });
      });

      it('scopes dedupe keys to their queue', async () => {
        const distribute = await jobs().enqueue({ queue: 'distribute', payload: {}, dedupeKey: 'k' });
        const deliver = await jobs().enqueue({ queue: 'deliver', payload: {}, dedupeKey: 'k' });
        expect(deliver).not.toBe(distribute);
      });

      it('creates one job for concurrent enqueues with the same dedupe key', async () => {
        const ids = await Promise.all(
          [1, 2, 3, 4].map((n) => jobs().enqueue({ queue: 'distribute', payload: { n }, dedupeKey: 'k' })),
        );
        expect(new Set(ids).size).toBe(1);
        expect(await jobs().counts('distribute')).toEqual({ pending: 1, done: 0, failed: 0 });
      });
    });

    describe('lease', () => {
      it('hands out the due job earliest by runAt, then by creation', async () => {
        const start = clock().now().getTime();
        const at = (seconds: number) => new Date(start + seconds * 1000);
        const late = await jobs().enqueue({ queue: 'deliver', payload: { name: 'late' }, runAt: at(30) });
        clock().advance(1);
        const soonFirst = await jobs().enqueue({
          queue: 'deliver',
          payload: { name: 'soon 1' },
          runAt: at(10),
        });
        clock().advance(1);
        const now = await jobs().enqueue({ queue: 'deliver', payload: { name: 'now' } });
        clock().advance(1);
        const soonSecond = await jobs().enqueue({
          queue: 'deliver',
          payload: { name: 'soon 2' },
          runAt: at(10),
        });
        clock().advance(60_000);
        const order: string[] = [];
        for (let n = 0; n < 4; n += 1) order.push((await leaseOrFail(`worker-${n}`)).job.id);
        expect(order).toEqual([now, soonFirst, soonSecond, late]);
        expect(await jobs().lease('deliver', 'worker-5', LEASE_MS)).toBeNull();
      });

      it('orders jobs with the same runAt by creation even when the clock did not move', async () => {
        const runAt = clock().now();
        const ids: string[] = [];
        for (let n = 0; n < 5; n += 1)
          ids.push(await jobs().enqueue({ queue: 'deliver', payload: { n }, runAt }));
        const order: string[] = [];
        for (let n = 0; n < 5; n += 1) order.push((await leaseOrFail(`worker-${n}`)).job.id);
        expect(order).toEqual(ids);
      });

      it('keeps creation order after a unit of work that settled the first job was rolled back', async () => {
        const runAt = clock().now();
        const first = await jobs().enqueue({ queue: 'deliver', payload: { n: 1 }, runAt });
        const second = await jobs().enqueue({ queue: 'deliver', payload: { n: 2 }, runAt });
        const failure = new Error('rolled back');
        await expect(
          store().storage.run(async (tx) => {
            const lease = await tx.jobs.lease('deliver', 'worker-1', LEASE_MS);
            if (lease !== null) await tx.jobs.complete(lease);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect((await leaseOrFail('worker-2')).job.id).toBe(first);
        expect((await leaseOrFail('worker-3')).job.id).toBe(second);
      });

      it('answers null when no job of the queue is due', async () => {
        expect(await jobs().lease('deliver', 'worker-1', LEASE_MS)).toBeNull();
        await jobs().enqueue({ queue: 'deliver', payload: {}, runAt: clock().later(5_000) });
        expect(await jobs().lease('deliver', 'worker-1', LEASE_MS)).toBeNull();
        clock().advance(5_001);
        expect(await jobs().lease('deliver', 'worker-1', LEASE_MS)).not.toBeNull();
      });

      it('hands out only jobs of the queue asked for', async () => {
        await jobs().enqueue({ queue: 'distribute', payload: {} });
        expect(await jobs().lease('deliver', 'worker-1', LEASE_MS)).toBeNull();
        expect((await leaseOrFail('worker-1', 'distribute')).job.queue).toBe('distribute');
      });

      it('names the holder, expires leaseMs from now, counts an attempt and carries the job', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: { inbox: 'https://r.example/i' } });
        const lease = await leaseOrFail('worker-7');
        expect(lease.holder).toBe('worker-7');
        expect(lease.expiresAt).toEqual(clock().later(LEASE_MS));
        for (const time of [lease.expiresAt, lease.job.runAt, lease.job.created, lease.job.updated]) {
          expect(time).toBeInstanceOf(Date);
        }
        expect(lease.job).toMatchObject({
          id,
          state: 'pending',
          attempts: 1,
          payload: { inbox: 'https://r.example/i' },
        });
        expect((await jobs().findById(id))?.attempts).toBe(1);
      });

      it('does not hand out a held job again until its lease expires', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const first = await leaseOrFail('worker-1');
        expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
        clock().advance(LEASE_MS - 1);
        expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
        clock().advance(2);
        const second = await leaseOrFail('worker-2');
        expect(second.job.id).toBe(id);
        expect(second.leaseId).not.toBe(first.leaseId);
        expect(second.job.attempts).toBe(2);
      });

      it('hands one job to exactly one of several concurrent holders', async () => {
        await jobs().enqueue({ queue: 'deliver', payload: {} });
        const leases = await Promise.all(
          [1, 2, 3, 4, 5].map((n) => jobs().lease('deliver', `worker-${n}`, LEASE_MS)),
        );
        expect(leases.filter((lease) => lease !== null)).toHaveLength(1);
      });

      it('hands distinct jobs to concurrent holders when there are enough', async () => {
        for (let n = 0; n < 3; n += 1) await jobs().enqueue({ queue: 'deliver', payload: { n } });
        const leases = await Promise.all(
          [1, 2, 3, 4].map((n) => jobs().lease('deliver', `worker-${n}`, LEASE_MS)),
        );
        const held = leases.filter((lease): lease is JobLease => lease !== null).map((lease) => lease.job.id);
        expect(new Set(held).size).toBe(3);
      });
    });

    describe('settling a lease', () => {
      it('completes a job, for good', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        expect(await jobs().complete(await leaseOrFail())).toBe(true);
        expect((await jobs().findById(id))?.state).toBe('done');
        clock().advance(10 * LEASE_MS);
        expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
      });

      it('retries a job: pending again at runAt, the error kept, not due before then', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const runAt = clock().later(3_600_000);
        expect(await jobs().retry(await leaseOrFail(), runAt, 'HTTP 503 from r.example')).toBe(true);
        expect(await jobs().findById(id)).toMatchObject({
          state: 'pending',
          runAt,
          lastError: 'HTTP 503 from r.example',
        });
        clock().advance(3_599_999);
        expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
        clock().advance(1);
        expect((await leaseOrFail('worker-2')).job).toMatchObject({ id, attempts: 2 });
      });

      it('fails a job for good, keeping the error', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        expect(await jobs().fail(await leaseOrFail(), 'HTTP 410 Gone')).toBe(true);
        expect(await jobs().findById(id)).toMatchObject({ state: 'failed', lastError: 'HTTP 410 Gone' });
        clock().advance(10 * LEASE_MS);
        expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
      });

      it('refuses complete, retry and fail with a lease that expired and was taken over', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const stale = await leaseOrFail('worker-1');
        clock().advance(LEASE_MS + 1);
        const current = await leaseOrFail('worker-2');
        expect(await jobs().complete(stale)).toBe(false);
        expect(await jobs().retry(stale, clock().later(1_000), 'late')).toBe(false);
        expect(await jobs().fail(stale, 'late')).toBe(false);
        expect(await jobs().release(stale)).toBe(false);
        expect(await jobs().findById(id)).toMatchObject({ state: 'pending', attempts: 2, lastError: null });
        expect(await jobs().complete(current)).toBe(true);
        expect((await jobs().findById(id))?.state).toBe('done');
      });

      it('refuses to retry at an invalid Date with invalid job.run-at-invalid, keeping the lease usable', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const lease = await leaseOrFail();
        await expectDomainError(
          jobs().retry(lease, new Date(Number.NaN), 'x'),
          'invalid',
          'job.run-at-invalid',
        );
        expect(await jobs().findById(id)).toMatchObject({ state: 'pending', lastError: null });
        expect(await jobs().complete(lease)).toBe(true);
      });

      it('still settles with a lease that expired while nobody leased the job again', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const lease = await leaseOrFail('worker-1');
        clock().advance(LEASE_MS + 1);
        expect(await jobs().complete(lease)).toBe(true);
        expect((await jobs().findById(id))?.state).toBe('done');
        expect(await jobs().lease('deliver', 'worker-2', LEASE_MS)).toBeNull();
      });

      it('completes the unheld pending job of a key, and nothing held, settled, unknown or of another queue', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {}, dedupeKey: 'k1' });
        expect(await jobs().completeUnheld('other-queue', 'k1')).toBe(false);
        expect(await jobs().completeUnheld('deliver', 'unknown')).toBe(false);
        expect(await jobs().completeUnheld('deliver', 'k1')).toBe(true);
        expect(await jobs().findById(id)).toMatchObject({ state: 'done', attempts: 0 });
        expect(await jobs().completeUnheld('deliver', 'k1')).toBe(false);
        expect(await jobs().lease('deliver', 'worker-1', LEASE_MS)).toBeNull();

        const heldId = await jobs().enqueue({ queue: 'deliver', payload: {}, dedupeKey: 'k2' });
        const lease = await leaseOrFail('worker-1');
        expect(await jobs().completeUnheld('deliver', 'k2')).toBe(false);
        expect((await jobs().findById(heldId))?.state).toBe('pending');
        clock().advance(LEASE_MS + 1);
        expect(await jobs().completeUnheld('deliver', 'k2')).toBe(true);
        expect(await jobs().complete(lease)).toBe(false);
        expect((await jobs().findById(heldId))?.state).toBe('done');
      });

      it('refuses to act twice with one lease', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const lease = await leaseOrFail();
        expect(await jobs().fail(lease, 'permanent')).toBe(true);
        expect(await jobs().complete(lease)).toBe(false);
        expect(await jobs().retry(lease, clock().now(), 'again')).toBe(false);
        expect(await jobs().findById(id)).toMatchObject({ state: 'failed', lastError: 'permanent' });
      });

      it('releases a lease without counting the attempt, so another holder may lease at once', async () => {
        const id = await jobs().enqueue({ queue: 'deliver', payload: {} });
        const lease = await leaseOrFail('worker-1');
        expect(await jobs().release(lease)).toBe(true);
        expect(await jobs().findById(id)).toMatchObject({ state: 'pending', attempts: 0 });
        const next = await leaseOrFail('worker-2');
        expect(next.job).toMatchObject({ id, attempts: 1 });
        expect(await jobs().complete(lease)).toBe(false);
      });
    });

    it('counts the jobs of a queue per state', async () => {
      expect(await jobs().counts('deliver')).toEqual({ pending: 0, done: 0, failed: 0 });
      for (let n = 0; n < 5; n += 1) await jobs().enqueue({ queue: 'deliver', payload: { n } });
      await jobs().enqueue({ queue: 'distribute', payload: {} });
      await jobs().complete(await leaseOrFail('w1'));
      await jobs().complete(await leaseOrFail('w2'));
      await jobs().fail(await leaseOrFail('w3'), 'gone');
      await jobs().retry(await leaseOrFail('w4'), clock().later(1_000), 'busy');
      await leaseOrFail('w5');
      expect(await jobs().counts('deliver')).toEqual({ pending: 2, done: 2, failed: 1 });
      expect(await jobs().counts('distribute')).toEqual({ pending: 1, done: 0, failed: 0 });
    });

    it('keeps its own copy of a payload', async () => {
      const payload = { list: ['one'] };
      const id = await jobs().enqueue({ queue: 'deliver', payload });
      payload.list.push('two');
      const lease = await leaseOrFail();
      (lease.job.payload.list as string[]).push('three');
      expect((await jobs().findById(id))?.payload).toEqual({ list: ['one'] });
    });
  });
}
