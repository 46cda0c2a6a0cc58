import type { Activity } from '../../domain/activity-streams/activity';
import type { Describable } from '../../domain/activity-streams/activity-content';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { isVisibleToEveryone, stubOf } from '../../domain/visibility/visibility';

/**
 * What a generated `content` sentence may say about an activity's object or target, in two steps so a page of
 * activities can look up the creations the second step needs in one batch.
 *
 * The sentence reaches the activity's audience, not the object's (a share of a note addressed to a few must not
 * name it to the sharer's followers): it names in full what is the actor's own or the actor, what anyone may see,
 * and what belongs to nobody (an object of a verb without side effects, described by the activity itself);
 * anything else by its stub ("a note", linked by id).
 */

/** True when `part` may be named in full whatever its creation: the actor's own, the actor, or a person. */
export function nameableWithoutCreation(part: AsObject, actor: AsObject): boolean {
  return part.author?.id === actor.id || part.id === actor.id || isVisibleToEveryone(part, null);
}

/** `part` as the sentence names it, given its creation activity (null when it has none). */
export function nameableGiven(part: AsObject, creation: Activity | null): Describable {
  const ownerless = creation === null && part.author === undefined;
  return ownerless || isVisibleToEveryone(part, creation) ? part : stubOf(part);
}
