import type { JsonValue } from '../activity-streams/as-object';
import { isPlainObject } from '../activity-streams/json-guards';
import { isPublicCollectionId } from '../activity-streams/well-known-ids';
import {
  AS2_CONTEXT,
  AS2_PUBLIC,
  as2ActivityType,
  as2ObjectType,
  undoneActivityType,
} from './as2-vocabulary';

/** An AS2 JSON-LD document or embedded node. */
export type As2Document = { [key: string]: JsonValue };

/** An AS1 document as the read side presents it: an object, an activity or a collection page. */
export type As1Document = Readonly<Record<string, unknown>>;

/** What the mapping needs to know about the site: which person ids are its own, and their profile pages. */
export interface As2Site {
  /** The nickname of a local person id (`acct:` or profile URL form), or null. */
  nicknameOfPersonId(id: string): string | null;
  /** `H/<nick>`: the profile page, which is a local person's AS2 id (it serves them as AS2 too). */
  profilePageUrl(nickname: string): string;
}

/**
 * The AS1 → AS2 mapping (docs/protocol.md §10.2), used by every AS2 reader and writer: a pure function of the AS1
 * document it is given. It shows exactly what the AS1 document shows (whoever built that one decided what the
 * viewer may see) and drops what AS2 has no term for (`pump_io`, `liked`, `links`, `_`-prefixed keys).
 *
 * The top level gets the `@context`; embedded nodes do not.
 */
export function toAs2Document(as1: As1Document, site: As2Site): As2Document {
  return { '@context': AS2_CONTEXT, ...toAs2(as1, site) };
}

/** One AS1 node as AS2: an activity (it has a verb), an object (an objectType) or a collection (its items). */
export function toAs2(as1: As1Document, site: As2Site): As2Document {
  if (typeof as1.verb === 'string') return activityToAs2(as1, site);
  if (
    typeof as1.objectType !== 'string' &&
    (typeof as1.totalItems === 'number' || Array.isArray(as1.items))
  ) {
    return collectionToAs2(as1, site);
  }
  return objectToAs2(as1, site);
}

/**
 * The id an AS2 reader dereferences: a local person's profile page (it answers AS2 for them); otherwise
 * `links.self.href` where it differs from the id (an object stored under a foreign id is served at
 * `/api/<type>?id=`), else the id.
 */
export function as2IdOf(as1: As1Document, site: As2Site): string | undefined {
  if (typeof as1.id !== 'string') return undefined;
  if (as1.objectType === 'person') {
    const nickname = site.nicknameOfPersonId(as1.id);
    if (nickname !== null) return site.profilePageUrl(nickname);
  }
  const self = selfHref(as1);
  return self ?? as1.id;
}

/** The AS2 object of an AS1 object: a note, a person (an actor, with its collections), a list, a place, ... */
export function objectToAs2(as1: As1Document, site: As2Site): As2Document {
  const type = as2ObjectType(as1.objectType);
  const out: As2Document = {};
  setString(out, 'id', as2IdOf(as1, site));
  if (typeof as1.deleted === 'string') {
    // A deleted object is a Tombstone that remembers what it was (Activity Vocabulary, `Tombstone`).
    out.type = 'Tombstone';
    out.formerType = type;
    out.deleted = as1.deleted;
  } else {
    out.type = type;
  }
  setString(out, 'name', as1.displayName);
  if (type === 'Person') setString(out, 'preferredUsername', as1.preferredUsername);
  copyStrings(out, as1, ['summary', 'content', 'published', 'updated']);
  setUrl(out, as1.url);
  setNode(out, 'attributedTo', as1.author, site);
  setNode(out, 'inReplyTo', as1.inReplyTo, site);
  setNode(out, 'location', as1.location, site);
  setMediaLink(out, 'image', as1.image);
  if (Array.isArray(as1.attachments)) {
    out.attachment = nodesOf(as1.attachments, site);
  }
  for (const feed of ['replies', 'likes', 'shares'] as const) {
    if (isPlainObject(as1[feed])) out[feed] = collectionToAs2(as1[feed], site);
  }
  setActorEndpoints(out, as1);
  setRecipients(out, as1, site);
  return out;
}

/** The AS2 activity of an AS1 activity: its verb as a type (an undoing verb as an `Undo`), its content as `summary`. */
export function activityToAs2(as1: As1Document, site: As2Site): As2Document {
  const out: As2Document = {};
  setString(out, 'id', as2IdOf(as1, site));
  out.type = as2ActivityType(as1.verb, isPlainObject(as1.target));
  setString(out, 'name', typeof as1.displayName === 'string' ? as1.displayName : as1.title);
  setString(out, 'summary', as1.content);
  copyStrings(out, as1, ['published', 'updated']);
  setUrl(out, as1.url);
  setNode(out, 'actor', as1.actor, site);
  const undone = undoneActivityType(as1.verb);
  // An undoing verb names the object of the activity it undoes: AS2 undoes that activity (Activity Vocabulary, `Undo`).
  const subject: As2Document = undone === undefined ? out : { type: undone };
  if (undone !== undefined) setNode(subject, 'actor', as1.actor, site);
  setNode(subject, 'object', as1.object, site);
  setNode(subject, 'target', as1.target, site);
  if (undone !== undefined) out.object = subject;
  for (const property of ['generator', 'provider', 'context', 'location', 'source'] as const) {
    setNode(out, property, as1[property], site);
  }
  setRecipients(out, as1, site);
  return out;
}

/**
 * The AS2 `OrderedCollection` of an AS1 collection page: its url as the id and its `totalItems`; when it has any
 * items, the page in hand as an embedded `first` page (`orderedItems`, `next`, `prev`). An empty collection has
 * neither `first` nor items, as pump.io's tests assert.
 */
export function collectionToAs2(as1: As1Document, site: As2Site): As2Document {
  const out: As2Document = {};
  const id = typeof as1.url === 'string' ? as1.url : undefined;
  setString(out, 'id', id);
  out.type = 'OrderedCollection';
  setString(out, 'name', as1.displayName);
  if (typeof as1.totalItems === 'number') out.totalItems = as1.totalItems;
  const items = Array.isArray(as1.items) ? as1.items : [];
  if ((typeof as1.totalItems === 'number' && as1.totalItems > 0) || items.length > 0) {
    out.first = pageToAs2(as1, id, items, site);
  }
  return out;
}

function pageToAs2(as1: As1Document, collectionId: string | undefined, items: unknown[], site: As2Site) {
  const links = isPlainObject(as1.links) ? as1.links : {};
  const page: As2Document = {};
  // The page has an id of its own only where its URL differs from the collection's: a node may not share an id.
  const self = hrefOf(links.self);
  if (self !== undefined && self !== collectionId) page.id = self;
  page.type = 'OrderedCollectionPage';
  setString(page, 'partOf', collectionId);
  setString(page, 'next', hrefOf(links.next));
  setString(page, 'prev', hrefOf(links.prev));
  if (items.length > 0) page.orderedItems = nodesOf(items, site);
  return page;
}

/** `inbox` and `outbox` from the AS1 links; `followers`, `following` and `liked` (favorites) as URLs. */
function setActorEndpoints(out: As2Document, as1: As1Document): void {
  const links = isPlainObject(as1.links) ? as1.links : {};
  setString(out, 'inbox', hrefOf(links['activity-inbox']));
  setString(out, 'outbox', hrefOf(links['activity-outbox']));
  if (out.type !== 'Person') return;
  const feeds = { followers: 'followers', following: 'following', liked: 'favorites' } as const;
  for (const [property, feed] of Object.entries(feeds)) {
    const value = as1[feed];
    setString(out, property, isPlainObject(value) ? value.url : value);
  }
}

/** to, cc, bto and bcc as ids; the AS1 Public collection is AS2's Public (https://www.w3.org/TR/activitystreams-core/#public-addressing). */
function setRecipients(out: As2Document, as1: As1Document, site: As2Site): void {
  for (const field of ['to', 'cc', 'bto', 'bcc'] as const) {
    const entries = as1[field];
    if (!Array.isArray(entries)) continue;
    out[field] = entries.flatMap((entry): string[] => {
      if (!isPlainObject(entry)) return typeof entry === 'string' ? [entry] : [];
      if (isPublicCollectionId(entry.id)) return [AS2_PUBLIC];
      const id = as2IdOf(entry, site);
      return id === undefined ? [] : [id];
    });
  }
}

function nodesOf(values: readonly unknown[], site: As2Site): JsonValue[] {
  return values.flatMap((value): JsonValue[] => {
    if (isPlainObject(value)) return [toAs2(value, site)];
    return typeof value === 'string' ? [value] : [];
  });
}

function setNode(out: As2Document, property: string, value: unknown, site: As2Site): void {
  if (isPlainObject(value)) out[property] = toAs2(value, site);
  else if (typeof value === 'string') out[property] = value;
}

/** The object's HTML page, as a Link that says so. */
function setUrl(out: As2Document, url: unknown): void {
  if (typeof url === 'string') out.url = { type: 'Link', href: url, mediaType: 'text/html' };
}

/** An AS1 media link (`{url, width, height}`) is an AS2 Link to the media. */
function setMediaLink(out: As2Document, property: string, media: unknown): void {
  if (!isPlainObject(media) || typeof media.url !== 'string') return;
  const link: As2Document = { type: 'Link', href: media.url };
  for (const size of ['width', 'height'] as const) {
    if (typeof media[size] === 'number') link[size] = media[size];
  }
  out[property] = link;
}

function selfHref(as1: As1Document): string | undefined {
  return isPlainObject(as1.links) ? hrefOf(as1.links.self) : undefined;
}

function hrefOf(link: unknown): string | undefined {
  return isPlainObject(link) && typeof link.href === 'string' ? link.href : undefined;
}

function setString(out: As2Document, property: string, value: unknown): void {
  if (typeof value === 'string') out[property] = value;
}

function copyStrings(out: As2Document, as1: As1Document, properties: readonly string[]): void {
  for (const property of properties) setString(out, property, as1[property]);
}
