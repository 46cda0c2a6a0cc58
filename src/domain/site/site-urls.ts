import { endpointTypeOf, ObjectType } from '../activity-streams/object-types';
import { domainOf } from '../activity-streams/object-ids';
import { invalid } from '../errors/domain-error';
import { type LocalUrl, parseLocalUrl } from './local-url-parser';
import { type ObjectFeed, type UserFeed } from './user-feeds';

/** Where the site is reachable from the outside; the configuration of {@link SiteUrls}. */
export interface SiteAddress {
  hostname: string;
  port: number;
  /** Defaults to https exactly when the port is 443, which is how pump.io infers it. */
  scheme?: 'http' | 'https';
  /** A path prefix the site is served under (`pump`, `/pump/`); none by default. */
  urlPath?: string;
}

const DEFAULT_PORTS = { http: 80, https: 443 } as const;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const PATH_PREFIX = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const BASE_URL = /^(https?):\/\/([^/:?#]+)(?::(\d+))?(\/[^?#]*)?$/i;

/**
 * Every id and URL the site forms, from its public base URL `H` (scheme, host, port unless it is the scheme's
 * default, optional path prefix). Pure string logic; instances are frozen. Nicknames, uuids and types given to
 * the builders are trusted to be valid already (they are URL-safe by construction).
 */
export class SiteUrls {
  /** `H`: the base URL, without a trailing slash. */
  readonly base: string;
  /** `scheme://host[:port]`, without the path prefix. */
  readonly origin: string;

  private constructor(
    readonly scheme: 'http' | 'https',
    readonly hostname: string,
    readonly port: number,
    /** `''` or a path starting with `/` and not ending with one. */
    readonly pathPrefix: string,
  ) {
    const showPort = port !== DEFAULT_PORTS[scheme];
    this.origin = `${scheme}://${hostname}${showPort ? `:${port}` : ''}`;
    this.base = this.origin + pathPrefix;
    Object.freeze(this);
  }

  /** Builds the URLs of a site; throws an `invalid` DomainError (`site.bad-address`) for an unusable address. */
  static of(address: SiteAddress): SiteUrls {
    const hostname = address.hostname.toLowerCase();
    if (!HOSTNAME.test(hostname)) {
      throw invalid('site.bad-address', `Bad site hostname: '${address.hostname}'`);
    }
    if (!Number.isInteger(address.port) || address.port < 1 || address.port > 65535) {
      throw invalid('site.bad-address', `Bad site port: ${address.port}`);
    }
    const scheme = address.scheme ?? (address.port === 443 ? 'https' : 'http');
    return new SiteUrls(scheme, hostname, address.port, normalisePathPrefix(address.urlPath ?? ''));
  }

  /** Builds the URLs of a site from its base URL, e.g. `http://localhost:4815` or `https://example.net/pump`. */
  static fromBaseUrl(baseUrl: string): SiteUrls {
    const match = BASE_URL.exec(baseUrl);
    if (!match) {
      throw invalid('site.bad-address', `Bad site URL: '${baseUrl}'`);
    }
    const scheme = match[1].toLowerCase() as 'http' | 'https';
    const port = match[3] === undefined ? DEFAULT_PORTS[scheme] : Number(match[3]);
    return SiteUrls.of({ scheme, hostname: match[2], port, urlPath: match[4] });
  }

  /** `H/<relative>`; leading slashes of `relative` are ignored, so `url('/x')` and `url('x')` agree. */
  url(relative = ''): string {
    return `${this.base}/${relative.replace(/^\/+/, '')}`;
  }

  /**
   * True when persons are named `acct:<nick>@<host>`: the site answers on the standard port 80 or 443
   * (docs/protocol.md §1.3).
   */
  get usesAcctIds(): boolean {
    return this.port === 80 || this.port === 443;
  }

  /** The id of a local person (§1.3): `acct:<nick>@<host>` on port 80/443, else `H/api/user/<nick>/profile`. */
  personId(nickname: string): string {
    return this.usesAcctIds ? `acct:${nickname}@${this.hostname}` : this.profileApiUrl(nickname);
  }

  /** `H/api/user/<nick>/profile`: the person's API endpoint and `links.self`. */
  profileApiUrl(nickname: string): string {
    return this.url(`api/user/${nickname}/profile`);
  }

  /** `H/api/user/<nick>`: the user (account) endpoint. */
  userApiUrl(nickname: string): string {
    return this.url(`api/user/${nickname}`);
  }

  /** `H/<nick>`: the person's profile page, their `url`. */
  profilePageUrl(nickname: string): string {
    return this.url(nickname);
  }

  /** `H/api/user/<nick>/<feed>`: feed (outbox), inbox, followers, following, favorites, lists/person, ... */
  userFeedUrl(nickname: string, feed: UserFeed): string {
    return this.url(`api/user/${nickname}/${feed}`);
  }

  /** The id of a local person's followers collection, which is also the URL of their followers feed. */
  followersCollectionId(nickname: string): string {
    return this.userFeedUrl(nickname, 'followers');
  }

  /** The id of a local object: `H/api/<type>/<uuid>`, with `other` as the type for unknown object types. */
  objectId(objectType: string, uuid: string): string {
    return this.url(`api/${endpointTypeOf(objectType)}/${uuid}`);
  }

  /** The page of a local object: `H/<nick>/<type>/<uuid>`; collections (lists) use `list` as the type. */
  objectPageUrl(nickname: string, objectType: string, uuid: string): string {
    const segment = objectType === ObjectType.COLLECTION ? 'list' : endpointTypeOf(objectType);
    return this.url(`${nickname}/${segment}/${uuid}`);
  }

  /** `H/api/<type>/<uuid>/<feed>`: likes, replies, shares of an object; members, documents, inbox of groups. */
  objectFeedUrl(objectType: string, uuid: string, feed: ObjectFeed): string {
    return `${this.objectId(objectType, uuid)}/${feed}`;
  }

  /** `H/api/<type>?id=<id>`: where an object stored under a foreign (client-supplied) id is served. */
  foreignObjectUrl(objectType: string, id: string): string {
    return `${this.url(`api/${endpointTypeOf(objectType)}`)}?id=${encodeURIComponent(id)}`;
  }

  /** The id of a local activity: `H/api/activity/<uuid>`, also its `links.self`. */
  activityId(uuid: string): string {
    return this.url(`api/activity/${uuid}`);
  }

  /** The page of a local activity: `H/<nick>/activity/<uuid>`. */
  activityPageUrl(nickname: string, uuid: string): string {
    return this.url(`${nickname}/activity/${uuid}`);
  }

  /** True when `id` belongs to this host (any scheme or port), as pump.io decides locality. */
  isLocalId(id: string): boolean {
    return domainOf(id) === this.hostname;
  }

  /** What a local id or URL names, or null when it is not one the site forms. */
  parse(idOrUrl: string): LocalUrl | null {
    return parseLocalUrl(this, idOrUrl);
  }

  /** The nickname of a local person id (either the acct: or the profile URL form), or null. */
  nicknameOfPersonId(id: string): string | null {
    const parsed = this.parse(id);
    return parsed?.kind === 'person' ? parsed.nickname : null;
  }
}

function normalisePathPrefix(urlPath: string): string {
  const trimmed = urlPath.replace(/^\/+|\/+$/g, '');
  if (!PATH_PREFIX.test(trimmed)) {
    throw invalid('site.bad-address', `Bad site path: '${urlPath}'`);
  }
  return trimmed === '' ? '' : `/${trimmed}`;
}
