import type { Job, JobQueue, JobState } from '../ports/storage/job-queue.port';
import { DELIVER_QUEUE, deliveryOfPayload } from './delivery-jobs';

/**
 * Where a delivery stands, for an admin: `queued` (never tried, or not sent yet: see its last error), `retrying`
 * (tried and failed, waiting for its next attempt), `dead` (a dead letter: failed for good).
 */
export type DeliveryStatus = 'queued' | 'retrying' | 'dead';

/** One delivery as `pumphouse ctl deliveries` and the admin page show it. */
export interface DeliveryView {
  readonly id: string;
  readonly status: DeliveryStatus;
  readonly host: string;
  /** The inbox URL, or null while it is still to be discovered. */
  readonly inbox: string | null;
  readonly activityId: string | null;
  readonly recipients: number;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When it will be tried next; null for a dead letter. */
  readonly nextAttempt: Date | null;
  readonly created: Date;
}

/** Which deliveries to list: dead letters only with `failedOnly`, one destination host with `host`. */
export interface ListDeliveriesQuery {
  readonly failedOnly?: boolean;
  readonly host?: string;
  readonly limit?: number;
}

/** Which deliveries to requeue: one by id, or every waiting and dead delivery to a host. */
export type RequeueDeliveriesCommand = { readonly id: string } | { readonly host: string };

/** A host as the planner records it: lower case, so `--host R.Example` finds `r.example`. */
const normalHost = (host: string): string => host.trim().toLowerCase();

/**
 * Lists the remote deliveries that are not done (docs/architecture.md §2 step 5: every outcome is recorded so an admin
 * can see failed deliveries), earliest next attempt first, dead letters with their last error and attempt count.
 */
export class ListDeliveries {
  constructor(private readonly jobs: Pick<JobQueue, 'list'>) {}

  async execute(query: ListDeliveriesQuery = {}): Promise<DeliveryView[]> {
    const states: JobState[] = query.failedOnly === true ? ['failed'] : ['pending', 'failed'];
    const host = query.host === undefined ? undefined : normalHost(query.host);
    const jobs = await this.jobs.list(DELIVER_QUEUE, { states, group: host, limit: query.limit ?? 200 });
    return jobs.map(viewOf);
  }
}

/**
 * Requeues deliveries: dead letters and waiting retries become due now with a fresh retry schedule; a delivery in
 * flight or done is left alone. Answers how many were requeued.
 */
export class RequeueDeliveries {
  constructor(private readonly jobs: Pick<JobQueue, 'requeue'>) {}

  execute(command: RequeueDeliveriesCommand): Promise<number> {
    return this.jobs.requeue(
      DELIVER_QUEUE,
      'id' in command ? { id: command.id.trim() } : { group: normalHost(command.host) },
    );
  }
}

function viewOf(job: Job): DeliveryView {
  const request = deliveryOfPayload(job.payload);
  const dead = job.state === 'failed';
  return {
    id: job.id,
    status: dead ? 'dead' : job.attempts > 0 ? 'retrying' : 'queued',
    host: job.group ?? request?.host ?? '?',
    inbox: request?.inbox ?? null,
    activityId: request?.activityId ?? null,
    recipients: request?.recipientIds.length ?? 0,
    attempts: job.attempts,
    lastError: job.lastError,
    nextAttempt: dead ? null : job.runAt,
    created: job.created,
  };
}
