import cluster from 'node:cluster';

import type { MasterMessage } from './cluster-messages';
import type { ClusterClock, ClusterProcess, ForkedWorker, Timer, WorkerExit } from './cluster-process.port';

/**
 * {@link ClusterProcess} over node:cluster: the only file that imports it. Workers re-run the `pumphouse` command
 * (the master's own script and Node binary) with the hidden `worker` command and the master's config arguments;
 * they share the master's stdout and stderr.
 *
 * Invariants: nothing here throws into the master: a failed send answers false, and a worker's channel errors
 * (EPIPE while it exits) are swallowed, since the exit event tells the master what it needs.
 */
export class NodeClusterProcess implements ClusterProcess {
  constructor(script: string, workerArgs: readonly string[]) {
    cluster.setupPrimary({ exec: script, args: ['worker', ...workerArgs], silent: false });
  }

  fork(): ForkedWorker {
    const worker = cluster.fork();
    worker.on('error', () => undefined);
    return { id: worker.id, pid: worker.process.pid ?? -1 };
  }

  send(id: number, message: MasterMessage): boolean {
    const worker = cluster.workers?.[id];
    if (worker === undefined || !worker.isConnected()) return false;
    try {
      return worker.send(message);
    } catch {
      return false;
    }
  }

  kill(id: number): void {
    cluster.workers?.[id]?.process.kill('SIGKILL');
  }

  onMessage(handler: (id: number, message: unknown) => void): void {
    cluster.on('message', (worker, message: unknown) => handler(worker.id, message));
  }

  onExit(handler: (id: number, exit: WorkerExit) => void): void {
    cluster.on('exit', (worker, code: number | null, signal: string | null) =>
      handler(worker.id, { code, signal }),
    );
  }
}

/** {@link ClusterClock} over Date.now and setTimeout. */
export class SystemClusterClock implements ClusterClock {
  now(): number {
    return Date.now();
  }
  schedule(delayMs: number, callback: () => void): Timer {
    const handle = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(handle) };
  }
}
