import type { DialbackIdentity } from '../../../application/federation/dialback';
import type { RemoteClientRegistrar } from '../../../application/federation/remote-client-registrar';
import {
  DestinationRefusedError,
  type OutboundHttp,
  type OutboundRequest,
  type OutboundResponse,
} from '../../../application/ports/outbound-http.port';
import type { RemoteClientCredentials } from '../../../application/ports/storage/remote-client-repository.port';
import type { SignedRemoteFetch } from '../../../application/ports/signed-remote-fetch.port';
import { hostOf } from '../../../domain/delivery/inbox-address';
import type { OAuthClientSigner } from './oauth-client-signer';

/** Fetched documents (profiles, objects, proxied images) are bounded, as every outbound answer is. */
const FETCH_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Requests to another server signed 2-legged with the credentials this server holds there as one identity
 * (docs/protocol.md §7.1 steps 3–5, §7.3 step 3): registered through Dialback first when there are none, and
 * after a 401 registered once more and sent once more, as pump.io does; a second 401 is the answer.
 *
 * Invariants: only http(s) URLs; the credentials are those of the URL's own host; a request is signed afresh
 * (new nonce and timestamp) each time it is sent.
 */
export class SignedRequests {
  constructor(
    private readonly http: OutboundHttp,
    private readonly registrar: RemoteClientRegistrar,
    private readonly signer: OAuthClientSigner,
  ) {}

  async send(request: OutboundRequest, identity: DialbackIdentity): Promise<OutboundResponse> {
    const host = /^https?:\/\//i.test(request.url) ? hostOf(request.url) : null;
    if (host === null)
      throw new DestinationRefusedError('only http(s) URLs are signed and sent', request.url);
    const credentials = await this.registrar.credentialsFor(host, identity);
    const first = await this.sendWith(request, credentials);
    if (first.status !== 401) return first;
    const renewed = await this.registrar.renew(credentials, identity);
    return this.sendWith(request, renewed);
  }

  private sendWith(
    request: OutboundRequest,
    credentials: RemoteClientCredentials,
  ): Promise<OutboundResponse> {
    const headers = request.headers ?? {};
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const authorization = this.signer.authorization(
      {
        method: request.method,
        url: request.url,
        contentType,
        body: typeof request.body === 'string' ? request.body : undefined,
      },
      credentials,
    );
    return this.http.request({ ...request, headers: { ...headers, Authorization: authorization } });
  }
}

/**
 * The {@link SignedRemoteFetch} adapter for pump.io peers: a signed GET through {@link SignedRequests}, asking for
 * JSON unless the caller says otherwise, without a User-Agent requirement on either side.
 */
export class PumpioSignedRemoteFetch implements SignedRemoteFetch {
  constructor(private readonly requests: SignedRequests) {}

  get(
    url: string,
    identity: DialbackIdentity,
    headers: Record<string, string> = {},
  ): Promise<OutboundResponse> {
    const asked = Object.keys(headers).some((name) => name.toLowerCase() === 'accept');
    return this.requests.send(
      {
        method: 'GET',
        url,
        headers: asked ? headers : { Accept: 'application/json', ...headers },
        maxBytes: FETCH_MAX_BYTES,
      },
      identity,
    );
  }
}
