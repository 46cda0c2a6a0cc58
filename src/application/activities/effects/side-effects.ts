import type { AsObject, NewAsObject } from '../../../domain/activity-streams/as-object';
import { hasSideEffects, Verb } from '../../../domain/activity-streams/verbs';
import { addToTarget, applyCreation, removeFromTarget } from './creation.effects';
import {
  type EffectContext,
  type EffectInput,
  type EffectOutcome,
  refOf,
  refused,
  storedOrSeen,
  withReferences,
} from './effect-context';
import { applyJoin, applyLeave } from './group.effects';
import { applyDelete, applyUpdate } from './modification.effects';
import { applyRemoteCreation } from './remote-creation.effects';
import {
  applyFavorite,
  applyFollow,
  applyShare,
  applyStopFollowing,
  applyUnfavorite,
  applyUnshare,
} from './social.effects';

type Handler = (
  context: EffectContext,
  object: NewAsObject,
  target: AsObject | undefined,
) => Promise<EffectOutcome>;

/** post / create: a local user's new object gets a local id; a remote actor's keeps its server's. */
const applyAnyCreation: Handler = (context, object, target) =>
  context.actorNickname === null
    ? applyRemoteCreation(context, object, target)
    : applyCreation(context, object, target);

const HANDLERS: Readonly<Record<string, Handler>> = {
  [Verb.POST]: applyAnyCreation,
  [Verb.CREATE]: applyAnyCreation,
  [Verb.UPDATE]: applyUpdate,
  [Verb.DELETE]: applyDelete,
  [Verb.FOLLOW]: applyFollow,
  [Verb.STOP_FOLLOWING]: applyStopFollowing,
  [Verb.FAVORITE]: applyFavorite,
  [Verb.LIKE]: applyFavorite,
  [Verb.UNFAVORITE]: applyUnfavorite,
  [Verb.UNLIKE]: applyUnfavorite,
  [Verb.SHARE]: applyShare,
  [Verb.UNSHARE]: applyUnshare,
  [Verb.ADD]: applyAdd,
  [Verb.REMOVE]: applyRemove,
  [Verb.JOIN]: applyJoin,
  [Verb.LEAVE]: applyLeave,
};

async function applyAdd(context: EffectContext, incoming: NewAsObject, target: AsObject | undefined) {
  if (target === undefined) {
    return refused('target-required', 'An add activity needs a target.');
  }
  const object = await storedOrSeen(context, incoming, Verb.ADD);
  return { object, target: await addToTarget(context, Verb.ADD, object, target) };
}

async function applyRemove(context: EffectContext, incoming: NewAsObject, target: AsObject | undefined) {
  if (target === undefined) {
    return refused('target-required', 'A remove activity needs a target.');
  }
  const object = await storedOrSeen(context, incoming, Verb.REMOVE);
  return { object, target: await removeFromTarget(context, object, target) };
}

/**
 * Applies the side effects of an activity's verb (docs/protocol.md §4.3) through the unit of work in `context`,
 * and answers the stored objects the activity refers to. A verb with side effects needs an object; a failure is an
 * `invalid` DomainError and, the work being one unit, leaves nothing changed. Verbs without side effects only get
 * their object and target stored (created with an id when new, never overwriting what is stored).
 */
export async function applySideEffects(context: EffectContext, input: EffectInput): Promise<EffectOutcome> {
  const handler = HANDLERS[input.verb];
  if (handler !== undefined && hasSideEffects(input.verb)) {
    if (input.object === undefined) {
      return refused('object-required', `A ${input.verb} activity needs an object.`);
    }
    return handler(context, input.object, input.target);
  }
  const object = input.object === undefined ? undefined : await remembered(context, input.object);
  const target =
    input.target === undefined ? undefined : await storedOrSeen(context, input.target, input.verb);
  return { object, target };
}

/**
 * An object of a verb without side effects: stored as seen, or given a local id (without an author) when new and
 * posted by a local user; a remote activity's object must carry its id.
 */
async function remembered(context: EffectContext, incoming: NewAsObject): Promise<AsObject> {
  if (incoming.id !== undefined) {
    return storedOrSeen(context, incoming, 'this');
  }
  if (context.remoteHost !== null) {
    // A local id would make a local object out of another server's words (docs/architecture.md §2c).
    return refused('object-id-required', 'An object from another server needs its id.');
  }
  const uuid = context.ids.uuid();
  const id = context.site.objectId(incoming.objectType, uuid);
  const object: AsObject = {
    ...withReferences(incoming),
    id,
    links: { self: { href: id } },
    published: context.now,
    updated: context.now,
    _uuid: uuid,
  };
  if (object.inReplyTo !== undefined) {
    object.inReplyTo = refOf(await storedOrSeen(context, object.inReplyTo, 'reply'));
  }
  await context.tx.objects.save(object);
  return object;
}
