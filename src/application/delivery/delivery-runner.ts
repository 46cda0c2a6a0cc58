import { describeFailure, type DeliveryFailure } from '../../domain/delivery/delivery-failure';
import { HostBreakers } from '../../domain/delivery/host-breakers';
import {
  askedRetryAt,
  decideRetry,
  DEFAULT_RETRY_SCHEDULE,
  type RetrySchedule,
} from '../../domain/delivery/retry-policy';
import type { ActivityDelivery, DeliveryAttempt, DeliveryRequest } from '../ports/activity-delivery.port';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { RandomSource } from '../ports/random-source.port';
import type { JobLease, JobQueue } from '../ports/storage/job-queue.port';
import { DELIVER_QUEUE, deliveryOfPayload } from './delivery-jobs';

/** How often, at most, a host that answers has its waiting deliveries made due when it was not seen failing. */
const BACKLOG_CHECK_MS = 10 * 60_000;
/** Past this many hosts the table of backlog checks starts afresh: the worst case is one more check per host. */
const MAX_HOSTS_REMEMBERED = 10_000;

/** Tuning of {@link DeliveryRunner}; every field has a default. */
export interface DeliveryRunnerOptions {
  /** Deliveries one runner has in flight at once. 8 by default. */
  readonly concurrency?: number;
  /** Deliveries held at once for one host, by every runner of every process together. 2 by default. */
  readonly perHostLimit?: number;
  /** How long a lease lasts: longer than the transport's longest request. 2 minutes by default. */
  readonly leaseMs?: number;
  /** The most jobs one `runDue` call takes, so a caller gets its turn back. 200 by default. */
  readonly maxJobsPerRun?: number;
  /** When a delivery the transport did not send is looked at again. 1 hour by default. */
  readonly notSentDelayMs?: number;
  readonly retrySchedule?: RetrySchedule;
}

/**
 * Runs the durable `deliver` jobs (docs/architecture.md §2 step 5 and §2c): leases due jobs, at most `perHostLimit`
 * per host across every process and none for a host whose circuit is open, hands each to the ActivityDelivery
 * port, and settles it: done when delivered; a dead letter (failed, with its last error and attempt count) after
 * a permanent failure or the last attempt of the retry schedule; otherwise retried later with backoff and
 * jitter, never before a `Retry-After`. A delivery the transport did not send waits without counting an attempt.
 *
 * Invariants: a job is acted on only with its current lease, so a job whose worker died is taken over once its
 * lease expires and settled once; time comes from the Clock and jitter from the RandomSource only; the breaker
 * state is this process's (each worker learns on its own, and a restart forgets: the worst case is a few more
 * probes), while the per-host limit is the store's and holds across processes.
 */
export class DeliveryRunner {
  private readonly concurrency: number;
  private readonly perHostLimit: number;
  private readonly leaseMs: number;
  private readonly maxJobsPerRun: number;
  private readonly notSentDelayMs: number;
  private readonly schedule: RetrySchedule;
  /** When this process last made a host's waiting deliveries due, by host. */
  private readonly backlogCheckedAt = new Map<string, number>();

  constructor(
    private readonly jobs: JobQueue,
    private readonly transport: ActivityDelivery,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly logger: Logger,
    readonly breakers: HostBreakers = new HostBreakers(),
    options: DeliveryRunnerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.perHostLimit = options.perHostLimit ?? 2;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.maxJobsPerRun = options.maxJobsPerRun ?? 200;
    this.notSentDelayMs = options.notSentDelayMs ?? 60 * 60_000;
    this.schedule = options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
  }

  /**
   * Leases and runs due deliveries as `holder`, up to `concurrency` at once, until none is due that may go (or the
   * run's limit); answers how many jobs it took.
   */
  async runDue(holder: string): Promise<number> {
    const inFlight = new Set<Promise<void>>();
    let taken = 0;
    for (;;) {
      while (inFlight.size < this.concurrency && taken < this.maxJobsPerRun) {
        const lease = await this.jobs.lease(DELIVER_QUEUE, holder, this.leaseMs, {
          maxHeldPerGroup: this.perHostLimit,
          skipGroups: this.breakers.blockedHosts(this.clock.now()),
        });
        if (lease === null) break;
        taken += 1;
        const run: Promise<void> = this.runOne(lease).finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
      if (inFlight.size === 0) return taken;
      // A delivery that ends frees a place, maybe for a host that was at its limit: look again.
      await Promise.race(inFlight);
    }
  }

  private async runOne(lease: JobLease): Promise<void> {
    const request = deliveryOfPayload(lease.job.payload);
    if (request === null) {
      this.logger.error({ jobId: lease.job.id }, 'deliver job with a malformed payload');
      await this.jobs.fail(lease, 'malformed job: no activity, inbox or recipients');
      return;
    }
    const admission = this.breakers.admit(request.host, this.clock.now());
    if (admission.kind === 'paused') {
      const note = `not sent: ${request.host} is paused until ${admission.until.toISOString()} (circuit breaker)`;
      await this.jobs.postpone(lease, admission.until, note);
      return;
    }
    const attempt = await this.attempt(request);
    await this.settle(lease, request, attempt);
  }

  private async attempt(request: DeliveryRequest): Promise<DeliveryAttempt> {
    try {
      return await this.transport.deliver(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: 'failed', failure: { kind: 'network', reason: 'other', message } };
    }
  }

  private async settle(lease: JobLease, request: DeliveryRequest, attempt: DeliveryAttempt): Promise<void> {
    const now = this.clock.now();
    const where = { jobId: lease.job.id, activityId: request.activityId, host: request.host };
    if (attempt.outcome === 'delivered') {
      await this.jobs.complete(lease);
      await this.hostAnswered(request.host, lease);
      return;
    }
    if (attempt.outcome === 'not-sent') {
      this.breakers.ended(request.host);
      const runAt = new Date(now.getTime() + this.notSentDelayMs);
      await this.jobs.postpone(lease, runAt, `not sent: ${attempt.reason}`);
      return;
    }
    const { failure } = attempt;
    if (this.judgeHost(request.host, failure, now) === 'up') await this.hostAnswered(request.host, lease);
    const attempts = lease.job.attempts;
    const decision = decideRetry(failure, attempts, now, this.random.next(), this.schedule);
    const what = describeFailure(failure);
    if (decision.kind === 'retry') {
      this.logger.info({ ...where, attempts, error: what, retryAt: decision.at }, 'delivery will be retried');
      await this.jobs.retry(lease, decision.at, what);
      return;
    }
    const why =
      decision.why === 'permanent' ? 'permanent, not retried' : `gave up after ${attempts} attempts`;
    this.logger.warn({ ...where, attempts, error: what }, `delivery failed for good: ${why}`);
    await this.jobs.fail(lease, `${what}: ${why}`);
  }

  /**
   * What a failure says about the host itself: an answer that refuses one request still shows it is `up`; a name
   * that does not resolve says nothing; anything else counts against it.
   */
  private judgeHost(host: string, failure: DeliveryFailure, now: Date): 'up' | 'unknown' | 'failing' {
    if (failure.kind === 'http' && failure.status < 500 && failure.status !== 408 && failure.status !== 429) {
      return 'up';
    }
    // Neither says anything about whether the host is up.
    if (
      failure.kind === 'undeliverable' ||
      (failure.kind === 'network' && failure.reason === 'host-not-found')
    ) {
      this.breakers.ended(host);
      return 'unknown';
    }
    this.breakers.failed(host, now);
    const asked = askedRetryAt(failure, now, this.schedule);
    if (asked !== null) this.breakers.pause(host, asked);
    return 'failing';
  }

  /**
   * The host answered, so it is up: its deliveries that wait for a later retry are made due now, so a peer that was
   * down for a day gets its backlog within seconds of coming back instead of at each job's next backoff, up to 12
   * hours later. Its dead letters stay dead (an admin requeues them with `ctl deliveries retry`). Asked at once
   * when the host had been failing (this process saw it fail, or this job was a retry); otherwise at most once per
   * {@link BACKLOG_CHECK_MS} per host and process, since another process may have seen the failures.
   */
  private async hostAnswered(host: string, lease: JobLease): Promise<void> {
    const wasFailing = this.breakers.succeeded(host) || lease.job.attempts > 1;
    const now = this.clock.now().getTime();
    const checkedAt = this.backlogCheckedAt.get(host);
    if (!wasFailing && checkedAt !== undefined && now - checkedAt < BACKLOG_CHECK_MS) return;
    if (this.backlogCheckedAt.size >= MAX_HOSTS_REMEMBERED) this.backlogCheckedAt.clear();
    this.backlogCheckedAt.set(host, now);
    const madeDue = await this.jobs.requeue(DELIVER_QUEUE, { group: host, pendingOnly: true });
    if (madeDue > 0)
      this.logger.info({ host, deliveries: madeDue }, 'host is back: its waiting deliveries go now');
  }
}
