import type { Activity } from '../../domain/activity-streams/activity';
import { planDistribution } from '../../domain/distribution/distribution-planner';
import { distributeJob } from '../distribution/distribution-jobs';
import type { Repositories } from '../ports/storage/unit-of-work.port';

/**
 * Writes an activity the users scope generates (the `update` of a profile PUT) and starts its distribution,
 * inside the caller's unit of work. The activities engine may provide its own; {@link OutboxActivityPublisher}
 * is the default.
 */
export interface ActivityPublisher {
  publish(tx: Repositories, activity: Activity, actorNickname: string): Promise<void>;
}

/**
 * Saves the activity, appends it to the actor's outbox and own inbox streams (as the distribution planner says
 * for a local actor), and enqueues one durable `distribute` job for
 * the fan-out to followers and remote recipients, as ARCHITECTURE.md §2 step 2 describes.
 */
export class OutboxActivityPublisher implements ActivityPublisher {
  async publish(tx: Repositories, activity: Activity, actorNickname: string): Promise<void> {
    const plan = planDistribution({
      activity,
      actorNickname,
      localUsers: [],
      localGroups: [],
      remoteRecipients: [],
    });
    await tx.activities.save(activity);
    await tx.streams.appendToMany(plan.localStreams, activity.id);
    await tx.jobs.enqueue(distributeJob(activity.id));
  }
}
