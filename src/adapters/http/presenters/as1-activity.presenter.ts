import type { Activity } from '../../../domain/activity-streams/activity';
import { AUDIENCE_FIELDS } from '../../../domain/activity-streams/activity';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { Verb } from '../../../domain/activity-streams/verbs';
import { redactForViewer } from '../../../domain/visibility/redaction';
import type { Viewer } from '../../../domain/visibility/visibility';
import type { As1ObjectPresenter, PresentationContext } from './as1-object.presenter';
import type { Decoration } from './object-feeds';
import { type JsonDocument, refId, withoutPrivateKeysExcept } from './object-lookup';

/**
 * Writes stored activities as AS1 JSON (pumpio-protocol.md §4.5): bto and bcc removed unless the viewer is the
 * actor (the domain's redaction), actor, object, target and every address expanded from the object repository
 * through the viewer's filter (an address never stored, such as a followers collection, stays as stored; what
 * the viewer may not see is its `{id, objectType}` stub), the object and target presented by
 * {@link As1ObjectPresenter} with their feeds, and `object.author` omitted for `post`.
 *
 * Invariants: every `_`-prefixed key is dropped, and so is the internal `received` list of local users; a page of
 * activities costs one `findManyByIds` for everything they reference, then what the object presenter needs for
 * the objects (see there); the stored activities are never modified.
 */
export class As1ActivityPresenter {
  constructor(private readonly objects: As1ObjectPresenter) {}

  /** One activity, its object fully decorated: what `GET /api/activity/<uuid>` answers. */
  async presentOne(activity: Activity, viewer: Viewer): Promise<JsonDocument> {
    const [presented] = await this.presentMany([activity], this.objects.contextFor(viewer), 'full');
    return presented;
  }

  /** Activities in order; `full` decoration is what major streams get, `counts` the plain and minor ones. */
  async presentMany(
    activities: readonly Activity[],
    context: PresentationContext,
    decoration: Decoration,
  ): Promise<JsonDocument[]> {
    const redacted = activities.map((activity) => redactForViewer(activity, context.viewer));
    // The posts of a page are the creations of their objects: the filter needs no lookup to judge those.
    context.check.primeCreations(activities);
    await context.lookup.fetch(redacted.flatMap(referencedIds));

    // The objects and targets of the whole page go through the object presenter in one batch.
    const expanded = new Map<string, AsObject>();
    for (const activity of redacted) {
      for (const part of [activity.object, activity.target]) {
        const id = refId(part);
        if (id !== undefined && part !== undefined) {
          expanded.set(id, context.lookup.get(id) ?? part);
        }
      }
    }
    const presentedParts = await this.objects.presentMany([...expanded.values()], context, decoration);
    const byId = new Map([...expanded.keys()].map((id, index) => [id, presentedParts[index]]));

    return redacted.map((activity) => {
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
 * `withoutPrivateKeys(activity)` without the internal `received` list, except that the fields `presentMany`
 * replaces (actor, object and target references, address lists) are not copied: they only hold their place, so
 * the keys keep the stored order.
 */
function copyOfUnexpanded(activity: Activity): JsonDocument {
  const out = withoutPrivateKeysExcept(activity, isExpanded);
  if (Array.isArray(activity.received)) {
    delete out.received;
  }
  return out;
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
function referencedIds(activity: Activity): string[] {
  const addresses = AUDIENCE_FIELDS.flatMap((field) => activity[field] ?? []);
  return [activity.actor, activity.object, activity.target, ...addresses]
    .map((part) => refId(part))
    .filter((id): id is string => id !== undefined);
}
