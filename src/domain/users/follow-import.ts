import { isPlainObject } from '../activity-streams/json-guards';
import { invalid, isDomainError } from '../errors/domain-error';
import { parseRemoteAccount } from '../federation/remote-account';
import type { SiteUrls } from '../site/site-urls';
import { isValidNickname } from './nickname';

/** One line (or one item) of an import, and the person id it names, or why it names none. */
export type FollowImportEntry =
  | { readonly source: string; readonly personId: string }
  | { readonly source: string; readonly error: string };

// A line longer than this is no address anyone typed or exported.
const MAX_LINE = 2000;

/**
 * Reads a list of people to follow: a pump.io "following" collection (`GET /api/user/<nick>/following`, or the
 * `following.json` of an account export), whose items' `id`s are taken, or plain text with one person a line:
 * `acct:user@host`, `user@host` or a person's id URL. Blank lines and lines starting with `#` are skipped. A
 * person of this site (by address or by the URL of their page or profile) becomes their local person id.
 *
 * Throws an `invalid` DomainError (`follow-import.bad-json`, `follow-import.not-a-collection`) only when the
 * whole input is unreadable; a bad line is reported in its entry, and the others still count.
 */
export function parseFollowImport(text: string, site: SiteUrls): FollowImportEntry[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return collectionEntries(trimmed, site);
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => entryOf(line, site));
}

function collectionEntries(json: string, site: SiteUrls): FollowImportEntry[] {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw invalid('follow-import.bad-json', 'The file is neither JSON nor a list of addresses.');
  }
  const items = isPlainObject(document) ? document.items : document;
  if (!Array.isArray(items)) {
    throw invalid('follow-import.not-a-collection', 'The JSON is not a collection with "items".');
  }
  return items.map((item, index) => {
    const id = isPlainObject(item) ? item.id : item;
    return typeof id === 'string' ? entryOf(id, site) : { source: `item ${index + 1}`, error: 'No "id".' };
  });
}

function entryOf(source: string, site: SiteUrls): FollowImportEntry {
  if (source.length > MAX_LINE) return { source: source.slice(0, 80), error: 'Too long for an address.' };
  if (/^https?:\/\//i.test(source)) return urlEntry(source, site);
  const local = localAccount(source, site);
  if (local !== null) return local;
  try {
    return { source, personId: parseRemoteAccount(source, site.hostname).id };
  } catch (error) {
    if (isDomainError(error)) return { source, error: error.message };
    throw error;
  }
}

/** `acct:nick@ourhost` or `nick@ourhost`: a person of this site, by their person id. */
function localAccount(source: string, site: SiteUrls): FollowImportEntry | null {
  const value = source.replace(/^acct:/i, '').replace(/^@/, '');
  const at = value.lastIndexOf('@');
  const host = value
    .slice(at + 1)
    .toLowerCase()
    .split(':')[0];
  if (at <= 0 || host !== site.hostname.toLowerCase()) return null;
  const nickname = value.slice(0, at);
  return isValidNickname(nickname)
    ? { source, personId: site.personId(nickname) }
    : { source, error: `"${nickname}" cannot be a nickname here.` };
}

/** A URL: this site's person page or profile becomes the person id; another site's URL is taken as its id. */
function urlEntry(source: string, site: SiteUrls): FollowImportEntry {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { source, error: 'Not a URL.' };
  }
  if (url.origin !== new URL(site.url('')).origin) return { source, personId: url.href };
  const path = url.pathname.replace(/^\/+|\/+$/g, '');
  const nickname = /^api\/user\/([^/]+)(?:\/profile)?$/.exec(path)?.[1] ?? path;
  return isValidNickname(nickname)
    ? { source, personId: site.personId(nickname) }
    : { source, error: 'Not the address of a person on this server.' };
}
