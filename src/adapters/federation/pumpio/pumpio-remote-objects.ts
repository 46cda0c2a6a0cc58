import type { OutboundResponse } from '../../../application/ports/outbound-http.port';
import { DiscoveryError, type RemoteDiscovery } from '../../../application/ports/remote-discovery.port';
import type { RemoteObjectLookup, RemoteObjects } from '../../../application/ports/remote-objects.port';
import type { SignedRemoteFetch } from '../../../application/ports/signed-remote-fetch.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import { hostOfResource, isNeverContacted } from '../../../domain/federation/never-contacted-hosts';
import { factsOfLinks, remoteObjectOf } from '../../../domain/federation/remote-object-links';
import type { SiteUrls } from '../../../domain/site/site-urls';

/**
 * The {@link RemoteObjects} adapter for pump.io peers (docs/protocol.md §7.3): WebFinger the id, take its links,
 * GET its `self` document signed 2-legged as this server (`host=` our host name), and answer the document with the
 * links merged in.
 *
 * Invariants: local ids and hosts pump.io never contacts are never asked; the `self` link must be on the id's own
 * host; the answer must be 2xx `application/json` (pump.io refuses `application/ld+json`), a JSON object whose
 * `id` is exactly the id asked and with an `objectType`, or the lookup is `unavailable`; 404/410 are `not-found`;
 * `_` fields of the answer are dropped; nothing is thrown.
 */
export class PumpioRemoteObjects implements RemoteObjects {
  constructor(
    private readonly discovery: RemoteDiscovery,
    private readonly signedFetch: SignedRemoteFetch,
    private readonly site: SiteUrls,
  ) {}

  async fetch(id: string): Promise<RemoteObjectLookup> {
    try {
      return await this.lookUp(id);
    } catch (error) {
      if (error instanceof DiscoveryError && error.kind === 'not-found') return { outcome: 'not-found' };
      return { outcome: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  private async lookUp(id: string): Promise<RemoteObjectLookup> {
    const host = hostOfResource(id);
    if (host === null || isNeverContacted(host)) return { outcome: 'not-found' };
    if (this.site.isLocalId(id)) return unavailable(`${id} is local: it is never fetched`);
    const facts = factsOfLinks(await this.discovery.webfinger(id));
    const self = facts.links.self?.href;
    if (self === undefined) return unavailable(`the WebFinger answer for ${id} has no self link`);
    if (hostNameOf(self) !== host.replace(/:\d+$/, '')) {
      return unavailable(`the self link of ${id} is on another host: ${self}`);
    }
    const response = await this.signedFetch.get(
      self,
      { kind: 'host', host: this.site.hostname },
      { Accept: 'application/json' },
    );
    if (response.status === 404 || response.status === 410) return { outcome: 'not-found' };
    const served = servedObject(response, self);
    if (typeof served === 'string') return unavailable(served);
    if (served.id !== id) return unavailable(`${self} answered for ${String(served.id)}, not for ${id}`);
    return { outcome: 'found', object: remoteObjectOf(served, facts) };
  }
}

function unavailable(reason: string): RemoteObjectLookup {
  return { outcome: 'unavailable', reason };
}

/** The object of a 2xx JSON answer, or why there is none. */
function servedObject(response: OutboundResponse, url: string): AsObject | string {
  if (response.status < 200 || response.status > 299) return `${url} answered HTTP ${response.status}`;
  const type = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return `${url} answered ${JSON.stringify(type)}, not application/json`;
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch {
    return `${url} answered malformed JSON`;
  }
  if (
    !isPlainObject(document) ||
    typeof document.id !== 'string' ||
    typeof document.objectType !== 'string'
  ) {
    return `${url} answered something that is not an object with an id and an objectType`;
  }
  return document as AsObject;
}

function hostNameOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : null;
  } catch {
    return null;
  }
}
