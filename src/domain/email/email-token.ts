/**
 * The rules of the one-time links Pumphouse mails: an address confirmation and a password recovery.
 *
 * A link's code is a secret of {@link SECRET_LENGTH} URL-safe base64 characters (24 random bytes); only its digest
 * is stored, so a copy of the database gives no working link. Every character of a code is one pump.io's clients
 * look for in a confirmation link (`[a-zA-Z0-9_-]`), and the code is short enough that the link stays on one line
 * of a plain text mail (RFC 2045 §6.7 breaks lines past 76 characters in quoted-printable).
 */

/** The random bytes of a code's secret. */
export const SECRET_BYTES = 24;
/** URL-safe base64 of {@link SECRET_BYTES} bytes, without padding. */
export const SECRET_LENGTH = 32;

/** How long a confirmation link works: a week, time enough for a person to find the mail. */
export const CONFIRMATION_TTL_MS = 7 * 24 * 60 * 60_000;
/** How long a recovery link works: one hour, as the password it replaces is what it protects. */
export const RECOVERY_TTL_MS = 60 * 60_000;

/** A pending one-time link as the user record keeps it. */
export interface EmailTokenRecord {
  /** The digest of the code's secret, never the secret. */
  readonly digest: string;
  /** ISO time after which the link no longer works. */
  readonly expires: string;
}

/** A pending confirmation: the address it confirms, with its token. */
export interface PendingEmail extends EmailTokenRecord {
  readonly address: string;
}

const CODE = /^[A-Za-z0-9_-]+$/;

/** True when `code` has the form of a code (not whether it works): anything else is refused before any lookup. */
export function isWellFormedCode(code: string): boolean {
  return code.length === SECRET_LENGTH && CODE.test(code);
}

/** The expiry of a link issued at `now` that lasts `ttlMs`. */
export function expiryOf(now: Date, ttlMs: number): string {
  return new Date(now.getTime() + ttlMs).toISOString();
}

/**
 * Whether a presented secret's digest redeems `token` at `now`: there is a token, the digests are equal and the
 * expiry is still ahead. A link is single-use because whoever redeems it removes the token in the same write.
 */
export function redeems(token: EmailTokenRecord | undefined, digest: string, now: Date): boolean {
  if (token === undefined) return false;
  if (token.digest !== digest) return false;
  const expires = Date.parse(token.expires);
  return Number.isFinite(expires) && now.getTime() < expires;
}
