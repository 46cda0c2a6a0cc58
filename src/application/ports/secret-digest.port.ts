/**
 * One-way digests of secrets the server hands out (OAuth 2 codes and bearer tokens) and of PKCE verifiers.
 *
 * Invariants: `sha256` answers the SHA-256 of the UTF-8 text as URL-safe base64 without padding (43 characters),
 * the form RFC 7636 §4.2 compares an S256 `code_challenge` in; the same text always answers the same digest.
 */
export interface SecretDigest {
  sha256(text: string): string;
}
export const SecretDigest = Symbol('SecretDigest');
