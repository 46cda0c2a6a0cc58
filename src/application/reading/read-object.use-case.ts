import type { AsObject } from '../../domain/activity-streams/as-object';
import { forbidden } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Viewer } from '../../domain/visibility/visibility';
import { locateObject, type ObjectLocator } from './object-locator';
import type { ReadingRepositories } from './reading-repositories';
import { RecipientCheck } from './recipient-check';

/** What {@link ReadObject} needs: which object, and who is looking. */
export interface ReadObjectCommand {
  readonly locator: ObjectLocator;
  readonly viewer: Viewer;
}

/**
 * `GET /api/<type>/<uuid>` and `GET /api/<type>?id=` (docs/protocol.md §4.7): the stored object, for its author
 * or a recipient of its creation activity.
 *
 * Invariants: 404 for an unknown type or object, 410 for a deleted one (before any access check, as pump.io),
 * 403 "No authorization for this object." for anyone else; the object is returned as stored (references and
 * `_`-prefixed keys included): presenting it is the adapter's work.
 */
export class ReadObject {
  constructor(
    private readonly repositories: Pick<
      ReadingRepositories,
      'objects' | 'activities' | 'follows' | 'streams'
    >,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ReadObjectCommand): Promise<AsObject> {
    const object = await locateObject(this.repositories.objects, this.site, command.locator);
    await assertCanSeeObject(new RecipientCheck(this.repositories, this.site, command.viewer), object);
    return object;
  }
}

/** Throws `forbidden` unless the check's viewer may see `object` (its author, or a recipient of its creation). */
export async function assertCanSeeObject(check: RecipientCheck, object: AsObject): Promise<void> {
  if (!(await check.canSeeObject(object))) {
    throw forbidden('object.forbidden', 'No authorization for this object.');
  }
}
