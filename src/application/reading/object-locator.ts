import type { AsObject } from '../../domain/activity-streams/as-object';
import { endpointTypeOf, isEndpointType } from '../../domain/activity-streams/object-types';
import { gone, invalid, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { ReadingRepositories } from './reading-repositories';

/**
 * How a request names an object (docs/protocol.md §4.7): `/api/<type>/<uuid>` for a local id, or
 * `/api/<type>?id=<id>` for an object stored under a foreign (client-supplied or remote) id.
 */
export type ObjectLocator = { type: string; uuid: string } | { type: string; id: string };

/**
 * The stored object a locator names. Throws `not-found` "Unknown type: x" for a type without an endpoint,
 * `not-found` for an unknown object (or one stored under another type), `invalid` "'id' required" for an empty
 * foreign id, and `gone` "Deleted" for a deleted object: a tombstone is kept so it can answer 410.
 */
export async function locateObject(
  objects: ReadingRepositories['objects'],
  site: SiteUrls,
  locator: ObjectLocator,
): Promise<AsObject> {
  if (!isEndpointType(locator.type)) {
    throw notFound('object.unknown-type', `Unknown type: ${locator.type}`);
  }
  let id: string;
  if ('uuid' in locator) {
    id = site.objectId(locator.type, locator.uuid);
  } else {
    if (locator.id === '') {
      throw invalid('object.id-required', "'id' required");
    }
    id = locator.id;
  }
  const object = await objects.findById(id);
  if (object === null || endpointTypeOf(object.objectType) !== locator.type) {
    throw notFound('object.not-found', `No ${locator.type} with id ${id}`);
  }
  if (object.deleted !== undefined) {
    throw gone('object.deleted', 'Deleted');
  }
  return object;
}
