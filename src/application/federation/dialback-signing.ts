import { DIALBACK_WINDOW_MS, formatHttpDate, wholeSecond } from '../../domain/federation/dialback-date';
import { formatDialbackAuthorization, identityString } from '../../domain/federation/dialback-header';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { DialbackTokenRepository } from '../ports/storage/dialback-token-repository.port';
import type { DialbackHeaders, DialbackIdentity, DialbackSigner } from './dialback';

/** 8 random bytes, as pump.io's dialback client: 11 characters of URL-safe base64, never an `=`. */
export const DIALBACK_TOKEN_BYTES = 8;

/**
 * How long a sent token is kept beyond the receiver's five-minute window: the receiver asks back while our own
 * request is still open, so a minute covers any latency, and our `/api/dialback` refuses older dates anyway.
 */
const KEEP_BEYOND_WINDOW_MS = 60 * 1000;

/**
 * The {@link DialbackSigner} (docs/protocol.md §7.4): a fresh token per request, the `Date` of the clock in whole
 * seconds, and the pair remembered in shared storage, before the request leaves, so that any worker of this server
 * can answer the receiver's `POST /api/dialback`.
 *
 * Invariants: the header has pump.io's form (`", "` between quoted fields, a token without `=`); a malformed
 * identity throws before anything is remembered; what is remembered is exactly what the receiver will echo
 * (the url, the identity string, the token, the date in milliseconds).
 */
export class DialbackSigning implements DialbackSigner {
  constructor(
    private readonly tokens: DialbackTokenRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async sign(request: {
    readonly url: string;
    readonly identity: DialbackIdentity;
  }): Promise<DialbackHeaders> {
    const token = this.ids.token(DIALBACK_TOKEN_BYTES);
    const authorization = formatDialbackAuthorization(request.identity, token);
    const dateMs = wholeSecond(this.clock.now().getTime());
    await this.tokens.remember({
      url: request.url,
      identity: identityString(request.identity),
      token,
      dateMs,
      expiresAt: new Date(dateMs + DIALBACK_WINDOW_MS + KEEP_BEYOND_WINDOW_MS),
    });
    return { authorization, date: formatHttpDate(dateMs) };
  }
}
