import type { ProxyIds } from '../../../application/ports/proxy-ids.port';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import { isFetchableRemoteId } from '../../../domain/federation/remote-copy';
import { isOnOriginOf, isProxyableUrl } from '../../../domain/federation/proxied-urls';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { JsonDocument } from './object-lookup';

/** The properties of an object that hold a `{url}` of its server: its feeds and its media (docs/protocol.md §4.4). */
const URL_PROPERTIES = [
  'likes',
  'replies',
  'shares',
  'followers',
  'following',
  'favorites',
  'lists',
  'members',
  'documents',
  'image',
  'fullImage',
  'stream',
] as const;

/** Deeper than any presented document; a guard, not a limit anyone reaches. */
const MAX_DEPTH = 32;

/**
 * Adds `pump_io.proxyURL` = `H/api/proxy/<id>` to the remote URLs of presented JSON (docs/protocol.md §5.2,
 * §7, the proxy): on each remote object (an http(s) or acct id of another host), its feeds' and media links' `url`, and the
 * object itself for its `links.self.href`.
 *
 * Invariants: only for a local user (the caller decides: pump.io adds them for local-user viewers only); only
 * URLs that are proxyable (http(s), not ours) and on the object's own host get one; the document is changed in
 * place (it is the response being built) and nothing else is; existing `pump_io` fields are kept.
 */
export class ProxyUrls {
  constructor(
    private readonly ids: ProxyIds,
    private readonly site: SiteUrls,
  ) {}

  /** The proxy URL of `url`, or null when it may not be proxied. */
  proxyUrlOf(url: string): string | null {
    return isProxyableUrl(url, this.site.hostname) ? this.site.url(`api/proxy/${this.ids.mint(url)}`) : null;
  }

  /** Decorates `value` (a presented document, or a list of them) and answers it. */
  decorate<T>(value: T): T {
    this.walk(value, 0, new Set());
    return value;
  }

  private walk(value: unknown, depth: number, seen: Set<object>): void {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) this.walk(item, depth + 1, seen);
      return;
    }
    const doc = value as JsonDocument;
    if (typeof doc.id === 'string' && typeof doc.objectType === 'string') this.decorateObject(doc);
    for (const key of Object.keys(doc)) {
      if (key !== 'pump_io') this.walk(doc[key], depth + 1, seen);
    }
  }

  private decorateObject(doc: JsonDocument): void {
    const id = doc.id as string;
    if (!isFetchableRemoteId(id, this.site.hostname)) return;
    for (const name of URL_PROPERTIES) {
      const link = doc[name];
      if (isPlainObject(link) && typeof link.url === 'string') this.addTo(link, link.url, id);
    }
    const self = isPlainObject(doc.links) ? doc.links.self : undefined;
    if (isPlainObject(self) && typeof self.href === 'string') this.addTo(doc, self.href, id);
  }

  private addTo(target: JsonDocument, url: string, objectId: string): void {
    if (!isOnOriginOf(url, objectId)) return;
    const proxyURL = this.proxyUrlOf(url);
    if (proxyURL === null) return;
    target.pump_io = { ...(isPlainObject(target.pump_io) ? target.pump_io : {}), proxyURL };
  }
}
