import { isPlainObject } from './json-guards';

/**
 * Properties whose name starts with `_` are the server's own bookkeeping (`_uuid`, ...): a client may never set
 * them and they are never emitted (pumpio-protocol.md §4.2 step 1, §4.6).
 */
export function isPrivateKey(key: string): boolean {
  return key.startsWith('_');
}

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
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!isPrivateKey(key)) {
      copy[key] = withoutPrivateKeys(item);
    }
  }
  return copy as T;
}
