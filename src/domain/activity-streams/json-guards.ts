/** True for a JSON object (`{...}`): not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `record` carries `key` with a value. A key whose value is `undefined` counts as absent (JSON cannot
 * express it; it only comes from optional properties in code), while `null` counts as present.
 */
export function isPresent(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key) && record[key] !== undefined;
}

/** A short name for the JSON type of `value`, for error messages. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}
