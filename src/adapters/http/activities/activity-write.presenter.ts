import type { Activity } from '../../../domain/activity-streams/activity';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import { withoutPrivateKeys } from '../../../domain/activity-streams/private-keys';
import { Verb } from '../../../domain/activity-streams/verbs';
import type { ObjectRepository } from '../../../application/ports/storage/object-repository.port';

type Json = Record<string, unknown>;

const OBJECT_REFERENCES = ['author', 'inReplyTo'] as const;
const ACTIVITY_REFERENCES = ['actor', 'object', 'target'] as const;

/**
 * The AS1 JSON of what a write answers (pumpio-protocol.md §4.5): the activity with actor, object and target
 * expanded from storage (and the object's author and inReplyTo), every `_`-prefixed key dropped, and
 * `object.author` left out for `post`. bto/bcc are kept: the viewer of a write's answer is its actor.
 *
 * Deliberately minimal: no likes/replies/shares counts, no `liked`/`pump_io` fields, addresses left as references.
 * The full read-side presenters belong to the streams and objects scope.
 */
export class ActivityWritePresenter {
  constructor(private readonly objects: Pick<ObjectRepository, 'findManyByIds'>) {}

  /** The activity as AS1 JSON. */
  async activity(activity: Activity): Promise<Json> {
    const refs = ACTIVITY_REFERENCES.map((key) => activity[key]).filter(isReference);
    const found = await this.objects.findManyByIds(refs.map((ref) => ref.id));
    const json: Json = { ...activity };
    for (const key of ACTIVITY_REFERENCES) {
      const ref = activity[key];
      if (isReference(ref)) {
        json[key] = found.get(ref.id) ?? ref;
      }
    }
    if (isReference(json.object)) {
      const object = await this.object(json.object);
      if (activity.verb === Verb.POST) {
        delete object.author;
      }
      json.object = object;
    }
    return withoutPrivateKeys(json);
  }

  /** An object as AS1 JSON, its author and inReplyTo expanded. */
  async object(object: AsObject): Promise<Json> {
    const refs = OBJECT_REFERENCES.map((key) => object[key]).filter(isReference);
    const found =
      refs.length === 0
        ? new Map<string, AsObject>()
        : await this.objects.findManyByIds(refs.map((ref) => ref.id));
    const json: Json = { ...object };
    for (const key of OBJECT_REFERENCES) {
      const ref = object[key];
      if (isReference(ref)) {
        json[key] = found.get(ref.id) ?? ref;
      }
    }
    return withoutPrivateKeys(json);
  }
}

function isReference(value: unknown): value is AsObject {
  return isPlainObject(value) && typeof value.id === 'string';
}
