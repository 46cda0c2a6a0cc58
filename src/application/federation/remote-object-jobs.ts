import type { AsObject } from '../../domain/activity-streams/as-object';
import { domainOf } from '../../domain/activity-streams/object-ids';
import { needsFetch, REMOTE_COPY_FRESH_MS } from '../../domain/federation/remote-copy';
import type { JobQueue, NewJob } from '../ports/storage/job-queue.port';

/** The queue of fetches of remote objects from their origin: one job per object per freshness window. */
export const REMOTE_OBJECT_QUEUE = 'fetch-remote-object';

/**
 * The job that fetches `id` from its origin. Its dedupe key names the freshness window of `now`, so however many
 * activities name the object, it is fetched at most once per window (a queue keeps a key whatever its state), and
 * the next window may fetch it again. Grouped by host, as deliveries are.
 */
export function remoteObjectJob(id: string, now: Date): NewJob {
  const window = Math.floor(now.getTime() / REMOTE_COPY_FRESH_MS);
  return {
    queue: REMOTE_OBJECT_QUEUE,
    payload: { id },
    dedupeKey: `${id} ${window}`,
    group: domainOf(id) ?? undefined,
  };
}

/** The object id of a fetch job's payload, or null when the payload is malformed. */
export function remoteObjectIdOfPayload(payload: Record<string, unknown>): string | null {
  return typeof payload.id === 'string' && payload.id !== '' ? payload.id : null;
}

/**
 * Plans, in the caller's unit of work, the fetch of a remote object an activity refers to, when it needs one
 * (unknown, a bare reference, or stale: see needsFetch). The fetch itself runs later, from the job queue, outside
 * any unit of work: network I/O never runs inside one. Answers whether a job was planned.
 */
export async function planRemoteObjectFetch(
  jobs: Pick<JobQueue, 'enqueue'>,
  id: string,
  stored: AsObject | null,
  localHost: string,
  now: Date,
): Promise<boolean> {
  if (!needsFetch(id, stored, localHost, now)) return false;
  await jobs.enqueue(remoteObjectJob(id, now));
  return true;
}
