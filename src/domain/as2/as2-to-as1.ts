import type { JsonValue } from '../activity-streams/as-object';
import { isPlainObject } from '../activity-streams/json-guards';
import { PUBLIC_COLLECTION_ID } from '../activity-streams/well-known-ids';
import { ObjectType } from '../activity-streams/object-types';
import { AS2_PUBLIC, as1ObjectType, as1UndoingVerb, as1Verb } from './as2-vocabulary';

/** An AS1 document built from AS2: plain JSON, before the publish path validates and cleans it. */
export type As1FromAs2 = { [key: string]: JsonValue };

/**
 * Why an AS2 activity has no AS1 form: a type Pumphouse does not take in, an `Undo` of something it cannot name,
 * or a document that is not an activity with an id and an actor.
 */
export type As2Refusal = 'not-an-activity' | 'unsupported-type' | 'unknown-undo';

/** What the mapping needs to know beyond the document: which addressees are followers collections. */
export interface As2Senders {
  /** True when `id` is the followers collection of the activity's actor (from the actor document). */
  isFollowersCollection(id: string): boolean;
}

/**
 * The ways AS2 writes the Public collection (https://www.w3.org/TR/activitypub/#public-addressing): its id, the
 * compact `as:Public` and `Public`, and the `http:` spelling that older servers' payloads still carry
 * (test/fixtures/activitypub/SOURCES.md, Mastodon).
 */
const PUBLIC_IDS = new Set([
  AS2_PUBLIC,
  'http://www.w3.org/ns/activitystreams#Public',
  'as:Public',
  'Public',
]);

/**
 * The AS2 → AS1 mapping (docs/activitypub.md §6): what an ActivityPub server sends, as the AS1 activity the one
 * publish path takes. It is the inverse of {@link toAs2} for every verb and object type both sides know, and it
 * is a pure function of the document: it trusts nothing in it (the inbox checked who sent it, the publish path
 * cleans its HTML through the sanitizer port and validates it).
 *
 * Answers the AS1 activity, or the reason it has none.
 */
export function as2ActivityToAs1(as2: unknown, senders: As2Senders): As1FromAs2 | As2Refusal {
  if (!isPlainObject(as2) || typeof as2.type !== 'string' || typeof as2.id !== 'string') {
    return 'not-an-activity';
  }
  const actor = nodeToAs1(as2.actor, 'person');
  if (actor === undefined) return 'not-an-activity';
  const out: As1FromAs2 = { id: as2.id };
  let object: unknown = as2.object;
  if (as2.type === 'Undo') {
    const undone = isPlainObject(as2.object) && typeof as2.object.type === 'string' ? as2.object : null;
    const verb = undone === null ? undefined : as1UndoingVerb(undone.type as string);
    if (undone === null || verb === undefined) return 'unknown-undo';
    out.verb = verb;
    object = undone.object;
  } else {
    const verb = as1Verb(as2.type);
    if (verb === undefined) return 'unsupported-type';
    out.verb = verb;
  }
  out.actor = actor;
  setNode(out, 'object', object, undefined);
  setNode(out, 'target', as2.target, undefined);
  copyStrings(out, as2, ['published', 'updated']);
  setString(out, 'content', htmlOf(as2, 'summary'));
  setUrl(out, as2.url);
  setRecipients(out, as2, senders);
  return out;
}

/** One AS2 node (an object, a link or an id) as AS1; `defaultType` is the object type of a bare id. */
export function nodeToAs1(value: unknown, defaultType: string | undefined): As1FromAs2 | undefined {
  if (typeof value === 'string')
    return defaultType === undefined ? { id: value } : { id: value, objectType: defaultType };
  if (!isPlainObject(value)) return undefined;
  if (typeof value.verb !== 'string' && typeof value.type === 'string' && as1Verb(value.type) !== undefined) {
    return embeddedActivityToAs1(value);
  }
  return objectToAs1(value);
}

/** An AS2 object as AS1: its type, names, HTML, dates, author, reply target, media and a Tombstone's deletion. */
export function objectToAs1(as2: Record<string, unknown>): As1FromAs2 {
  const out: As1FromAs2 = {};
  setString(out, 'id', as2.id);
  const isReply = as2.inReplyTo !== undefined && as2.inReplyTo !== null;
  if (as2.type === 'Tombstone') {
    // A deleted object remembers what it was (Activity Vocabulary, `Tombstone`).
    if (typeof as2.formerType === 'string') out.objectType = as1ObjectType(as2.formerType, isReply);
    setString(out, 'deleted', as2.deleted);
  } else if (typeof as2.type === 'string') {
    out.objectType = as1ObjectType(as2.type, isReply);
  }
  setString(out, 'displayName', as2.name);
  if (out.objectType === ObjectType.PERSON) setString(out, 'preferredUsername', as2.preferredUsername);
  setString(out, 'summary', htmlOf(as2, 'summary'));
  setString(out, 'content', htmlOf(as2, 'content'));
  copyStrings(out, as2, ['published', 'updated']);
  setUrl(out, as2.url);
  setNode(out, 'author', firstOf(as2.attributedTo), 'person');
  setNode(out, 'inReplyTo', as2.inReplyTo, 'note');
  setNode(out, 'location', as2.location, 'place');
  setMediaLink(out, 'image', as2.icon ?? as2.image);
  if (Array.isArray(as2.attachment)) {
    out.attachments = as2.attachment.flatMap((item): JsonValue[] => {
      const node = nodeToAs1(item, undefined);
      return node === undefined ? [] : [node];
    });
  }
  return out;
}

/** An activity inside another (the Follow an Accept accepts): an AS1 object of type `activity` with its verb. */
function embeddedActivityToAs1(as2: Record<string, unknown>): As1FromAs2 {
  const out: As1FromAs2 = { objectType: 'activity' };
  setString(out, 'id', as2.id);
  setString(out, 'verb', typeof as2.type === 'string' ? as1Verb(as2.type) : undefined);
  setNode(out, 'actor', as2.actor, 'person');
  setNode(out, 'object', as2.object, undefined);
  return out;
}

/**
 * to, cc, bto and bcc as AS1 address objects: the Public collection is AS1's, the actor's followers collection
 * a `collection`, every other id a `person` (ActivityPub addresses actors and collections only).
 */
function setRecipients(out: As1FromAs2, as2: Record<string, unknown>, senders: As2Senders): void {
  for (const field of ['to', 'cc', 'bto', 'bcc'] as const) {
    const ids = listOf(as2[field]).flatMap((entry): string[] => {
      if (typeof entry === 'string') return [entry];
      return isPlainObject(entry) && typeof entry.id === 'string' ? [entry.id] : [];
    });
    if (ids.length === 0) continue;
    out[field] = ids.map((id): As1FromAs2 => {
      if (PUBLIC_IDS.has(id)) return { id: PUBLIC_COLLECTION_ID, objectType: ObjectType.COLLECTION };
      if (senders.isFollowersCollection(id)) return { id, objectType: ObjectType.COLLECTION };
      return { id, objectType: ObjectType.PERSON };
    });
  }
}

/** `content` (or `summary`), else the first language of its `…Map` (Activity Vocabulary, natural language values). */
function htmlOf(as2: Record<string, unknown>, property: 'content' | 'summary'): string | undefined {
  const value = as2[property];
  if (typeof value === 'string') return value;
  const map = as2[`${property}Map`];
  if (!isPlainObject(map)) return undefined;
  const first = Object.values(map).find((entry) => typeof entry === 'string');
  return typeof first === 'string' ? first : undefined;
}

/** AS2 `url` may be a string, a Link or a list of either; AS1 has one URL: the first HTML one, else the first. */
function setUrl(out: As1FromAs2, url: unknown): void {
  const links = listOf(url).flatMap((entry): { href: string; html: boolean }[] => {
    if (typeof entry === 'string') return [{ href: entry, html: true }];
    if (!isPlainObject(entry) || typeof entry.href !== 'string') return [];
    return [{ href: entry.href, html: entry.mediaType === undefined || entry.mediaType === 'text/html' }];
  });
  const chosen = links.find((link) => link.html) ?? links[0];
  if (chosen !== undefined) out.url = chosen.href;
}

/** An AS2 Link or Image (`icon`, `image`) as an AS1 media link `{url, width, height}`. */
function setMediaLink(out: As1FromAs2, property: string, media: unknown): void {
  const first = firstOf(media);
  const href = typeof first === 'string' ? first : isPlainObject(first) ? hrefOfMedia(first) : undefined;
  if (href === undefined || !isPlainObject(first)) {
    if (href !== undefined) out[property] = { url: href };
    return;
  }
  const link: As1FromAs2 = { url: href };
  for (const size of ['width', 'height'] as const) {
    if (typeof first[size] === 'number') link[size] = first[size];
  }
  out[property] = link;
}

function hrefOfMedia(media: Record<string, unknown>): string | undefined {
  if (typeof media.href === 'string') return media.href;
  const url = firstOf(media.url);
  if (typeof url === 'string') return url;
  return isPlainObject(url) && typeof url.href === 'string' ? url.href : undefined;
}

function setNode(out: As1FromAs2, property: string, value: unknown, defaultType: string | undefined): void {
  const node = nodeToAs1(value, defaultType);
  if (node !== undefined) out[property] = node;
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function setString(out: As1FromAs2, property: string, value: unknown): void {
  if (typeof value === 'string') out[property] = value;
}

function copyStrings(out: As1FromAs2, as2: Record<string, unknown>, properties: readonly string[]): void {
  for (const property of properties) setString(out, property, as2[property]);
}
