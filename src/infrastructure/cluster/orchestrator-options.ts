import type { RespawnLimits, RestartRefusalCode } from './restart-policy';

/** Settings of the orchestrator. */
export interface OrchestratorOptions {
  readonly workers: number;
  /** How long a worker asked to stop may take before it is killed, and a new one may take to become ready. */
  readonly stopTimeoutMs: number;
  readonly startedEpoch: number;
  /** The epoch of the code on disk now; may throw. */
  readonly readEpoch: () => number;
  readonly masterPid: number;
  readonly respawnLimits?: RespawnLimits;
  /** How long a ready worker may leave the master's pings unanswered before it is killed and replaced. */
  readonly heartbeatTimeoutMs?: number;
}

/** What the master must act on: the cluster cannot run any more. */
export interface OrchestratorEvents {
  /** A first worker could not start: the start fails. */
  startupFailed(reason: string): void;
  /** No worker is left and none will be replaced. */
  noWorkersLeft(): void;
}

/** The answer to a restart request: `started` only once the first worker has been asked to stop. */
export type RestartAnswer =
  | { readonly ok: true; readonly started: true }
  | { readonly ok: false; readonly code: RestartRefusalCode | 'no-worker-stopped'; readonly reason: string };
