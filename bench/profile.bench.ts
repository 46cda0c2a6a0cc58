/**
 * `npm run bench:profile`: where a worker's time and memory go under the client of bench:compare. Starts one
 * Pumphouse (SQLite, PROFILE_WORKERS workers, default 1) as `node --cpu-prof --cpu-prof-dir=<dir>
 * --heapsnapshot-signal=SIGUSR2 bin/pumphouse.js start`: the cluster forks workers with the master's execArgv,
 * so every worker writes a CPU profile when it exits gracefully. The worker ignores SIGUSR2 for restarts, so the
 * signal only writes a heap snapshot. Then: the poster posts PROFILE_POSTS notes (default 10000), with a heap
 * snapshot after 1000 and after all of them, then the reader reads PROFILE_READS (default 5000) inbox pages;
 * prints the top self-time frames of the workers' profiles and the heap classes that grew between snapshots.
 * PROFILE_HEAP=0 skips the snapshots (they cost the worker memory and time). Talks only to 127.0.0.1; stops the
 * server it started.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanEnv, freePort, waitUntilHealthy } from '../test/e2e/pumphouse-process';
import { PumpClient, signature, type AccessToken, type Consumer } from '../test/e2e/support/pump-client';
import { childrenOf, rssMiB, rssParts } from './support/compare-servers';
import { heapGrowth, summarizeHeapSnapshot, topSelfFrames } from './support/profile-summary';
import { runLoad, type LoadRequest } from './support/load';

const BIN = join(__dirname, '..', 'bin', 'pumphouse.js');
const CONCURRENCY = 16;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const progress = (step: string) =>
  process.stderr.write(`[bench:profile] ${new Date().toISOString()} ${step}\n`);

function signed(
  port: number,
  method: string,
  path: string,
  c: Consumer,
  t: AccessToken,
  json?: unknown,
): LoadRequest {
  const headers: Record<string, string> = {
    Host: `localhost:${port}`,
    ...signature(`http://localhost:${port}${path}`, method, { consumer: c, token: t }),
  };
  if (json === undefined) return { method, path, headers };
  headers['Content-Type'] = 'application/json';
  return { method, path, headers, body: JSON.stringify(json) };
}

/** Asks every worker for a heap snapshot and waits until each has written one more file. */
async function snapshot(dir: string, workers: number[]): Promise<string[]> {
  if (process.env.PROFILE_HEAP === '0') return [];
  const before = new Set(readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')));
  for (const pid of workers) process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 300_000;
  for (;;) {
    const fresh = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    // A snapshot is complete once its size stops changing; a second look a moment later checks it.
    if (fresh.length >= workers.length) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return fresh.map((f) => join(dir, f));
    }
    if (Date.now() > deadline) throw new Error('no heap snapshot within 300 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const workers = env('PROFILE_WORKERS', 1);
  const posts = env('PROFILE_POSTS', 10_000);
  const firstSnapshotAt = Math.min(1000, posts);
  const reads = env('PROFILE_READS', 5000);
  const work = mkdtempSync(join(tmpdir(), 'pumphouse-bench-profile-'));
  const profiles = join(work, 'profiles');
  mkdirSync(profiles);
  const port = await freePort();
  const config = join(work, 'pump.io.json');
  writeFileSync(
    config,
    JSON.stringify({
      port,
      address: '127.0.0.1',
      dataDir: join(work, 'data'),
      bcryptCost: 4,
      logLevel: 'warn',
      workers,
      rateLimits: {
        apiWrites: { points: 0, durationSeconds: 60 },
        registration: { points: 0, durationSeconds: 60 },
      },
    }),
  );
  // PROFILE_NODE_FLAGS adds flags of its own (a V8 heap setting to try, say); they reach the workers as well.
  const extra = (process.env.PROFILE_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const flags = ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--heapsnapshot-signal=SIGUSR2', ...extra];
  const child = spawn(process.execPath, [...flags, BIN, 'start', '-c', config], {
    cwd: profiles,
    env: cleanEnv(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const server = { child, stdout: () => '', stderr: () => '', exited: exited as Promise<number> };
  try {
    await waitUntilHealthy(port, server, 120_000);
    const pids = childrenOf(child.pid as number);
    const client = new PumpClient(port);
    const consumer = await client.registerClient('bench profile');
    const poster = await client.registerUser(consumer, 'poster', 'poster-password-42');
    const reader = await client.registerUser(consumer, 'reader', 'reader-password-42');
    const posterId = (
      (await client.send('/api/user/poster', { consumer, token: reader })).json as { profile: { id: string } }
    ).profile.id;
    await client.send('/api/user/reader/feed', {
      consumer,
      token: reader,
      json: { verb: 'follow', object: { objectType: 'person', id: posterId } },
    });
    const post = (_w: number, n: number) =>
      signed(port, 'POST', '/api/user/poster/feed', consumer, poster, {
        verb: 'post',
        object: { objectType: 'note', content: `Profile note ${n}` },
      });
    progress(
      `${firstSnapshotAt} posts; worker RSS ${pids
        .map(rssMiB)
        .map((v) => v.toFixed(0))
        .join(', ')} MiB`,
    );
    const first = await runLoad(port, CONCURRENCY, firstSnapshotAt, post);
    const early = await snapshot(profiles, pids);
    const rssEarly = pids.map(rssMiB);
    progress(`${posts - firstSnapshotAt} more posts`);
    const rest =
      posts > firstSnapshotAt ? await runLoad(port, CONCURRENCY, posts - firstSnapshotAt, post) : first;
    const late = await snapshot(profiles, pids);
    const rssLate = pids.map(rssMiB);
    progress(`${reads} inbox reads`);
    const read = await runLoad(port, CONCURRENCY, reads, () =>
      signed(port, 'GET', '/api/user/reader/inbox?count=20', consumer, reader),
    );
    const rssRead = pids.map(rssMiB);
    console.log(`worker memory after the reads: ${pids.map(rssParts).join('; ')}`);
    console.log(
      `posts/s ${first.perSecond.toFixed(0)} (first ${firstSnapshotAt}), ${rest.perSecond.toFixed(0)} (rest); reads/s ${read.perSecond.toFixed(0)}`,
    );
    console.log(
      `worker RSS MiB after ${firstSnapshotAt} posts ${rssEarly.map((v) => v.toFixed(0))}, after ${posts} ${rssLate.map((v) => v.toFixed(0))}, after reads ${rssRead.map((v) => v.toFixed(0))}`,
    );
    console.log(`\nHeap classes that grew between ${firstSnapshotAt} and ${posts} posts (first worker):`);
    if (early.length > 0)
      for (const line of heapGrowth(summarizeHeapSnapshot(early[0]), summarizeHeapSnapshot(late[0]), 15))
        console.log(line);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  const cpu = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile'));
  // The master's profile is the one of its pid; the others are the workers'.
  const master = String(child.pid);
  for (const file of cpu.filter((f) => !f.includes(`.${master}.`))) {
    console.log(`\nTop self-time frames of ${file} (posts and reads together):`);
    for (const line of topSelfFrames(join(profiles, file), 25)) console.log(line);
  }
  console.log(`\nProfiles and snapshots are in ${profiles} (remove it when done).`);
  if (!existsSync(profiles)) throw new Error('profiles folder vanished');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
