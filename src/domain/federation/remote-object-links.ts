import type { AsObject, CollectionRef, LinkRef } from '../activity-streams/as-object';
import { isPlainObject } from '../activity-streams/json-guards';
import { withoutPrivateKeys } from '../activity-streams/private-keys';

/** A WebFinger link as the merge reads it. */
export interface JrdLink {
  readonly rel: string;
  readonly href?: string;
}

/** The rels that name collections of a person or object, stored as `{url}` (docs/protocol.md §7.3 step 2). */
const COLLECTION_RELS: ReadonlySet<string> = new Set([
  'followers',
  'following',
  'favorites',
  'likes',
  'replies',
  'shares',
]);

/** What a remote object's WebFinger links say about it: the collections, and every other rel under `links`. */
export interface LinkFacts {
  readonly collections: Record<string, CollectionRef>;
  readonly links: Record<string, LinkRef>;
}

/**
 * The facts of `jrd` as pump.io merges them into a remote object (docs/protocol.md §7.3): rels followers,
 * following, favorites, likes, replies and shares become `{url}`, any other rel `links[rel] = {href}`; links
 * without an href are skipped, and the first of a repeated rel wins.
 */
export function factsOfLinks(jrd: readonly JrdLink[]): LinkFacts {
  const collections: Record<string, CollectionRef> = {};
  const links: Record<string, LinkRef> = {};
  for (const { rel, href } of jrd) {
    if (href === undefined || rel.startsWith('_')) continue;
    if (COLLECTION_RELS.has(rel)) collections[rel] ??= { url: href };
    else links[rel] ??= { href };
  }
  return { collections, links };
}

/**
 * The object its origin served, completed by its WebFinger facts: what the document says wins, the links add
 * what it leaves out. Internal `_` fields a remote sent are dropped at every depth: a server speaks for its
 * objects, never for our bookkeeping.
 */
export function remoteObjectOf(served: AsObject, facts: LinkFacts): AsObject {
  const object = withoutPrivateKeys(served);
  const merged: AsObject = { ...object };
  for (const [rel, collection] of Object.entries(facts.collections)) {
    if (!isPlainObject(merged[rel])) merged[rel] = collection;
  }
  const links = { ...facts.links, ...(isPlainObject(object.links) ? object.links : {}) };
  if (Object.keys(links).length > 0) merged.links = links;
  return merged;
}
