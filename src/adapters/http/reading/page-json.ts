import type { ObjectCollectionPage } from '../../../application/reading/read-object-collection.use-case';
import type { UserStreamPage } from '../../../application/reading/read-user-stream.use-case';
import type { StreamPage } from '../../../application/reading/stream-items';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { Viewer } from '../../../domain/visibility/visibility';
import type { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import type { As1ObjectPresenter, PresentationContext } from '../presenters/as1-object.presenter';
import { objectFeedUrl } from '../presenters/object-feeds';
import type { JsonDocument } from '../presenters/object-lookup';
import { buildCollectionJson, type LinkStyle } from './collection-json';
import { objectFeedTitle, userFeedTitle } from './stream-titles';

/** The presenters a page is written with. */
export interface PagePresenters {
  readonly objects: As1ObjectPresenter;
  readonly activities: As1ActivityPresenter;
}

const OBJECT_TYPES_OF: Record<StreamPage['itemKind'], string[] | undefined> = {
  activity: ['activity'],
  person: ['person'],
  collection: ['collection'],
  object: undefined,
};

/**
 * The collection JSON of a user feed page (docs/protocol.md §5.2): the owner as `author` with feed counts; the
 * items decorated as every stream's are (liked, shared, followed, first items: see `Decoration`).
 */
export async function userStreamJson(
  presenters: PagePresenters,
  site: SiteUrls,
  page: UserStreamPage,
  viewer: Viewer,
): Promise<JsonDocument> {
  const context = presenters.objects.contextFor(viewer);
  const [author] =
    page.owner === null ? [] : await presenters.objects.presentMany([page.owner], context, 'full');
  const items = await itemsJson(presenters, page, context);
  const style: LinkStyle =
    page.itemKind === 'person' ? 'person' : page.itemKind === 'object' ? 'object' : 'activity';
  return buildCollectionJson({
    url: site.userFeedUrl(page.nickname, page.feed),
    displayName: userFeedTitle(page.feed, page.owner?.displayName ?? page.nickname),
    objectTypes: OBJECT_TYPES_OF[page.itemKind],
    author,
    totalItems: page.totalItems,
    items,
    itemIds: page.items.map((item) => item.id),
    range: page.range,
    style,
  });
}

/**
 * The collection JSON of an object feed page: likes, replies, shares, list members (with the list's author as
 * `author`), group feeds.
 */
export async function objectCollectionJson(
  presenters: PagePresenters,
  site: SiteUrls,
  page: ObjectCollectionPage,
  viewer: Viewer,
): Promise<JsonDocument> {
  const context = presenters.objects.contextFor(viewer);
  const items = await itemsJson(presenters, page, context);
  const [author] =
    page.author === null ? [] : await presenters.objects.presentMany([page.author], context, 'full');
  const isList = page.feed === 'members' && page.object.objectType === 'collection';
  const style: LinkStyle =
    page.itemKind === 'person'
      ? 'person'
      : page.itemKind === 'activity'
        ? 'activity'
        : isList
          ? 'members'
          : 'object';
  const objectTypes = page.object.objectTypes;
  return buildCollectionJson({
    url: objectFeedUrl(site, page.object, page.feed),
    displayName: objectFeedTitle(page.feed, page.object),
    objectTypes: page.itemKind === 'object' ? undefined : OBJECT_TYPES_OF[page.itemKind],
    author,
    totalItems: page.totalItems,
    items,
    itemIds: page.items.map((item) => item.id),
    range: page.range,
    style,
    memberType: Array.isArray(objectTypes) && typeof objectTypes[0] === 'string' ? objectTypes[0] : undefined,
  });
}

function itemsJson(
  presenters: PagePresenters,
  page: StreamPage,
  context: PresentationContext,
): Promise<JsonDocument[]> {
  return page.itemKind === 'activity'
    ? presenters.activities.presentItems(page.items, context)
    : presenters.objects.presentItems(page.items, context);
}
