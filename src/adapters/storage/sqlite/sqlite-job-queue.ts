import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../../../application/ports/clock.port';
import type {
  Job,
  JobFilter,
  JobLease,
  JobQueue,
  JobSelection,
  JobState,
  LeaseOptions,
  NewJob,
} from '../../../application/ports/storage/job-queue.port';
import type { PortMethods, Synchronous } from './port-binding';
import { assertRunAt, jobListLimit } from '../storage-argument-checks';

export const JOB_QUEUE_METHODS: PortMethods<JobQueue> = {
  enqueue: true,
  enqueueMany: true,
  lease: true,
  complete: true,
  retry: true,
  fail: true,
  release: true,
  postpone: true,
  list: true,
  requeue: true,
  completeUnheld: true,
  findById: true,
  counts: true,
};

interface JobRow {
  seq: number;
  id: string;
  queue: string;
  payload: string;
  group_key: string | null;
  state: JobState;
  run_at: number;
  attempts: number;
  last_error: string | null;
  created: number;
  updated: number;
}

interface NewJobRow {
  id: string;
  queue: string;
  payload: string;
  runAt: number;
  now: number;
  dedupeKey: string | null;
  group: string | null;
}

/** What the due-job query filters on: the time, and the groups ruled out (a JSON array) or capped. */
interface DueQuery {
  queue: string;
  now: number;
  skip: string;
  cap: number | null;
}

/** The parameters of every statement that acts with a lease: which job, the proof, and the time of the act. */
interface LeaseAct {
  id: string;
  leaseId: string;
  now: number;
}

const JOB_COLUMNS =
  'seq, id, queue, payload, group_key, state, run_at, attempts, last_error, created, updated';
// Ending a lease: what complete, retry, fail and release all do besides their own change.
const CLEAR_LEASE = 'holder = NULL, lease_id = NULL, lease_expires = NULL, updated = @now';
const WITH_LEASE = 'WHERE id = @id AND lease_id = @leaseId';

/**
 * The synchronous body of {@link JobQueue} over the `jobs` table, timed by the injected clock only.
 *
 * Invariants: a job is held while `lease_id` is set and `lease_expires` is later than now; choosing the earliest
 * due job and taking its lease happen in one BEGIN IMMEDIATE transaction, so two processes never hold one job at
 * once; every act with a lease is one UPDATE guarded by the lease id, so a holder whose lease was taken over
 * changes nothing; the (queue, dedupe key) pair is unique, so enqueueing a key twice (from any process) keeps
 * the first job. Inside a unit of work all of this joins the open transaction and rolls back with it.
 */
export class SqliteJobQueue implements Synchronous<JobQueue> {
  private readonly insert: Database.Statement<[NewJobRow]>;
  private readonly selectIdByDedupeKey: Database.Statement<[string, string], string>;
  private readonly selectDue: Database.Statement<[DueQuery], JobRow>;
  private readonly selectListed: Database.Statement<
    [{ queue: string; states: string; group: string | null; limit: number }],
    JobRow
  >;
  private readonly putOff: Database.Statement<[LeaseAct & { runAt: number; error: string }]>;
  private readonly makeDueById: Database.Statement<[{ queue: string; id: string; now: number }]>;
  private readonly makeDueByGroup: Database.Statement<[{ queue: string; group: string; now: number }]>;
  private readonly makeWaitingDueByGroup: Database.Statement<[{ queue: string; group: string; now: number }]>;
  private readonly takeLease: Database.Statement<
    [{ seq: number; holder: string; leaseId: string; expiresAt: number; now: number }]
  >;
  private readonly markDone: Database.Statement<[LeaseAct]>;
  private readonly putBack: Database.Statement<[LeaseAct & { runAt: number; error: string }]>;
  private readonly markFailed: Database.Statement<[LeaseAct & { error: string }]>;
  private readonly giveBack: Database.Statement<[LeaseAct]>;
  private readonly markUnheldDone: Database.Statement<[{ queue: string; key: string; now: number }]>;
  private readonly selectById: Database.Statement<[string], JobRow>;
  private readonly countByState: Database.Statement<[string], { state: JobState; n: number }>;
  private readonly enqueueTx: Database.Transaction<(job: NewJob) => string>;
  private readonly enqueueManyTx: Database.Transaction<(jobs: readonly NewJob[]) => string[]>;
  private readonly leaseTx: Database.Transaction<
    (queue: string, holder: string, leaseMs: number, options: LeaseOptions) => JobLease | null
  >;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO jobs (id, queue, payload, state, run_at, created, updated, dedupe_key, group_key)
       VALUES (@id, @queue, @payload, 'pending', @runAt, @now, @now, @dedupeKey, @group)
       ON CONFLICT (queue, dedupe_key) DO NOTHING`,
    );
    this.selectIdByDedupeKey = db
      .prepare<[string, string], string>('SELECT id FROM jobs WHERE queue = ? AND dedupe_key = ?')
      .pluck();
    // A job without a group is never passed over; one with a group is unless its group is skipped or at its cap
    // of held jobs (counted over every holder, through the jobs_by_group index).
    this.selectDue = db.prepare(
      `SELECT ${JOB_COLUMNS} FROM jobs AS j
       WHERE queue = @queue AND state = 'pending' AND run_at <= @now
         AND (lease_expires IS NULL OR lease_expires <= @now)
         AND (group_key IS NULL OR (
           group_key NOT IN (SELECT value FROM json_each(@skip))
           AND (@cap IS NULL OR (
             SELECT count(*) FROM jobs AS h
             WHERE h.queue = j.queue AND h.group_key = j.group_key AND h.state = 'pending'
               AND h.lease_expires > @now) < @cap)))
       ORDER BY run_at, seq LIMIT 1`,
    );
    this.selectListed = db.prepare(
      `SELECT ${JOB_COLUMNS} FROM jobs
       WHERE queue = @queue AND state IN (SELECT value FROM json_each(@states))
         AND (@group IS NULL OR group_key = @group)
       ORDER BY run_at, seq LIMIT @limit`,
    );
    this.putOff = db.prepare(
      `UPDATE jobs SET state = 'pending', run_at = @runAt, last_error = @error,
         attempts = max(0, attempts - 1), ${CLEAR_LEASE} ${WITH_LEASE}`,
    );
    const makeDue = `UPDATE jobs SET state = 'pending', run_at = @now, attempts = 0, ${CLEAR_LEASE}
       WHERE queue = @queue AND state IN ('pending', 'failed') AND (lease_expires IS NULL OR lease_expires <= @now)`;
    this.makeDueById = db.prepare(`${makeDue} AND id = @id`);
    this.makeDueByGroup = db.prepare(`${makeDue} AND group_key = @group`);
    this.makeWaitingDueByGroup = db.prepare(
      `${makeDue} AND group_key = @group AND state = 'pending' AND run_at > @now`,
    );
    this.takeLease = db.prepare(
      `UPDATE jobs SET holder = @holder, lease_id = @leaseId, lease_expires = @expiresAt,
         attempts = attempts + 1, updated = @now
       WHERE seq = @seq`,
    );
    this.markDone = db.prepare(`UPDATE jobs SET state = 'done', ${CLEAR_LEASE} ${WITH_LEASE}`);
    this.putBack = db.prepare(
      `UPDATE jobs SET state = 'pending', run_at = @runAt, last_error = @error, ${CLEAR_LEASE} ${WITH_LEASE}`,
    );
    this.markFailed = db.prepare(
      `UPDATE jobs SET state = 'failed', last_error = @error, ${CLEAR_LEASE} ${WITH_LEASE}`,
    );
    this.giveBack = db.prepare(
      `UPDATE jobs SET attempts = max(0, attempts - 1), ${CLEAR_LEASE} ${WITH_LEASE}`,
    );
    // One guarded UPDATE: a holder taking the job at the same moment either sees it done or keeps it.
    this.markUnheldDone = db.prepare(
      `UPDATE jobs SET state = 'done', ${CLEAR_LEASE}
       WHERE queue = @queue AND dedupe_key = @key AND state = 'pending'
         AND (lease_expires IS NULL OR lease_expires <= @now)`,
    );
    this.selectById = db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`);
    this.countByState = db.prepare('SELECT state, count(*) AS n FROM jobs WHERE queue = ? GROUP BY state');
    this.enqueueTx = db.transaction((job: NewJob) => this.insertOrFindDuplicate(job));
    this.enqueueManyTx = db.transaction((jobs: readonly NewJob[]) =>
      jobs.map((job) => this.insertOrFindDuplicate(job)),
    );
    this.leaseTx = db.transaction((queue: string, holder: string, leaseMs: number, options: LeaseOptions) =>
      this.leaseEarliestDue(queue, holder, leaseMs, options),
    );
  }

  enqueue(job: NewJob): string {
    return this.enqueueTx.immediate(job);
  }

  /** One transaction (a savepoint inside a unit of work) for the whole list: a refused job rolls all back. */
  enqueueMany(jobs: readonly NewJob[]): string[] {
    for (const job of jobs) if (job.runAt !== undefined) assertRunAt(job.runAt);
    return jobs.length === 0 ? [] : this.enqueueManyTx.immediate(jobs);
  }

  lease(queue: string, holder: string, leaseMs: number, options: LeaseOptions = {}): JobLease | null {
    return this.leaseTx.immediate(queue, holder, leaseMs, options);
  }

  complete(lease: JobLease): boolean {
    return this.markDone.run(this.act(lease)).changes > 0;
  }

  retry(lease: JobLease, runAt: Date, error: string): boolean {
    assertRunAt(runAt);
    return this.putBack.run({ ...this.act(lease), runAt: runAt.getTime(), error }).changes > 0;
  }

  fail(lease: JobLease, error: string): boolean {
    return this.markFailed.run({ ...this.act(lease), error }).changes > 0;
  }

  release(lease: JobLease): boolean {
    return this.giveBack.run(this.act(lease)).changes > 0;
  }

  postpone(lease: JobLease, runAt: Date, note: string): boolean {
    assertRunAt(runAt);
    return this.putOff.run({ ...this.act(lease), runAt: runAt.getTime(), error: note }).changes > 0;
  }

  list(queue: string, filter: JobFilter = {}): Job[] {
    const limit = jobListLimit(filter.limit);
    const states = JSON.stringify(filter.states ?? ['pending', 'done', 'failed']);
    return this.selectListed.all({ queue, states, group: filter.group ?? null, limit }).map(toJob);
  }

  requeue(queue: string, selection: JobSelection): number {
    const now = this.clock.now().getTime();
    const changed =
      'id' in selection
        ? this.makeDueById.run({ queue, id: selection.id, now })
        : (selection.pendingOnly === true ? this.makeWaitingDueByGroup : this.makeDueByGroup).run({
            queue,
            group: selection.group,
            now,
          });
    return changed.changes;
  }

  completeUnheld(queue: string, dedupeKey: string): boolean {
    const now = this.clock.now().getTime();
    return this.markUnheldDone.run({ queue, key: dedupeKey, now }).changes > 0;
  }

  findById(id: string): Job | null {
    const row = this.selectById.get(id);
    return row === undefined ? null : toJob(row);
  }

  counts(queue: string): Record<JobState, number> {
    const counts: Record<JobState, number> = { pending: 0, done: 0, failed: 0 };
    for (const { state, n } of this.countByState.all(queue)) counts[state] = n;
    return counts;
  }

  private insertOrFindDuplicate(job: NewJob): string {
    if (job.runAt !== undefined) assertRunAt(job.runAt);
    const now = this.clock.now().getTime();
    const id = randomUUID();
    const dedupeKey = job.dedupeKey ?? null;
    const row: NewJobRow = {
      id,
      queue: job.queue,
      payload: JSON.stringify(job.payload),
      runAt: job.runAt?.getTime() ?? now,
      now,
      dedupeKey,
      group: job.group ?? null,
    };
    if (this.insert.run(row).changes > 0 || dedupeKey === null) return id;
    return this.selectIdByDedupeKey.get(job.queue, dedupeKey) as string;
  }

  /** Reads the clock under the write lock, so time spent waiting for the lock never makes a lease stale. */
  private leaseEarliestDue(
    queue: string,
    holder: string,
    leaseMs: number,
    options: LeaseOptions,
  ): JobLease | null {
    const now = this.clock.now().getTime();
    const skip = JSON.stringify(options.skipGroups ?? []);
    const due = this.selectDue.get({ queue, now, skip, cap: options.maxHeldPerGroup ?? null });
    if (due === undefined) return null;
    const leaseId = randomUUID();
    const expiresAt = now + leaseMs;
    this.takeLease.run({ seq: due.seq, holder, leaseId, expiresAt, now });
    const job = toJob({ ...due, attempts: due.attempts + 1, updated: now });
    return { job, holder, leaseId, expiresAt: new Date(expiresAt) };
  }

  private act(lease: JobLease): LeaseAct {
    return { id: lease.job.id, leaseId: lease.leaseId, now: this.clock.now().getTime() };
  }
}

const toJob = (row: JobRow): Job => ({
  id: row.id,
  queue: row.queue,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  group: row.group_key,
  state: row.state,
  runAt: new Date(row.run_at),
  attempts: row.attempts,
  lastError: row.last_error,
  created: new Date(row.created),
  updated: new Date(row.updated),
});
