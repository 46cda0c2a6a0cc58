import type { ViewedActivity } from '../../../application/reading/viewer-scope';
import { AUDIENCE_FIELDS } from '../../../domain/activity-streams/activity';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { Verb } from '../../../domain/activity-streams/verbs';
import type { Viewer } from '../../../domain/visibility/visibility';
import type { As1ObjectPresenter, PresentationContext } from './as1-object.presenter';
import type { Decoration } from './object-feeds';
import { type JsonDocument, refId, withoutPrivateKeysExcept } from './object-lookup';

/**
 * Writes activities as AS1 JSON (docs/protocol.md §4.5). It takes them only as the application shaped them for
 * the viewer ({@link ViewedActivity}: blind copies and `_received` already gone); actor, object, target and every
 * address are expanded through the viewer's scope (an address never stored, such as a followers collection, stays
 * as stored; what the viewer may not see is the `{id, objectType}` stub the scope answers), the object and target
 * presented by {@link As1ObjectPresenter} with their feeds, and `object.author` omitted for `post`.
 *
 * Invariants: every `_`-prefixed key is dropped; a page of activities costs one `findManyByIds` for everything
 * they reference, then what the object presenter needs for the objects (see there); the activities it is given
 * are never modified.
 */
export class As1ActivityPresenter {
  constructor(private readonly objects: As1ObjectPresenter) {}

  /** One activity, its object fully decorated: what `GET /api/activity/<uuid>` answers. */
  async presentOne(activity: ViewedActivity, viewer: Viewer): Promise<JsonDocument> {
    const [presented] = await this.presentMany([activity], this.objects.contextFor(viewer), 'full');
    return presented;
  }

  /** The items of a stream page, in order, their objects decorated as every stream's items are (`item`). */
  presentItems(activities: readonly ViewedActivity[], context: PresentationContext): Promise<JsonDocument[]> {
    return this.presentMany(activities, context, 'item');
  }

  /** Activities in order, their objects and targets decorated as asked. */
  async presentMany(
    activities: readonly ViewedActivity[],
    context: PresentationContext,
    decoration: Decoration,
  ): Promise<JsonDocument[]> {
    // The posts of a page are the creations of their objects: the filter needs no lookup to judge those.
    context.scope.check.primeCreations(activities);
    await context.lookup.fetch(activities.flatMap(referencedIds));

    // The objects and targets of the whole page go through the object presenter in one batch.
    const expanded = new Map<string, AsObject>();
    for (const activity of activities) {
      for (const part of [activity.object, activity.target]) {
        const id = refId(part);
        if (id !== undefined && part !== undefined) {
          expanded.set(id, context.lookup.get(id) ?? part);
        }
      }
    }
    const presentedParts = await this.objects.presentMany([...expanded.values()], context, decoration);
    const byId = new Map([...expanded.keys()].map((id, index) => [id, presentedParts[index]]));

    return activities.map((activity) => {
      const out = copyOfUnexpanded(activity);
      const stored = (entry: AsObject): unknown => context.lookup.publicCopyOf(entry.id, entry);
      if (refId(activity.actor) !== undefined) {
        out.actor = stored(activity.actor);
      }
      for (const field of AUDIENCE_FIELDS) {
        const addresses = activity[field];
        if (Array.isArray(addresses)) {
          out[field] = addresses.map((entry) => (refId(entry) === undefined ? entry : stored(entry)));
        }
      }
      for (const part of ['object', 'target'] as const) {
        const id = refId(activity[part]);
        if (id !== undefined) {
          out[part] = { ...(byId.get(id) as JsonDocument) };
        }
      }
      if (activity.verb === Verb.POST && out.object !== undefined) {
        delete (out.object as JsonDocument).author;
      }
      return out;
    });
  }
}

/**
 * `withoutPrivateKeys(activity)`, except that the fields `presentMany` replaces (actor, object and target
 * references, address lists) are not copied: they only hold their place, so the keys keep the stored order.
 */
function copyOfUnexpanded(activity: ViewedActivity): JsonDocument {
  return withoutPrivateKeysExcept(activity, isExpanded);
}

const EXPANDED_REFERENCES: ReadonlySet<string> = new Set(['actor', 'object', 'target']);
const EXPANDED_LISTS: ReadonlySet<string> = new Set(AUDIENCE_FIELDS);

/** True for a field `presentMany` overwrites: a reference with an id, or an address list. */
function isExpanded(key: string, value: unknown): boolean {
  return EXPANDED_REFERENCES.has(key)
    ? refId(value) !== undefined
    : EXPANDED_LISTS.has(key) && Array.isArray(value);
}

/** Every object an activity names: actor, object, target and the addresses. */
function referencedIds(activity: ViewedActivity): string[] {
  const addresses = AUDIENCE_FIELDS.flatMap((field) => activity[field] ?? []);
  return [activity.actor, activity.object, activity.target, ...addresses]
    .map((part) => refId(part))
    .filter((id): id is string => id !== undefined);
}
