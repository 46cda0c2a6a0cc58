/** A fresh RSA key pair as PEM text: public in SPKI form, private in PKCS #8. */
export interface GeneratedKeyPair {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

/**
 * Makes signing key pairs for local actors (docs/activitypub.md §3). Every adapter honours: each call answers a
 * new pair of at least 2048-bit RSA (what Mastodon and the other servers verify with rsa-sha256), and never
 * blocks the event loop while it works.
 */
export interface KeyPairGenerator {
  generate(): Promise<GeneratedKeyPair>;
}
export const KeyPairGenerator = Symbol('KeyPairGenerator');
