import { RunnerNudge } from '../jobs/runner-nudge';
import type { ActivityDistribution } from '../activities/post-activity.use-case';
import type {
  DistributeActivity,
  DistributeActivityCommand,
  DistributionResult,
} from '../distribution/distribute-activity.use-case';

/**
 * The delivery queue's {@link RunnerNudge}: a post reaches its remote followers in about the time the request took.
 */
export class DeliveryNudge extends RunnerNudge {}

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
