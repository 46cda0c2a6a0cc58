import type { Request, Response } from 'express';

import type { ObjectFeed } from '../../../domain/site/user-feeds';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { isDomainError, notFound } from '../../../domain/errors/domain-error';
import type { FeatureRoutes } from '../feature-routes';
import type { WebContext } from './web-context';
import { viewerOfUser } from './web-page';
import { param, PERSON_PATHS } from './web-person.controller';
import { webRange } from './web-streams';

/**
 * The page of one activity, of one object with its replies, likes and shares, and of one list with its members
 * (docs/protocol.md §8).
 *
 * Invariants: access is the API's (ReadActivity, ReadObject, ReadObjectCollection with the browser user as
 * viewer); an activity or object that exists but belongs to someone other than the nickname in the path is a
 * 404, so a page address names one thing only; an anonymous viewer refused access is sent to the login page (by
 * the error renderer), a logged-in one gets the 403 page.
 */
export function mountObjectRoutes(routes: FeatureRoutes, web: WebContext): void {
  const router = routes.where(PERSON_PATHS);
  const { pages, reading, streams, views, deps } = web;

  router.get('/:nickname/activity/:uuid', async (req, res) => {
    const nickname = param(req, 'nickname');
    const viewer = viewerOfUser(pages.userOf(req));
    const activity = await reading.readActivity.execute({ uuid: param(req, 'uuid'), viewer });
    if (activity.actor.id !== deps.site.personId(nickname))
      throw notFound('activity.not-found', 'No such activity');
    const page = { itemKind: 'activity' as const, items: [activity], totalItems: 1, range: { count: 1 } };
    const [shown] = (await streams.activityPage(req, page, viewer)).items;
    pages.send(req, res, 'activity', { nickname, activity: shown ?? null });
  });

  router.get('/:nickname/list/:uuid', async (req, res) => {
    const nickname = param(req, 'nickname');
    const viewer = viewerOfUser(pages.userOf(req));
    const locator = { type: 'collection', uuid: param(req, 'uuid') };
    const list = await reading.readObject.execute({ locator, viewer });
    assertAuthor(web, list, nickname);
    const members = await reading.readObjectCollection.execute({
      locator,
      feed: 'members',
      range: webRange(req),
      viewer,
    });
    const owner = pages.userOf(req)?.nickname === nickname;
    pages.send(req, res, 'list', {
      nickname,
      list: await streams.oneObject(list, viewer),
      members: await streams.personPage(req, members, viewer),
      owner,
      views,
    });
  });

  router.get('/:nickname/:type/:uuid', async (req, res) => {
    await sendObjectPage(req, res, web);
  });
}

async function sendObjectPage(req: Request, res: Response, web: WebContext): Promise<void> {
  const { pages, reading, streams } = web;
  const nickname = param(req, 'nickname');
  const viewer = viewerOfUser(pages.userOf(req));
  const locator = { type: param(req, 'type'), uuid: param(req, 'uuid') };
  const stored = await reading.readObject.execute({ locator, viewer }).catch((error: unknown) => {
    if (isDomainError(error, 'gone')) return null;
    throw error;
  });
  if (stored === null) {
    await sendTombstone(req, res, web, nickname, web.deps.site.objectId(locator.type, locator.uuid));
    return;
  }
  assertAuthor(web, stored, nickname);
  const feed = (name: ObjectFeed, range = webRange(req)) =>
    reading.readObjectCollection.execute({ locator, feed: name, range, viewer });
  const [replies, likes, shares] = await Promise.all([
    feed('replies'),
    feed('likes', { count: 50 }),
    feed('shares', { count: 50 }),
  ]);
  pages.send(req, res, 'object', {
    nickname,
    object: await streams.oneObject(stored, viewer),
    replies: await streams.objectPage(req, replies, viewer),
    likes: { totalItems: likes.totalItems, items: (await streams.personPage(req, likes, viewer)).items },
    shares: { totalItems: shares.totalItems, items: (await streams.personPage(req, shares, viewer)).items },
  });
}

/**
 * A deleted object's page: 410, as the API answers, with what its tombstone keeps (type, author, dates; never
 * the content), so the author's own link to it, and the page their delete button returns to, say what happened.
 */
async function sendTombstone(
  req: Request,
  res: Response,
  web: WebContext,
  nickname: string,
  id: string,
): Promise<void> {
  const tombstone = await web.deps.repositories.objects.findById(id);
  if (tombstone === null) throw notFound('object.not-found', 'No such object');
  assertAuthor(web, tombstone, nickname);
  const viewer = viewerOfUser(web.pages.userOf(req));
  const object = await web.streams.oneObject(tombstone, viewer);
  web.pages.send(req, res, 'object-deleted', { nickname, object, title: 'Deleted' }, 410);
}

/** A local object's page lives under its author's nickname only. */
function assertAuthor(web: WebContext, object: AsObject, nickname: string): void {
  const authorId = object.author?.id;
  if (authorId !== web.deps.site.personId(nickname)) {
    throw notFound('object.not-found', 'No such object');
  }
}
