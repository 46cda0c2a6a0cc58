/**
 * Leases a job and dies on the spot (SIGKILL: no complete, no release, no close), as a crashed worker would.
 * Prints the lease as one JSON line first. Its clock stands still at <now ms>.
 * Usage: lease-and-crash.script.ts <database file> <queue> <now ms> <lease ms>
 */
import fs from 'node:fs';
import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import { runScript } from './script-support';

runScript(async () => {
  const [file, queue, nowMs, leaseMs] = process.argv.slice(2);
  const storage = openSqliteStorage({ file, clock: { now: () => new Date(Number(nowMs)) } });
  const lease = await storage.jobs.lease(queue, 'doomed-worker', Number(leaseMs));
  // Synchronous, so the line is out before the kill.
  fs.writeSync(1, `${JSON.stringify(lease)}\n`);
  process.kill(process.pid, 'SIGKILL');
});
