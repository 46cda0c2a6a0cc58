import type { ActivityDistribution } from '../activities/post-activity.use-case';
import type {
  DistributeActivity,
  DistributeActivityCommand,
  DistributionResult,
} from '../distribution/distribute-activity.use-case';

/**
 * Tells this process's delivery runner that new remote deliveries were queued, so they go out now instead of at
 * the runner's next poll (a post reaches its remote followers in about the time the request took). Other processes
 * still find the jobs at their next poll: the queue, not this signal, is what makes delivery durable.
 */
export class DeliveryNudge {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` at each nudge until the answered function is called. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  nudge(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * {@link DistributeActivity}, nudging the delivery runner when a distribution queued remote deliveries, and the
 * mail runner when it queued notification mails.
 */
export class NudgingDistribution implements ActivityDistribution {
  constructor(
    private readonly distribute: Pick<DistributeActivity, 'execute'>,
    private readonly nudge: DeliveryNudge,
    private readonly mailNudge: { nudge(): void } | null = null,
  ) {}

  async execute(command: DistributeActivityCommand): Promise<DistributionResult> {
    const result = await this.distribute.execute(command);
    if (result.outcome === 'distributed' && result.remoteDeliveries > 0) this.nudge.nudge();
    if (result.outcome === 'distributed' && (result.mails ?? 0) > 0) this.mailNudge?.nudge();
    return result;
  }
}
