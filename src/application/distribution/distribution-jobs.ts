import type { NewJob } from '../ports/storage/job-queue.port';

/** The queue of local fan-out jobs: one per posted activity. */
export const DISTRIBUTE_QUEUE = 'distribute';

/** The payload of a `distribute` job. */
export interface DistributeJobPayload {
  activityId: string;
}

/**
 * The distribution job of an activity. Its dedupe key is the activity id, so enqueueing it again (a retried
 * request, a replay) never makes a second job.
 */
export function distributeJob(activityId: string, runAt?: Date): NewJob {
  const payload: DistributeJobPayload = { activityId };
  return { queue: DISTRIBUTE_QUEUE, payload: { ...payload }, dedupeKey: activityId, runAt };
}

/** The activity id of a `distribute` job's payload, or null when the payload is malformed. */
export function activityIdOfPayload(payload: Record<string, unknown>): string | null {
  return typeof payload.activityId === 'string' && payload.activityId !== '' ? payload.activityId : null;
}
