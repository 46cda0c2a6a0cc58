import { invalid } from '../errors/domain-error';
import { AUDIENCE_FIELDS } from './activity';
import type { AsObject, NewAsObject } from './as-object';
import { assertWithinFieldLimits } from './field-limits';
import { isPlainObject, isPresent } from './json-guards';
import { assertValidNewObject, assertValidObject, invalidProperty } from './object-validation';

/**
 * An address as a client may send it. pump.io treats an entry without `objectType` as a person
 * (see `normaliseAudience` in the audience module).
 */
export interface IncomingAddress {
  id: string;
  objectType?: string;
  [key: string]: unknown;
}

/** An activity as a client or a remote server sends it, before defaults (actor, verb, recipients) are filled. */
export interface IncomingActivity {
  verb?: string;
  actor?: AsObject;
  object?: NewAsObject;
  target?: AsObject;
  content?: string;
  to?: IncomingAddress[];
  cc?: IncomingAddress[];
  bto?: IncomingAddress[];
  bcc?: IncomingAddress[];
  [key: string]: unknown;
}

/**
 * The most addresses one activity may carry in to, cc, bto and bcc together. Collections (public, followers, a
 * list, a group) count as one address each, so this bounds only people named one by one; without a bound, one
 * request could queue a delivery job per named remote person, thousands at a time (issue 10, item 6).
 */
export const MAX_ADDRESSES = 100;

/**
 * Asserts the shape of an incoming activity, so that no later rule trips over a wrong type: `verb` and `content`
 * are strings when present; `actor` and `target` are valid objects; `object` is a valid object that may still lack
 * its id; to/cc/bto/bcc are arrays of objects with a string `id` (and a string `objectType` when present).
 * Every property, known or not, keeps the field limits, and the four address fields hold at most
 * {@link MAX_ADDRESSES} entries together. Whether an object is required depends on the verb, so
 * that is left to the caller.
 */
export function assertValidIncomingActivity(
  value: unknown,
  path = 'activity',
): asserts value is IncomingActivity {
  if (!isPlainObject(value)) {
    throw invalidProperty(path, 'an object', value);
  }
  assertWithinFieldLimits(value, path);
  for (const key of ['verb', 'content'] as const) {
    if (isPresent(value, key) && typeof value[key] !== 'string') {
      throw invalidProperty(`${path}.${key}`, 'a string', value[key]);
    }
  }
  if (isPresent(value, 'actor')) {
    assertValidObject(value.actor, `${path}.actor`);
  }
  if (isPresent(value, 'object')) {
    assertValidNewObject(value.object, `${path}.object`);
  }
  if (isPresent(value, 'target')) {
    assertValidObject(value.target, `${path}.target`);
  }
  let addresses = 0;
  for (const field of AUDIENCE_FIELDS) {
    if (isPresent(value, field)) {
      checkAddresses(value[field], `${path}.${field}`);
      addresses += (value[field] as unknown[]).length;
    }
  }
  if (addresses > MAX_ADDRESSES) {
    throw invalid(
      'activity.too-many-addresses',
      `${path} has ${addresses} addresses in to, cc, bto and bcc; at most ${MAX_ADDRESSES} are allowed`,
    );
  }
}

function checkAddresses(value: unknown, path: string): void {
  if (!Array.isArray(value)) {
    throw invalidProperty(path, 'an array of objects', value);
  }
  value.forEach((address: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(address)) {
      throw invalidProperty(at, 'an object', address);
    }
    if (typeof address.id !== 'string') {
      throw invalidProperty(`${at}.id`, 'a string', address.id);
    }
    if (isPresent(address, 'objectType') && typeof address.objectType !== 'string') {
      throw invalidProperty(`${at}.objectType`, 'a string', address.objectType);
    }
  });
}
