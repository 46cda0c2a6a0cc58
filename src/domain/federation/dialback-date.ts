/**
 * The `Date` of a Dialback-signed request (docs/protocol.md §7.4): an RFC 1123 time in whole seconds, accepted
 * only within five minutes of the receiver's clock, either way.
 */

/** How far a Dialback `Date` may be from the receiver's clock, either way (pump.io's five minutes). */
export const DIALBACK_WINDOW_MS = 5 * 60 * 1000;

/** Longest `Date` value read; an RFC 1123 date has 29 characters. */
const MAX_DATE_LENGTH = 64;

/** `ms` rounded down to the whole second, so the `Date` we send never lies in the future. */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** The RFC 1123 form of a time (`Sun, 06 Nov 1994 08:49:37 GMT`), in whole seconds. */
export function formatHttpDate(ms: number): string {
  return new Date(wholeSecond(ms)).toUTCString();
}

/**
 * The time a `Date` value names, in milliseconds, or null when it names none (empty, over-long, unparseable).
 * As lenient as pump.io's `Date.parse` about the format; the window check is what makes it strict.
 */
export function parseHttpDate(text: string): number | null {
  if (text.length === 0 || text.length > MAX_DATE_LENGTH) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** True when `dateMs` lies within {@link DIALBACK_WINDOW_MS} of `nowMs`, either way (bounds included). */
export function isWithinDialbackWindow(dateMs: number, nowMs: number): boolean {
  return Math.abs(nowMs - dateMs) <= DIALBACK_WINDOW_MS;
}
