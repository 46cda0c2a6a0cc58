import { invalid } from '../errors/domain-error';
import { isPlainObject } from './json-guards';

/**
 * Limits on what a client may have stored: every string of an object, activity, profile or user record, the
 * names of their properties and how deep they nest. Generous for any real client (a 100,000-character note), but
 * finite, so that no single property can hold a megabyte that every reader then pays for. Lengths are counted
 * in UTF-16 code units (`String.length`).
 */

/** Addresses: ids, links and urls (2,048, what browsers and servers commonly accept in a URL). */
const URL_LENGTH = 2_048;

/** The longest string of a named property; a property not named here gets {@link MAX_STRING_LENGTH}. */
const MAX_LENGTH_BY_PROPERTY: ReadonlyMap<string, number> = new Map([
  ['id', URL_LENGTH],
  ['url', URL_LENGTH],
  ['href', URL_LENGTH],
  ['objectType', 256],
  ['verb', 256],
  ['published', 64],
  ['updated', 64],
  ['displayName', 1_000],
  ['title', 1_000],
  ['preferredUsername', 64],
  ['summary', 10_000],
  ['content', 100_000],
  // RFC 5321 §4.5.3.1.3: a path (so an address) is at most 256 octets, the brackets included.
  ['email', 254],
]);

/** The longest string of any property not in the table above. */
export const MAX_STRING_LENGTH = 10_000;
/** The longest property name. */
export const MAX_PROPERTY_NAME_LENGTH = 256;
/** The deepest nesting of objects and arrays, counting the outermost as 1. */
export const MAX_NESTING_DEPTH = 100;

/** The code of every limit violation. */
export const TOO_LARGE_CODE = 'input.too-large';

/** The longest string accepted for a property named `name`. */
export function maxLengthOf(name: string): number {
  return MAX_LENGTH_BY_PROPERTY.get(name) ?? MAX_STRING_LENGTH;
}

interface Pending {
  readonly value: unknown;
  readonly path: string;
  /** The property the value is stored under; for an array item, the array's property. */
  readonly name: string;
  readonly depth: number;
}

/**
 * Asserts that `value` (JSON a client sent, about to be stored under `path`) keeps every limit: each string no
 * longer than its property's maximum ({@link maxLengthOf}), each property name at most
 * {@link MAX_PROPERTY_NAME_LENGTH}, nesting at most {@link MAX_NESTING_DEPTH}. A violation is an `invalid`
 * DomainError whose message and `details.property` name the property by its path (`object.content`).
 * Iterative, so no input can exhaust the stack.
 */
export function assertWithinFieldLimits(value: unknown, path: string): void {
  const pending: Pending[] = [{ value, path, name: path.slice(path.lastIndexOf('.') + 1), depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value: current, path: at, name, depth } = item;
    if (typeof current === 'string') {
      const max = maxLengthOf(name);
      if (current.length > max) throw tooLarge(at, `is longer than ${max} characters`);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > MAX_NESTING_DEPTH) throw tooLarge(at, `nests deeper than ${MAX_NESTING_DEPTH} levels`);
    if (Array.isArray(current)) {
      current.forEach((element, index) =>
        pending.push({ value: element, path: `${at}[${index}]`, name, depth: depth + 1 }),
      );
      continue;
    }
    if (!isPlainObject(current)) continue;
    for (const [key, element] of Object.entries(current)) {
      if (key.length > MAX_PROPERTY_NAME_LENGTH) {
        throw tooLarge(at, `has a property name longer than ${MAX_PROPERTY_NAME_LENGTH} characters`);
      }
      pending.push({ value: element, path: `${at}.${key}`, name: key, depth: depth + 1 });
    }
  }
}

function tooLarge(path: string, what: string): Error {
  // A path can be as long as the nesting allows: keep the message readable.
  const shown = path.length > 200 ? `${path.slice(0, 200)}...` : path;
  return invalid(TOO_LARGE_CODE, `${shown} ${what}`, { property: shown });
}
