/** One use of an OAuth nonce (RFC 5849 §3.3): unique per client, token and timestamp. */
export interface NonceUse {
  clientId: string;
  /** The access or request token, or null for a 2-legged request. */
  token: string | null;
  /** The `oauth_timestamp`, in seconds. */
  timestamp: number;
  nonce: string;
  /** When the record may be forgotten: after the timestamp window has passed. */
  expiresAt: Date;
}

/**
 * Replay protection for OAuth nonces.
 *
 * Every adapter honours: `remember` answers true the first time a (clientId, token, timestamp, nonce) is seen and
 * false every later time, atomically across processes; `sweep` removes the records that expired before `now`
 * and answers how many, at a cost that depends on what it removes, not on what it keeps.
 */
export interface NonceRepository {
  remember(use: NonceUse): Promise<boolean>;
  sweep(now: Date): Promise<number>;
}
export const NonceRepository = Symbol('NonceRepository');
