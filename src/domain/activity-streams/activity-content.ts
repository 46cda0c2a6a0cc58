import type { AsObject } from './as-object';
import { isOnOriginOf } from '../federation/proxied-urls';

/** The few properties of an object that its link in a generated sentence reads. */
export type Describable = Pick<AsObject, 'objectType'> & {
  id?: string;
  displayName?: unknown;
  url?: unknown;
};

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` safe to place in HTML text or in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

const PAST_TENSES: Readonly<Record<string, string>> = {
  add: 'added',
  create: 'created',
  delete: 'deleted',
  favorite: 'favorited',
  follow: 'followed',
  join: 'joined',
  leave: 'left',
  like: 'liked',
  post: 'posted',
  remove: 'removed',
  share: 'shared',
  'stop-following': 'stopped following',
  unfavorite: 'unfavorited',
  unlike: 'unliked',
  unshare: 'unshared',
  update: 'updated',
};

/** The verb as the sentence of a generated `content` uses it: `posted`, `stopped following`, or the verb itself. */
export function pastTenseOf(verb: string): string {
  return PAST_TENSES[verb] ?? verb;
}

function articleFor(objectType: string): string {
  return /^[aeiou]/i.test(objectType) ? 'an' : 'a';
}

/** `user@host` of an `acct:` id (RFC 7565), else null. */
function accountAddressOf(id: unknown): string | null {
  return typeof id === 'string' && /^acct:[^@\s]+@[^@\s]+$/i.test(id) ? id.slice('acct:'.length) : null;
}

/**
 * The name of `object` in a sentence: its displayName; for a person without one, their `user@host` address (a
 * person on another server is followed by that address before their profile is fetched, and the sentence is
 * generated then: "followed a person" would say nothing); else its kind, "a note".
 */
function nameOf(object: Describable): string {
  if (typeof object.displayName === 'string' && object.displayName !== '') return object.displayName;
  const address = object.objectType === 'person' ? accountAddressOf(object.id) : null;
  return address ?? `${articleFor(object.objectType)} ${object.objectType}`;
}

/** A link to `object` named by {@link nameOf}; a plain name when it has no URL. */
function describe(object: Describable): string {
  const name = nameOf(object);
  // A `url` on another host than the object's own id is only what a client or a peer claims: the sentence reaches
  // every reader, so it links such a thing by its id instead (the web UI's rule for a remote person's home link).
  const ownUrl =
    typeof object.url === 'string' && typeof object.id === 'string' && isOnOriginOf(object.url, object.id)
      ? object.url
      : undefined;
  const candidate = ownUrl ?? object.id;
  // Only web links become links: a client-supplied `javascript:` or `data:` URL must not reach any reader.
  const href = typeof candidate === 'string' && /^https?:\/\//i.test(candidate) ? candidate : undefined;
  return href === undefined ? escapeHtml(name) : `<a href='${escapeHtml(href)}'>${escapeHtml(name)}</a>`;
}

/**
 * The HTML `content` pump.io generates for an activity that came without one (docs/protocol.md §4.2 step 7), e.g.
 * `<a href='…'>alice</a> posted <a href='…'>a note</a>`, with ` to <a …>the list</a>` when there is a target.
 * Every interpolated value is escaped, so names and URLs chosen by a client cannot inject markup.
 */
export function generatedActivityContent(activity: {
  verb: string;
  actor: Describable;
  object?: Describable;
  target?: Describable;
}): string {
  const parts = [describe(activity.actor), escapeHtml(pastTenseOf(activity.verb))];
  if (activity.object !== undefined) {
    parts.push(describe(activity.object));
  }
  if (activity.target !== undefined) {
    parts.push('to', describe(activity.target));
  }
  return parts.join(' ');
}
