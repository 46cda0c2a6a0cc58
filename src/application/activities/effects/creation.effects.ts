import type { AsObject, NewAsObject } from '../../../domain/activity-streams/as-object';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import { ObjectType } from '../../../domain/activity-streams/object-types';
import { Verb } from '../../../domain/activity-streams/verbs';
import { CLAIMANT_KEY, isClaimableBy, isOriginLessId } from '../../../domain/federation/client-claims';
import { isBareReference } from '../../../domain/federation/provenance';
import {
  collectionMembersStreamName,
  groupStreamName,
  userStreamName,
} from '../../../domain/distribution/stream-names';
import {
  assertReferable,
  type EffectContext,
  type EffectOutcome,
  linkReply,
  listAccepts,
  refOf,
  refused,
  requireGroupUuid,
  storedOrSeen,
} from './effect-context';

// How many of a user's lists of one type the duplicate-name check reads; nobody keeps more by hand.
const MAX_LISTS_CHECKED = 500;

/**
 * post / create (docs/protocol.md §4.3): the actor becomes the author; a new object gets a local id, whatever id
 * the client gave it; an object stored already may be posted once, by its author (an upload); a reply goes into its
 * parent's replies; a list the actor creates goes into the actor's lists; a target list or group receives it.
 */
export async function applyCreation(
  context: EffectContext,
  incoming: NewAsObject,
  target: AsObject | undefined,
): Promise<EffectOutcome> {
  const nickname = context.actorNickname;
  if (nickname === null) {
    throw new Error('applyCreation is for local users: a remote actor creates through applyRemoteCreation');
  }
  const object =
    incoming.id === undefined
      ? await createLocal(context, nickname, incoming)
      : await adoptIdentified(context, nickname, incoming as NewAsObject & { id: string });
  const storedTarget =
    target === undefined ? undefined : await addToTarget(context, Verb.POST, object, target);
  await context.tx.objects.save(object);
  return { object, target: storedTarget };
}

function linksOf(object: NewAsObject): NonNullable<AsObject['links']> {
  return isPlainObject(object.links) ? object.links : {};
}

async function createLocal(
  context: EffectContext,
  nickname: string,
  incoming: NewAsObject,
): Promise<AsObject> {
  const uuid = context.ids.uuid();
  const id = context.site.objectId(incoming.objectType, uuid);
  const object: AsObject = {
    ...incoming,
    id,
    links: { ...linksOf(incoming), self: { href: id } },
    // The author's own url (a photo's file on its host) is kept, as pump.io keeps it: the author could set it by an
    // update anyway, and pages show it through the same safe-link check as any url. Else the object's page here.
    url:
      typeof incoming.url === 'string'
        ? incoming.url
        : context.site.objectPageUrl(nickname, incoming.objectType, uuid),
    _uuid: uuid,
  };
  return finishNew(context, nickname, object);
}

/**
 * A post or create naming an object id. The server mints the id of every new object: an id that names nothing
 * stored here is ignored and the object created under a fresh local id, so nobody can plant an object under
 * another server's id (or under one of ours that was never minted) and have the first writer win. An origin-less
 * id (`urn:`, `tag:`, client-claims.ts), which no server will ever describe, is kept: the actor becomes the author
 * of the object, as of a local one. An id that names a stored object publishes it (how an upload gets published):
 * once, by its author only, so nobody else's object (a profile, a remote object, an object without an author) can
 * be taken over this way; an origin-less object nobody posted is the poster's when they claimed it or nobody did.
 */
async function adoptIdentified(
  context: EffectContext,
  nickname: string,
  incoming: NewAsObject & { id: string },
): Promise<AsObject> {
  const { id, ...described } = incoming;
  const stored = await context.tx.objects.findById(id);
  const hostname = context.site.hostname;
  if (stored === null) {
    return isOriginLessId(id, hostname)
      ? createOriginLess(context, nickname, incoming, context.ids.uuid())
      : createLocal(context, nickname, described as NewAsObject);
  }
  await assertReferable(context, stored, incoming.objectType);
  const claimable = isClaimableBy(stored, context.actor.id, hostname);
  if (stored.author?.id !== context.actor.id && !claimable) {
    refused('not-author', 'Only the author can post this object.');
  }
  if (stored.deleted !== undefined || (await context.tx.activities.findCreation(stored.id)) !== null) {
    refused('already-posted', 'Already posted');
  }
  if (claimable) {
    const uuid = typeof stored._uuid === 'string' ? stored._uuid : context.ids.uuid();
    return createOriginLess(context, nickname, isBareReference(incoming) ? stored : incoming, uuid);
  }
  return { ...stored, updated: context.now };
}

/** A new object under its origin-less id, authored by the actor and served at this site's `?id=` url. */
async function createOriginLess(
  context: EffectContext,
  nickname: string,
  incoming: AsObject,
  uuid: string,
): Promise<AsObject> {
  const object: AsObject = {
    ...incoming,
    links: {
      ...linksOf(incoming),
      self: { href: context.site.foreignObjectUrl(incoming.objectType, incoming.id) },
    },
    _uuid: uuid,
  };
  delete object[CLAIMANT_KEY];
  return finishNew(context, nickname, object);
}

/** Author, times, reply and list bookkeeping shared by every newly created object. */
async function finishNew(context: EffectContext, nickname: string, object: AsObject): Promise<AsObject> {
  object.author = refOf(context.actor);
  object.published = context.now;
  object.updated = context.now;
  delete object.deleted;
  await linkReply(context, object);
  if (object.objectType === ObjectType.COLLECTION) {
    await registerList(context, nickname, object);
  }
  return object;
}

/** A list goes into its author's `lists:<type>` for each member type; a second list of the same name is refused. */
async function registerList(context: EffectContext, nickname: string, list: AsObject): Promise<void> {
  if (list.objectTypes === undefined) {
    return;
  }
  const types = list.objectTypes;
  if (!Array.isArray(types) || types.some((type) => typeof type !== 'string')) {
    refused('list-types-invalid', 'objectTypes must be an array of strings.');
  }
  for (const type of types as string[]) {
    const stream = userStreamName(nickname, `lists:${type}`);
    const ids = await context.tx.streams.page(stream, { count: MAX_LISTS_CHECKED });
    const lists = await context.tx.objects.findManyByIds(ids);
    const taken = [...lists.values()].some(
      (other) =>
        other.deleted === undefined &&
        other.displayName !== undefined &&
        other.displayName === list.displayName,
    );
    if (taken) {
      refused('list-name-taken', `A list named "${String(list.displayName)}" already exists.`);
    }
    await context.tx.streams.append(stream, list.id);
  }
}

/**
 * Puts `object` into `target` for post and add: a list the actor owns (its objectTypes must admit the object), or a
 * group the actor is a member of (as a document, once). A local list of someone else is refused (400, as pump.io);
 * another server's collection the actor did not author is left alone; any other target is refused. Answers the
 * stored target.
 */
export async function addToTarget(
  context: EffectContext,
  verb: string,
  object: AsObject,
  target: AsObject,
): Promise<AsObject> {
  const stored = await storedOrSeen(context, target, verb);
  if (stored.objectType === ObjectType.COLLECTION) {
    if (stored.author?.id !== context.actor.id) {
      // Lists are kept for local users only (pump.io's Collection.isList): another server's collection that the
      // actor did not author is not ours to fill, and the activity goes on without it.
      if (!context.site.isLocalId(stored.id)) {
        return stored;
      }
      refused('not-list-owner', 'Only the author of a list can add to it.');
    }
    if (!listAccepts(stored, object.objectType)) {
      refused('list-type-mismatch', `This list does not hold objects of type ${object.objectType}.`);
    }
    await context.tx.streams.append(collectionMembersStreamName(stored.id), object.id);
    return stored;
  }
  if (stored.objectType === ObjectType.GROUP) {
    const uuid = await requireMembership(context, stored);
    if (!(await context.tx.streams.append(groupStreamName(uuid, 'documents'), object.id))) {
      refused('already-in-group', 'This object is already in the group.');
    }
    return stored;
  }
  return refused('target-invalid', `Cannot ${verb} to a target of type ${stored.objectType}.`);
}

/** remove (§4.3): from a list the actor authored (type checked), or a document from a group the actor is in. */
export async function removeFromTarget(
  context: EffectContext,
  object: AsObject,
  target: AsObject,
): Promise<AsObject> {
  const stored = await storedOrSeen(context, target, Verb.REMOVE);
  let stream: string;
  if (stored.objectType === ObjectType.COLLECTION) {
    if (stored.author?.id !== context.actor.id) {
      refused('not-list-owner', 'Only the author of a list can remove from it.');
    }
    if (!listAccepts(stored, object.objectType)) {
      refused('list-type-mismatch', `This list does not hold objects of type ${object.objectType}.`);
    }
    stream = collectionMembersStreamName(stored.id);
  } else if (stored.objectType === ObjectType.GROUP) {
    stream = groupStreamName(await requireMembership(context, stored), 'documents');
  } else {
    return refused('target-invalid', `Cannot remove from a target of type ${stored.objectType}.`);
  }
  if (!(await context.tx.streams.remove(stream, object.id))) {
    refused('not-in-target', 'The object is not in the target.');
  }
  return stored;
}

async function requireMembership(context: EffectContext, group: AsObject): Promise<string> {
  const uuid = requireGroupUuid(context.site, group);
  if (!(await context.tx.streams.contains(groupStreamName(uuid, 'members'), context.actor.id))) {
    refused('not-a-member', 'Only a member of the group can do this.');
  }
  return uuid;
}
