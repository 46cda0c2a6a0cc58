/** A time as pump.io writes it (`dateformat` isoUtcDateTime): ISO 8601 UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
