import type { MasterMessage } from './cluster-messages';

/** How a worker process ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/** A worker as the process table knows it. */
export interface ForkedWorker {
  /** The cluster's id: unique for the life of the master, never reused. */
  readonly id: number;
  readonly pid: number;
}

/**
 * The process table of the master: forking workers, talking to them over IPC and ending them. The orchestrator
 * sees workers only through this port, so its unit tests run against a fake table and no real process.
 *
 * Invariants: `onMessage` receives whatever a worker sent, unvalidated (the orchestrator checks its shape);
 * `onExit` fires exactly once per forked worker, after which its id is never seen again.
 */
export interface ClusterProcess {
  fork(): ForkedWorker;
  /** False when the worker is gone or its channel is closed; never throws. */
  send(id: number, message: MasterMessage): boolean;
  /** Ends the worker at once (SIGKILL): for a worker that did not stop in time. */
  kill(id: number): void;
  onMessage(handler: (id: number, message: unknown) => void): void;
  onExit(handler: (id: number, exit: WorkerExit) => void): void;
}

/** A scheduled callback that can be cancelled. */
export interface Timer {
  cancel(): void;
}

/** Time for the master: milliseconds now, and timers; a fake clock drives the orchestrator's tests. */
export interface ClusterClock {
  now(): number;
  schedule(delayMs: number, callback: () => void): Timer;
}
