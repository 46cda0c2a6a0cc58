import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cleanEnv, freePort, spawnPumphouse, waitUntilHealthy } from '../../test/e2e/pumphouse-process';

/** A server under test: its port, the master's pid, and how to stop it (master and workers). */
export interface ServerUnderTest {
  readonly label: string;
  readonly port: number;
  readonly masterPid: number;
  stop(): Promise<void>;
}

/** Resident memory of a process in MiB, from /proc (NaN once it has gone). */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process split as /proc reports it: anonymous, file-backed and shared memory, MiB. */
export function rssParts(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const part = (name: string) =>
      (Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024).toFixed(0);
    return `anon ${part('RssAnon')} + file ${part('RssFile')} + shmem ${part('RssShmem')}`;
  } catch {
    return 'gone';
  }
}

/** The pids a master forked (its workers), from /proc. */
export function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

/** The 1-minute load average, as /proc/loadavg gives it. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Waits until the master has forked `count` workers, so their memory can be read. */
async function workersOf(pid: number, count: number): Promise<number[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const children = childrenOf(pid);
    if (children.length >= count) return children;
    if (Date.now() > deadline) throw new Error(`master ${pid} has ${children.length} of ${count} workers`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGTERM to the master, SIGKILL to whatever is left of it and its workers after 15 s. */
async function stopTree(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const pid = child.pid as number;
  const workers = childrenOf(pid);
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const each of [pid, ...workers]) {
      try {
        process.kill(each, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
  // pump.io's workers leave when their master's IPC channel closes; make sure none is left behind.
  for (const each of workers) {
    try {
      process.kill(each, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export const BENCH_CLIENT = { key: 'compare-client', secret: 'compare-client-secret-0123456789abcdef' };

/** Pumphouse on SQLite with `workers` workers, from this checkout's dist/. */
export async function startPumphouse(work: string, workers: number): Promise<ServerUnderTest> {
  const port = await freePort();
  const dir = join(work, `pumphouse-${workers}w-${port}`);
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'pump.io.json');
  writeFileSync(
    config,
    JSON.stringify({
      port,
      address: '127.0.0.1',
      dataDir: join(dir, 'data'),
      bcryptCost: 4,
      logLevel: 'warn',
      workers,
      // Every bench client comes from 127.0.0.1: per-address limits would measure the limiter, not the API.
      rateLimits: {
        apiWrites: { points: 0, durationSeconds: 60 },
        registration: { points: 0, durationSeconds: 60 },
      },
      clients: [{ client_id: BENCH_CLIENT.key, client_secret: BENCH_CLIENT.secret, title: 'bench' }],
    }),
  );
  const server = spawnPumphouse(['start', '-c', config], { cwd: dir, env: cleanEnv() });
  await waitUntilHealthy(port, server, 120_000);
  const masterPid = server.child.pid as number;
  await workersOf(masterPid, workers);
  return {
    label: `Pumphouse ${workers} worker${workers === 1 ? '' : 's'} (SQLite)`,
    port,
    masterPid,
    stop: () => stopTree(server.child, server.exited),
  };
}

/**
 * pump.io from a checkout (installed as README.md, "Trying Pumphouse against a real pump.io", says) on its memory
 * store with one worker, started as its own bin/pump does, on the Node it is made for. Its client is registered through the API.
 */
export async function startPumpio(work: string, dir: string, node: string): Promise<ServerUnderTest> {
  const port = await freePort();
  const folder = join(work, `pumpio-${port}`);
  mkdirSync(folder, { recursive: true });
  const config = join(folder, 'pump.io.json');
  writeFileSync(
    config,
    JSON.stringify({
      driver: 'memory',
      params: {},
      secret: `bench-${port}-${process.pid}`,
      hostname: 'localhost',
      address: '127.0.0.1',
      port,
      urlPort: port,
      // pump.io's name for the worker count (its `workers` is internal); memory is one of its unclustered drivers.
      children: 1,
      noweb: true,
      site: 'bench',
      logfile: join(folder, 'pump.log'),
      logLevel: 'warn',
      enableUploads: false,
      requireEmail: false,
      firehose: '',
      sockjs: false,
      noCDN: true,
      compress: false,
      controlSocket: join(folder, 'pump.socket'),
    }),
  );
  const child = spawn(node, [join(dir, 'bin', 'pump'), '-c', config], {
    cwd: folder,
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const process_ = { child, stdout: () => '', stderr: () => stderr, exited: exited as Promise<number> };
  await waitForPumpio(port, process_);
  await workersOf(child.pid as number, 1);
  return {
    label: 'pump.io (1 worker, memory)',
    port,
    masterPid: child.pid as number,
    stop: () => stopTree(child, exited),
  };
}

/** pump.io has no /api/health; its /api/client/register answers once a worker listens. */
async function waitForPumpio(port: number, server: Parameters<typeof waitUntilHealthy>[1]): Promise<void> {
  const { httpPost } = await import('../../test/e2e/pumphouse-process');
  const deadline = Date.now() + 120_000;
  let ended = false;
  void server.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`pump.io exited before it listened:\n${server.stderr()}`);
    try {
      const answer = await httpPost(port, '/api/client/register', { type: 'client_associate' });
      if (answer.status > 0) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`pump.io did not listen within 120 s:\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A bare node:http server in its own process: the ceiling of this machine for the same client. */
export async function startCeiling(): Promise<ServerUnderTest> {
  const port = await freePort();
  const source = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.setHeader('Content-Type', 'application/json; charset=utf-8'); s.end('{"items":[]}'); }); }).listen(${port}, '127.0.0.1', () => process.send('ready'));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    label: 'bare node:http (ceiling)',
    port,
    masterPid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
