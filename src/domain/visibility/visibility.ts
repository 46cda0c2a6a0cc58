import type { Activity } from '../activity-streams/activity';
import type { AsObject } from '../activity-streams/as-object';
import { ObjectType } from '../activity-streams/object-types';
import { addressTypeOf, allAddresses, isAddressed, isAddressedToPublic } from '../audience/audience';
import { allows, NO_STANDING } from '../blocking/person-filters';
import { isOpenDescription } from '../federation/client-claims';

/** Who is looking: a person id, or null for a client acting for no user (2-legged OAuth). */
export type Viewer = { readonly id: string } | null;

/** The parts of an activity the recipient check reads. */
export type CheckedActivity = Pick<Activity, 'actor' | 'to' | 'cc' | 'bto' | 'bcc' | '_received'>;

/**
 * What the application looked up about the viewer for the last step of the check. Each fact only counts when the
 * activity addresses what it is about, so the application may answer broadly (every list that holds the viewer).
 */
export interface RecipientFacts {
  /** The actor's followers collection URL, or null/absent when the actor has none. */
  readonly actorFollowersUrl?: string | null;
  /** Whether the viewer follows the actor. */
  readonly viewerFollowsActor?: boolean;
  /** Ids of local users' lists that contain the viewer's `{id, objectType}` reference. */
  readonly listsContainingViewer?: readonly string[];
  /** Ids of groups the viewer is a member of. */
  readonly groupsOfViewer?: readonly string[];
  /**
   * Whether the actor (a local user) blocked the viewer. Looked up for activities not addressed to Public only:
   * it decides before anything else (see {@link isHiddenByBlock}).
   */
  readonly actorBlocksViewer?: boolean;
}

/**
 * True when the actor blocked the viewer and the block rule (domain/blocking/person-filters.ts) keeps this
 * activity from them: a non-public one, even when it addresses them. The actor always sees their own.
 */
function isHiddenByBlock(activity: CheckedActivity, viewer: Viewer, facts: RecipientFacts): boolean {
  if (viewer === null || facts.actorBlocksViewer !== true || activity.actor?.id === viewer.id) {
    return false;
  }
  const interaction = isAddressedToPublic(activity) ? 'see-public' : 'see-non-public';
  return !allows(interaction, { ...NO_STANDING, blocked: true });
}

/**
 * The checks of docs/protocol.md §6.3 that need no lookup: true or false when they decide, undefined when the
 * answer depends on {@link RecipientFacts}. In order: Public is addressed → everyone; no viewer → no; the viewer
 * is the actor → yes; the viewer's id is a person address, or among the local users a remote activity was
 * received for → yes.
 */
export function decideRecipientWithoutFacts(activity: CheckedActivity, viewer: Viewer): boolean | undefined {
  if (isAddressedToPublic(activity)) {
    return true;
  }
  if (viewer === null) {
    return false;
  }
  if (activity.actor?.id === viewer.id) {
    return true;
  }
  const personAddressed = allAddresses(activity).some(
    (address) => addressTypeOf(address) === ObjectType.PERSON && address.id === viewer.id,
  );
  if (personAddressed || (activity._received ?? []).includes(viewer.id)) {
    return true;
  }
  return undefined;
}

/**
 * Whether `viewer` may see `activity` (docs/protocol.md §6.3, `checkRecipient`): first the block rule
 * ({@link isHiddenByBlock}), then the checks of
 * {@link decideRecipientWithoutFacts}, then any of: an addressed collection is a list containing the viewer; the
 * actor is a person, their followers collection is addressed and the viewer follows them; an addressed group has
 * the viewer as a member. Otherwise false.
 */
export function isRecipient(activity: CheckedActivity, viewer: Viewer, facts: RecipientFacts = {}): boolean {
  if (isHiddenByBlock(activity, viewer, facts)) {
    return false;
  }
  const decided = decideRecipientWithoutFacts(activity, viewer);
  if (decided !== undefined) {
    return decided;
  }
  const addresses = allAddresses(activity);
  const addressedOfType = (type: string): Set<string> =>
    new Set(addresses.filter((address) => addressTypeOf(address) === type).map((address) => address.id));

  const lists = addressedOfType(ObjectType.COLLECTION);
  if ((facts.listsContainingViewer ?? []).some((id) => lists.has(id))) {
    return true;
  }
  const followersUrl = facts.actorFollowersUrl;
  if (
    activity.actor?.objectType === ObjectType.PERSON &&
    followersUrl &&
    isAddressed(activity, followersUrl) &&
    facts.viewerFollowsActor === true
  ) {
    return true;
  }
  const groups = addressedOfType(ObjectType.GROUP);
  return (facts.groupsOfViewer ?? []).some((id) => groups.has(id));
}

/** The parts of an object the visibility rules read (its private keys included: the claimant of client-claims.ts). */
export type VisibleObject = Pick<AsObject, 'id' | 'author'> & Record<string, unknown>;

/**
 * Whether `viewer` may see an object (docs/protocol.md §6.3 and §4.7): its author always may; otherwise the
 * viewer must be a recipient of the object's creation (post/create) activity, and an object that was never posted
 * is visible to its author only, except an origin-less one that nobody posted (client-claims.ts
 * `isOpenDescription`), which has no audience and is anyone's to see. Such an object never has a creation (a post
 * gives it an author), so `creation` null may also mean "not looked up yet".
 */
export function canSeeObject(
  object: VisibleObject,
  creation: CheckedActivity | null,
  viewer: Viewer,
  facts: RecipientFacts = {},
): boolean {
  if (viewer !== null && object.author?.id === viewer.id) {
    return true;
  }
  if (creation === null) {
    return isOpenDescription(object);
  }
  return isRecipient(creation, viewer, facts);
}

/**
 * Whether `viewer` may see `object` where it is embedded in something else: an activity's object or target, a
 * reply's `inReplyTo`, an address. The rule of a direct read ({@link canSeeObject}), so nothing is shown by
 * reference that a direct read would refuse (docs/architecture.md §2b); persons excepted, because every profile is
 * readable by anyone (docs/protocol.md §3.4, no recipient check).
 */
export function canSeeEmbedded(
  object: VisibleObject & Pick<AsObject, 'objectType'>,
  creation: CheckedActivity | null,
  viewer: Viewer,
  facts: RecipientFacts = {},
): boolean {
  return object.objectType === ObjectType.PERSON || canSeeObject(object, creation, viewer, facts);
}

/**
 * Whether `viewer` may name a stored `object` in an activity of theirs (favorite, share, reply, add...): what they
 * may see embedded ({@link canSeeEmbedded}), or a remote object this server holds no creation of, which it knows
 * by reference only. Anything else is answered as if it did not exist, so acting on it cannot reveal its content,
 * its audience (a response copies its to and cc) or even that it exists.
 */
export function canReference(
  object: VisibleObject & Pick<AsObject, 'objectType'>,
  creation: CheckedActivity | null,
  viewer: Viewer,
  isLocalId: boolean,
  facts: RecipientFacts = {},
): boolean {
  return (creation === null && !isLocalId) || canSeeEmbedded(object, creation, viewer, facts);
}

/** What stands for an object the viewer may not see: its id and type, nothing else. */
export function stubOf(object: Pick<AsObject, 'id' | 'objectType'>): Pick<AsObject, 'id' | 'objectType'> {
  return { id: object.id, objectType: object.objectType };
}

/**
 * Whether anyone at all may see `object`: a person (profiles are public), or an object whose creation is
 * addressed to Public. What a server-made sentence about someone else's object may name (its displayName, its
 * page): the sentence goes to the audience of the activity, which need not be the object's.
 */
export function isVisibleToEveryone(
  object: Pick<AsObject, 'objectType'>,
  creation: CheckedActivity | null,
): boolean {
  return object.objectType === ObjectType.PERSON || (creation !== null && isAddressedToPublic(creation));
}
