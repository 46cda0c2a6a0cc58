import type { SiteUrls } from '../../domain/site/site-urls';
import { isoSeconds } from '../activities/timestamps';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { UnitOfWork } from '../ports/storage/unit-of-work.port';
import { DISTRIBUTE_QUEUE } from './distribution-jobs';
import { fanOut, type FanOutOptions } from './fan-out';

/** What {@link DistributeActivity} needs: the id of a stored activity. */
export interface DistributeActivityCommand {
  readonly activityId: string;
}

/**
 * What a run did: `distributed` (with how many local stream entries were new and how many remote deliveries, one
 * per inbox, were planned), or why there was nothing to do: `already-distributed`, `missing` (no such activity), `deleted`.
 */
export type DistributionResult =
  | {
      readonly outcome: 'distributed';
      readonly newStreamEntries: number;
      readonly remoteDeliveries: number;
      /** Notification mails queued. */
      readonly mails?: number;
    }
  | { readonly outcome: 'already-distributed' | 'missing' | 'deleted' };

/**
 * Distributes a stored activity (docs/architecture.md §2 step 3, docs/protocol.md §6.2 and §6.5): resolves its
 * recipients, asks the domain planner which streams each local recipient gets (the actor's outbox and own inbox
 * included), appends the activity id to all of them, and queues one durable `deliver` job per remote inbox, as
 * the domain's delivery planner groups the remote persons and groups (the DeliveryRunner sends them).
 *
 * Invariants: one unit of work, so a crash leaves either everything or nothing; idempotent, because appends are,
 * delivery jobs are deduplicated by the planner's stable `<activityId> <destination>` key, and the activity is marked `_distributed` in the
 * same unit of work, so a second run (a retried job, the runner after the request did it inline) changes nothing.
 */
export class DistributeActivity {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly site: SiteUrls,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FanOutOptions = {},
  ) {}

  async execute(command: DistributeActivityCommand): Promise<DistributionResult> {
    const result = await this.storage.run(async (tx): Promise<DistributionResult> => {
      const activity = await tx.activities.findById(command.activityId);
      if (activity === null) {
        return { outcome: 'missing' };
      }
      if (activity.deleted !== undefined) {
        return { outcome: 'deleted' };
      }
      if (activity._distributed !== undefined) {
        return { outcome: 'already-distributed' };
      }
      const fanned = await fanOut(tx, this.site, activity, this.options);
      if (fanned.unroutable.length > 0) {
        this.logger.warn(
          { activityId: activity.id, recipients: fanned.unroutable },
          'recipients with no host',
        );
      }
      await tx.activities.save({ ...activity, _distributed: isoSeconds(this.clock.now()) });
      // The request that posted distributes inline: its durable job is then done too, in the same transaction,
      // so no runner ever leases it for nothing. A job a runner holds is left for the runner to settle.
      await tx.jobs.completeUnheld(DISTRIBUTE_QUEUE, activity.id);
      const { newStreamEntries, remoteDeliveries, mails } = fanned;
      return { outcome: 'distributed', newStreamEntries, remoteDeliveries, mails };
    });
    this.logger.debug({ activityId: command.activityId, ...result }, 'activity distribution');
    return result;
  }
}
