import type { Activity } from '../../domain/activity-streams/activity';
import { generatedActivityContent } from '../../domain/activity-streams/activity-content';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { nameableGiven, nameableWithoutCreation } from '../activities/sentence-parts';
import type { ReadingRepositories } from './reading-repositories';

/** The repositories {@link withContent} reads. */
export type ContentRepositories = {
  readonly objects: Pick<ReadingRepositories['objects'], 'findManyByIds'>;
  readonly activities: Pick<ReadingRepositories['activities'], 'findCreations'>;
};

/** True when a client reading `activity` would find no `content` (pump.io writes one for every activity). */
function lacksContent(activity: Activity): boolean {
  // A deleted activity is a tombstone without a verb: there is nothing to say about it.
  return activity.deleted === undefined && (typeof activity.content !== 'string' || activity.content === '');
}

const idOf = (ref: AsObject | undefined): string | undefined =>
  typeof ref?.id === 'string' ? ref.id : undefined;

/**
 * `activities`, in order, each with a `content`: an activity stored without one (written before the server made a
 * sentence for its own activities, docs/protocol.md §4.2 step 7) gets the sentence it would have been stored with,
 * by the same rules ({@link generatedActivityContent}: escaped names, links; {@link nameableGiven}: what the
 * activity's audience may not see named by its stub). PyPump, for one, fails on a stream item without it.
 *
 * Invariants: the store is not written (a read stays a read); the sentence does not depend on the reader; a page
 * costs at most two storage calls whatever its length (its actors, objects and targets in one batch, the creations
 * of those whose naming depends on one in another), and none when every activity has its content.
 */
export async function withContent<T extends Activity>(
  repositories: ContentRepositories,
  activities: readonly T[],
): Promise<T[]> {
  const lacking = activities.filter(lacksContent);
  if (lacking.length === 0) {
    return [...activities];
  }
  const referenced = [
    ...new Set(lacking.flatMap((activity) => [activity.actor, activity.object, activity.target].map(idOf))),
  ].filter((id): id is string => id !== undefined);
  const stored = await repositories.objects.findManyByIds(referenced);
  const full = (ref: AsObject | undefined): AsObject | undefined =>
    ref === undefined ? undefined : (stored.get(ref.id) ?? ref);

  const parts = lacking.map((activity) => {
    const actor = full(activity.actor) ?? activity.actor;
    return { activity, actor, object: full(activity.object), target: full(activity.target) };
  });
  const needCreation = parts.flatMap(({ actor, object, target }) =>
    [object, target].filter(
      (part): part is AsObject => part !== undefined && !nameableWithoutCreation(part, actor),
    ),
  );
  const creations =
    needCreation.length === 0
      ? new Map<string, Activity>()
      : await repositories.activities.findCreations([...new Set(needCreation.map((part) => part.id))]);
  const named = (part: AsObject | undefined, actor: AsObject) =>
    part === undefined || nameableWithoutCreation(part, actor)
      ? part
      : nameableGiven(part, creations.get(part.id) ?? null);

  const sentences = new Map<T, string>();
  for (const { activity, actor, object, target } of parts) {
    const content = generatedActivityContent({
      verb: activity.verb,
      actor,
      object: named(object, actor),
      target: named(target, actor),
    });
    sentences.set(activity, content);
  }
  return activities.map((activity) => {
    const content = sentences.get(activity);
    return content === undefined ? activity : { ...activity, content };
  });
}
