import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { isDirectlyAddressed } from '../../domain/audience/audience';
import { type NotificationKind, notificationKind } from '../../domain/notifications/notification-kind';
import type { ReadingRepositories } from '../reading/reading-repositories';
import { viewActivity, type ViewedActivity } from '../reading/viewer-scope';

/** One item of a user's inbox as the viewer (its owner) may see it, with what it means to them. */
export interface InboxItem {
  readonly activity: ViewedActivity;
  /** The kind of notification it is for its owner, or null when it is not one. */
  readonly notification: NotificationKind | null;
}

const idOf = (object: AsObject | undefined): string | undefined =>
  typeof object?.id === 'string' ? object.id : undefined;

/**
 * Tells which activities of a user's inbox are notifications for them (the domain's {@link notificationKind}), and
 * hands each out as its owner may see it.
 *
 * Invariants: every activity answered went through `viewActivity` (the stream read's redaction: others' bto/bcc
 * removed); the rule itself reads the stored activity, so a blind copy to the owner still counts as addressed to
 * them (it is in their direct inbox, docs/protocol.md §6.5). A stored activity holds references, so the authors the rule needs are read from the stored objects
 * (the object, then what it replies to): two batch lookups per chunk, whatever its length. Only the owner's own
 * authorship is learnt from them (is the author this person?), nothing about the objects is shown.
 */
export class NotificationClassifier {
  constructor(private readonly objects: ReadingRepositories['objects']) {}

  async classify(activities: readonly Activity[], personId: string): Promise<InboxItem[]> {
    const objectIds = [...new Set(activities.flatMap((activity) => idOf(activity.object) ?? []))];
    const objects =
      objectIds.length === 0 ? new Map<string, AsObject>() : await this.objects.findManyByIds(objectIds);
    const objectOf = (activity: Activity): AsObject | undefined => {
      const id = idOf(activity.object);
      return id === undefined ? undefined : (objects.get(id) ?? activity.object);
    };
    const parentIds = [
      ...new Set(activities.flatMap((activity) => idOf(objectOf(activity)?.inReplyTo) ?? [])),
    ];
    const parents =
      parentIds.length === 0 ? new Map<string, AsObject>() : await this.objects.findManyByIds(parentIds);
    return activities.map((activity) => {
      const object = objectOf(activity);
      const parentId = idOf(object?.inReplyTo);
      const parent = parentId === undefined ? undefined : (parents.get(parentId) ?? object?.inReplyTo);
      const facts = {
        verb: activity.verb,
        actorId: idOf(activity.actor),
        objectId: idOf(object),
        objectAuthorId: idOf(object?.author),
        inReplyToAuthorId: idOf(parent?.author),
        addressedDirectly: isDirectlyAddressed(activity, personId),
      };
      return {
        activity: viewActivity(activity, { id: personId }),
        notification: notificationKind(facts, personId),
      };
    });
  }
}
