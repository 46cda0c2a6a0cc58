import type { Activity } from '../../domain/activity-streams/activity';
import { planDeliveries } from '../../domain/delivery/delivery-planner';
import { planDistribution, type InboxDelivery } from '../../domain/distribution/distribution-planner';
import type { SiteUrls } from '../../domain/site/site-urls';
import { mailJob } from '../email/mail-jobs';
import { deliveryJob } from '../delivery/delivery-jobs';
import { remoteRecipientsOf } from '../delivery/remote-recipients';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { recipientsReachable } from '../blocking/person-standing';
import { RecipientResolver } from './recipient-resolver';

/** What one fan-out did. */
export interface FanOutResult {
  /** Local stream entries that were new. */
  readonly newStreamEntries: number;
  /** Remote deliveries planned, one per inbox. */
  readonly remoteDeliveries: number;
  /** Recipients no delivery can reach (no host in their id). */
  readonly unroutable: readonly string[];
  /** Notification mails queued. */
  readonly mails: number;
}

/** What a fan-out does besides streams and deliveries. */
export interface FanOutOptions {
  /** Queue a notification mail for each local user the activity is addressed to directly (mail is configured). */
  readonly notifyByEmail?: boolean;
}

/**
 * The work of distributing a stored activity inside the caller's unit of work (docs/protocol.md §6.2, §6.5):
 * resolves its recipients (a remote actor's activity only reaches the local inboxes it was delivered to, see
 * {@link RecipientResolver}), asks the domain planner which streams each local recipient gets, appends the
 * activity to all of them and queues one `deliver` job per remote inbox.
 *
 * With `notifyByEmail`, a local user the activity is addressed to in to or bto (the direct inbox, as pump.io
 * mails, docs/protocol.md §6.2) gets a notification mail job, unless they are its actor, have no confirmed address
 * or switched notifications off.
 *
 * Invariants: idempotent (appends are, and delivery and mail jobs are deduplicated by their key), so running it
 * again for the same activity changes nothing; every write goes through `tx`.
 */
export async function fanOut(
  tx: Repositories,
  site: SiteUrls,
  activity: Activity,
  options: FanOutOptions = {},
): Promise<FanOutResult> {
  const actor = (await tx.objects.findById(activity.actor.id)) ?? activity.actor;
  const resolved = await new RecipientResolver(tx, site).resolve(activity, actor);
  // Whoever blocked or muted the actor gets nothing in their inbox (domain/blocking/person-filters.ts).
  const localUsers = await recipientsReachable(tx.streams, actor.id, resolved.localUsers);
  const recipients = { ...resolved, localUsers };
  const nickname = site.nicknameOfPersonId(actor.id);
  const actorIsUser = nickname !== null && (await tx.users.findByNickname(nickname)) !== null;
  const plan = planDistribution({
    activity,
    actorNickname: actorIsUser ? nickname : null,
    ...recipients,
  });
  const newStreamEntries = await tx.streams.appendToMany(plan.localStreams, activity.id);
  const remote = await remoteRecipientsOf(tx.objects, [...plan.remotePersons, ...plan.remoteGroups]);
  const deliveries = planDeliveries(activity.id, remote);
  await tx.jobs.enqueueMany(deliveries.deliveries.map(deliveryJob));
  const mails = options.notifyByEmail === true ? await queueNotifications(tx, activity, plan.inboxes) : 0;
  return {
    newStreamEntries,
    remoteDeliveries: deliveries.deliveries.length,
    unroutable: deliveries.unroutable,
    mails,
  };
}

/** One notification mail job per direct local recipient who wants mail; answers how many were queued. */
async function queueNotifications(
  tx: Repositories,
  activity: Activity,
  inboxes: readonly InboxDelivery[],
): Promise<number> {
  let queued = 0;
  for (const inbox of inboxes) {
    if (!inbox.direct) continue;
    const user = await tx.users.findByNickname(inbox.nickname);
    if (user === null || user.profileId === activity.actor.id) continue;
    if (user.email === undefined || user.emailNotifications === false) continue;
    await tx.jobs.enqueue(mailJob({ kind: 'notify', nickname: user.nickname, activityId: activity.id }));
    queued += 1;
  }
  return queued;
}
