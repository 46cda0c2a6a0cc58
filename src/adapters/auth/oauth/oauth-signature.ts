import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SiteUrls } from '../../../domain/site/site-urls';
import { oauthPercentEncode } from './oauth-percent-encoding';
import type { ParameterList } from './oauth-request-parameters';

/** The signature methods this provider accepts (docs/protocol.md §2.2). */
export type SignatureMethod = 'HMAC-SHA1' | 'PLAINTEXT';

/**
 * The base string URI of RFC 5849 §3.4.1.2, built from the configured public base URL (scheme, host, port unless
 * default, `urlPath` prefix) and the request's own path, never from the `Host` header: behind a reverse proxy the
 * signature still covers the URL the client used. The query is left out (its parameters are signed separately).
 */
export function baseStringUri(site: SiteUrls, requestUrl: string): string {
  const at = requestUrl.indexOf('?');
  const path = at < 0 ? requestUrl : requestUrl.slice(0, at);
  return site.base + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * The normalised request parameters of RFC 5849 §3.4.1.3.2: every name and value percent-encoded, sorted by name
 * then value (byte order of the encoded forms), joined with `=` and `&`; `oauth_signature` excluded.
 */
export function normalisedParameters(params: ParameterList): string {
  return params
    .filter(([name]) => name !== 'oauth_signature')
    .map(([name, value]) => [oauthPercentEncode(name), oauthPercentEncode(value)] as const)
    .sort(([n1, v1], [n2, v2]) => compare(n1, n2) || compare(v1, v2))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** The signature base string of RFC 5849 §3.4.1: `METHOD&enc(base string URI)&enc(normalised parameters)`. */
export function signatureBaseString(method: string, uri: string, params: ParameterList): string {
  return [
    method.toUpperCase(),
    oauthPercentEncode(uri),
    oauthPercentEncode(normalisedParameters(params)),
  ].join('&');
}

/** The signing key of RFC 5849 §3.4.2: `enc(consumerSecret)&enc(tokenSecret)`, the token part empty for none. */
export function signingKey(consumerSecret: string, tokenSecret: string): string {
  return `${oauthPercentEncode(consumerSecret)}&${oauthPercentEncode(tokenSecret)}`;
}

/** The HMAC-SHA1 signature (RFC 5849 §3.4.2), base64. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha1', signingKey(consumerSecret, tokenSecret)).update(baseString).digest('base64');
}

/** What a signature is checked against. */
export interface SignatureCheck {
  readonly method: SignatureMethod;
  readonly baseString: string;
  readonly consumerSecret: string;
  readonly tokenSecret: string;
  /** The `oauth_signature` the client sent, already decoded. */
  readonly signature: string;
}

/**
 * True when the client's signature is the one its secrets give. The comparison takes the same time wherever the
 * two differ (crypto.timingSafeEqual), so the signature cannot be guessed byte by byte.
 */
export function signatureMatches(check: SignatureCheck): boolean {
  const expected =
    check.method === 'HMAC-SHA1'
      ? hmacSha1Signature(check.baseString, check.consumerSecret, check.tokenSecret)
      : signingKey(check.consumerSecret, check.tokenSecret);
  return constantTimeEqual(expected, check.signature);
}

/** String equality in time independent of where the strings differ (the length may leak; it is public). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function compare(a: string, b: string): number {
  // Encoded forms are ASCII, so code unit order is byte order.
  return a < b ? -1 : a > b ? 1 : 0;
}
