import type { AsObject, NewAsObject } from '../../../domain/activity-streams/as-object';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import { ObjectType } from '../../../domain/activity-streams/object-types';
import { repliesStreamName } from '../../../domain/distribution/stream-names';
import { invalid } from '../../../domain/errors/domain-error';
import { CLAIMANT_KEY, mentionOutcome } from '../../../domain/federation/client-claims';
import { isBareReference, isOnHost, originCopyReplaces } from '../../../domain/federation/provenance';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { IdGenerator } from '../../ports/id-generator.port';
import type { Repositories } from '../../ports/storage/unit-of-work.port';
import { stubOf } from '../../../domain/visibility/visibility';
import { RecipientCheck } from '../../reading/recipient-check';
import { planRemoteObjectFetch } from '../../federation/remote-object-jobs';
import { assertMayReplyInto } from './blocking.effects';

/**
 * What every side-effect handler works with: the repositories of the unit of work that posts the activity (and
 * nothing else, so a failure rolls every write back), the actor (a local user, or a remote person whose server
 * delivered the activity) and the time of the post.
 */
export interface EffectContext {
  readonly tx: Repositories;
  readonly site: SiteUrls;
  readonly ids: IdGenerator;
  /** The time of the post, ISO 8601 without milliseconds. */
  readonly now: string;
  /** The actor as stored (the local user's person, or the remote person as its server sent it). */
  readonly actor: AsObject;
  /** The acting local user; null when the actor is a remote person. */
  readonly actorNickname: string | null;
  /**
   * For an activity another server delivered: that server's host, the only one whose objects the activity may
   * create or change (docs/architecture.md §2c, no planting). Null for a local user's activity.
   */
  readonly remoteHost: string | null;
}

/** What a handler is given: the verb and the objects as the client sent them (private keys already dropped). */
export interface EffectInput {
  readonly verb: string;
  readonly object?: NewAsObject;
  readonly target?: AsObject;
}

/** What the activity refers to once the side effects are applied: full objects, all stored. */
export interface EffectOutcome {
  readonly object?: AsObject;
  readonly target?: AsObject;
}

/** The `{id, objectType}` reference the storage layout keeps in place of a full object. */
export function refOf(object: { id: string; objectType: string }): AsObject {
  return { id: object.id, objectType: object.objectType };
}

/**
 * A side-effect failure: 400, as pump.io answers for AppError, NoSuchThing, AlreadyExists... (docs/protocol.md
 * §4.2).
 */
export function refused(code: string, message: string): never {
  throw invalid(`activity.${code}`, message);
}

/** The incoming object, which must carry an id for this verb. */
export function requireId(object: NewAsObject, verb: string): AsObject {
  if (typeof object.id !== 'string') {
    refused('object-id-required', `The object of a ${verb} activity needs an id.`);
  }
  return object as AsObject;
}

/** `object` with `author` and `inReplyTo` reduced to `{id, objectType}` references, as the storage layout keeps. */
export function withReferences<T extends NewAsObject>(object: T): T {
  const copy: T = { ...object };
  for (const key of ['author', 'inReplyTo'] as const) {
    const value = copy[key];
    if (isPlainObject(value) && typeof value.id === 'string' && typeof value.objectType === 'string') {
      (copy as NewAsObject)[key] = refOf(value as AsObject);
    }
  }
  return copy;
}

/**
 * The stored version of an object the activity names, storing it first when it is unknown.
 *
 * Invariants:
 * - a stored object the actor may not reference (the recipient check's `canReference`: one they may not see, by
 *   the rule of a direct read) is answered exactly as an unknown one, 400 "No such <type>: <id>", so acting on
 *   it reveals neither its content, nor its audience (a response copies its to and cc), nor that it exists;
 * - a stored object is never overwritten with what the client sent: only update may change it; a deleted one is
 *   refused;
 * - an unknown id of this site is refused: local objects exist only once created here;
 * - a remote object seen for the first time is stored as a bare `{id, objectType}` reference (with a private
 *   `_uuid` so its streams have a key): what a client says about another server's object (content, author) is
 *   not ours to record, or the first client to name an id would decide what it says for everyone;
 * - except an origin-less (`urn:`, `tag:`) object a local client describes first, which no server will ever
 *   describe: the description is adopted and the actor becomes its claimant, the only one who may change it
 *   (client-claims.ts); a claimed object is never changed by a mention, anyone's;
 * - a remote object we hold only as such a reference, or whose copy from its origin is stale, gets a durable fetch
 *   job in the same unit of work (planRemoteObjectFetch): its origin, and only its origin, then says what it is;
 * - an activity its origin delivered (the sender's host is the object's) carries the origin's copy: it is stored
 *   when new, and replaces the stored one when it is newer ({@link originCopyReplaces}); never a client's copy.
 */
export async function storedOrSeen(
  context: EffectContext,
  incoming: NewAsObject,
  verb: string,
): Promise<AsObject> {
  const object = requireId(incoming, verb);
  const stored = await context.tx.objects.findById(object.id);
  const fromOrigin = context.remoteHost !== null && isOnHost(object.id, context.remoteHost);
  if (stored !== null) {
    await assertReferable(context, stored, object.objectType);
    if (stored.deleted !== undefined) {
      refused('object-deleted', `The ${stored.objectType} ${stored.id} was deleted.`);
    }
    if (fromOrigin && originCopyReplaces(stored, object)) {
      // The server's own `_` keys (the streams' key, when it was fetched) stay as they were; a local client's
      // claim on a `tag:` of that host does not: its origin has now said what it is.
      const kept = Object.entries(stored).filter(([key]) => key.startsWith('_') && key !== CLAIMANT_KEY);
      const refreshed: AsObject = { ...withReferences(object), ...Object.fromEntries(kept) };
      await context.tx.objects.save(refreshed);
      return refreshed;
    }
    if (describedByClient(context, object, stored)) {
      return adoptDescription(context, object, stored);
    }
    await planFetch(context, stored.id, stored);
    return stored;
  }
  if (context.site.isLocalId(object.id)) {
    noSuchObject(object.objectType, object.id);
  }
  if (describedByClient(context, object, null)) {
    return adoptDescription(context, object, null);
  }
  const described = fromOrigin && !isBareReference(object) ? withReferences(object) : stubOf(object);
  const seen: AsObject = { ...described, _uuid: context.ids.uuid() };
  await context.tx.objects.save(seen);
  await planFetch(context, seen.id, fromOrigin ? seen : null);
  return seen;
}

/** True when a local client's mention of `object` claims it ({@link mentionOutcome} `adopt`). */
function describedByClient(context: EffectContext, object: AsObject, stored: AsObject | null): boolean {
  return context.remoteHost === null && mentionOutcome(object, stored, context.site.hostname) === 'adopt';
}

/**
 * Stores a local client's description of an origin-less object (client-claims.ts) as the object, claimed by the
 * actor: scrubbed and validated with the activity, without an `author` (a client may not put words in someone
 * else's name) and with this site's `?id=` url as its `links.self`, where it is served. A bare reference it replaces
 * keeps its `_uuid`, the key of its streams.
 */
export async function adoptDescription(
  context: EffectContext,
  incoming: AsObject,
  stored: AsObject | null,
): Promise<AsObject> {
  const described: AsObject = withReferences(incoming);
  delete described.author;
  delete described.deleted;
  const links = isPlainObject(incoming.links) ? incoming.links : {};
  const object: AsObject = {
    ...described,
    links: { ...links, self: { href: context.site.foreignObjectUrl(incoming.objectType, incoming.id) } },
    published: context.now,
    updated: context.now,
    _uuid: typeof stored?._uuid === 'string' ? stored._uuid : context.ids.uuid(),
    [CLAIMANT_KEY]: context.actor.id,
  };
  await context.tx.objects.save(object);
  return object;
}

function planFetch(context: EffectContext, id: string, stored: AsObject | null): Promise<boolean> {
  return planRemoteObjectFetch(context.tx.jobs, id, stored, context.site.hostname, new Date(context.now));
}

/**
 * A new reply: its `inReplyTo` becomes the stored parent's reference, and it joins the parent's replies; refused
 * when someone up the thread blocked the actor ({@link assertMayReplyInto}).
 */
export async function linkReply(context: EffectContext, object: AsObject): Promise<void> {
  if (object.inReplyTo !== undefined) {
    const parent = await storedOrSeen(context, object.inReplyTo, 'reply');
    await assertMayReplyInto(context, parent);
    object.inReplyTo = refOf(parent);
    await context.tx.streams.append(repliesStreamName(parent.id), object.id);
  }
}

/** Refuses, as for an unknown object, a stored object the actor may not name (see {@link storedOrSeen}). */
export async function assertReferable(
  context: EffectContext,
  stored: AsObject,
  namedType: string,
): Promise<void> {
  const check = new RecipientCheck(context.tx, context.site, { id: context.actor.id });
  if (!(await check.canReference(stored))) {
    noSuchObject(namedType, stored.id);
  }
}

function noSuchObject(objectType: string, id: string): never {
  return refused('no-such-object', `No such ${objectType}: ${id}`);
}

/** The key of a group's streams: the `_uuid` every stored group has, else the uuid of a local group id. */
export function groupUuidOf(site: SiteUrls, group: AsObject): string | null {
  if (typeof group._uuid === 'string') {
    return group._uuid;
  }
  const parsed = site.parse(group.id);
  return parsed?.kind === 'object' && parsed.type === ObjectType.GROUP ? parsed.uuid : null;
}

/** The group's uuid; a group without one cannot hold members or documents. */
export function requireGroupUuid(site: SiteUrls, group: AsObject): string {
  const uuid = groupUuidOf(site, group);
  if (uuid === null) {
    refused('group-unknown', `The group ${group.id} is not known here.`);
  }
  return uuid;
}

/** True when `object` was authored by a local user (a local list, a local group). */
export function hasLocalAuthor(site: SiteUrls, object: AsObject): boolean {
  return object.author !== undefined && site.nicknameOfPersonId(object.author.id) !== null;
}

/** True when the list's `objectTypes` admit members of `objectType`. */
export function listAccepts(list: AsObject, objectType: string): boolean {
  return Array.isArray(list.objectTypes) && list.objectTypes.includes(objectType);
}
