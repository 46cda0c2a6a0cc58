/**
 * Opens (and so migrates) new store files one after the other, each at the same moment as a peer process does,
 * and prints the schema version of each.
 * Usage: open-store.script.ts <my name> <peer name> <database file>...
 * Before each file, both processes leave a marker and spin until the other's is there, so every open is a race.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import { runScript } from './script-support';

const BARRIER_DEADLINE_MS = 20_000;

/** Busy-waits (no timer) so both processes leave the barrier within microseconds of each other. */
function meetPeer(file: string, me: string, peer: string): void {
  fs.writeFileSync(`${file}.ready-${me}`, '');
  const giveUpAt = performance.now() + BARRIER_DEADLINE_MS;
  while (!fs.existsSync(`${file}.ready-${peer}`)) {
    if (performance.now() > giveUpAt) throw new Error(`${peer} never reached ${file}`);
  }
}

runScript(async () => {
  const [me, peer, ...files] = process.argv.slice(2);
  for (const file of files) {
    meetPeer(file, me, peer);
    const storage = openSqliteStorage({ file, clock: { now: () => new Date() } });
    await storage.close();
    const db = new Database(file, { readonly: true });
    console.log(`version ${db.pragma('user_version', { simple: true }) as number}`);
    db.close();
  }
});
