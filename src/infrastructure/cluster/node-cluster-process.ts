import type { ChildProcess } from 'node:child_process';
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
    closeConnectionsLostInTransit(worker.process);
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

/** A connection handle the master passes to a worker. */
interface Closable {
  close(): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * node:cluster's round robin passes each new connection to a worker over the IPC channel and keeps its own copy of
 * the socket until the worker acknowledges it. If the worker dies first (killed, crashed while busy, or stopped and
 * then killed), nothing closes that copy: the client waits on a connection nobody will ever serve until its own
 * timeout (https://github.com/nodejs/node-v0.x-archive/issues/7006; lib/internal/cluster/round_robin_handle.js
 * still works so in Node 20 and 24). This follows those hand-offs on the worker's channel (node:cluster's internal
 * `newconn` messages and their `ack`) and closes the ones still unacknowledged when the worker exits, so the
 * client sees its connection end at once, as it does for the connections the dead worker had accepted.
 */
function closeConnectionsLostInTransit(child: ChildProcess): void {
  const inTransit = new Map<unknown, Closable>();
  const send = child.send.bind(child) as (...args: unknown[]) => boolean;
  child.send = ((message: unknown, handle?: unknown, ...rest: unknown[]): boolean => {
    if (
      isRecord(message) &&
      message.act === 'newconn' &&
      isRecord(handle) &&
      typeof handle.close === 'function'
    )
      inTransit.set(message.seq, handle as unknown as Closable);
    return send(message, handle, ...rest);
  }) as ChildProcess['send'];
  child.on('internalMessage', (message: unknown) => {
    if (isRecord(message) && message.ack !== undefined) inTransit.delete(message.ack);
  });
  // On exit, not on the channel's disconnect: Node holds that back while a passed handle awaits its delivery ack.
  child.once('exit', () => {
    for (const handle of inTransit.values()) handle.close();
    inTransit.clear();
  });
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
