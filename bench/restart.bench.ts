/**
 * `npm run bench:restart`: three zero-downtime restarts of a real `pumphouse` (2 workers, SQLite) under a
 * keep-alive API load on 127.0.0.1. Prints the requests served (in total and during the restarts), the failures,
 * each restart's duration, and the p99 latency during the restarts as a ratio to the steady state measured before
 * them. Goal: 0 failures in at least 100,000 requests; p99 during a restart at most 2x steady state.
 *
 * Flags: --requests N (default 100000), --connections N (default 24), --rate N (requests per second over all
 * connections; default 0, which sends back to back and saturates the workers).
 */
import { performance } from 'node:perf_hooks';

import { newTally, runApiLoad, SignedAgent } from '../test/e2e/cluster/cluster-load';
import { startClusterNode } from '../test/e2e/cluster/cluster-node';
import { PumpClient } from '../test/e2e/support/pump-client';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const total = flag('requests', 100_000);
  const connections = flag('connections', 24);
  const rate = flag('rate', 0);
  const node = await startClusterNode();
  try {
    const client = new PumpClient(node.port);
    const consumer = await client.registerClient();
    const token = await client.registerUser(consumer, 'bench', 'bench-password-1');
    const api = new SignedAgent(node.port, consumer, token, connections);

    // Every answer's end time and latency, to split steady state from restart windows afterwards.
    const samples: Array<{ at: number; ms: number }> = [];
    const tally = newTally();
    const latencies = tally.latenciesMs;
    latencies.push = (...items: number[]) => {
      for (const ms of items) samples.push({ at: performance.now(), ms });
      return samples.length;
    };
    let done = false;
    const load = runApiLoad(api, 'bench', connections, () => done, total, tally, rate > 0 ? rate : undefined);
    const waitRequests = async (count: number) => {
      while (tally.requests < Math.min(count, total)) await new Promise((r) => setTimeout(r, 20));
    };

    // Steady state first (a quarter of the load), then three restarts spread over the rest.
    await waitRequests(total / 4);
    const steadyEnd = performance.now();
    const windows: Array<{ from: number; to: number; ms: number }> = [];
    for (let i = 0; i < 3; i += 1) {
      await waitRequests(tally.requests + total / 8);
      const before = (await node.status()).lastRestart?.at ?? 0;
      const from = performance.now();
      node.process.child.kill('SIGUSR2');
      const after = await node.waitForStatus(
        (s) => !s.restart.inProgress && (s.lastRestart?.at ?? 0) > before,
        60_000,
      );
      if (after.failure !== null) throw new Error(`restart failed: ${after.failure.reason}`);
      windows.push({ from, to: performance.now(), ms: after.lastRestart?.totalMs ?? NaN });
    }
    await waitRequests(total);
    done = true;
    await load;
    api.agent.destroy();

    const steady = samples.filter((s) => s.at <= steadyEnd).map((s) => s.ms);
    const during = samples
      .filter((s) => windows.some((w) => s.at >= w.from && s.at <= w.to))
      .map((s) => s.ms);
    const failures = tally.errors.length + tally.bad.length;
    const rows = [
      [
        'load',
        rate > 0
          ? `paced at ${rate} requests/s over ${connections} connections`
          : `saturating, ${connections} connections back to back`,
      ],
      ['requests (total)', String(tally.requests)],
      ['requests during the 3 restarts', String(during.length)],
      ['failures (errors, resets, timeouts, non-200)', String(failures)],
      ['posts answered 200', String(tally.posted.length)],
      ...windows.map((w, i) => [`restart ${i + 1} duration`, `${w.ms} ms`]),
      ['p99 steady state', `${p99(steady).toFixed(1)} ms`],
      ['p99 during restarts', `${p99(during).toFixed(1)} ms`],
      ['p99 ratio (goal <= 2)', (p99(during) / p99(steady)).toFixed(2)],
    ];
    process.stdout.write(
      `\n| figure | value |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`,
    );
    if (failures > 0) {
      process.stdout.write(`\nfirst failures:\n${[...tally.errors, ...tally.bad].slice(0, 10).join('\n')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await node.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
