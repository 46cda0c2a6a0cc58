import type { AsObject, NewAsObject } from '../../../domain/activity-streams/as-object';
import { Verb } from '../../../domain/activity-streams/verbs';
import { assertObjectOfSender } from '../../../domain/federation/provenance';
import { addToTarget } from './creation.effects';
import {
  type EffectContext,
  type EffectOutcome,
  linkReply,
  refOf,
  refused,
  withReferences,
} from './effect-context';

/**
 * post / create by a remote actor (docs/protocol.md §4.3 and §7.2): the object keeps the id its own server gave
 * it, which must be on the sending server's host (no planting, docs/architecture.md §2c); the actor becomes its
 * author; a reply joins its parent's replies; a target list or group receives it as for a local post.
 *
 * Invariants:
 * - an object without an id, or with an id of another host (ours included), is refused (400);
 * - an unknown object is stored as its server sent it (already without private keys and scrubbed), with a private
 *   `_uuid` that keys its streams;
 * - a stored copy that was never posted (a bare reference another activity mentioned, or a copy fetched from its
 *   origin) is replaced by this copy from its origin, keeping its `_uuid`; one already posted is refused
 *   ("Already posted"), as is another author's.
 */
export async function applyRemoteCreation(
  context: EffectContext,
  incoming: NewAsObject,
  target: AsObject | undefined,
): Promise<EffectOutcome> {
  const host = context.remoteHost;
  if (host === null) {
    throw new Error('applyRemoteCreation is for remote actors: a local user creates through applyCreation');
  }
  const id = incoming.id;
  if (id === undefined) {
    return refused('object-id-required', 'An object from another server needs its id.');
  }
  assertObjectOfSender(id, host);
  const stored = await context.tx.objects.findById(id);
  if (stored !== null) {
    await assertNeverPosted(context, stored);
  }
  const object: AsObject = {
    ...withReferences(incoming),
    id,
    author: refOf(context.actor),
    published: typeof incoming.published === 'string' ? incoming.published : context.now,
    updated: typeof incoming.updated === 'string' ? incoming.updated : context.now,
    _uuid: typeof stored?._uuid === 'string' ? stored._uuid : context.ids.uuid(),
  };
  delete object.deleted;
  await linkReply(context, object);
  const storedTarget =
    target === undefined ? undefined : await addToTarget(context, Verb.POST, object, target);
  await context.tx.objects.save(object);
  return { object, target: storedTarget };
}

async function assertNeverPosted(context: EffectContext, stored: AsObject): Promise<void> {
  if (stored.deleted !== undefined || (await context.tx.activities.findCreation(stored.id)) !== null) {
    refused('already-posted', 'Already posted');
  }
  if (stored.author !== undefined && stored.author.id !== context.actor.id) {
    refused('not-author', 'Only the author can post this object.');
  }
}
