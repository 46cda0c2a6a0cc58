import type { EmbeddedObjects } from '../../../application/reading/embedded-objects';
import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import { type ViewedActivity, ViewerScope } from '../../../application/reading/viewer-scope';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import { withoutPrivateKeys } from '../../../domain/activity-streams/private-keys';
import { Verb } from '../../../domain/activity-streams/verbs';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { Viewer } from '../../../domain/visibility/visibility';

type Json = Record<string, unknown>;

const OBJECT_REFERENCES = ['author', 'inReplyTo'] as const;
const ACTIVITY_REFERENCES = ['actor', 'object', 'target'] as const;

/** The ports the answer of a write reads: the objects, and what the viewer's filter needs. */
export type WritePresenterRepositories = Pick<
  ReadingRepositories,
  'objects' | 'activities' | 'follows' | 'streams'
>;

/**
 * The AS1 JSON of what an inbox delivery from another server answers (docs/protocol.md §4.5, §7.2; the client
 * API's writes answer with the reading presenters instead, as a read by the writer shows it): the activity with actor, object and target
 * expanded from storage (and the object's author and inReplyTo), every `_`-prefixed key dropped, and
 * `object.author` left out for `post`. It takes the activity as the application shaped it for the viewer
 * ({@link ViewedActivity}; the viewer of a write's answer is its actor, who sees bto/bcc).
 *
 * Invariants: every expansion goes through the application's filter for the viewer ({@link ViewerScope}), as
 * on the read side, so the answer to a write never shows more than a read would (a reference the viewer may not
 * see stays an `{id, objectType}` stub). Deliberately minimal: no likes/replies/shares counts, no
 * `liked`/`pump_io` fields, addresses left as references.
 */
export class ActivityWritePresenter {
  constructor(
    private readonly repositories: WritePresenterRepositories,
    private readonly site: SiteUrls,
  ) {}

  /** The activity as AS1 JSON, as `viewer` (its actor) may see it. */
  async activity(activity: ViewedActivity, viewer: Viewer): Promise<Json> {
    const embedded = this.filterFor(viewer);
    const refs = ACTIVITY_REFERENCES.map((key) => activity[key]).filter(isReference);
    const found = await embedded.findManyByIds(refs.map((ref) => ref.id));
    const json: Json = { ...activity };
    for (const key of ACTIVITY_REFERENCES) {
      const ref = activity[key];
      if (isReference(ref)) {
        json[key] = found.get(ref.id) ?? ref;
      }
    }
    if (isReference(json.object) && !embedded.isWithheld(json.object.id)) {
      const object = await this.expand(json.object, embedded);
      if (activity.verb === Verb.POST) {
        delete object.author;
      }
      json.object = object;
    }
    return withoutPrivateKeys(json);
  }

  /** An object as AS1 JSON, its author and inReplyTo expanded as `viewer` may see them. */
  object(object: AsObject, viewer: Viewer): Promise<Json> {
    return this.expand(object, this.filterFor(viewer));
  }

  private filterFor(viewer: Viewer): EmbeddedObjects {
    return new ViewerScope(this.repositories, this.site, viewer).embedded;
  }

  private async expand(object: AsObject, embedded: EmbeddedObjects): Promise<Json> {
    const refs = OBJECT_REFERENCES.map((key) => object[key]).filter(isReference);
    const found =
      refs.length === 0
        ? new Map<string, AsObject>()
        : await embedded.findManyByIds(refs.map((ref) => ref.id));
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
