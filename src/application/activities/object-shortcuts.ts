import type { AsObject } from '../../domain/activity-streams/as-object';
import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { forbidden, invalid, unauthenticated } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { AuthenticatedUser, Principal } from '../auth/principal';
import type { ObjectRepository } from '../ports/storage/object-repository.port';
import { locateObject } from '../reading/object-locator';

/** An object named by its endpoint type and uuid: `/api/<type>/<uuid>`. */
export interface ObjectAddress {
  readonly type: string;
  readonly uuid: string;
}

/** The acting local user; write shortcuts are 3-legged only. */
export function actingUser(principal: Principal): AuthenticatedUser {
  if (principal.user === null) {
    throw unauthenticated('auth.no-user', 'Not logged in.');
  }
  return principal.user;
}

/**
 * The live object at `address` that `user` authored (docs/protocol.md §4.7): 404 "Unknown type: x" or 404 for an
 * unknown object, 410 for a deleted one, 403 "Only the author can modify this object." for anyone else.
 */
export async function ownObject(
  objects: ObjectRepository,
  site: SiteUrls,
  user: AuthenticatedUser,
  address: ObjectAddress,
): Promise<AsObject> {
  const object = await locateObject(objects, site, { type: address.type, uuid: address.uuid });
  if (object.author?.id !== user.personId) {
    throw forbidden('object.not-author', 'Only the author can modify this object.');
  }
  return object;
}

/** A JSON body that must be an object (a shortcut's object, properties to merge); anything else is a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) {
    throw invalid('object.invalid', 'The body must be a JSON object.');
  }
  return body;
}
