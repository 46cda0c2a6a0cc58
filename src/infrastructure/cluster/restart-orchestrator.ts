import type { Logger } from '../../application/ports/logger.port';
import type { LogLevel } from '../config/config.schema';
import { parseWorkerMessage } from './cluster-messages';
import type { ClusterProcess, ClusterClock, Timer, WorkerExit } from './cluster-process.port';
import type { ClusterStatus, WorkerStatus } from './cluster-status';
import { CrashRespawner } from './crash-respawner';
import { DEFAULT_HEARTBEAT_TIMEOUT_MS, HeartbeatMonitor } from './heartbeat-monitor';
import type { OrchestratorEvents, OrchestratorOptions, RestartAnswer } from './orchestrator-options';
import { decideRestart } from './restart-policy';

interface WorkerRecord {
  readonly id: number;
  readonly pid: number;
  readonly startedAt: number;
  state: WorkerStatus['state'];
}

interface RestartRun {
  readonly queue: number[];
  readonly startedAt: number;
  readonly stepsMs: number[];
  stepStartedAt: number;
  /** The worker asked to stop in this step, until it exits. */
  old: number | null;
  /** Its replacement, until it says it is ready. */
  replacement: number | null;
  timer: Timer | null;
}

/**
 * The master's brain: keeps `workers` workers running, replaces crashed ones with a backoff and a cap, and rolls
 * them one at a time on a zero-downtime restart. It depends only on a {@link ClusterProcess} and a
 * {@link ClusterClock}.
 *
 * Invariants: at most one worker is out of the pool during a restart, and the next one is asked to stop only once
 * the replacement said it is ready; the restart forks its replacements itself, so a crash respawn is never
 * mistaken for one; a failed restart locks further restarts and respawns until the master is restarted; an
 * unexpected message from a worker is logged and ignored, never thrown.
 */
export class RestartOrchestrator {
  private readonly workers = new Map<number, WorkerRecord>();
  private readonly respawner: CrashRespawner;
  private readonly heartbeat: HeartbeatMonitor;
  private starting = true;
  private stopping: { resolve: () => void; promise: Promise<void> } | null = null;
  private restart: RestartRun | null = null;
  private lastRestart: ClusterStatus['lastRestart'] = null;
  private failure: ClusterStatus['failure'] = null;
  private logLevel: LogLevel | null = null;

  constructor(
    private readonly cluster: ClusterProcess,
    private readonly clock: ClusterClock,
    private readonly logger: Logger,
    private readonly events: OrchestratorEvents,
    private readonly options: OrchestratorOptions,
  ) {
    this.respawner = new CrashRespawner(clock, logger, options.respawnLimits);
    // A worker that stops answering is killed; its exit is then handled as a crash (replaced with the backoff).
    const heartbeatMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    this.heartbeat = new HeartbeatMonitor(cluster, clock, logger, heartbeatMs, (id) => cluster.kill(id));
    cluster.onMessage((id, message) => this.onMessage(id, message));
    cluster.onExit((id, exit) => this.onExit(id, exit));
  }

  /** Forks the first workers. */
  start(): void {
    for (let i = 0; i < this.options.workers; i += 1) this.fork();
  }

  /** A restart request (SIGUSR2 or `ctl restart`); refusals are logged with their reason. */
  requestRestart(source: string): RestartAnswer {
    const decision = decideRestart({
      starting: this.starting || this.stopping !== null,
      failure: this.failure?.reason ?? null,
      inProgress: this.restart !== null,
      workers: this.options.workers,
      readyWorkers: this.inState('ready').length,
      startedEpoch: this.options.startedEpoch,
      diskEpoch: this.diskEpoch(),
    });
    if (!decision.ok) {
      this.logger.warn({ source, code: decision.code }, `restart refused: ${decision.reason}`);
      return decision;
    }
    const queue = this.inState('ready').map((worker) => worker.id);
    const now = this.clock.now();
    this.restart = {
      queue,
      startedAt: now,
      stepsMs: [],
      stepStartedAt: now,
      old: null,
      replacement: null,
      timer: null,
    };
    this.logger.info({ source, workers: queue.length }, 'zero-downtime restart started');
    if (!this.nextStep()) {
      return { ok: false, code: 'no-worker-stopped', reason: 'no worker could be asked to stop' };
    }
    return { ok: true, started: true };
  }

  /** Sets the log level of every worker, now and of those forked later. */
  setLogLevel(level: LogLevel): void {
    this.logLevel = level;
    for (const worker of this.workers.values())
      this.cluster.send(worker.id, { pumphouse: 'log-level', level });
    this.logger.info({ level }, 'log level changed');
  }

  /** Asks every worker to stop, kills those still running after the timeout; resolves when none is left. */
  stop(): Promise<void> {
    if (this.stopping !== null) return this.stopping.promise;
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.stopping = { resolve, promise };
    this.respawner.cancelAll();
    this.heartbeat.stop();
    this.restart?.timer?.cancel();
    this.restart = null;
    for (const worker of this.workers.values()) {
      worker.state = 'stopping';
      this.cluster.send(worker.id, { pumphouse: 'shutdown' });
    }
    const deadline = this.clock.schedule(this.options.stopTimeoutMs, () => {
      for (const worker of this.workers.values()) this.kill(worker, 'did not stop in time');
    });
    if (this.workers.size === 0) resolve();
    return promise.finally(() => deadline.cancel());
  }

  /** A snapshot for `ctl status`. */
  status(): ClusterStatus {
    const now = this.clock.now();
    return {
      masterPid: this.options.masterPid,
      configuredWorkers: this.options.workers,
      starting: this.starting,
      workers: [...this.workers.values()].map(({ id, pid, startedAt, state }) => ({
        id,
        pid,
        state,
        uptimeMs: now - startedAt,
      })),
      restart: {
        inProgress: this.restart !== null,
        remaining: this.restart?.queue.length ?? 0,
        startedAt: this.restart?.startedAt ?? null,
      },
      lastRestart: this.lastRestart,
      failure: this.failure,
      respawnGivenUp: this.respawner.gaveUp,
      logLevel: this.logLevel,
    };
  }

  private inState(state: WorkerStatus['state']): WorkerRecord[] {
    return [...this.workers.values()].filter((worker) => worker.state === state).sort((a, b) => a.id - b.id);
  }

  private diskEpoch(): number | Error {
    try {
      return this.options.readEpoch();
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private fork(): WorkerRecord {
    const { id, pid } = this.cluster.fork();
    const record: WorkerRecord = { id, pid, startedAt: this.clock.now(), state: 'starting' };
    this.workers.set(id, record);
    this.logger.info({ worker: id, pid }, 'worker forked');
    return record;
  }

  private kill(worker: WorkerRecord, why: string): void {
    this.logger.warn({ worker: worker.id, pid: worker.pid }, `killing worker: it ${why}`);
    this.cluster.kill(worker.id);
  }

  private onMessage(id: number, raw: unknown): void {
    const message = parseWorkerMessage(raw);
    const worker = this.workers.get(id);
    if (message === null || worker === undefined) {
      this.logger.warn({ worker: id }, 'ignoring an unexpected message from a worker');
      return;
    }
    if (message.pumphouse === 'bind-failed') {
      this.logger.error(
        { worker: id, pid: worker.pid, reason: message.reason },
        'worker cannot bind its ports',
      );
      if (this.restart?.replacement === id)
        this.failRestart(`new worker ${worker.pid} cannot bind: ${message.reason}`);
      else if (this.starting) this.events.startupFailed(message.reason);
      return;
    }
    if (message.pumphouse === 'pong') {
      this.heartbeat.answered(id);
      return;
    }
    if (worker.state !== 'starting') return;
    worker.state = 'ready';
    this.heartbeat.watch(id);
    this.logger.info({ worker: id, pid: worker.pid }, 'worker ready');
    if (this.logLevel !== null) this.cluster.send(id, { pumphouse: 'log-level', level: this.logLevel });
    if (this.starting && this.inState('ready').length >= this.options.workers) {
      this.starting = false;
      this.logger.info({ workers: this.options.workers }, 'every worker is ready');
    }
    if (this.restart?.replacement === id) {
      const run = this.restart;
      run.timer?.cancel();
      run.stepsMs.push(this.clock.now() - run.stepStartedAt);
      this.nextStep();
    }
  }

  /** Asks the next queued worker to stop; completes the restart when none is left. False if none was asked. */
  private nextStep(): boolean {
    const run = this.restart;
    if (run === null) return false;
    run.old = null;
    run.replacement = null;
    for (let id = run.queue.shift(); id !== undefined; id = run.queue.shift()) {
      const worker = this.workers.get(id);
      if (worker?.state !== 'ready') continue;
      if (!this.cluster.send(id, { pumphouse: 'shutdown' })) continue;
      worker.state = 'stopping';
      // Its stop has a deadline of its own; a worker draining its last requests may answer pings late.
      this.heartbeat.unwatch(id);
      run.old = id;
      run.stepStartedAt = this.clock.now();
      run.timer = this.clock.schedule(this.options.stopTimeoutMs, () =>
        this.kill(worker, `did not stop within ${this.options.stopTimeoutMs} ms`),
      );
      this.logger.info({ worker: id, pid: worker.pid }, 'asked a worker to leave the pool');
      return true;
    }
    const totalMs = this.clock.now() - run.startedAt;
    this.lastRestart = { at: this.clock.now(), stepsMs: run.stepsMs, totalMs };
    this.restart = null;
    if (run.stepsMs.length > 0)
      this.logger.info({ totalMs, stepsMs: run.stepsMs }, 'zero-downtime restart complete');
    return false;
  }

  private failRestart(reason: string): void {
    this.restart?.timer?.cancel();
    this.restart = null;
    this.failure = { reason, at: this.clock.now() };
    this.logger.error(
      { reason },
      'zero-downtime restart failed; no more restarts or worker replacements until the service is restarted',
    );
  }

  private onExit(id: number, exit: WorkerExit): void {
    const worker = this.workers.get(id);
    if (worker === undefined) return;
    this.workers.delete(id);
    this.heartbeat.unwatch(id);
    const fields = { worker: id, pid: worker.pid, code: exit.code, signal: exit.signal };
    if (this.stopping !== null) {
      if (this.workers.size === 0) this.stopping.resolve();
      return;
    }
    const run = this.restart;
    if (run !== null && run.old === id) {
      run.timer?.cancel();
      this.logger.info(fields, 'worker left the pool');
      run.old = null;
      run.replacement = this.fork().id;
      run.timer = this.clock.schedule(this.options.stopTimeoutMs, () => {
        const late = run.replacement === null ? undefined : this.workers.get(run.replacement);
        this.failRestart(`the new worker did not become ready within ${this.options.stopTimeoutMs} ms`);
        if (late !== undefined) this.kill(late, 'did not become ready in time');
      });
      return;
    }
    if (run !== null && run.replacement === id) {
      this.failRestart(
        `new worker ${worker.pid} exited (code ${exit.code}, signal ${exit.signal}) before it was ready`,
      );
    } else if (this.starting && worker.state === 'starting') {
      this.logger.error(fields, 'a worker exited before it was ready');
      this.events.startupFailed(`worker ${worker.pid} exited with code ${exit.code} before it was ready`);
      return;
    } else {
      this.logger.error(fields, 'worker died');
      this.respawn();
    }
    if (this.workers.size === 0 && this.respawner.pending === 0) this.events.noWorkersLeft();
  }

  private respawn(): void {
    if (this.failure !== null) {
      this.logger.error({}, 'not replacing the worker: an earlier restart failed; restart the service');
      return;
    }
    this.respawner.crashed(() => this.fork());
  }
}
