/** Why a restart request is refused; stable codes for scripts, with a sentence for people. */
export type RestartRefusalCode =
  'starting' | 'failed-before' | 'in-progress' | 'one-worker' | 'too-few-ready' | 'epoch-changed';

/** The answer to a restart request. */
export type RestartDecision =
  { readonly ok: true } | { readonly ok: false; readonly code: RestartRefusalCode; readonly reason: string };

/** What the restart policy looks at; a snapshot taken by the orchestrator. */
export interface RestartFacts {
  /** True until every first worker has said it is ready. */
  readonly starting: boolean;
  /** The reason an earlier restart failed, or null. */
  readonly failure: string | null;
  readonly inProgress: boolean;
  /** The configured number of workers. */
  readonly workers: number;
  /** Workers serving right now (a crashed one may be waiting to be replaced). */
  readonly readyWorkers: number;
  readonly startedEpoch: number;
  /** The epoch of the code on disk, or the error that reading it gave. */
  readonly diskEpoch: number | Error;
}

/**
 * Whether a zero-downtime restart may start. Pure. The first rule that applies wins: still starting, an earlier
 * failure (the admin must restart the service), a restart in progress, a single worker (rolling it would leave no
 * one serving), fewer than two workers ready right now, then the zero-downtime epoch on disk differing from the
 * running one.
 */
export function decideRestart(facts: RestartFacts): RestartDecision {
  const refuse = (code: RestartRefusalCode, reason: string): RestartDecision => ({ ok: false, code, reason });
  if (facts.starting) return refuse('starting', 'the server is still starting; try again once it is ready');
  if (facts.failure !== null) {
    return refuse(
      'failed-before',
      `an earlier restart failed (${facts.failure}); restart the service itself (e.g. systemctl restart)`,
    );
  }
  if (facts.inProgress) return refuse('in-progress', 'a restart is already in progress');
  if (facts.workers <= 1) {
    return refuse('one-worker', 'only one worker is configured; set "workers" to 2 or more for restarts');
  }
  if (facts.readyWorkers < 2) {
    return refuse(
      'too-few-ready',
      `only ${facts.readyWorkers} worker(s) ready; a restart needs two, so one keeps serving`,
    );
  }
  if (facts.diskEpoch instanceof Error) {
    return refuse(
      'epoch-changed',
      `cannot read the zero-downtime epoch of the new code: ${facts.diskEpoch.message}`,
    );
  }
  if (facts.diskEpoch !== facts.startedEpoch) {
    return refuse(
      'epoch-changed',
      `the new code has zero-downtime epoch ${facts.diskEpoch}, this master runs ${facts.startedEpoch}: ` +
        'it cannot be rolled; restart the service itself',
    );
  }
  return { ok: true };
}

/** Limits of crash respawning. */
export interface RespawnLimits {
  /** Crashes are counted over this window. */
  readonly windowMs: number;
  /** More crashes than this in the window: stop replacing workers. */
  readonly maxCrashes: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Ten crashes in a minute stop respawning; the delay doubles from 250 ms up to 15 s. */
export const DEFAULT_RESPAWN_LIMITS: RespawnLimits = {
  windowMs: 60_000,
  maxCrashes: 10,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
};

/** What to do about a worker that died unexpectedly. */
export type RespawnPlan =
  { readonly action: 'fork'; readonly delayMs: number } | { readonly action: 'give-up' };

/**
 * When to replace a crashed worker, given the times of recent crashes (this one included). Pure. The first crash
 * in the window is replaced at once; each further one waits twice as long, up to the cap; past `maxCrashes` the
 * master gives up, so a worker that always dies does not spin.
 */
export function planRespawn(
  crashTimes: readonly number[],
  now: number,
  limits: RespawnLimits = DEFAULT_RESPAWN_LIMITS,
): RespawnPlan {
  const recent = crashTimes.filter((time) => now - time < limits.windowMs).length;
  if (recent > limits.maxCrashes) return { action: 'give-up' };
  if (recent <= 1) return { action: 'fork', delayMs: 0 };
  return { action: 'fork', delayMs: Math.min(limits.baseDelayMs * 2 ** (recent - 2), limits.maxDelayMs) };
}
