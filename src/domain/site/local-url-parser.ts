import { type EndpointType, isEndpointType, ObjectType } from '../activity-streams/object-types';
import { isValidNickname } from '../users/nickname';
import { isObjectFeed, isUserFeed, type ObjectFeed, type UserFeed } from './user-feeds';

/** What a local id or URL names; the reverse of the builders of `SiteUrls`. */
export type LocalUrl =
  /** A person id: `acct:<nick>@<host>` or `H/api/user/<nick>/profile`. */
  | { kind: 'person'; nickname: string }
  /** The user (account) endpoint `H/api/user/<nick>`. */
  | { kind: 'user'; nickname: string }
  /** `H/api/user/<nick>/<feed>`. */
  | { kind: 'user-feed'; nickname: string; feed: UserFeed }
  /** The profile page `H/<nick>`. */
  | { kind: 'profile-page'; nickname: string }
  /** An object id `H/api/<type>/<uuid>`. */
  | { kind: 'object'; type: EndpointType; uuid: string }
  /** `H/api/<type>/<uuid>/<feed>`. */
  | { kind: 'object-feed'; type: EndpointType; uuid: string; feed: ObjectFeed }
  /** `H/api/<type>?id=<foreign id>`. */
  | { kind: 'foreign-object'; type: EndpointType; id: string }
  /** An object page `H/<nick>/<type>/<uuid>`; a list page (`/list/`) gives the type `collection`. */
  | { kind: 'object-page'; nickname: string; type: EndpointType; uuid: string }
  /** An activity id `H/api/activity/<uuid>`. */
  | { kind: 'activity'; uuid: string }
  /** An activity page `H/<nick>/activity/<uuid>`. */
  | { kind: 'activity-page'; nickname: string; uuid: string };

/** The parts of a site's address the parser needs. */
export interface SiteLocation {
  readonly origin: string;
  readonly pathPrefix: string;
  readonly hostname: string;
}

const UUID = /^[A-Za-z0-9_-]+$/;
const ACCT = 'acct:';

/**
 * Recognises the ids and URLs a site forms and extracts their parts, or answers null. Scheme and host compare
 * case-insensitively; the path compares exactly. A query string or fragment is ignored, except the `?id=` of a
 * foreign object URL.
 */
export function parseLocalUrl(site: SiteLocation, idOrUrl: string): LocalUrl | null {
  // Only the first five characters can make `acct:`: no need to lower-case a whole URL to find out.
  if (idOrUrl.slice(0, ACCT.length).toLowerCase() === ACCT) {
    return parseAcct(site, idOrUrl.slice(ACCT.length));
  }
  const head = idOrUrl.slice(0, site.origin.length);
  const rest = idOrUrl.slice(site.origin.length);
  const sameOrigin = head === site.origin || head.toLowerCase() === site.origin.toLowerCase();
  if (!sameOrigin || !rest.startsWith(`${site.pathPrefix}/`)) {
    return null;
  }
  const { path, query } = splitQuery(rest.slice(site.pathPrefix.length + 1));
  const segments = path.split('/');
  return segments[0] === 'api' ? parseApiPath(segments.slice(1), query) : parsePagePath(segments);
}

function splitQuery(pathAndMore: string): { path: string; query: string } {
  const hash = pathAndMore.indexOf('#');
  const withoutFragment = hash === -1 ? pathAndMore : pathAndMore.slice(0, hash);
  const mark = withoutFragment.indexOf('?');
  return mark === -1
    ? { path: withoutFragment, query: '' }
    : { path: withoutFragment.slice(0, mark), query: withoutFragment.slice(mark + 1) };
}

function parseAcct(site: SiteLocation, address: string): LocalUrl | null {
  const at = address.lastIndexOf('@');
  const nickname = address.slice(0, at);
  const host = address.slice(at + 1);
  if (at === -1 || host.toLowerCase() !== site.hostname || !isValidNickname(nickname)) {
    return null;
  }
  return { kind: 'person', nickname };
}

function parseApiPath(segments: string[], query: string): LocalUrl | null {
  const [first, second, third, ...more] = segments;
  if (first === 'user' && isValidNickname(second)) {
    return parseUserPath(second, segments.slice(2));
  }
  if (first === 'activity') {
    return segments.length === 2 && UUID.test(second) ? { kind: 'activity', uuid: second } : null;
  }
  if (first === undefined || !isEndpointType(first)) {
    return null;
  }
  if (segments.length === 1) {
    const id = foreignIdOf(query);
    return id === null ? null : { kind: 'foreign-object', type: first, id };
  }
  if (!UUID.test(second)) {
    return null;
  }
  if (segments.length === 2) {
    return { kind: 'object', type: first, uuid: second };
  }
  if (more.length === 0 && isObjectFeed(third)) {
    return { kind: 'object-feed', type: first, uuid: second, feed: third };
  }
  return null;
}

function parseUserPath(nickname: string, rest: string[]): LocalUrl | null {
  if (rest.length === 0) {
    return { kind: 'user', nickname };
  }
  const feed = rest.join('/');
  if (feed === 'profile') {
    return { kind: 'person', nickname };
  }
  return isUserFeed(feed) ? { kind: 'user-feed', nickname, feed } : null;
}

function parsePagePath(segments: string[]): LocalUrl | null {
  const [nickname, type, uuid] = segments;
  if (!isValidNickname(nickname)) {
    return null;
  }
  if (segments.length === 1) {
    return { kind: 'profile-page', nickname };
  }
  if (segments.length !== 3 || !UUID.test(uuid)) {
    return null;
  }
  if (type === 'activity') {
    return { kind: 'activity-page', nickname, uuid };
  }
  if (type === 'list') {
    return { kind: 'object-page', nickname, type: ObjectType.COLLECTION, uuid };
  }
  return isEndpointType(type) ? { kind: 'object-page', nickname, type, uuid } : null;
}

function foreignIdOf(query: string): string | null {
  for (const pair of query.split('&')) {
    if (pair.startsWith('id=') && pair.length > 'id='.length) {
      try {
        return decodeURIComponent(pair.slice('id='.length).replace(/\+/g, ' '));
      } catch {
        return null;
      }
    }
  }
  return null;
}
