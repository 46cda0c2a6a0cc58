/**
 * A Dialback token this server sent (docs/protocol.md §7.4): when we sign an outbound request with
 * `Authorization: Dialback host|webfinger="…", token="…"`, the receiver asks our `POST /api/dialback` whether we
 * sent it. Kept in shared storage because that question may reach any worker, on any machine, after a restart.
 */
export interface SentDialbackToken {
  /** The full URL the signed request went to (the receiver echoes it as `url`). */
  readonly url: string;
  /** Who we signed as: our host name (`host=`) or `nick@host` (`webfinger=`). */
  readonly identity: string;
  readonly token: string;
  /** The `Date` header we sent, in milliseconds since the epoch, whole seconds. */
  readonly dateMs: number;
  /** When the record may be forgotten (the receiver's ±5 minute window has passed). */
  readonly expiresAt: Date;
}

/**
 * Tokens this server sent in Dialback-signed requests.
 *
 * Every adapter honours: `remember` stores one token (remembering the same token twice is harmless);
 * `wasSent` answers true exactly when a remembered, unexpired-at-`now` record has the same url, identity, token
 * and dateMs; records of other processes are seen at once (shared storage); `sweep` removes the records that
 * expired before `now` and answers how many.
 */
export interface DialbackTokenRepository {
  remember(sent: SentDialbackToken): Promise<void>;
  wasSent(query: Omit<SentDialbackToken, 'expiresAt'>, now: Date): Promise<boolean>;
  sweep(now: Date): Promise<number>;
}
export const DialbackTokenRepository = Symbol('DialbackTokenRepository');
