import { notFound } from '../../domain/errors/domain-error';
import { type ConditionalRequest, isNotModified, isProxyableUrl } from '../../domain/federation/proxied-urls';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { AuthenticatedUser } from '../auth/principal';
import { OutboundHttpError } from '../ports/outbound-http.port';
import type { ProxyIds } from '../ports/proxy-ids.port';
import { DiscoveryError } from '../ports/remote-discovery.port';
import type { SignedRemoteFetch } from '../ports/signed-remote-fetch.port';

/** What {@link ProxyRemoteResource} is asked: a proxy id, for a local user, maybe conditionally. */
export interface ProxyCommand {
  readonly id: string;
  readonly viewer: AuthenticatedUser;
  readonly conditional: ConditionalRequest;
}

/** The response headers passed through from the remote server (docs/protocol.md §7, the proxy), lower-case. */
export const PASSED_HEADERS = ['content-type', 'last-modified', 'etag', 'expires', 'cache-control'] as const;

/**
 * The answer: the remote server's (`status` 200-299 with its body, or 304 without), with only the
 * {@link PASSED_HEADERS}; or `upstream-failed` with why, when the remote server could not be read.
 */
export type ProxyResult =
  | {
      readonly outcome: 'answered';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array;
    }
  | { readonly outcome: 'upstream-failed'; readonly reason: string };

/**
 * `GET /api/proxy/:id` (docs/protocol.md §7, the proxy): reads a remote resource for a local user, signed with the
 * credentials this server holds at that host for the user's webfinger identity (`nick@host`).
 *
 * Invariants: an id this server did not mint, or one naming a URL that is not proxyable (local, not http(s)), is
 * 404 `proxy.unknown-id` and nothing is fetched; the client's If-None-Match and If-Modified-Since go upstream, and
 * a 304 comes back as 304, also when the remote server ignored them but its validators match; any other
 * answer than 2xx or 304, and every transport or discovery failure, is `upstream-failed`; any other error is a bug
 * and propagates.
 */
export class ProxyRemoteResource {
  constructor(
    private readonly ids: ProxyIds,
    private readonly fetcher: SignedRemoteFetch,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ProxyCommand): Promise<ProxyResult> {
    const url = this.ids.urlOf(command.id);
    if (url === null || !isProxyableUrl(url, this.site.hostname)) {
      throw notFound('proxy.unknown-id', `No such proxy: ${command.id.slice(0, 64)}`);
    }
    const headers: Record<string, string> = {};
    const { ifNoneMatch, ifModifiedSince } = command.conditional;
    if (ifNoneMatch !== undefined) headers['If-None-Match'] = ifNoneMatch;
    if (ifModifiedSince !== undefined) headers['If-Modified-Since'] = ifModifiedSince;
    const identity = {
      kind: 'webfinger',
      webfinger: `${command.viewer.nickname}@${this.site.hostname}`,
    } as const;
    let response;
    try {
      response = await this.fetcher.get(url, identity, headers);
    } catch (error) {
      if (error instanceof OutboundHttpError || error instanceof DiscoveryError) {
        return { outcome: 'upstream-failed', reason: error.message };
      }
      throw error;
    }
    const passed: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = response.headers[name];
      if (value !== undefined) passed[name] = value;
    }
    if (response.status === 304 || (response.status === 200 && isNotModified(command.conditional, passed))) {
      return { outcome: 'answered', status: 304, headers: passed, body: new Uint8Array() };
    }
    if (response.status < 200 || response.status > 299) {
      return { outcome: 'upstream-failed', reason: `the remote server answered ${response.status}` };
    }
    return { outcome: 'answered', status: response.status, headers: passed, body: response.body };
  }
}
