import type { AsObject, NewAsObject } from '../../../domain/activity-streams/as-object';
import { ObjectType } from '../../../domain/activity-streams/object-types';
import { repliesStreamName, userStreamName } from '../../../domain/distribution/stream-names';
import { ownerOf } from '../../../domain/federation/client-claims';
import { assertObjectOfSender } from '../../../domain/federation/provenance';
import { type EffectContext, type EffectOutcome, refused, requireId } from './effect-context';

// What an update never changes: identity, authorship, threading, history, links and the server's own keys.
const IMMUTABLE_ON_UPDATE: ReadonlySet<string> = new Set([
  'id',
  'objectType',
  'published',
  'author',
  'inReplyTo',
  'deleted',
  'links',
]);

// What a tombstone keeps (docs/protocol.md §4.3), plus the private uuid that keys the object's streams.
const KEPT_ON_DELETE = ['id', 'objectType', 'author', 'published', 'inReplyTo', '_uuid'] as const;

/**
 * The stored, live object the actor may change: its author (or the claimant of an origin-less object nobody posted,
 * client-claims.ts), or the object itself for an author-less profile. A
 * remote actor may only change objects of its own server (no planting: a remote update of a local note is refused
 * even before the author check).
 */
async function modifiable(context: EffectContext, incoming: NewAsObject, verb: string): Promise<AsObject> {
  const object = requireId(incoming, verb);
  if (context.remoteHost !== null) {
    assertObjectOfSender(object.id, context.remoteHost);
  }
  const stored = await context.tx.objects.findById(object.id);
  if (stored === null) {
    return refused('no-such-object', `No such ${object.objectType}: ${object.id}`);
  }
  if (stored.deleted !== undefined) {
    refused('object-deleted', `The ${stored.objectType} ${stored.id} was deleted.`);
  }
  const owner = ownerOf(stored);
  const mayChange = owner === undefined ? stored.id === context.actor.id : owner === context.actor.id;
  if (!mayChange) {
    refused('not-author', `Only the author can ${verb} this object.`);
  }
  return stored;
}

/**
 * update (§4.3): the incoming properties are copied onto the stored object, except the immutable ones and the
 * private keys; `updated` is refreshed. The activity then refers to the new version.
 */
export async function applyUpdate(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const stored = await modifiable(context, incoming, 'update');
  const updated: AsObject = { ...stored };
  for (const [key, value] of Object.entries(incoming)) {
    if (!IMMUTABLE_ON_UPDATE.has(key) && !key.startsWith('_')) {
      updated[key] = value;
    }
  }
  updated.updated = context.now;
  await context.tx.objects.save(updated);
  return { object: updated };
}

/**
 * delete (§4.3): the object is reduced to its tombstone (`deleted` set, `updated` refreshed), which reads answer
 * with 410, a reply leaves its parent's replies and a list its author's lists.
 */
export async function applyDelete(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const stored = await modifiable(context, incoming, 'delete');
  const kept = KEPT_ON_DELETE.filter((key) => stored[key] !== undefined).map((key) => [key, stored[key]]);
  const tombstone = { ...Object.fromEntries(kept), updated: context.now, deleted: context.now } as AsObject;
  await context.tx.objects.save(tombstone);
  if (stored.inReplyTo !== undefined) {
    await context.tx.streams.remove(repliesStreamName(stored.inReplyTo.id), stored.id);
  }
  await forgetList(context, stored);
  return { object: tombstone };
}

/** A deleted list leaves its author's `lists:<type>` streams, so it no longer counts there (as in pump.io). */
async function forgetList(context: EffectContext, stored: AsObject): Promise<void> {
  const author = context.actorNickname;
  if (author === null || stored.objectType !== ObjectType.COLLECTION || !Array.isArray(stored.objectTypes)) {
    return;
  }
  for (const type of stored.objectTypes) {
    if (typeof type === 'string')
      await context.tx.streams.remove(userStreamName(author, `lists:${type}`), stored.id);
  }
}
