/** A worker in `pumphouse ctl status`. */
export interface WorkerStatus {
  readonly id: number;
  readonly pid: number;
  readonly uptimeMs: number;
  /** starting: forked, not ready yet; ready: serving; stopping: asked to leave the pool. */
  readonly state: 'starting' | 'ready' | 'stopping';
}

/** The master's view of the cluster, as `pumphouse ctl status` prints it. */
export interface ClusterStatus {
  readonly masterPid: number;
  readonly configuredWorkers: number;
  readonly starting: boolean;
  readonly workers: readonly WorkerStatus[];
  readonly restart: {
    readonly inProgress: boolean;
    /** Workers still to roll after the current one. */
    readonly remaining: number;
    readonly startedAt: number | null;
  };
  /** The last restart that completed: when, and how long each step (one worker) took. */
  readonly lastRestart: {
    readonly at: number;
    readonly stepsMs: readonly number[];
    readonly totalMs: number;
  } | null;
  /** The failure that locked restarts and respawns, or null. */
  readonly failure: { readonly reason: string; readonly at: number } | null;
  /** True when crashes came too fast and the master stopped replacing workers. */
  readonly respawnGivenUp: boolean;
  /** The log level set at runtime with `ctl loglevel`, or null for the configured one. */
  readonly logLevel: string | null;
}
