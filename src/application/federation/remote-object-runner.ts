import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { JobLease, JobQueue } from '../ports/storage/job-queue.port';
import type { RefreshRemoteObject } from './refresh-remote-object.use-case';
import { REMOTE_OBJECT_QUEUE, remoteObjectIdOfPayload } from './remote-object-jobs';

/** Tuning of {@link RemoteObjectRunner}; every field has a default. */
export interface RemoteObjectRunnerOptions {
  /** How long a lease lasts: longer than a fetch may take (the guarded client's timeout). 2 minutes by default. */
  readonly leaseMs?: number;
  /** After this many attempts a fetch is failed for good (kept for the admin). 8 by default. */
  readonly maxAttempts?: number;
  /** The first retry delay, doubled at each attempt. 1 minute by default. */
  readonly baseBackoffMs?: number;
  /** The longest retry delay. 6 hours by default. */
  readonly maxBackoffMs?: number;
  /** The most jobs one `runDue` call handles, so a caller gets its turn back. 50 by default. */
  readonly maxJobsPerRun?: number;
}

/**
 * Runs the durable fetches of remote objects (see planRemoteObjectFetch), one at a time, from any worker.
 *
 * Invariants: a job is acted on only with its current lease; an origin that is `unavailable` (or an unexpected
 * error) puts the job back with an exponential backoff (1 minute, 2, 4, ... up to 6 hours by default), never in a
 * tight loop, and after `maxAttempts` fails it for good; `saved`, `fresh`, `not-found` and a refused answer
 * complete it (asking again would get the same answer); a malformed payload fails at once.
 */
export class RemoteObjectRunner {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxJobsPerRun: number;

  constructor(
    private readonly jobs: JobQueue,
    private readonly refresh: RefreshRemoteObject,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: RemoteObjectRunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseBackoffMs = options.baseBackoffMs ?? 60_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 6 * 60 * 60_000;
    this.maxJobsPerRun = options.maxJobsPerRun ?? 50;
  }

  /** Leases and runs due fetch jobs as `holder` until none is due (or the run's limit); answers how many. */
  async runDue(holder: string): Promise<number> {
    let handled = 0;
    while (handled < this.maxJobsPerRun) {
      const lease = await this.jobs.lease(REMOTE_OBJECT_QUEUE, holder, this.leaseMs);
      if (lease === null) break;
      await this.runOne(lease);
      handled += 1;
    }
    return handled;
  }

  private async runOne(lease: JobLease): Promise<void> {
    const id = remoteObjectIdOfPayload(lease.job.payload);
    if (id === null) {
      this.logger.error({ jobId: lease.job.id }, 'remote object job without an id');
      await this.jobs.fail(lease, 'The payload has no id.');
      return;
    }
    let failure: { reason: string; error?: unknown };
    try {
      const result = await this.refresh.execute({ id });
      if (result.outcome !== 'unavailable') {
        this.logger.debug({ id, ...result }, 'remote object fetched');
        await this.jobs.complete(lease);
        return;
      }
      failure = { reason: result.reason };
    } catch (error) {
      failure = { reason: error instanceof Error ? error.message : String(error), error };
    }
    await this.retryOrFail(lease, id, failure);
  }

  private async retryOrFail(
    lease: JobLease,
    id: string,
    failure: { reason: string; error?: unknown },
  ): Promise<void> {
    const attempts = lease.job.attempts;
    const log = { err: failure.error, jobId: lease.job.id, id, attempts, reason: failure.reason };
    if (attempts >= this.maxAttempts) {
      this.logger.warn(log, 'remote object could not be fetched; giving up');
      await this.jobs.fail(lease, failure.reason);
      return;
    }
    const delay = Math.min(this.baseBackoffMs * 2 ** Math.max(attempts - 1, 0), this.maxBackoffMs);
    this.logger.info({ ...log, delay }, 'remote object fetch will be retried');
    await this.jobs.retry(lease, new Date(this.clock.now().getTime() + delay), failure.reason);
  }
}
