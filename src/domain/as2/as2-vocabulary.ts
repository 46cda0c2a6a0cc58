/**
 * The ActivityStreams 2.0 names the AS1 → AS2 mapping writes (W3C Activity Vocabulary,
 * https://www.w3.org/TR/activitystreams-vocabulary/), and the tables from pump.io's AS1 object types and verbs to
 * them (docs/protocol.md §10.2).
 */

/** The JSON-LD context of every AS2 document, as a string (https://www.w3.org/TR/activitystreams-core/#jsonld). */
export const AS2_CONTEXT = 'https://www.w3.org/ns/activitystreams';

/** The special Public collection of AS2 addressing (https://www.w3.org/TR/activitystreams-core/#public-addressing); AS1's is `activityschema.org/collection/public`. */
export const AS2_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';

/**
 * AS1 object types that have an AS2 type of their own. Every other type (badge, bookmark, file, review, ...) is
 * `Object`, as in pump.io. Unlike pump.io, a `comment` is a `Note`: AS2 has no comment type, and a reply is an
 * object with `inReplyTo` (Activity Vocabulary, `inReplyTo`); `Object` would hide replies from the servers
 * that show only Notes.
 */
const OBJECT_TYPES: Readonly<Record<string, string>> = {
  application: 'Application',
  article: 'Article',
  audio: 'Audio',
  collection: 'Collection',
  comment: 'Note',
  event: 'Event',
  group: 'Group',
  image: 'Image',
  note: 'Note',
  offer: 'Offer',
  organization: 'Organization',
  page: 'Page',
  person: 'Person',
  place: 'Place',
  question: 'Question',
  service: 'Service',
  video: 'Video',
};

/**
 * AS1 verbs and the AS2 activity type each becomes: the verbs whose name is an AS2 activity type, and pump.io's
 * renamings (share is Announce, favorite is Like, watch and play are View, the rsvp verbs answer an invitation).
 */
const ACTIVITY_TYPES: Readonly<Record<string, string>> = {
  accept: 'Accept',
  add: 'Add',
  attach: 'Add',
  author: 'Create',
  create: 'Create',
  delete: 'Delete',
  dislike: 'Dislike',
  favorite: 'Like',
  'flag-as-inappropriate': 'Flag',
  follow: 'Follow',
  ignore: 'Ignore',
  invite: 'Invite',
  join: 'Join',
  leave: 'Leave',
  like: 'Like',
  listen: 'Listen',
  play: 'View',
  read: 'Read',
  reject: 'Reject',
  remove: 'Remove',
  'rsvp-maybe': 'TentativeAccept',
  'rsvp-no': 'Reject',
  'rsvp-yes': 'Accept',
  share: 'Announce',
  update: 'Update',
  watch: 'View',
};

/** AS1 verbs that take back an earlier activity: AS2 writes them as an `Undo` of that activity's type. */
const UNDONE_TYPES: Readonly<Record<string, string>> = {
  'stop-following': 'Follow',
  unfavorite: 'Like',
  unlike: 'Like',
  unshare: 'Announce',
};

const own = (table: Readonly<Record<string, string>>, key: unknown): string | undefined =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The AS2 type of an AS1 object type: its own type where AS2 has one, else `Object`. */
export function as2ObjectType(objectType: unknown): string {
  return own(OBJECT_TYPES, objectType) ?? 'Object';
}

/**
 * The AS2 type of an activity with this verb: `post` and `submit` create an object, or add it to a target when
 * there is one; an undoing verb is `Undo`; a verb AS2 has no type for is a plain `Activity`.
 */
export function as2ActivityType(verb: unknown, hasTarget: boolean): string {
  if (verb === 'post' || verb === 'submit') return hasTarget ? 'Add' : 'Create';
  if (own(UNDONE_TYPES, verb) !== undefined) return 'Undo';
  return own(ACTIVITY_TYPES, verb) ?? 'Activity';
}

/** For an undoing verb (`stop-following`, `unlike`, ...), the type of the activity it undoes; else undefined. */
export function undoneActivityType(verb: unknown): string | undefined {
  return own(UNDONE_TYPES, verb);
}

/**
 * The way in (docs/activitypub.md §6): the AS1 object type of an AS2 type. `Note` is a `note`, or a `comment`
 * when it replies to something (pump.io shows replies as comments); AS2's own object types map back to their
 * AS1 names; `Tombstone` has no AS1 type (its `formerType` is used); anything else is a plain AS1 type of the
 * same name in lower case, as AS1 object types are open-ended.
 */
const AS1_OBJECT_TYPES: Readonly<Record<string, string>> = {
  Application: 'application',
  Article: 'article',
  Audio: 'audio',
  Collection: 'collection',
  Document: 'file',
  Event: 'event',
  Group: 'group',
  Image: 'image',
  Note: 'note',
  Offer: 'offer',
  OrderedCollection: 'collection',
  Organization: 'organization',
  Page: 'page',
  Person: 'person',
  Place: 'place',
  Question: 'question',
  Service: 'service',
  Video: 'video',
};

/** The AS1 object type of an AS2 object type; a `Note` that replies is a `comment`. */
export function as1ObjectType(as2Type: string, isReply: boolean): string {
  if (as2Type === 'Note' && isReply) return 'comment';
  return own(AS1_OBJECT_TYPES, as2Type) ?? as2Type.toLowerCase();
}

/**
 * The AS1 verb of an AS2 activity type, for the activities Pumphouse takes in from ActivityPub servers
 * (docs/activitypub.md §6): Create is post, Announce is share, Like is favorite; the rest keep their name. Any
 * other type has no verb (undefined): the inbox does not take it.
 */
const AS1_VERBS: Readonly<Record<string, string>> = {
  Accept: 'accept',
  Add: 'add',
  Announce: 'share',
  Create: 'post',
  Delete: 'delete',
  Flag: 'flag-as-inappropriate',
  Follow: 'follow',
  Like: 'favorite',
  Reject: 'reject',
  Remove: 'remove',
  Update: 'update',
};

/** The AS1 verbs that take back an activity of an AS2 type: what `Undo` of that type is. */
const UNDOING_VERBS: Readonly<Record<string, string>> = {
  Announce: 'unshare',
  Follow: 'stop-following',
  Like: 'unfavorite',
};

/** The AS1 verb of an AS2 activity type, or undefined when Pumphouse does not take that type in. */
export function as1Verb(as2Type: string): string | undefined {
  return own(AS1_VERBS, as2Type);
}

/** The AS1 verb of an `Undo` of an activity of this AS2 type, or undefined when it cannot be undone in AS1. */
export function as1UndoingVerb(undoneType: string): string | undefined {
  return own(UNDOING_VERBS, undoneType);
}
