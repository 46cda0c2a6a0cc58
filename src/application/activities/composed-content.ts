import type { Activity } from '../../domain/activity-streams/activity';
import { generatedActivityContent } from '../../domain/activity-streams/activity-content';
import type { AsObject } from '../../domain/activity-streams/as-object';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { nameable } from './client-activity';

/**
 * The `content` sentence of an activity the server composed (a registration's `join`, welcome note and list
 * `create`s, a profile's `update`), as pump.io writes one for every activity that has none (docs/protocol.md §4.2
 * step 7): its actor, object and target are read as stored, so the sentence names and links them; what the
 * activity's audience may not see is named by its stub only ({@link nameable}).
 */
export async function composedActivityContent(tx: Repositories, activity: Activity): Promise<string> {
  const stored = async (ref: AsObject | undefined): Promise<AsObject | undefined> =>
    ref === undefined ? undefined : ((await tx.objects.findById(ref.id)) ?? ref);
  const actor = (await stored(activity.actor)) ?? activity.actor;
  const object = await stored(activity.object);
  const target = await stored(activity.target);
  return generatedActivityContent({
    verb: activity.verb,
    actor,
    object: object && (await nameable(tx, object, actor)),
    target: target && (await nameable(tx, target, actor)),
  });
}
