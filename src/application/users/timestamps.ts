/**
 * An ISO 8601 UTC timestamp without milliseconds (`2013-01-02T03:04:05Z`), the form pump.io writes with
 * dateformat's isoUtcDateTime (docs/protocol.md, notation). Objects, activities and users use it.
 */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
