import type { Logger } from '../../application/ports/logger.port';
import type { ClusterClock, ClusterProcess, Timer } from './cluster-process.port';

/** How long a ready worker may leave the master's pings unanswered before it is replaced, by default. */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 20_000;

/**
 * Pings every watched worker over the cluster IPC and reports one that has not answered for `timeoutMs`: a worker
 * that is stopped (SIGSTOP), deadlocked or stuck in a loop still looks alive to the process table, and node:cluster
 * keeps handing it connections that nobody will answer. A worker answers from its event loop, so a busy but
 * working one answers late, not never; the timeout is long enough for a loaded machine.
 *
 * Invariants: a worker is reported once, and no longer watched after that; pings go out `timeoutMs / 4` apart.
 */
export class HeartbeatMonitor {
  private readonly lastAnswer = new Map<number, number>();
  private timer: Timer | null = null;
  private seq = 0;

  constructor(
    private readonly cluster: Pick<ClusterProcess, 'send'>,
    private readonly clock: ClusterClock,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly onUnresponsive: (id: number) => void,
  ) {}

  /** Starts watching a worker that has just said it is ready. */
  watch(id: number): void {
    this.lastAnswer.set(id, this.clock.now());
    this.timer ??= this.clock.schedule(this.intervalMs(), () => this.tick());
  }

  /** Stops watching a worker that leaves the pool or is gone. */
  unwatch(id: number): void {
    this.lastAnswer.delete(id);
  }

  /** A worker answered a ping. */
  answered(id: number): void {
    if (this.lastAnswer.has(id)) this.lastAnswer.set(id, this.clock.now());
  }

  /** Stops pinging (the master is stopping). */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
    this.lastAnswer.clear();
  }

  private intervalMs(): number {
    return Math.max(1, Math.floor(this.timeoutMs / 4));
  }

  private tick(): void {
    this.timer = null;
    const now = this.clock.now();
    this.seq += 1;
    for (const [id, at] of [...this.lastAnswer]) {
      if (now - at >= this.timeoutMs) {
        this.lastAnswer.delete(id);
        this.logger.error({ worker: id, silentMs: now - at }, 'worker stopped answering the master');
        this.onUnresponsive(id);
      } else {
        this.cluster.send(id, { pumphouse: 'ping', seq: this.seq });
      }
    }
    if (this.lastAnswer.size > 0) this.timer = this.clock.schedule(this.intervalMs(), () => this.tick());
  }
}
