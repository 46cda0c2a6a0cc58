import { hostOf, inboxAddressOf } from '../../domain/delivery/inbox-address';
import type { Viewer } from '../../domain/visibility/visibility';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { DeliveryRequest } from '../ports/activity-delivery.port';
import { DiscoveryError, type RemoteDiscovery } from '../ports/remote-discovery.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { viewActivity, type ViewedActivity } from '../reading/viewer-scope';
import { withContent } from '../reading/with-content';
import type { DialbackIdentity } from './dialback';

/** What one delivery sends, or why it cannot be sent from here at all. */
export type OutboundActivity =
  | {
      readonly kind: 'ready';
      /** The activity as the receiving side may see it: no bto/bcc, no `received` (docs/protocol.md §6.4). */
      readonly activity: ViewedActivity;
      /** Who the body is presented for: the recipient (embedded objects they may not see become stubs). */
      readonly viewer: Viewer;
      /** Who signs: the actor, `nick@our.host` (docs/protocol.md §7.1 step 3). */
      readonly identity: DialbackIdentity;
    }
  | { readonly kind: 'undeliverable'; readonly reason: string };

/**
 * Prepares a remote delivery (docs/protocol.md §7.1): the stored activity, as its recipient may see it, signed for
 * by its actor. Only a local user's activities leave this server: anything else (a remote actor's activity that
 * reached the queue, an activity gone or deleted) is undeliverable. With several recipients at one inbox, the body is
 * the one the first of them may see: they are all on that server, which gets one copy.
 */
export class OutboundActivities {
  constructor(
    private readonly repositories: Pick<Repositories, 'activities' | 'users' | 'objects'>,
    private readonly site: SiteUrls,
  ) {}

  async prepare(request: DeliveryRequest): Promise<OutboundActivity> {
    const activity = await this.repositories.activities.findById(request.activityId);
    if (activity === null) return undeliverable(`no activity ${request.activityId}`);
    if (activity.deleted !== undefined) return undeliverable(`the activity ${activity.id} was deleted`);
    const nickname = this.site.nicknameOfPersonId(activity.actor?.id ?? '');
    const user = nickname === null ? null : await this.repositories.users.findByNickname(nickname);
    if (nickname === null || user === null) {
      return undeliverable(`the actor ${String(activity.actor?.id)} is not a local user`);
    }
    const viewer = { id: request.recipientIds[0] };
    // An activity stored before the server wrote a content for every activity is sent with one, as it is read.
    const [complete] = await withContent(this.repositories, [activity]);
    return {
      kind: 'ready',
      activity: viewActivity(complete, viewer),
      viewer,
      identity: { kind: 'webfinger', webfinger: `${nickname}@${this.site.hostname}` },
    };
  }
}

function undeliverable(reason: string): OutboundActivity {
  return { kind: 'undeliverable', reason };
}

/**
 * Where a remote recipient receives (docs/protocol.md §7.1 step 2): the `activity-inbox` its stored object
 * declares, else the first `activity-inbox` link of its WebFinger answer (an `acct:` person, or a group's id).
 *
 * Invariant: the inbox is on the recipient's own host (`request.host`): only the recipient's origin says where it
 * receives. Failures are DiscoveryErrors (the OutboundHttp failure as their cause when there was one).
 */
export class InboxFinder {
  constructor(
    private readonly objects: Pick<Repositories['objects'], 'findById'>,
    private readonly discovery: RemoteDiscovery,
  ) {}

  async inboxOf(recipientId: string, host: string): Promise<string> {
    const stored = await this.objects.findById(recipientId);
    const declared = stored === null ? null : inboxAddressOf(stored);
    if (declared !== null) return declared.inbox;
    const links = await this.discovery.webfinger(recipientId);
    const inbox = links.find((link) => link.rel === 'activity-inbox' && link.href !== undefined)?.href;
    if (inbox === undefined) throw new DiscoveryError('not-found', `${recipientId} has no activity-inbox`);
    const found = inboxAddressOf({ id: recipientId, links: { 'activity-inbox': { href: inbox } } });
    if (found === null || hostOf(found.inbox) !== host) {
      // No inbox we may use: as final as none at all.
      throw new DiscoveryError(
        'not-found',
        `the activity-inbox of ${recipientId} is not on ${host}: ${inbox}`,
      );
    }
    return found.inbox;
  }
}
