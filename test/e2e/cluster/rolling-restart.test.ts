import { execFile } from 'node:child_process';
import { join } from 'node:path';

import type { ClusterStatus } from '../../../src/infrastructure/cluster/cluster-status';
import { cleanEnv } from '../pumphouse-process';
import { PumpClient } from '../support/pump-client';
import { newTally, runApiLoad, SignedAgent } from './cluster-load';
import { type ClusterNode, startClusterNode } from './cluster-node';

// Generous: under deliberate CPU contention (npm run test:restart-under-load) a run takes two minutes or more.
jest.setTimeout(300_000);

const BIN = join(__dirname, '..', '..', '..', 'bin', 'pumphouse.js');
const CONNECTIONS = 24;
/** A bound on the load, so the test stops by itself whatever happens. */
const MAX_REQUESTS = 40_000;

const pids = (status: ClusterStatus): number[] => status.workers.map((worker) => worker.pid).sort();

/**
 * `pumphouse ctl ...` against the node's config; answers the exit code and what it printed. Asynchronous on
 * purpose: a synchronous spawn would freeze the load loops of this process while the CLI starts (over a second
 * on a busy machine), and the frozen clients would look like slow ones to the server.
 */
function ctl(
  node: ClusterNode,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'ctl', ...args, '-c', node.configFile],
      { env: cleanEnv(), encoding: 'utf8', timeout: 15_000 },
      (error, out, err) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, out, err });
      },
    );
  });
}

describe('zero-downtime restarts under load (2 workers, SQLite)', () => {
  let node: ClusterNode | undefined;
  afterEach(async () => {
    await node?.stop();
    node = undefined;
  });

  it('serves every request through three restarts, by SIGUSR2 and by ctl, and replaces every worker', async () => {
    node = await startClusterNode();
    const running = node;
    const client = new PumpClient(running.port);
    const consumer = await client.registerClient();
    const token = await client.registerUser(consumer, 'loader', 'loader-password-1');
    const api = new SignedAgent(running.port, consumer, token, CONNECTIONS);

    const tally = newTally();
    let done = false;
    const load = runApiLoad(api, 'loader', CONNECTIONS, () => done, MAX_REQUESTS, tally);

    const waitRequests = async (count: number) => {
      while (tally.requests < count && tally.requests < MAX_REQUESTS)
        await new Promise((r) => setTimeout(r, 20));
    };
    const seen: number[][] = [pids(await running.status())];
    const triggers: Array<() => Promise<unknown>> = [
      async () => running.process.child.kill('SIGUSR2'),
      async () => expect(await ctl(running, 'restart')).toMatchObject({ code: 0, out: 'restart started\n' }),
      async () => running.process.child.kill('SIGUSR2'),
    ];
    try {
      for (const trigger of triggers) {
        await waitRequests(tally.requests + 300);
        const before = (await running.status()).lastRestart?.at ?? 0;
        await trigger();
        const after = await running.waitForStatus(
          (s) =>
            !s.restart.inProgress &&
            (s.lastRestart?.at ?? 0) > before &&
            s.workers.every((w) => w.state === 'ready'),
        );
        expect(after.failure).toBeNull();
        seen.push(pids(after));
      }
      await waitRequests(tally.requests + 300);
      // Posts are paced (the API write rate limit); on a busy machine the restarts can end before many were
      // made, so keep the load on until enough posts exist to make the read-back check meaningful.
      const deadline = Date.now() + 30_000;
      while (tally.posted.length <= 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      done = true;
      await load;
    }

    expect(tally.errors).toEqual([]);
    expect(tally.bad).toEqual([]);
    expect(tally.requests).toBeGreaterThan(1_500);
    for (let i = 1; i < seen.length; i += 1) {
      expect(seen[i]).toHaveLength(2);
      for (const pid of seen[i]) expect(seen[i - 1]).not.toContain(pid);
    }

    // Every post answered 200 is stored: read each one back.
    expect(tally.posted.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (let i = 0; i < tally.posted.length; i += CONNECTIONS) {
      const batch = tally.posted.slice(i, i + CONNECTIONS);
      const answers = await Promise.all(batch.map((id) => api.send('GET', new URL(id).pathname)));
      answers.forEach((answer, n) => answer.status !== 200 && missing.push(`${batch[n]}: ${answer.status}`));
    }
    expect(missing).toEqual([]);
    api.agent.destroy();

    const status = await ctl(running, 'status');
    expect(status.code).toBe(0);
    expect(status.out).toContain('2/2 workers');
    expect(status.out).toContain('last failure: none');
    expect(await running.stop()).toBe(0);
  });

  it('refuses a restart with one worker, with the reason, and never exits on junk from the control socket', async () => {
    node = await startClusterNode({ workers: 1 });
    const refused = await ctl(node, 'restart');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('only one worker');
    expect(await ctl(node, 'loglevel', 'debug')).toMatchObject({ code: 0, out: 'log level set to debug\n' });
    expect((await ctl(node, 'status')).out).toContain('log level: debug');
    expect(node.process.child.exitCode).toBeNull();
  });
});
