import {
  DIALBACK_WINDOW_MS,
  isWithinDialbackWindow,
  parseHttpDate,
} from '../../domain/federation/dialback-date';
import { isOwnDialbackEndpoint } from '../../domain/federation/dialback-endpoint';
import {
  type DialbackCredentials,
  identityString,
  parseDialbackAuthorization,
} from '../../domain/federation/dialback-header';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { OutboundHttp } from '../ports/outbound-http.port';
import type { DiscoveredLink, RemoteDiscovery } from '../ports/remote-discovery.port';
import type { NonceRepository } from '../ports/storage/nonce-repository.port';
import type { DialbackIdentity } from './dialback';

/** A request to this server that carries an `Authorization` header, as received. */
export interface DialbackSignedRequest {
  readonly authorization: string;
  /** The `Date` header, if any. */
  readonly date: string | undefined;
  /** The path and query the request was made to (`/api/client/register`), below our public base URL. */
  readonly path: string;
}

export type DialbackVerification =
  | { readonly verified: true; readonly identity: DialbackIdentity }
  | { readonly verified: false; readonly reason: string };

/** What verification needs: discovery and the guarded HTTP client (both outbound), replay records, the clock. */
export interface VerifyDialbackRequestDeps {
  readonly discovery: RemoteDiscovery;
  readonly http: OutboundHttp;
  readonly nonces: NonceRepository;
  readonly clock: Clock;
  readonly site: SiteUrls;
  readonly logger: Logger;
  /** How long the peer has to answer the dialback; 5 s by default. */
  readonly timeoutMs?: number;
}

/** The answer to a dialback is a status; a body beyond this is not read. */
const MAX_ANSWER_BYTES = 4096;
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Verifies a Dialback-signed request from another server (docs/protocol.md §7.4): one identity and a token in the
 * header, a `Date` within five minutes, never the same (identity, url, date, token) twice, then the claimed
 * identity's own dialback endpoint (host-meta rel `dialback` of a host, the WebFinger rel `dialback` of
 * `acct:<webfinger>`) is asked, form-encoded, whether it sent this; any 2xx is yes.
 *
 * Invariants: every failure, of the peer, of discovery or of the network, is a refusal, never a throw (only our
 * own storage may throw); the question goes only to an endpoint on the identity's own host, and an answer that
 * came from elsewhere (after a redirect) is no answer, so no third host ever vouches for an identity (stricter
 * than pump.io); the replay record is taken before anything leaves the process, atomically across processes, so
 * a replayed header costs no outbound request; the request the peer is asked about is our public base URL plus
 * the path, exactly as the peer addressed it.
 */
export class VerifyDialbackRequest {
  private readonly timeoutMs: number;

  constructor(private readonly deps: VerifyDialbackRequestDeps) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async execute(request: DialbackSignedRequest): Promise<DialbackVerification> {
    const parsed = parseDialbackAuthorization(request.authorization);
    if (!parsed.ok) return this.refuse(parsed.problem);
    const { credentials } = parsed;
    if (request.date === undefined) return this.refuse('no Date header', credentials);
    const dateMs = parseHttpDate(request.date);
    if (dateMs === null) return this.refuse('unreadable Date header', credentials);
    if (!isWithinDialbackWindow(dateMs, this.deps.clock.now().getTime())) {
      return this.refuse('Date header more than five minutes away', credentials);
    }
    const url = this.deps.site.base + request.path;
    const firstUse = await this.deps.nonces.remember({
      // A consumer key never contains `:`, so these records never meet OAuth's.
      clientId: `dialback:${identityString(credentials.identity).toLowerCase()}`,
      token: url,
      timestamp: Math.floor(dateMs / 1000),
      nonce: credentials.token,
      expiresAt: new Date(dateMs + DIALBACK_WINDOW_MS + 1000),
    });
    if (!firstUse) return this.refuse('replayed', credentials);
    const endpoint = await this.dialbackEndpoint(credentials);
    if (typeof endpoint !== 'string') return this.refuse(endpoint.problem, credentials);
    const answer = await this.askPeer(endpoint, credentials, request.date, url);
    if (answer !== 'yes') return this.refuse(answer, credentials);
    return { verified: true, identity: credentials.identity };
  }

  /** The identity's dialback endpoint, if discovery finds one on the identity's own host. */
  private async dialbackEndpoint(credentials: DialbackCredentials): Promise<string | { problem: string }> {
    const { identity } = credentials;
    const { discovery } = this.deps;
    let links: readonly DiscoveredLink[];
    try {
      links =
        identity.kind === 'host'
          ? await discovery.hostMeta(identity.host)
          : await discovery.webfinger(`acct:${identity.webfinger}`);
    } catch (error) {
      return { problem: `discovery failed: ${describe(error)}` };
    }
    const href = links.find((link) => link.rel === 'dialback' && typeof link.href === 'string')?.href;
    if (href === undefined) return { problem: 'no dialback link' };
    if (!isOwnDialbackEndpoint(identity, href)) return { problem: 'dialback link on another host' };
    return href;
  }

  /** Asks the peer; 'yes' for a 2xx from the identity's own host, else why not. */
  private async askPeer(
    endpoint: string,
    credentials: DialbackCredentials,
    date: string,
    url: string,
  ): Promise<string> {
    const { identity, token } = credentials;
    const form = new URLSearchParams({ [identity.kind]: identityString(identity), token, date, url });
    try {
      const response = await this.deps.http.request({
        method: 'POST',
        url: endpoint,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs: this.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
      });
      if (!isOwnDialbackEndpoint(identity, response.url)) return 'answered from another host';
      return response.status >= 200 && response.status < 300 ? 'yes' : `peer answered ${response.status}`;
    } catch (error) {
      return `dialback failed: ${describe(error)}`;
    }
  }

  private refuse(reason: string, credentials?: DialbackCredentials): DialbackVerification {
    const identity = credentials === undefined ? undefined : identityString(credentials.identity);
    this.deps.logger.info({ identity, reason }, 'Dialback verification refused');
    return { verified: false, reason };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
