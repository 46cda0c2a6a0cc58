import { randomUUID } from 'node:crypto';
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
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';
import type { UndoLog } from './undo-journal';
import { assertRunAt, jobListLimit } from '../storage-argument-checks';

interface HeldLease {
  leaseId: string;
  holder: string;
  expiresAt: number;
}

/** A job as the memory store keeps it: the public record, its creation order and who holds it. */
interface StoredJob {
  readonly job: Readonly<Job>;
  /** Breaks `runAt` ties by creation even when the clock did not move between two enqueues. */
  readonly sequence: number;
  readonly lease: HeldLease | null;
}

const JOB_STATES: readonly JobState[] = ['pending', 'done', 'failed'];

/** The jobs of a memory store, with the indexes by dedupe key and by (queue, state). */
export class MemoryJobTables {
  readonly byId = new MemoryTable<StoredJob>();
  readonly idByDedupeKey = new MemoryTable<string>();
  private readonly idsByQueueAndState = new Map<string, MemoryTable<true>>();
  private sequence = 0;

  idsIn(queue: string, state: JobState): MemoryTable<true> {
    const key = JSON.stringify([queue, state]);
    let ids = this.idsByQueueAndState.get(key);
    if (ids === undefined) {
      ids = new MemoryTable<true>();
      this.idsByQueueAndState.set(key, ids);
    }
    return ids;
  }

  /** A new creation number; numbers used by a rolled-back enqueue are skipped, which keeps the order. */
  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }
}

/**
 * {@link JobQueue} over process memory, timed by the injected clock.
 *
 * Invariants: every job id sits in exactly one (queue, state) index, the one of its state; a lease is current
 * while its id is the one stored on the job, and acting on a job requires the current lease id; payloads are
 * copied in and out as JSON. Each operation runs alone, so no job is ever held twice.
 */
export class MemoryJobQueue implements JobQueue {
  constructor(
    private readonly tables: MemoryJobTables,
    private readonly gate: MemoryGate,
    private readonly clock: Clock,
  ) {}

  enqueue(newJob: NewJob): Promise<string> {
    return this.enqueueMany([newJob]).then(([id]) => id);
  }

  async enqueueMany(newJobs: readonly NewJob[]): Promise<string[]> {
    // Every job is checked and copied before anything is stored, so a refused one leaves the queue as it was.
    const copies = newJobs.map((newJob) => {
      if (newJob.runAt !== undefined) assertRunAt(newJob.runAt);
      const runAt = newJob.runAt === undefined ? undefined : new Date(newJob.runAt);
      return { ...newJob, payload: copyJson(newJob.payload), runAt };
    });
    return this.gate.run((undo) => copies.map((copy) => this.insertOrFindDuplicate(copy, undo)));
  }

  private insertOrFindDuplicate(newJob: NewJob, undo: UndoLog): string {
    const dedupeKey =
      newJob.dedupeKey === undefined ? undefined : JSON.stringify([newJob.queue, newJob.dedupeKey]);
    const duplicate = dedupeKey === undefined ? undefined : this.tables.idByDedupeKey.get(dedupeKey);
    if (duplicate !== undefined) return duplicate;
    const now = this.clock.now();
    const job: Job = {
      id: randomUUID(),
      queue: newJob.queue,
      payload: newJob.payload,
      group: newJob.group ?? null,
      state: 'pending',
      runAt: newJob.runAt ?? now,
      attempts: 0,
      lastError: null,
      created: now,
      updated: now,
    };
    this.put({ job, sequence: this.tables.nextSequence(), lease: null }, undo);
    if (dedupeKey !== undefined) this.tables.idByDedupeKey.set(dedupeKey, job.id, undo);
    return job.id;
  }

  lease(
    queue: string,
    holder: string,
    leaseMs: number,
    options: LeaseOptions = {},
  ): Promise<JobLease | null> {
    return this.gate.run((undo) => {
      const now = this.clock.now().getTime();
      const chosen = this.earliestAvailable(queue, now, options);
      if (chosen === undefined) return null;
      const lease: HeldLease = { leaseId: randomUUID(), holder, expiresAt: now + leaseMs };
      const job = { ...chosen.job, attempts: chosen.job.attempts + 1, updated: new Date(now) };
      this.put({ job, sequence: chosen.sequence, lease }, undo);
      return {
        job: copyJob(job),
        holder,
        leaseId: lease.leaseId,
        expiresAt: new Date(lease.expiresAt),
      };
    });
  }

  complete(lease: JobLease): Promise<boolean> {
    return this.settle(lease, (job) => ({ ...job, state: 'done' }));
  }

  async retry(lease: JobLease, runAt: Date, error: string): Promise<boolean> {
    assertRunAt(runAt);
    const nextRun = new Date(runAt);
    return this.settle(lease, (job) => ({ ...job, state: 'pending', runAt: nextRun, lastError: error }));
  }

  fail(lease: JobLease, error: string): Promise<boolean> {
    return this.settle(lease, (job) => ({ ...job, state: 'failed', lastError: error }));
  }

  release(lease: JobLease): Promise<boolean> {
    return this.settle(lease, (job) => ({ ...job, attempts: Math.max(0, job.attempts - 1) }));
  }

  async postpone(lease: JobLease, runAt: Date, note: string): Promise<boolean> {
    assertRunAt(runAt);
    const nextRun = new Date(runAt);
    return this.settle(lease, (job) => ({
      ...job,
      state: 'pending',
      runAt: nextRun,
      lastError: note,
      attempts: Math.max(0, job.attempts - 1),
    }));
  }

  async list(queue: string, filter: JobFilter = {}): Promise<Job[]> {
    const limit = jobListLimit(filter.limit);
    return this.gate.run(() => {
      const found: StoredJob[] = [];
      for (const state of filter.states ?? JOB_STATES) {
        for (const id of this.tables.idsIn(queue, state).keys()) {
          const stored = this.tables.byId.get(id) as StoredJob;
          if (filter.group === undefined || stored.job.group === filter.group) found.push(stored);
        }
      }
      found.sort((a, b) => (comesFirst(a, b) ? -1 : comesFirst(b, a) ? 1 : 0));
      return found.slice(0, limit).map((stored) => copyJob(stored.job));
    });
  }

  requeue(queue: string, selection: JobSelection): Promise<number> {
    return this.gate.run((undo) => {
      const now = this.clock.now();
      let changed = 0;
      const waitingOnly = 'group' in selection && selection.pendingOnly === true;
      for (const state of waitingOnly ? (['pending'] as const) : (['pending', 'failed'] as const)) {
        for (const id of [...this.tables.idsIn(queue, state).keys()]) {
          const stored = this.tables.byId.get(id) as StoredJob;
          if ('id' in selection ? id !== selection.id : stored.job.group !== selection.group) continue;
          if (stored.lease !== null && stored.lease.expiresAt > now.getTime()) continue;
          if (waitingOnly && stored.job.runAt.getTime() <= now.getTime()) continue;
          const job: Job = { ...stored.job, state: 'pending', runAt: now, attempts: 0, updated: now };
          this.put({ job, sequence: stored.sequence, lease: null }, undo);
          changed += 1;
        }
      }
      return changed;
    });
  }

  completeUnheld(queue: string, dedupeKey: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const id = this.tables.idByDedupeKey.get(JSON.stringify([queue, dedupeKey]));
      const stored = id === undefined ? undefined : this.tables.byId.get(id);
      const now = this.clock.now();
      if (stored === undefined || stored.job.state !== 'pending') return false;
      if (stored.lease !== null && stored.lease.expiresAt > now.getTime()) return false;
      this.put(
        { job: { ...stored.job, state: 'done', updated: now }, sequence: stored.sequence, lease: null },
        undo,
      );
      return true;
    });
  }

  findById(id: string): Promise<Job | null> {
    return this.gate.run(() => {
      const stored = this.tables.byId.get(id);
      return stored === undefined ? null : copyJob(stored.job);
    });
  }

  counts(queue: string): Promise<Record<JobState, number>> {
    return this.gate.run(() => ({
      pending: this.tables.idsIn(queue, 'pending').size,
      done: this.tables.idsIn(queue, 'done').size,
      failed: this.tables.idsIn(queue, 'failed').size,
    }));
  }

  /**
   * The due, unheld pending job of the queue that comes first by (runAt, creation), if any, passing over the
   * groups `options` rules out.
   */
  private earliestAvailable(queue: string, now: number, options: LeaseOptions): StoredJob | undefined {
    const held = new Map<string, number>();
    const candidates: StoredJob[] = [];
    for (const id of this.tables.idsIn(queue, 'pending').keys()) {
      const stored = this.tables.byId.get(id) as StoredJob;
      const group = stored.job.group;
      if (stored.lease !== null && stored.lease.expiresAt > now) {
        if (group !== null) held.set(group, (held.get(group) ?? 0) + 1);
        continue;
      }
      if (stored.job.runAt.getTime() > now) continue;
      candidates.push(stored);
    }
    const skipped = new Set(options.skipGroups ?? []);
    const cap = options.maxHeldPerGroup ?? Number.POSITIVE_INFINITY;
    let earliest: StoredJob | undefined;
    for (const stored of candidates) {
      const group = stored.job.group;
      if (group !== null && (skipped.has(group) || (held.get(group) ?? 0) >= cap)) continue;
      if (earliest === undefined || comesFirst(stored, earliest)) earliest = stored;
    }
    return earliest;
  }

  /** Applies `change` and ends the lease, if and only if `lease` is the job's current lease. */
  private settle(lease: JobLease, change: (job: Job) => Job): Promise<boolean> {
    return this.gate.run((undo) => {
      const stored = this.tables.byId.get(lease.job.id);
      if (stored === undefined || stored.lease?.leaseId !== lease.leaseId) return false;
      const job = { ...change({ ...stored.job }), updated: this.clock.now() };
      this.put({ job, sequence: stored.sequence, lease: null }, undo);
      return true;
    });
  }

  /** Stores the job and moves its id to the index of its (possibly new) state. */
  private put(stored: StoredJob, undo: UndoLog): void {
    const { id, queue, state } = stored.job;
    for (const other of JOB_STATES) {
      if (other !== state) this.tables.idsIn(queue, other).delete(id, undo);
    }
    if (!this.tables.idsIn(queue, state).has(id)) this.tables.idsIn(queue, state).set(id, true, undo);
    this.tables.byId.set(id, stored, undo);
  }
}

/** A caller's own copy of a job: the payload as JSON, like every document, and the times as Dates. */
function copyJob(job: Readonly<Job>): Job {
  return {
    ...job,
    payload: copyJson(job.payload),
    runAt: new Date(job.runAt),
    created: new Date(job.created),
    updated: new Date(job.updated),
  };
}

function comesFirst(a: StoredJob, b: StoredJob): boolean {
  const byRunAt = a.job.runAt.getTime() - b.job.runAt.getTime();
  return byRunAt < 0 || (byRunAt === 0 && a.sequence < b.sequence);
}
