/** The HTTP Signatures schemes Pumphouse speaks (docs/activitypub.md §4). */
export type SignatureScheme = 'draft-cavage' | 'rfc9421';

/** An HTTP request as signing and verifying see it: the full URL, the headers, the exact body bytes. */
export interface SignableRequest {
  readonly method: string;
  readonly url: string;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** What signs a request for a local actor: the key's public id and the private key (PKCS #8 PEM). */
export interface SigningKey {
  readonly keyId: string;
  readonly privateKeyPem: string;
}

/** A signature that checked out: whose key signed, and the actor the fetched key document says owns it. */
export interface VerifiedSignature {
  readonly verified: true;
  readonly scheme: SignatureScheme;
  readonly keyId: string;
  /** The key's owner (its `owner`/`controller`), on the key id's own origin. */
  readonly ownerId: string;
}

/**
 * Why a request is not accepted as signed: `unsigned` (no signature at all), `invalid` (a signature that does not
 * check out: tampered headers or body, a wrong key, a Date outside the window, missing required components),
 * `key-unavailable` (the key document could not be fetched), `owner-mismatch` (the key claims an owner on
 * another origin).
 */
export interface RejectedSignature {
  readonly verified: false;
  readonly reason: 'unsigned' | 'invalid' | 'key-unavailable' | 'owner-mismatch';
  readonly keyId?: string;
}

/**
 * HTTP Signatures for ActivityPub (docs/activitypub.md §4): draft-cavage-http-signatures-12 with rsa-sha256 and
 * the `Digest` header (what Mastodon sends and expects), and RFC 9421 HTTP Message Signatures.
 *
 * Every adapter honours:
 * - `sign` answers the headers to send with the request (the given ones plus `Date`, `Host`, the body digest
 *   when there is a body, and the signature headers); it signs the method, the target, the host, the date and
 *   the digest, so a change to any of them or to the body breaks the signature;
 * - `verify` accepts a request only when its signature checks out against the public key fetched from its key
 *   id, its Date (or `created`) lies within one hour of now, and a body is covered by a matching digest; it
 *   fetches a key it has cached once more when the cached one fails (the remote actor may have rotated it) and
 *   never more; it never throws for bad input: a malformed or missing signature is a rejection.
 */
export interface HttpSignatures {
  sign(request: SignableRequest, key: SigningKey, scheme: SignatureScheme): Promise<Record<string, string>>;
  verify(request: SignableRequest): Promise<VerifiedSignature | RejectedSignature>;
}
export const HttpSignatures = Symbol('HttpSignatures');
