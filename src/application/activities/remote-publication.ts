import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { type Addressed, addressesIn } from '../../domain/audience/audience';
import { invalid, notFound } from '../../domain/errors/domain-error';
import { type RemoteSender, senderHostOf } from '../../domain/federation/provenance';
import type { SiteUrls } from '../../domain/site/site-urls';
import { fanOut } from '../distribution/fan-out';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import type { BuiltActivity } from './client-activity';
import { hasLocalAuthor } from './effects/effect-context';
import type { LocalInbox } from './post-activity.use-case';
import type { RemoteActivityBuilder } from './remote-activity';
import { checkRemoteIncoming } from './remote-incoming';

/**
 * The remote path of the publish use case (docs/protocol.md §7.2): an activity another server delivered to a
 * local user's or a local group's inbox.
 *
 * Invariants:
 * - the body is checked before any storage is touched ({@link checkRemoteIncoming}: its sender's actor, its
 *   sender's id, no private keys, no bto/bcc, clean HTML, field limits); a user inbox of nobody, or a group inbox
 *   of no local group, is 404; a group inbox needs the group in to or cc (400);
 * - ONE unit of work holds the lookup by id, the side effects, the save and the local fan-out, so two concurrent
 *   deliveries of the same id publish it once: the second finds it stored;
 * - already stored (a redelivery, or the same activity delivered to a second local inbox): no side effect is
 *   repeated and the stored activity is answered as it is; only the inbox it now arrived at is added to its
 *   `_received` and fanned out to (nothing changes when that was done already); another actor's is refused (400);
 * - `_received` records every local inbox the activity was delivered to (pump.io's `_received`, kept even for an
 *   addressed user: it is also what the fan-out is confined to), so the activity reaches those inboxes (and a
 *   group's members), never anyone else: a remote activity is not redistributed;
 * - no distribute job: the fan-out is in the same unit of work, so a crash leaves all of it or none, and a
 *   sender's retry redoes it.
 */
export class RemoteActivityPublication {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly site: SiteUrls,
    private readonly sanitizer: HtmlSanitizer,
    private readonly builder: RemoteActivityBuilder,
  ) {}

  async publish(sender: RemoteSender, inbox: LocalInbox, body: unknown): Promise<BuiltActivity> {
    const checked = checkRemoteIncoming(body, sender, this.site.hostname, this.sanitizer);
    return this.storage.run(async (tx) => {
      const receiver = await this.receiverOf(tx, inbox);
      const stored = await tx.activities.findById(checked.id);
      if (stored !== null && stored.actor.id !== checked.actor.id) {
        throw invalid('activity.not-the-actor', 'This activity id belongs to another actor.');
      }
      if (stored?.deleted !== undefined) {
        return { activity: stored, object: null, target: null };
      }
      this.assertGroupAddressed(receiver, stored ?? checked.audience);
      const built =
        stored === null
          ? await this.builder.build(tx, checked, senderHostOf(sender))
          : await this.asStored(tx, stored);
      const activity = withReceiver(built.activity, receiver.id);
      if (activity !== built.activity) {
        await tx.activities.save(activity);
        await fanOut(tx, this.site, activity);
      }
      return { ...built, activity };
    });
  }

  /** The person of the local user, or the local group, whose inbox it is. */
  private async receiverOf(tx: Repositories, inbox: LocalInbox): Promise<AsObject> {
    if (inbox.kind === 'user') {
      if ((await tx.users.findByNickname(inbox.nickname)) === null) {
        throw notFound('user.not-found', `No such user: ${inbox.nickname}`);
      }
      return { id: this.site.personId(inbox.nickname), objectType: ObjectType.PERSON };
    }
    const id = this.site.objectId(ObjectType.GROUP, inbox.uuid);
    const group = await tx.objects.findById(id);
    if (
      group === null ||
      group.objectType !== ObjectType.GROUP ||
      group.deleted !== undefined ||
      !hasLocalAuthor(this.site, group)
    ) {
      throw notFound('group.not-found', `No such group: ${inbox.uuid}`);
    }
    return group;
  }

  /** A group inbox takes only what is addressed to the group in to or cc (docs/protocol.md §7.2). */
  private assertGroupAddressed(receiver: AsObject, addressed: Addressed): void {
    if (receiver.objectType !== ObjectType.GROUP) return;
    const named = [...addressesIn(addressed, 'to'), ...addressesIn(addressed, 'cc')];
    if (!named.some((address) => address.id === receiver.id)) {
      throw invalid('activity.group-not-addressed', 'This activity is not addressed to the group.');
    }
  }

  private async asStored(tx: Repositories, activity: Activity): Promise<BuiltActivity> {
    const objectOf = async (ref: { id: string } | undefined) =>
      ref === undefined ? null : await tx.objects.findById(ref.id);
    return { activity, object: await objectOf(activity.object), target: await objectOf(activity.target) };
  }
}

/** The activity with `receiverId` among its `_received`; the very same activity when it is there already. */
function withReceiver(activity: Activity, receiverId: string): Activity {
  const received = activity._received ?? [];
  return received.includes(receiverId) ? activity : { ...activity, _received: [...received, receiverId] };
}
