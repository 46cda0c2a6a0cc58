import { randomBytes } from 'node:crypto';

import type { Clock } from '../../../application/ports/clock.port';
import { parseQuery, type ParameterList } from '../../auth/oauth/oauth-request-parameters';
import { oauthPercentEncode } from '../../auth/oauth/oauth-percent-encoding';
import { hmacSha1Signature, signatureBaseString } from '../../auth/oauth/oauth-signature';

/** The consumer credentials a request is signed with (2-legged: no token). */
export interface ConsumerCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The parts of an outbound request the signature covers. */
export interface SignableRequest {
  readonly method: string;
  /** The absolute URL; its query parameters are signed. */
  readonly url: string;
  /** Only a form body (`application/x-www-form-urlencoded`) is signed, as RFC 5849 §3.4.1.3.1 says. */
  readonly contentType?: string;
  readonly body?: string;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * Signs outbound requests with OAuth 1.0a, 2-legged (RFC 5849 §3; docs/protocol.md §7): HMAC-SHA1, the consumer
 * key and secret only (no token, no `realm`), the parameters in an `Authorization: OAuth` header. The base string
 * is the one our own verifier builds (src/adapters/auth/oauth/oauth-signature.ts), from the URL as sent.
 *
 * Invariants: a fresh nonce per request (16 random bytes, hex) and the Clock's time in whole seconds.
 */
export class OAuthClientSigner {
  constructor(
    private readonly clock: Clock,
    private readonly nonce: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  /** The `Authorization` header value for `request` signed as `consumer`. */
  authorization(request: SignableRequest, consumer: ConsumerCredentials): string {
    const protocol: Array<[string, string]> = [
      ['oauth_consumer_key', consumer.clientId],
      ['oauth_nonce', this.nonce()],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', String(Math.floor(this.clock.now().getTime() / 1000))],
      ['oauth_version', '1.0'],
    ];
    const signed: ParameterList = [...protocol, ...queryParameters(request.url), ...formParameters(request)];
    const base = signatureBaseString(request.method, baseStringUri(request.url), signed);
    protocol.push(['oauth_signature', hmacSha1Signature(base, consumer.clientSecret, '')]);
    const fields = protocol.map(
      ([name, value]) => `${oauthPercentEncode(name)}="${oauthPercentEncode(value)}"`,
    );
    return `OAuth ${fields.join(', ')}`;
  }
}

/**
 * The base string URI of RFC 5849 §3.4.1.2 for an absolute URL: scheme and host lower case, the default port left
 * out, the path as sent, no query or fragment.
 */
export function baseStringUri(url: string): string {
  const parsed = new URL(url);
  // URL already lower-cases the scheme and host and drops the scheme's default port.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function queryParameters(url: string): ParameterList {
  const { search } = new URL(url);
  return search.length > 1 ? parseQuery(search.slice(1)) : [];
}

function formParameters(request: SignableRequest): ParameterList {
  const type = request.contentType?.split(';')[0].trim().toLowerCase();
  return type === FORM && request.body !== undefined ? parseQuery(request.body) : [];
}
