/**
 * One of two processes hammering one store file: appends to a shared stream and its own, then enqueues, leases
 * and completes jobs of a shared queue. Prints one JSON line with every lease it got.
 * Usage: contend.script.ts <database file> <name> <item count> <job count>
 */
import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import { runScript, waitUntil } from './script-support';

/** Written by the test and read back by it: the record of one lease this process obtained. */
export interface LeaseRecord {
  jobId: string;
  leaseId: string;
  holder: string;
  attempts: number;
  completed: boolean;
}

/** The JSON line this script prints when it is done. */
export interface ContendReport {
  enqueued: string[];
  leases: LeaseRecord[];
}

const LEASE_MS = 60_000;

runScript(async () => {
  const [file, name, items, jobs] = process.argv.slice(2);
  const storage = openSqliteStorage({ file, clock: { now: () => new Date() } });

  // Start together, so the two processes' writes really overlap.
  await storage.streams.append('barrier', name);
  await waitUntil(async () => (await storage.streams.count('barrier')) === 2, 20_000, 'the other process');

  for (let n = 0; n < Number(items); n++) {
    // Both processes append every common item; each also appends items of its own, in between.
    await storage.streams.append('shared', `common-${n}`);
    await storage.streams.append('shared', `${name}-${n}`);
    if (n % 2 === 0) await storage.streams.append(`own:${name}`, `${name}-${n}`);
  }

  const report: ContendReport = { enqueued: [], leases: [] };
  const leaseAndComplete = async (): Promise<boolean> => {
    const lease = await storage.jobs.lease('contended', name, LEASE_MS);
    if (lease === null) return false;
    const completed = await storage.jobs.complete(lease);
    const { id: jobId, attempts } = lease.job;
    report.leases.push({ jobId, leaseId: lease.leaseId, holder: lease.holder, attempts, completed });
    return true;
  };
  for (let n = 0; n < Number(jobs); n++) {
    // The same dedupe keys in both processes: each key must end as one job, done once.
    report.enqueued.push(
      await storage.jobs.enqueue({ queue: 'contended', payload: { n }, dedupeKey: `job-${n}` }),
    );
    report.enqueued.push(await storage.jobs.enqueue({ queue: 'contended', payload: { n, by: name } }));
    await leaseAndComplete();
  }
  while (await leaseAndComplete()) {
    // Drain: whatever is left, from either process.
  }

  await storage.close();
  console.log(JSON.stringify(report));
});
