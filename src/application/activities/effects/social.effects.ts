import type { NewAsObject } from '../../../domain/activity-streams/as-object';
import {
  favoritersStreamName,
  sharesStreamName,
  userStreamName,
} from '../../../domain/distribution/stream-names';
import { assertOwnerAllows } from './blocking.effects';
import { type EffectContext, type EffectOutcome, refused, storedOrSeen } from './effect-context';

/**
 * follow (docs/protocol.md §4.3): an edge actor → object in the follow graph; following twice is refused, and so
 * is following a local user who blocked the actor (403).
 */
export async function applyFollow(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'follow');
  await assertOwnerAllows(context, object.id, 'follow');
  if (!(await context.tx.follows.follow(context.actor.id, object.id))) {
    refused('already-following', `Already following ${object.id}.`);
  }
  return { object };
}

/** stop-following (§4.3): removes the edge; there must be one. */
export async function applyStopFollowing(
  context: EffectContext,
  incoming: NewAsObject,
): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'stop-following');
  if (!(await context.tx.follows.unfollow(context.actor.id, object.id))) {
    refused('not-following', `Not following ${object.id}.`);
  }
  return { object };
}

/** favorite / like (§4.3): the actor joins the object's favoriters and the object the actor's favorites. */
export async function applyFavorite(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'favorite');
  await assertOwnerAllows(context, object.author?.id, 'favorite');
  if (!(await context.tx.streams.append(favoritersStreamName(object.id), context.actor.id))) {
    refused('already-favorited', 'Already favorited.');
  }
  // A local user's favorites are a stream of theirs; a remote person's are kept by their own server.
  if (context.actorNickname !== null) {
    await context.tx.streams.append(userStreamName(context.actorNickname, 'favorites'), object.id);
  }
  return { object };
}

/** unfavorite / unlike (§4.3): reverses a favorite; there must be one. */
export async function applyUnfavorite(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'unfavorite');
  if (!(await context.tx.streams.remove(favoritersStreamName(object.id), context.actor.id))) {
    refused('not-favorited', 'Not favorited.');
  }
  if (context.actorNickname !== null) {
    await context.tx.streams.remove(userStreamName(context.actorNickname, 'favorites'), object.id);
  }
  return { object };
}

/** share (§4.3): the actor joins the object's sharers (which drives `pump_io.shared`); sharing twice is refused. */
export async function applyShare(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'share');
  await assertOwnerAllows(context, object.author?.id, 'share');
  if (!(await context.tx.streams.append(sharesStreamName(object.id), context.actor.id))) {
    refused('already-shared', 'Already shared.');
  }
  return { object };
}

/** unshare (§4.3): reverses a share; there must be one. */
export async function applyUnshare(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'unshare');
  if (!(await context.tx.streams.remove(sharesStreamName(object.id), context.actor.id))) {
    refused('not-shared', 'Not shared.');
  }
  return { object };
}
