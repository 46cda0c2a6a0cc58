import type { Clock } from '../../../application/ports/clock.port';
import {
  type OutboundHttp,
  OutboundHttpError,
  type OutboundResponse,
} from '../../../application/ports/outbound-http.port';
import {
  type DiscoveredLink,
  DiscoveryError,
  type RemoteDiscovery,
} from '../../../application/ports/remote-discovery.port';
import { hostOfResource, isNeverContacted } from '../../../domain/federation/never-contacted-hosts';
import { MalformedDocumentError, parseJrdLinks, parseXrdLinks } from './discovery-documents';
import { DiscoveryFailures } from './discovery-failures';

/** Tuning of {@link HttpRemoteDiscovery}; every field has a default. */
export interface HttpRemoteDiscoveryOptions {
  /** Time allowed for one request, redirects included. 10 s by default. */
  readonly timeoutMs?: number;
  /** Largest document read. 64 KiB by default: pump.io's are under 2 KiB. */
  readonly maxBytes?: number;
  /**
   * How long an answer is reused. 5 minutes by default: a post to 1,000 followers on one host asks that host's
   * host-meta (and maybe WebFinger) once instead of a thousand times, and a host that moves is seen again soon.
   * Failures are never cached: the next delivery asks again.
   */
  readonly cacheMs?: number;
  /** The most answers kept; the oldest go first. 1,000 by default. */
  readonly cacheSize?: number;
}

/** pump.io's webfinger client asks https on 443 first, then http on 80 (docs/protocol.md §7). */
const SCHEMES = ['https', 'http'] as const;
const JSON_ACCEPT = 'application/jrd+json, application/json';
const XRD_ACCEPT = 'application/xrd+xml';

/**
 * The {@link RemoteDiscovery} adapter over the guarded {@link OutboundHttp} port: host-meta as
 * `/.well-known/host-meta.json`, else the XRD `/.well-known/host-meta`; WebFinger at `/.well-known/webfinger`,
 * else the host-meta `lrdd` template (only one on the same host: a host speaks for its own resources only).
 * Each is asked over https, then http, on the host's own port (the default ports for pump.io peers).
 *
 * Invariants: hosts pump.io never contacts are `not-found` without any request; every request is bounded in time
 * and size; answers must be 2xx with a JSON or XML content type and parse as a JRD or a strict XRD (no DOCTYPE,
 * no unknown entity); a 404/410 or an unknown name is `not-found`, anything else `unavailable` with the
 * OutboundHttpError as its cause; successful answers are cached for `cacheMs`, and concurrent identical
 * questions share one lookup.
 */
export class HttpRemoteDiscovery implements RemoteDiscovery {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly cacheMs: number;
  private readonly cacheSize: number;
  private readonly answers = new Map<string, { readonly until: number; readonly links: DiscoveredLink[] }>();
  private readonly inFlight = new Map<string, Promise<DiscoveredLink[]>>();

  constructor(
    private readonly http: OutboundHttp,
    private readonly clock: Clock,
    options: HttpRemoteDiscoveryOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024;
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.cacheSize = options.cacheSize ?? 1000;
  }

  async hostMeta(host: string): Promise<readonly DiscoveredLink[]> {
    const name = host.toLowerCase();
    refuseNeverContacted(name);
    return this.cached(`host-meta ${name}`, () => this.fetchHostMeta(name));
  }

  async webfinger(resource: string): Promise<readonly DiscoveredLink[]> {
    const host = hostOfResource(resource);
    if (host === null) throw new DiscoveryError('not-found', `${resource} names no host to ask`);
    refuseNeverContacted(host);
    return this.cached(`webfinger ${resource}`, () => this.fetchWebfinger(host, resource));
  }

  private async fetchHostMeta(host: string): Promise<DiscoveredLink[]> {
    const failures = new DiscoveryFailures();
    for (const scheme of SCHEMES) {
      const json = await this.document(
        `${scheme}://${host}/.well-known/host-meta.json`,
        JSON_ACCEPT,
        failures,
      );
      if (json.links !== null) return json.links;
      if (failures.noSuchHost) break;
      // A host that cannot be reached on this scheme will not answer its other document either.
      if (json.unreachable) continue;
      const xrd = await this.document(`${scheme}://${host}/.well-known/host-meta`, XRD_ACCEPT, failures);
      if (xrd.links !== null) return xrd.links;
    }
    throw failures.error(`no host-meta from ${host}`);
  }

  private async fetchWebfinger(host: string, resource: string): Promise<DiscoveredLink[]> {
    const failures = new DiscoveryFailures();
    const query = `resource=${encodeURIComponent(resource)}`;
    for (const scheme of SCHEMES) {
      const found = await this.document(
        `${scheme}://${host}/.well-known/webfinger?${query}`,
        JSON_ACCEPT,
        failures,
      );
      if (found.links !== null) return found.links;
      if (failures.noSuchHost) throw failures.error(`no WebFinger answer for ${resource}`);
    }
    // No WebFinger endpoint: the lrdd template host-meta names (docs/protocol.md §1.1), JSON first.
    const hostMeta = await this.hostMeta(host).catch((error: unknown) => {
      failures.add(error);
      return [];
    });
    const templates = [...hostMeta]
      .filter((link) => link.rel === 'lrdd' && link.template !== undefined)
      .sort((a, b) => Number(isXrd(a)) - Number(isXrd(b)));
    for (const link of templates) {
      const url = (link.template as string).replace('{uri}', encodeURIComponent(resource));
      if (!isOnHost(url, host)) {
        failures.add(
          new DiscoveryError('unavailable', `the lrdd template of ${host} points to another host`),
        );
        continue;
      }
      const found = await this.document(url, isXrd(link) ? XRD_ACCEPT : JSON_ACCEPT, failures);
      if (found.links !== null) return found.links;
    }
    throw failures.error(`no WebFinger answer for ${resource}`);
  }

  /** One document, or null links with the failure recorded; `unreachable` when no HTTP answer came at all. */
  private async document(
    url: string,
    accept: string,
    failures: DiscoveryFailures,
  ): Promise<{ readonly links: DiscoveredLink[] | null; readonly unreachable: boolean }> {
    let response: OutboundResponse;
    try {
      response = await this.http.request({
        method: 'GET',
        url,
        headers: { Accept: accept },
        timeoutMs: this.timeoutMs,
        maxBytes: this.maxBytes,
      });
    } catch (error) {
      failures.add(error);
      // An answer too large is still an answer: the host is there.
      return {
        links: null,
        unreachable: !(error instanceof OutboundHttpError && error.failure === 'too-large'),
      };
    }
    if (response.status < 200 || response.status > 299) {
      failures.addStatus(url, response.status);
      return { links: null, unreachable: false };
    }
    try {
      return { links: parseByContentType(response), unreachable: false };
    } catch (error) {
      const why = error instanceof MalformedDocumentError ? error.message : String(error);
      failures.add(new DiscoveryError('unavailable', `${url} answered a malformed document: ${why}`));
      return { links: null, unreachable: false };
    }
  }

  private async cached(key: string, lookup: () => Promise<DiscoveredLink[]>): Promise<DiscoveredLink[]> {
    const now = this.clock.now().getTime();
    const known = this.answers.get(key);
    if (known !== undefined && known.until > now) return known.links;
    const running = this.inFlight.get(key);
    if (running !== undefined) return running;
    const started = lookup()
      .then((links) => {
        this.remember(key, links);
        return links;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private remember(key: string, links: DiscoveredLink[]): void {
    this.answers.delete(key);
    this.answers.set(key, { until: this.clock.now().getTime() + this.cacheMs, links });
    while (this.answers.size > this.cacheSize) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
  }
}

function refuseNeverContacted(host: string): void {
  if (isNeverContacted(host)) throw new DiscoveryError('not-found', `${host} is never contacted (RFC 2606)`);
}

function isXrd(link: DiscoveredLink): boolean {
  return link.type !== undefined && /xml/i.test(link.type);
}

function isOnHost(url: string, host: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname === hostName(host)
    );
  } catch {
    return false;
  }
}

function hostName(host: string): string {
  return host.replace(/:\d+$/, '');
}

/** A JRD for a JSON content type, an XRD for an XML one; anything else is not a discovery document. */
function parseByContentType(response: OutboundResponse): DiscoveredLink[] {
  const type = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const text = Buffer.from(response.body).toString('utf8');
  if (type === 'application/json' || type === 'application/jrd+json') return parseJrdLinks(text);
  if (type === 'application/xrd+xml' || type === 'application/xml' || type === 'text/xml') {
    return parseXrdLinks(text);
  }
  throw new MalformedDocumentError(`content type ${JSON.stringify(type)} is neither JSON nor XRD`);
}
