import type { Logger } from '../../application/ports/logger.port';
import type { ClusterClock, Timer } from './cluster-process.port';
import { DEFAULT_RESPAWN_LIMITS, planRespawn, type RespawnLimits } from './restart-policy';

/**
 * Replaces crashed workers on the schedule of {@link planRespawn}: at once, then with a doubling delay, and not at
 * all once crashes come too fast. Keeps only the crash times the policy needs.
 */
export class CrashRespawner {
  private readonly crashTimes: number[] = [];
  private readonly timers = new Set<Timer>();
  private givenUp = false;

  constructor(
    private readonly clock: ClusterClock,
    private readonly logger: Logger,
    private readonly limits: RespawnLimits = DEFAULT_RESPAWN_LIMITS,
  ) {}

  /** True once crashes came too fast and workers are no longer replaced. */
  get gaveUp(): boolean {
    return this.givenUp;
  }

  /** Replacements scheduled and not yet forked. */
  get pending(): number {
    return this.timers.size;
  }

  /** Records a crash and schedules `fork`, unless the cap is reached. */
  crashed(fork: () => void): void {
    if (this.givenUp) return;
    const now = this.clock.now();
    this.crashTimes.push(now);
    while (this.crashTimes.length > this.limits.maxCrashes + 1) this.crashTimes.shift();
    const plan = planRespawn(this.crashTimes, now, this.limits);
    if (plan.action === 'give-up') {
      this.givenUp = true;
      this.logger.error(
        { crashes: this.crashTimes.length },
        'workers crash too often; no longer replacing them',
      );
      return;
    }
    const timer = this.clock.schedule(plan.delayMs, () => {
      this.timers.delete(timer);
      fork();
    });
    this.timers.add(timer);
  }

  /** Cancels every scheduled replacement (the master is stopping). */
  cancelAll(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }
}
