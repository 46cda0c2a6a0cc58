import type { Clock } from '../../../application/ports/clock.port';
import type { NonceRepository } from '../../../application/ports/storage/nonce-repository.port';
import type {
  OAuthClient,
  OAuthClientRepository,
} from '../../../application/ports/storage/oauth-client-repository.port';
import type {
  AccessToken,
  OAuthTokenRepository,
  RequestToken,
} from '../../../application/ports/storage/oauth-token-repository.port';
import { invalid, unauthenticated } from '../../../domain/errors/domain-error';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { collectParameters, type OAuthHttpRequest, type RequestParameters } from './oauth-request-parameters';
import {
  baseStringUri,
  type SignatureMethod,
  signatureBaseString,
  signatureMatches,
} from './oauth-signature';

/** How far `oauth_timestamp` may be from the clock, either way, in seconds. */
export const TIMESTAMP_WINDOW_SECONDS = 300;

/**
 * The longest `oauth_nonce` accepted. RFC 5849 §3.3 sets no length; clients send 32 to 44 characters. Every
 * accepted nonce is stored until its timestamp leaves the window, so an unbounded one would let anyone fill the
 * disk.
 */
export const MAX_NONCE_LENGTH = 128;

/** What the verifier reads and writes. */
export interface OAuthRequestVerifierDeps {
  readonly clients: Pick<OAuthClientRepository, 'findById'>;
  readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken' | 'findAccessToken'>;
  readonly nonces: Pick<NonceRepository, 'remember'>;
  readonly clock: Clock;
  /** The public base URL the base string is built from. */
  readonly site: SiteUrls;
  /**
   * Origins (`http://host:port`) at which the node is also reached directly, bypassing the proxy its public URL
   * names (its listening port, without `urlPath`). A request whose `Host` is one of them may be signed against
   * that origin and its path instead, as pump.io accepts (docs/protocol.md §2.2). None by default.
   */
  readonly directOrigins?: readonly string[];
}

/** Which token a request must be signed with: none (2-legged, request_token), a request token or an access token. */
export type TokenKind = 'none' | 'request' | 'access';

/** What the caller asks of one verification. */
export interface VerifyOptions {
  readonly token: TokenKind;
  /** Parameters that must be present besides the protocol ones (`oauth_callback`, `oauth_verifier`). */
  readonly require?: readonly string[];
  /**
   * How an unknown consumer key is answered: the token endpoints say 400 "Invalid Consumer Key" as pump.io does;
   * API requests say 401.
   */
  readonly unknownConsumer: 'invalid' | 'unauthenticated';
}

/** A request whose signature, timestamp and nonce all passed. */
export interface VerifiedRequest<K extends TokenKind = TokenKind> {
  readonly client: OAuthClient;
  readonly token: K extends 'request' ? RequestToken : K extends 'access' ? AccessToken : null;
  /** The `oauth_*` parameters, by name. */
  readonly oauth: ReadonlyMap<string, string>;
}

const PROTOCOL_PARAMETERS = [
  'oauth_consumer_key',
  'oauth_signature_method',
  'oauth_signature',
  'oauth_timestamp',
  'oauth_nonce',
];

/**
 * Verifies OAuth 1.0a signed requests (RFC 5849 §3.2), stricter than pump.io on purpose: the timestamp must be
 * within ±300 s of the clock, a nonce is accepted once per (consumer, token, timestamp), and it must be 1 to
 * {@link MAX_NONCE_LENGTH} characters (`invalid` otherwise, checked before anything is read or stored).
 *
 * Invariants: the checks run in the order parameters → signature method → timestamp → consumer → token →
 * signature → nonce, so a request that fails any check changes nothing (its nonce is not recorded); a bad
 * signature, a stale timestamp, a replayed nonce and an unknown or foreign token are all `unauthenticated`.
 */
export class OAuthRequestVerifier {
  constructor(private readonly deps: OAuthRequestVerifierDeps) {}

  /** Collects the request's parameters (header, query, form body); see {@link collectParameters}. */
  parameters(req: OAuthHttpRequest): RequestParameters {
    return collectParameters(req);
  }

  async verify<K extends TokenKind>(
    req: OAuthHttpRequest,
    options: VerifyOptions & { token: K },
    params: RequestParameters = collectParameters(req),
  ): Promise<VerifiedRequest<K>> {
    const { oauth } = params;
    const required = [...PROTOCOL_PARAMETERS, ...(options.token === 'none' ? [] : ['oauth_token'])];
    for (const name of [...required, ...(options.require ?? [])]) {
      if (!oauth.has(name)) throw invalid('oauth.missing-parameter', 'Missing required parameter');
    }
    if (options.token === 'none' && oauth.has('oauth_token')) {
      throw unauthenticated('oauth.token-not-allowed', 'This request must be signed without a token');
    }
    if (oauth.has('oauth_version') && oauth.get('oauth_version') !== '1.0') {
      throw invalid('oauth.bad-version', 'Invalid OAuth version');
    }
    // An empty nonce protects against no replay (RFC 5849 §3.3: a random string unique per request).
    const nonce = get(oauth, 'oauth_nonce');
    if (nonce === '' || nonce.length > MAX_NONCE_LENGTH) throw invalid('oauth.bad-nonce', 'Invalid nonce');
    const method = this.signatureMethod(get(oauth, 'oauth_signature_method'));
    const timestamp = this.checkTimestamp(get(oauth, 'oauth_timestamp'));

    const client = await this.deps.clients.findById(get(oauth, 'oauth_consumer_key'));
    if (client === null) {
      throw options.unknownConsumer === 'invalid'
        ? invalid('oauth.unknown-consumer', 'Invalid Consumer Key')
        : unauthenticated('oauth.unknown-consumer', 'Invalid Consumer Key');
    }
    const token = await this.findToken(options.token, oauth.get('oauth_token'), client.id);

    const signed = this.baseStringUris(req).some((uri) =>
      signatureMatches({
        method,
        baseString: signatureBaseString(req.method, uri, params.all),
        consumerSecret: client.secret,
        tokenSecret: token?.secret ?? '',
        signature: get(oauth, 'oauth_signature'),
      }),
    );
    if (!signed) throw unauthenticated('oauth.bad-signature', 'Invalid signature');

    const fresh = await this.deps.nonces.remember({
      clientId: client.id,
      token: token?.token ?? null,
      timestamp,
      nonce,
      // A nonce can be replayed only while its timestamp is inside the window; one second of slack for rounding.
      expiresAt: new Date((timestamp + TIMESTAMP_WINDOW_SECONDS + 1) * 1000),
    });
    if (!fresh) throw unauthenticated('oauth.used-nonce', 'Invalid / used nonce');
    return { client, token: token as VerifiedRequest<K>['token'], oauth };
  }

  /**
   * The URIs a signature may cover: the public URL of the request's path, and, for a request that reached the node
   * directly (its Host is one of the direct origins), that origin with the path as received.
   */
  private baseStringUris(req: OAuthHttpRequest): string[] {
    const uris = [baseStringUri(this.deps.site, req.url)];
    const host = req.host?.toLowerCase();
    if (host === undefined) return uris;
    for (const origin of this.deps.directOrigins ?? []) {
      if (origin.slice(origin.indexOf('//') + 2) !== host) continue;
      const at = req.url.indexOf('?');
      uris.push(origin + (at < 0 ? req.url : req.url.slice(0, at)));
    }
    return uris;
  }

  private signatureMethod(value: string): SignatureMethod {
    if (value === 'HMAC-SHA1') return value;
    // PLAINTEXT sends the secrets themselves, so it is only acceptable over TLS.
    if (value === 'PLAINTEXT' && this.deps.site.scheme === 'https') return value;
    throw invalid('oauth.bad-signature-method', 'Invalid Signature Method');
  }

  private checkTimestamp(value: string): number {
    if (!/^\d{1,12}$/.test(value)) throw invalid('oauth.bad-timestamp', 'Invalid timestamp');
    const timestamp = Number(value);
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    if (Math.abs(now - timestamp) > TIMESTAMP_WINDOW_SECONDS) {
      throw unauthenticated('oauth.stale-timestamp', 'Expired timestamp');
    }
    return timestamp;
  }

  private async findToken(
    kind: TokenKind,
    value: string | undefined,
    clientId: string,
  ): Promise<RequestToken | AccessToken | null> {
    if (kind === 'none' || value === undefined) return null;
    const token =
      kind === 'request'
        ? await this.deps.tokens.findRequestToken(value)
        : await this.deps.tokens.findAccessToken(value);
    // A token of another consumer is as unknown as a token that does not exist.
    if (token === null || token.clientId !== clientId) {
      throw unauthenticated('oauth.bad-token', 'Invalid / expired Token');
    }
    return token;
  }
}

/** Forgets the nonces whose timestamps have left the window; the lead runs it as a periodic background task. */
export function sweepExpiredNonces(deps: {
  readonly nonces: Pick<NonceRepository, 'sweep'>;
  readonly clock: Clock;
}): Promise<number> {
  return deps.nonces.sweep(deps.clock.now());
}

function get(map: ReadonlyMap<string, string>, name: string): string {
  return map.get(name) as string;
}
