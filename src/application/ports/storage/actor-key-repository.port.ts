/**
 * The key pair a local actor signs its ActivityPub requests with (docs/activitypub.md §3): PEM text, RSA, the
 * public half in SPKI form (what `publicKeyPem` in the actor document carries), the private half in PKCS #8.
 */
export interface ActorKeyPair {
  /** The local user the pair belongs to. */
  readonly nickname: string;
  readonly publicKeyPem: string;
  /** Never leaves the server: read only by the signing side (ActorKeys.signingKeyOf). */
  readonly privateKeyPem: string;
  /** ISO time the pair was made. */
  readonly created: string;
}

/**
 * One key pair per local actor, shared by every worker and machine.
 *
 * Every adapter honours: `find` answers the stored pair of a nickname or null; `addIfAbsent` stores the pair
 * only when the nickname has none and answers the pair that is stored afterwards (so of two workers that race to
 * create a user's first pair, both get the one that won, and a pair, once stored, never changes through it);
 * `remove` deletes a nickname's pair and answers whether there was one.
 */
export interface ActorKeyRepository {
  find(nickname: string): Promise<ActorKeyPair | null>;
  addIfAbsent(pair: ActorKeyPair): Promise<ActorKeyPair>;
  remove(nickname: string): Promise<boolean>;
}
export const ActorKeyRepository = Symbol('ActorKeyRepository');
