import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import { ViewerScope } from '../../../application/reading/viewer-scope';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { stubOf, type Viewer } from '../../../domain/visibility/visibility';
import { type CountedFeed, type Decoration, ObjectFeedCounter, type ObjectFeedFacts } from './object-feeds';
import { type JsonDocument, ObjectLookup, refId, withoutPrivateKeysExcept } from './object-lookup';

/**
 * The state one response shares between presenters: who looks, what the application says they may see
 * ({@link ViewerScope}), and the object cache, which loads through the scope's filter of embedded objects.
 */
export interface PresentationContext {
  readonly viewer: Viewer;
  readonly scope: ViewerScope;
  readonly lookup: ObjectLookup;
}

/** The ports the AS1 presenters read. */
export type PresenterRepositories = Pick<
  ReadingRepositories,
  'objects' | 'activities' | 'streams' | 'follows'
>;

/**
 * Writes stored objects as AS1 JSON (docs/protocol.md §4.4): `author` and `inReplyTo` expanded from the object
 * repository; likes, replies and shares as `{url, totalItems}` plus their first 4 items; per-viewer `liked`,
 * `pump_io.shared` and, on followable objects, `pump_io.followed` (with a viewer only); a local list's
 * `members`; a local group's members, documents and `activity-inbox` link; local persons' feed counts (`full`
 * decoration: an object on its own, not a stream's item); `links.self` filled in (the `?id=` form for a foreign
 * id).
 *
 * Invariants: every reference is expanded through the application's filter for the viewer (the scope), so what
 * the viewer may not see comes out as its `{id, objectType}` stub, undecorated; inline replies are those the scope
 * says the viewer may see; every `_`-prefixed key is dropped at any depth;
 * a page of objects costs one `findManyByIds` for
 * authors and replied-to objects together (cached in the context), one for all inline items, and the counts;
 * the stored documents are never modified.
 */
export class As1ObjectPresenter {
  private readonly counter: ObjectFeedCounter;

  constructor(
    private readonly repositories: PresenterRepositories,
    private readonly site: SiteUrls,
  ) {
    this.counter = new ObjectFeedCounter(repositories, site);
  }

  /** A fresh context for one response. */
  contextFor(viewer: Viewer): PresentationContext {
    const scope = new ViewerScope(this.repositories, this.site, viewer);
    return { viewer, scope, lookup: new ObjectLookup(scope.embedded) };
  }

  /** One object, fully decorated: what `GET /api/<type>/<uuid>` answers. */
  async presentOne(object: AsObject, viewer: Viewer): Promise<JsonDocument> {
    const [presented] = await this.presentMany([object], this.contextFor(viewer), 'full');
    return presented;
  }

  /**
   * One object the viewer named in a write (the answer to a shortcut or an update): as `presentOne`, after the
   * filter of every embedded reference, so an object the viewer may name but not see comes out as its stub.
   */
  async presentNamed(object: AsObject, viewer: Viewer): Promise<JsonDocument> {
    const context = this.contextFor(viewer);
    await context.lookup.fetch([object.id]);
    const [presented] = await this.presentMany([context.lookup.get(object.id) ?? object], context, 'full');
    return presented;
  }

  /** The items of a stream page, in order: every stream's items get the one `item` decoration. */
  presentItems(objects: readonly AsObject[], context: PresentationContext): Promise<JsonDocument[]> {
    return this.presentMany(objects, context, 'item');
  }

  /** Objects in order, decorated as asked, sharing the lookups of `context`. */
  async presentMany(
    objects: readonly AsObject[],
    context: PresentationContext,
    decoration: Decoration,
  ): Promise<JsonDocument[]> {
    const { lookup } = context;
    const { embedded } = context.scope;
    // A stub the filter answered for an object the viewer may not see is shown as it is: no feeds, no counts.
    const shown = objects.filter((object) => !embedded.isWithheld(object.id));
    lookup.seed(shown);
    await lookup.fetch(
      shown.flatMap((object) => [refId(object.author), refId(object.inReplyTo)].filter(isId)),
    );
    const facts = await this.counter.factsOfMany(shown, decoration, context.scope);
    const inlineIds = facts.flatMap((fact) =>
      [fact.likes, fact.shares, fact.replies, fact.members].flatMap((feed) => feed?.itemIds ?? []),
    );
    await lookup.fetch(inlineIds);
    // Inline replies show their authors too: one more batch, only when some object has visible replies.
    await lookup.fetch(
      facts.flatMap((fact) =>
        (fact.replies?.itemIds ?? []).map((id) => refId(lookup.get(id)?.author)).filter(isId),
      ),
    );
    const factsById = new Map(shown.map((object, index) => [object.id, facts[index]]));
    return objects.map((object) => {
      const objectFacts = factsById.get(object.id);
      return objectFacts === undefined ? stubOf(object) : this.write(object, objectFacts, context);
    });
  }

  private write(object: AsObject, facts: ObjectFeedFacts, context: PresentationContext): JsonDocument {
    const { lookup } = context;
    // author and inReplyTo, when they are references, are replaced just below: not worth copying first.
    const out = withoutPrivateKeysExcept(object, isExpandedReference);
    const authorId = refId(object.author);
    if (authorId !== undefined) {
      out.author = lookup.publicCopyOf(authorId, object.author);
    }
    const inReplyToId = refId(object.inReplyTo);
    if (inReplyToId !== undefined) {
      out.inReplyTo = lookup.publicCopyOf(inReplyToId, object.inReplyTo);
    }
    if (object.links?.self === undefined && object.deleted === undefined) {
      out.links = { ...(out.links as JsonDocument | undefined), self: { href: this.selfHref(object) } };
    }
    const feed = (
      counted: CountedFeed | undefined,
      items?: (id: string) => unknown,
    ): JsonDocument | undefined =>
      counted === undefined
        ? undefined
        : {
            url: counted.url,
            totalItems: counted.totalItems,
            ...(counted.itemIds !== undefined && items !== undefined
              ? { items: counted.itemIds.map(items) }
              : {}),
          };
    const stored = (id: string): unknown => lookup.publicCopyOf(id, { id });
    const reply = (id: string): unknown => {
      const replyObject = lookup.get(id);
      const replyAuthor = refId(replyObject?.author);
      const presented = lookup.publicCopyOf(id, { id }) as JsonDocument;
      return replyAuthor === undefined
        ? presented
        : { ...presented, author: lookup.publicCopyOf(replyAuthor, replyObject?.author) };
    };
    const reference = (id: string): unknown => {
      const member = lookup.get(id);
      return member === undefined ? { id } : { id, objectType: member.objectType };
    };
    assignDefined(out, {
      likes: feed(facts.likes, stored),
      replies: feed(facts.replies, reply),
      shares: feed(facts.shares, stored),
      members: feed(facts.members, reference),
      documents: feed(facts.documents),
      liked: facts.liked,
    });
    if (facts.groupInboxUrl !== undefined) {
      out.links = { ...(out.links as JsonDocument), 'activity-inbox': { href: facts.groupInboxUrl } };
    }
    if (facts.shared !== undefined || facts.followed !== undefined) {
      const pumpIo = { ...(out.pump_io as JsonDocument | undefined) };
      assignDefined(pumpIo, { shared: facts.shared, followed: facts.followed });
      out.pump_io = pumpIo;
    }
    if (facts.personCounts !== undefined) {
      for (const [name, totalItems] of Object.entries(facts.personCounts)) {
        out[name] = { ...(out[name] as JsonDocument | undefined), totalItems };
      }
    }
    return out;
  }

  /** A local person's profile endpoint, a local object's id, else the `?id=` form of a foreign id. */
  private selfHref(object: AsObject): string {
    const parsed = this.site.parse(object.id);
    if (parsed?.kind === 'person') {
      return this.site.profileApiUrl(parsed.nickname);
    }
    return parsed === null ? this.site.foreignObjectUrl(object.objectType, object.id) : object.id;
  }
}

function isExpandedReference(key: string, value: unknown): boolean {
  return (key === 'author' || key === 'inReplyTo') && refId(value) !== undefined;
}

function isId(value: string | undefined): value is string {
  return value !== undefined;
}

function assignDefined(target: JsonDocument, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) {
      target[key] = value;
    }
  }
}
