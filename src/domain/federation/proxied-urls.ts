import { domainOf } from '../activity-streams/object-ids';
import { isFetchableRemoteId } from './remote-copy';

const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/**
 * Whether `url` may be fetched through `/api/proxy` (docs/protocol.md §7, the proxy): an http(s) URL of another server,
 * never one of `localHost` (our own resources are read directly, with our own access rules) and never a host
 * that is never contacted.
 */
export function isProxyableUrl(url: string, localHost: string): boolean {
  return HTTP_URL.test(url) && url.length <= 2048 && isFetchableRemoteId(url, localHost);
}

/**
 * Whether `url` is on the host of the object `objectId` (an http(s) or acct id): only then does this server put
 * it behind its proxy, signed as the viewer. An object may name URLs anywhere, but asking a third host for them
 * in a viewer's name is not the object's origin's to decide. Stricter than pump.io, which proxies every remote URL.
 */
export function isOnOriginOf(url: string, objectId: string): boolean {
  const origin = domainOf(objectId)?.split(':')[0];
  return origin !== undefined && domainOf(url) === origin;
}

/** The validators of a conditional GET (RFC 9110 §13.1.1, §13.1.3), as the client sent them. */
export interface ConditionalRequest {
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
}

/**
 * Whether a cached copy the client holds is still good, by RFC 9110 §13.2.2: `If-None-Match` when present
 * (weak comparison, `*` matches any), else `If-Modified-Since` against `Last-Modified`. `headers` are the
 * response's, lower-case.
 */
export function isNotModified(
  request: ConditionalRequest,
  headers: Readonly<Record<string, string>>,
): boolean {
  if (request.ifNoneMatch !== undefined) {
    const etag = headers.etag;
    if (etag === undefined) return false;
    const tags = request.ifNoneMatch.split(',').map((tag) => tag.trim());
    return tags.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
  }
  if (request.ifModifiedSince === undefined || headers['last-modified'] === undefined) return false;
  const since = Date.parse(request.ifModifiedSince);
  const modified = Date.parse(headers['last-modified']);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
