/** Work to be done later, durably: a distribution, a delivery to one remote inbox, ... */
export interface NewJob {
  /** The queue a runner leases from, e.g. `distribute` or `deliver`. */
  queue: string;
  payload: Record<string, unknown>;
  /** Earliest time to run; now when absent. */
  runAt?: Date;
  /**
   * At most one job with this key exists in the queue, whatever its state: enqueueing it again returns the first
   * job's id and changes nothing. This is what keeps a retried distribution from delivering twice.
   */
  dedupeKey?: string;
  /**
   * The concurrency group the job belongs to, e.g. the host a delivery goes to: `lease` can cap how many jobs of
   * one group are held at once and skip groups, and `list` and `requeue` can select by it.
   */
  group?: string;
}

export type JobState = 'pending' | 'done' | 'failed';

export interface Job {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  /** The concurrency group given at enqueue, or null. */
  group: string | null;
  state: JobState;
  runAt: Date;
  /** How many times the job has been leased. */
  attempts: number;
  lastError: string | null;
  created: Date;
  updated: Date;
}

/** A job together with the proof of who holds it and until when. */
export interface JobLease {
  job: Job;
  holder: string;
  /** Changes at every lease, so a holder whose lease expired and was taken over cannot act on the job. */
  leaseId: string;
  expiresAt: Date;
}

/** What `lease` may avoid: groups at their cap of held jobs, and groups the caller does not want now. */
export interface LeaseOptions {
  /** A job of a group that already has this many held (unexpired) jobs is not handed out. No cap when absent. */
  readonly maxHeldPerGroup?: number;
  /** Jobs of these groups are not handed out (e.g. hosts whose circuit breaker is open). */
  readonly skipGroups?: readonly string[];
}

/** Which jobs of a queue `list` answers: all states when `states` is absent, any group when `group` is. */
export interface JobFilter {
  readonly states?: readonly JobState[];
  readonly group?: string;
  /** The most jobs answered; 100 when absent. */
  readonly limit?: number;
}

/**
 * Which jobs `requeue` acts on: one job, or every job of a group; with `pendingOnly`, only the group's jobs that
 * wait for a later time (a host that is back gets its backlog now, while its dead letters stay dead).
 */
export type JobSelection =
  { readonly id: string } | { readonly group: string; readonly pendingOnly?: boolean };

/**
 * A durable job queue with leases, shared by every worker (and every machine, on a shared store).
 *
 * Every adapter honours:
 * - `enqueue` within a unit of work commits or rolls back with the rest of it;
 * - `lease` hands out the due pending job of the queue that is earliest by `runAt` (then by creation) and that
 *   nobody holds, or whose lease has expired; it counts an attempt. No job is ever held by two holders at once,
 *   across processes too. With `maxHeldPerGroup` it passes over jobs of a group that already has that many held
 *   jobs (held by anyone, across processes too); with `skipGroups` it passes over the jobs of those groups; jobs
 *   without a group are never passed over for either;
 * - `enqueue` of a `runAt` that is not a valid Date throws an `invalid` DomainError (`job.run-at-invalid`);
 * - `enqueueMany` is `enqueue` of each job in order, done at once: all of them or, when one is refused, none; it
 *   answers their ids in the order given (a duplicate dedupe key, also within the list, answers the first id);
 * - `complete`, `retry` and `fail` act only with the current lease (still current after its expiry while nobody
 *   has leased the job again): after someone else leased the job, they answer false and change nothing.
 *   `retry` puts the job back as pending at `runAt`; `fail` marks it failed for good; both keep the error for the
 *   admin;
 * - `completeUnheld` marks done the pending job of a dedupe key that nobody holds (no lease, or an expired one)
 *   and answers true; for no such job, a job already settled or one that is held, it answers false and changes
 *   nothing (the holder settles it);
 * - `release` gives a lease back without counting it against the job (a worker shutting down);
 * - `postpone` puts the job back as pending at `runAt` without counting the lease as an attempt, keeping `note` as
 *   its last error (work that could not be tried: no transport yet, a host paused); with the current lease only;
 * - `list` answers the jobs of a queue that match the filter, earliest by `runAt` then by creation, at most
 *   `limit` of them;
 * - `requeue` makes the selected failed or pending jobs of a queue that nobody holds due now, as pending with no
 *   attempt counted (a fresh schedule of retries), keeping their last error; done and held jobs are left alone;
 *   with `pendingOnly` it takes only the group's pending jobs due later than now; it answers how many jobs it
 *   changed;
 * - `counts` answers the number of jobs per state in a queue.
 */
export interface JobQueue {
  enqueue(job: NewJob): Promise<string>;
  /** Enqueues many jobs in one step (a post's deliveries): one store round trip, not one per job. */
  enqueueMany(jobs: readonly NewJob[]): Promise<string[]>;
  lease(queue: string, holder: string, leaseMs: number, options?: LeaseOptions): Promise<JobLease | null>;
  complete(lease: JobLease): Promise<boolean>;
  retry(lease: JobLease, runAt: Date, error: string): Promise<boolean>;
  fail(lease: JobLease, error: string): Promise<boolean>;
  release(lease: JobLease): Promise<boolean>;
  postpone(lease: JobLease, runAt: Date, note: string): Promise<boolean>;
  list(queue: string, filter?: JobFilter): Promise<Job[]>;
  requeue(queue: string, selection: JobSelection): Promise<number>;
  /** Marks done the unheld pending job of `dedupeKey` in `queue` (work its enqueuer finished itself). */
  completeUnheld(queue: string, dedupeKey: string): Promise<boolean>;
  findById(id: string): Promise<Job | null>;
  counts(queue: string): Promise<Record<JobState, number>>;
}
export const JobQueue = Symbol('JobQueue');
