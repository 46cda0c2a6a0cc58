import { isPlainObject } from '../../domain/activity-streams/json-guards';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';

/** Properties of an activity that hold an object whose HTML is cleaned (docs/protocol.md §4.6). */
const ACTIVITY_OBJECT_FIELDS = ['actor', 'object', 'target', 'generator', 'provider', 'context', 'source'];
/** The address lists; every entry is an object. */
const AUDIENCE_FIELDS = ['to', 'cc', 'bto', 'bcc'];
/** HTML properties: cleaned to the allowlist. `title` is HTML in ActivityStreams 1.0 as well. */
const HTML_FIELDS = ['content', 'summary', 'title'];
/** Plain-text properties: every tag removed (pump.io left them alone, docs/runtime.md §3.5). */
const TEXT_FIELDS = ['displayName'];
/** Objects nested in an object that are cleaned the same way. */
const NESTED_OBJECT_FIELDS = ['author', 'location', 'inReplyTo'];
const NESTED_LIST_FIELDS = ['attachments', 'tags'];

type Json = Record<string, unknown>;

function cleanFields(source: Json, target: Json, sanitizer: HtmlSanitizer): void {
  for (const key of HTML_FIELDS) {
    const value = source[key];
    if (typeof value === 'string') target[key] = sanitizer.html(value);
  }
  for (const key of TEXT_FIELDS) {
    const value = source[key];
    if (typeof value === 'string') target[key] = sanitizer.plainText(value);
  }
}

/** `value` cleaned when it is an object; anything else is left for validation to judge. */
function objectOrAsIs(value: unknown, sanitizer: HtmlSanitizer, depth: number): unknown {
  return isPlainObject(value) ? scrubNested(value, sanitizer, depth) : value;
}

function listOrAsIs(value: unknown, sanitizer: HtmlSanitizer, depth: number): unknown {
  return Array.isArray(value) ? value.map((item) => objectOrAsIs(item, sanitizer, depth)) : value;
}

/** Deeper than any real object: a client nesting further gets its innermost levels dropped, not a stack error. */
const MAX_DEPTH = 16;

function scrubNested(object: Json, sanitizer: HtmlSanitizer, depth: number): Json {
  if (depth > MAX_DEPTH) return {};
  const clean: Json = { ...object };
  cleanFields(object, clean, sanitizer);
  for (const key of NESTED_OBJECT_FIELDS) {
    if (key in object) clean[key] = objectOrAsIs(object[key], sanitizer, depth + 1);
  }
  for (const key of NESTED_LIST_FIELDS) {
    if (key in object) clean[key] = listOrAsIs(object[key], sanitizer, depth + 1);
  }
  return clean;
}

/**
 * A copy of an object as a client or a remote server sent it, its HTML cleaned: `content`, `summary` and `title`
 * to the allowlist, `displayName` to plain text, and the same in `author`, `location`, `inReplyTo` and every
 * entry of `attachments` and `tags`, recursively (docs/protocol.md §4.6).
 *
 * Invariants: the input is untouched; only string values of those properties change, so the shape validation
 * that follows sees what was sent; values of other types are kept for validation to refuse.
 */
export function scrubObject<T>(object: T, sanitizer: HtmlSanitizer): T {
  return (isPlainObject(object) ? scrubNested(object, sanitizer, 0) : object) as T;
}

/**
 * A copy of an incoming activity, its HTML cleaned: its own `content`, `summary`, `title` and `displayName`, then
 * {@link scrubObject} on actor, object, target, generator, provider, context and source, and on every entry of
 * to, cc, bto and bcc (docs/protocol.md §4.6).
 *
 * Invariants: as {@link scrubObject}.
 */
export function scrubActivity<T>(activity: T, sanitizer: HtmlSanitizer): T {
  if (!isPlainObject(activity)) return activity;
  const clean: Json = { ...activity };
  cleanFields(activity, clean, sanitizer);
  for (const key of ACTIVITY_OBJECT_FIELDS) {
    if (key in activity) clean[key] = objectOrAsIs(activity[key], sanitizer, 0);
  }
  for (const key of AUDIENCE_FIELDS) {
    if (key in activity) clean[key] = listOrAsIs(activity[key], sanitizer, 0);
  }
  return clean as T;
}
