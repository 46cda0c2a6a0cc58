/**
 * Why one delivery attempt failed: the receiving server answered with an HTTP error status (and maybe a
 * `Retry-After`), it could not be reached at all, or the delivery cannot be made by this server (`undeliverable`:
 * a destination the outbound policy refuses, an actor that is not a local user, an activity that is gone), which no
 * retry mends.
 */
export type DeliveryFailure =
  | { readonly kind: 'http'; readonly status: number; readonly retryAfter?: string }
  | {
      readonly kind: 'network';
      /** `host-not-found`: the name does not resolve (permanent); the others may pass. */
      readonly reason: 'host-not-found' | 'refused' | 'timeout' | 'other';
      readonly message?: string;
    }
  | { readonly kind: 'undeliverable'; readonly message: string };

/**
 * Answers that trying again will not help: the request itself is refused (400), we are not let in (401, 403), the
 * inbox does not exist or is gone for good (404, 410; RFC 9110 §15.5), the host name does not exist, or the delivery
 * is undeliverable from here. Anything
 * else (408, 429, 5xx, a refused connection, a timeout) may pass and is retried.
 */
export function isPermanentFailure(failure: DeliveryFailure): boolean {
  if (failure.kind === 'undeliverable') return true;
  if (failure.kind === 'network') return failure.reason === 'host-not-found';
  return [400, 401, 403, 404, 410].includes(failure.status);
}

/** A short line for an admin: `HTTP 503`, `host not found`, `timeout: ...`, `undeliverable: ...`. */
export function describeFailure(failure: DeliveryFailure): string {
  if (failure.kind === 'undeliverable') return `undeliverable: ${failure.message}`;
  if (failure.kind === 'http') {
    const after = failure.retryAfter === undefined ? '' : ` (Retry-After: ${failure.retryAfter})`;
    return `HTTP ${failure.status}${after}`;
  }
  const reason = failure.reason.replace(/-/g, ' ');
  return failure.message === undefined ? reason : `${reason}: ${failure.message}`;
}

/**
 * The time a `Retry-After` value names (RFC 9110 §10.2.3): a number of seconds from `now`, or an HTTP date.
 * Null for anything else, and for a time that is not after `now`.
 */
export function retryAfterTime(value: string, now: Date): Date | null {
  const text = value.trim();
  const at = /^\d+$/.test(text) ? now.getTime() + Number(text) * 1000 : Date.parse(text);
  return Number.isFinite(at) && at > now.getTime() ? new Date(at) : null;
}
