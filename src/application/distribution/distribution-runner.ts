import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { JobLease, JobQueue } from '../ports/storage/job-queue.port';
import type { DistributeActivity } from './distribute-activity.use-case';
import { activityIdOfPayload, DISTRIBUTE_QUEUE } from './distribution-jobs';

/** Tuning of {@link DistributionRunner}; every field has a default. */
export interface DistributionRunnerOptions {
  /** How long a lease lasts: longer than the largest fan-out takes. 5 minutes by default. */
  readonly leaseMs?: number;
  /** After this many attempts a job is failed for good (and kept for the admin). 10 by default. */
  readonly maxAttempts?: number;
  /** The first retry delay, doubled at each attempt. 10 seconds by default. */
  readonly baseBackoffMs?: number;
  /** The longest retry delay. 1 hour by default. */
  readonly maxBackoffMs?: number;
  /** The most jobs one `runDue` call handles, so a caller gets its turn back. 100 by default. */
  readonly maxJobsPerRun?: number;
}

/**
 * Runs the durable `distribute` jobs (docs/architecture.md §2 step 4): the ones a request did not get to (the process
 * died between posting and distributing), the ones that failed, and the ones the request already did, which are
 * completed at little cost since {@link DistributeActivity} then finds nothing to do.
 *
 * Invariants: a job is acted on only with its current lease; an unexpected error puts the job back with an
 * exponential backoff, and after `maxAttempts` fails it for good; a malformed payload fails at once; an activity
 * that is gone or deleted completes the job (there is nothing left to distribute).
 */
export class DistributionRunner {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxJobsPerRun: number;

  constructor(
    private readonly jobs: JobQueue,
    private readonly distribute: DistributeActivity,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: DistributionRunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.baseBackoffMs = options.baseBackoffMs ?? 10_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60 * 60_000;
    this.maxJobsPerRun = options.maxJobsPerRun ?? 100;
  }

  /** Leases and runs due `distribute` jobs as `holder` until none is due (or the run's limit); answers how many. */
  async runDue(holder: string): Promise<number> {
    let handled = 0;
    while (handled < this.maxJobsPerRun) {
      const lease = await this.jobs.lease(DISTRIBUTE_QUEUE, holder, this.leaseMs);
      if (lease === null) {
        break;
      }
      await this.runOne(lease);
      handled += 1;
    }
    return handled;
  }

  private async runOne(lease: JobLease): Promise<void> {
    const activityId = activityIdOfPayload(lease.job.payload);
    if (activityId === null) {
      this.logger.error({ jobId: lease.job.id }, 'distribute job without an activity id');
      await this.jobs.fail(lease, 'The payload has no activityId.');
      return;
    }
    try {
      const result = await this.distribute.execute({ activityId });
      if (result.outcome === 'missing') {
        this.logger.warn({ jobId: lease.job.id, activityId }, 'distribute job for an unknown activity');
      }
      await this.jobs.complete(lease);
    } catch (error) {
      await this.retryOrFail(lease, activityId, error);
    }
  }

  private async retryOrFail(lease: JobLease, activityId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = lease.job.attempts;
    if (attempts >= this.maxAttempts) {
      this.logger.error(
        { err: error, jobId: lease.job.id, activityId, attempts },
        'distribution failed for good',
      );
      await this.jobs.fail(lease, message);
      return;
    }
    const delay = Math.min(this.baseBackoffMs * 2 ** Math.max(attempts - 1, 0), this.maxBackoffMs);
    this.logger.warn(
      { err: error, jobId: lease.job.id, activityId, attempts, delay },
      'distribution will be retried',
    );
    await this.jobs.retry(lease, new Date(this.clock.now().getTime() + delay), message);
  }
}
