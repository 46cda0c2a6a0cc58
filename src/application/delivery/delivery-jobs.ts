import { hostOf } from '../../domain/delivery/inbox-address';
import type { PlannedDelivery } from '../../domain/delivery/delivery-planner';
import type { DeliveryRequest } from '../ports/activity-delivery.port';
import type { NewJob } from '../ports/storage/job-queue.port';

/** The queue of remote deliveries: one job per (activity, inbox), grouped by destination host. */
export const DELIVER_QUEUE = 'deliver';

/**
 * The durable job of a planned delivery. Its dedupe key is the planner's stable key, so planning an activity again
 * (a distribution retried after a crash) adds nothing; its group is the destination host, which per-host limits,
 * the breaker and `ctl deliveries --host` select by.
 */
export function deliveryJob(delivery: PlannedDelivery): NewJob {
  const payload: DeliveryRequest = {
    activityId: delivery.activityId,
    inbox: delivery.inbox,
    host: delivery.host,
    recipientIds: delivery.recipientIds,
  };
  return { queue: DELIVER_QUEUE, payload: { ...payload }, dedupeKey: delivery.key, group: delivery.host };
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The delivery a `deliver` job's payload asks for, or null when it is malformed. Jobs queued before deliveries
 * were planned per inbox (`{activityId, recipientId}`) are read as one delivery to a recipient to discover.
 */
export function deliveryOfPayload(payload: Record<string, unknown>): DeliveryRequest | null {
  const { activityId, inbox, host, recipientIds, recipientId } = payload;
  if (!isString(activityId)) return null;
  if (isString(recipientId) && recipientIds === undefined) {
    const oldHost = hostOf(recipientId);
    return oldHost === null ? null : { activityId, inbox: null, host: oldHost, recipientIds: [recipientId] };
  }
  if (!Array.isArray(recipientIds) || !recipientIds.every(isString) || recipientIds.length === 0) return null;
  if (!isString(host) || !(inbox === null || isString(inbox))) return null;
  return { activityId, inbox, host, recipientIds };
}
