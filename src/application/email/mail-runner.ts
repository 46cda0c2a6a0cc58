import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import { isPermanentMailFailure, type Mailer } from '../ports/mailer.port';
import type { JobLease, JobQueue } from '../ports/storage/job-queue.port';
import type { MailComposer } from './mail-composer';
import { MAIL_QUEUE, mailOfPayload } from './mail-jobs';

/** Tuning of {@link MailRunner}; every field has a default. */
export interface MailRunnerOptions {
  /** How long a lease lasts: longer than the SMTP adapter's longest exchange. 5 minutes by default. */
  readonly leaseMs?: number;
  /** The first retry delay, doubled at each attempt. 30 seconds by default. */
  readonly baseBackoffMs?: number;
  /** The longest retry delay. 30 minutes by default. */
  readonly maxBackoffMs?: number;
  /** After this many attempts a mail is failed for good, kept for the admin: 48 by default, about a day. */
  readonly maxAttempts?: number;
  /** The most mails one `runDue` call sends, so a caller gets its turn back. 100 by default. */
  readonly maxJobsPerRun?: number;
}

/**
 * Sends the durable `mail` jobs through the Mailer port, as the DeliveryRunner sends activities: a mail server
 * that is down or answers "try later" delays mail (retries with exponential backoff up to `maxBackoffMs`, for
 * about a day by default) and loses none; a mail the server refuses for good, or a malformed job, is failed at
 * once and kept with its error.
 *
 * Invariants: a job is acted on only with its current lease, so a job whose worker died is taken over once its
 * lease expires; a mail that has nothing left to say (a notification whose user switched them off) completes
 * without sending; time comes from the Clock only.
 */
export class MailRunner {
  private readonly leaseMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxAttempts: number;
  private readonly maxJobsPerRun: number;

  constructor(
    private readonly jobs: JobQueue,
    private readonly composer: Pick<MailComposer, 'compose'>,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: MailRunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 48;
    this.maxJobsPerRun = options.maxJobsPerRun ?? 100;
  }

  /** Leases and sends due mails as `holder`, one at a time, until none is due (or the run's limit). */
  async runDue(holder: string): Promise<number> {
    let handled = 0;
    while (handled < this.maxJobsPerRun) {
      const lease = await this.jobs.lease(MAIL_QUEUE, holder, this.leaseMs);
      if (lease === null) break;
      await this.runOne(lease);
      handled += 1;
    }
    return handled;
  }

  private async runOne(lease: JobLease): Promise<void> {
    const mail = mailOfPayload(lease.job.payload);
    if (mail === null) {
      this.logger.error({ jobId: lease.job.id }, 'mail job with a malformed payload');
      await this.jobs.fail(lease, 'malformed mail job');
      return;
    }
    try {
      const message = await this.composer.compose(mail);
      if (message !== null) await this.mailer.send(message);
      await this.jobs.complete(lease);
      if (message !== null) this.logger.info({ jobId: lease.job.id, kind: mail.kind }, 'mail sent');
    } catch (error) {
      await this.retryOrFail(lease, mail.kind, error);
    }
  }

  private async retryOrFail(lease: JobLease, kind: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = lease.job.attempts;
    const where = { jobId: lease.job.id, kind, attempts, error: message };
    if (isPermanentMailFailure(error) || attempts >= this.maxAttempts) {
      this.logger.warn(where, 'mail failed for good');
      await this.jobs.fail(lease, message);
      return;
    }
    const delay = Math.min(this.baseBackoffMs * 2 ** Math.max(attempts - 1, 0), this.maxBackoffMs);
    this.logger.info({ ...where, delay }, 'mail will be retried');
    await this.jobs.retry(lease, new Date(this.clock.now().getTime() + delay), message);
  }
}
