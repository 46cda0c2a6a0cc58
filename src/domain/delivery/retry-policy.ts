import { type DeliveryFailure, isPermanentFailure, retryAfterTime } from './delivery-failure';

/** How long and how often a failing delivery is tried again. */
export interface RetrySchedule {
  /** Attempts in all, the first included; after the last one fails the delivery is a dead letter. */
  readonly maxAttempts: number;
  /** The wait after the first failure; doubled after each further one. */
  readonly firstDelayMs: number;
  /** The longest wait between two attempts. */
  readonly maxDelayMs: number;
  /** Each wait is lengthened by up to this fraction of itself, at random, so retries to one host spread out. */
  readonly jitter: number;
  /** A `Retry-After` further away than this is shortened to it: the receiver cannot park us for a month. */
  readonly longestRetryAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * 16 attempts over a little more than 3 days, as Mastodon does (16 retries over about 3 days): waits of 1, 2, 4
 * ... 512 minutes, then 12 hours five times. Without jitter the waits add up to 77 hours; jitter only lengthens
 * them, so a delivery is given up no sooner than 3 days after its first failure.
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 16,
  firstDelayMs: MINUTE,
  maxDelayMs: 12 * HOUR,
  jitter: 0.25,
  longestRetryAfterMs: 24 * HOUR,
};

/** What to do after a failed attempt: try again at a time, or give up (a dead letter) and why. */
export type RetryDecision =
  | { readonly kind: 'retry'; readonly at: Date }
  | { readonly kind: 'give-up'; readonly why: 'permanent' | 'attempts-exhausted' };

/** The wait after failed attempt number `attempt` (1 for the first), before jitter. */
export function backoffMs(attempt: number, schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE): number {
  return Math.min(schedule.firstDelayMs * 2 ** Math.max(attempt - 1, 0), schedule.maxDelayMs);
}

/**
 * Decides what follows failed attempt number `attempts` at `now`, with `random` in [0, 1) for the jitter.
 *
 * Invariants: a permanent failure is never retried; the attempt `maxAttempts` is the last; a retry is never
 * sooner than the backoff, and never sooner than a `Retry-After` the receiver gave (shortened to
 * `longestRetryAfterMs`).
 */
export function decideRetry(
  failure: DeliveryFailure,
  attempts: number,
  now: Date,
  random: number,
  schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE,
): RetryDecision {
  if (isPermanentFailure(failure)) return { kind: 'give-up', why: 'permanent' };
  if (attempts >= schedule.maxAttempts) return { kind: 'give-up', why: 'attempts-exhausted' };
  const wait = backoffMs(attempts, schedule);
  let at = now.getTime() + Math.round(wait * (1 + schedule.jitter * random));
  const asked = askedRetryAt(failure, now, schedule);
  if (asked !== null) at = Math.max(at, asked.getTime());
  return { kind: 'retry', at: new Date(at) };
}

/**
 * When the peer asked us to come back (its `Retry-After`), capped at `longestRetryAfterMs` from now; null when it
 * asked nothing. One rule for both the job's next attempt and the pause of its host.
 */
export function askedRetryAt(
  failure: DeliveryFailure,
  now: Date,
  schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE,
): Date | null {
  if (failure.kind !== 'http' || failure.retryAfter === undefined) return null;
  const asked = retryAfterTime(failure.retryAfter, now);
  if (asked === null) return null;
  return new Date(Math.min(asked.getTime(), now.getTime() + schedule.longestRetryAfterMs));
}
