import { isPlainObject } from './json-guards';

/**
 * Properties whose name starts with `_` are the server's own bookkeeping (`_uuid`, ...): a client may never set
 * them and they are never emitted (docs/protocol.md §4.2 step 1, §4.6).
 */
export function isPrivateKey(key: string): boolean {
  return key.charCodeAt(0) === UNDERSCORE;
}

const UNDERSCORE = '_'.charCodeAt(0);

/**
 * A deep copy of `value` without any `_`-prefixed key, at every level (objects inside arrays included). Values that
 * are not objects or arrays are returned as they are; the input is left untouched.
 */
export function withoutPrivateKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => withoutPrivateKeys(item)) as T;
  }
  if (!isPlainObject(value)) {
    return value;
  }
  // A plain loop over own keys, not Object.entries: this copies every document of every page the API serves, and
  // the entries arrays were a tenth of an inbox read's time.
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (key.charCodeAt(0) !== UNDERSCORE && Object.prototype.hasOwnProperty.call(value, key)) {
      copy[key] = withoutPrivateKeys(value[key]);
    }
  }
  return copy as T;
}
