import type { NewAsObject } from '../../../domain/activity-streams/as-object';
import { ObjectType } from '../../../domain/activity-streams/object-types';
import { groupStreamName } from '../../../domain/distribution/stream-names';
import {
  type EffectContext,
  type EffectOutcome,
  refused,
  requireGroupUuid,
  storedOrSeen,
} from './effect-context';

/**
 * join (docs/protocol.md §4.3): only a group has an effect. A local group admits the recipients of its creation
 * activity (whoever could see it being created); anyone else is answered as for an unknown group, by
 * {@link storedOrSeen}'s reference check; a remote group is taken at its word. The actor joins the members, once.
 */
export async function applyJoin(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'join');
  if (object.objectType !== ObjectType.GROUP) {
    return { object };
  }
  const members = groupStreamName(requireGroupUuid(context.site, object), 'members');
  if (!(await context.tx.streams.append(members, context.actor.id))) {
    refused('already-member', 'Already a member of this group.');
  }
  return { object };
}

/** leave (§4.3): the actor leaves the group's members; they must be one. Other objects: no effect. */
export async function applyLeave(context: EffectContext, incoming: NewAsObject): Promise<EffectOutcome> {
  const object = await storedOrSeen(context, incoming, 'leave');
  if (object.objectType !== ObjectType.GROUP) {
    return { object };
  }
  const members = groupStreamName(requireGroupUuid(context.site, object), 'members');
  if (!(await context.tx.streams.remove(members, context.actor.id))) {
    refused('not-a-member', 'Not a member of this group.');
  }
  return { object };
}
