import type { Request, Response } from 'express';

import type { AddToList } from '../../../application/activities/add-to-list.use-case';
import type { DeleteObject } from '../../../application/activities/delete-object.use-case';
import type { FeedKind } from '../../../application/activities/incoming-activity';
import type {
  DeleteActivity,
  UpdateActivity,
} from '../../../application/activities/modify-activity.use-cases';
import { objectBody } from '../../../application/activities/object-shortcuts';
import type {
  ActivityOrigin,
  PostActivity,
  PostedActivity,
} from '../../../application/activities/post-activity.use-case';
import type { UpdateObject } from '../../../application/activities/update-object.use-case';
import { viewActivity } from '../../../application/reading/viewer-scope';
import { Verb } from '../../../domain/activity-streams/verbs';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { Viewer } from '../../../domain/visibility/visibility';
import { principalOf, type RequestAuthenticator, requireAuth } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import { As1ObjectPresenter, type PresenterRepositories } from '../presenters/as1-object.presenter';

/** What {@link createActivitiesWriteRouter} needs; the composition root provides it. */
export interface ActivitiesWriteRouterDeps {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  /** What the answers read: the objects, their feeds, and what the viewer's filter needs. */
  readonly repositories: PresenterRepositories;
  /** The publish use case: every write below that makes an activity goes through it. */
  readonly postActivity: PostActivity;
  readonly updateObject: UpdateObject;
  readonly deleteObject: DeleteObject;
  readonly addToList: AddToList;
  readonly updateActivity: UpdateActivity;
  readonly deleteActivity: DeleteActivity;
}

const FEEDS: ReadonlyArray<[string, FeedKind]> = [
  ['feed', 'all'],
  ['feed/major', 'major'],
  ['feed/minor', 'minor'],
];

/** The user the request authenticates, posting to the feed of `:nickname` (the use case checks they are the same). */
function localOrigin(res: Response, req: Request): ActivityOrigin {
  return { kind: 'local', principal: principalOf(res), nickname: String(req.params.nickname) };
}

// `/api/user/<nick>` also matches `/api/:type/:uuid`: its PUT and DELETE belong to the users feature.
const NOT_OBJECT_TYPES: ReadonlySet<string> = new Set(['user']);
const OBJECT_PATHS = { type: (type: string) => !NOT_OBJECT_TYPES.has(type) };

/**
 * The write routes of activities (docs/protocol.md §4.2, §4.5, §4.7): posting to a feed, the follow, favorite
 * and list shortcuts, PUT/DELETE of objects and of activities. Every write is 3-legged (`user` level).
 *
 * Invariants: every activity is published by the publish use case, which answers only after the local fan-out (a
 * follower reading right after sees it); posting shortcuts answer the object, feeds the activity;
 * `PUT`/`DELETE /api/user/...` are the users feature's. An answer is what a read by the writer shows (§4.2, §4.4):
 * written by the reading presenters, so its feeds (`{url, totalItems}`, the first items), `liked`, `pump_io`, a
 * list's or group's feeds are there for the client to follow, filtered for the writer as any read is.
 */
export function activitiesWriteFeature(deps: ActivitiesWriteRouterDeps): Feature {
  const router = new FeatureRoutes();
  const auth = requireAuth(deps.authenticator, 'user');
  const objects = new As1ObjectPresenter(deps.repositories, deps.site);
  const activities = new As1ActivityPresenter(objects);
  // The answer to a write is read by the user who wrote it.
  const writer = (res: Response): Viewer => {
    const user = principalOf(res).user;
    return user === null ? null : { id: user.personId };
  };

  const answerObject = async (res: Response, posted: PostedActivity): Promise<void> => {
    res.json(posted.object === null ? null : await objects.presentNamed(posted.object, writer(res)));
  };

  for (const [path, feed] of FEEDS) {
    router.post(`/api/user/:nickname/${path}`, auth, async (req, res) => {
      const posted = await deps.postActivity.execute({
        origin: localOrigin(res, req),
        body: req.body,
        feed,
      });
      res.json(await activities.presentOne(viewActivity(posted.activity, writer(res)), writer(res)));
    });
  }

  const shortcut = (path: string, verb: string) =>
    router.post(`/api/user/:nickname/${path}`, auth, async (req, res) => {
      const object = objectBody(req.body);
      const posted = await deps.postActivity.execute({
        origin: localOrigin(res, req),
        body: { verb, object },
      });
      await answerObject(res, posted);
    });
  shortcut('following', Verb.FOLLOW);
  shortcut('favorites', Verb.FAVORITE);

  router.post('/api/collection/:uuid/members', auth, async (req, res) => {
    const command = { principal: principalOf(res), listUuid: String(req.params.uuid), body: req.body };
    await answerObject(res, await deps.addToList.execute(command));
  });

  router.put('/api/activity/:uuid', auth, async (req, res) => {
    const command = { principal: principalOf(res), uuid: String(req.params.uuid), body: req.body };
    const updated = await deps.updateActivity.execute(command);
    res.json(await activities.presentOne(viewActivity(updated, writer(res)), writer(res)));
  });
  router.delete('/api/activity/:uuid', auth, async (req, res) => {
    await deps.deleteActivity.execute({ principal: principalOf(res), uuid: String(req.params.uuid) });
    res.json('Deleted');
  });

  const objectRoutes = router.where(OBJECT_PATHS);
  objectRoutes.put('/api/:type/:uuid', auth, async (req, res) => {
    const address = { type: String(req.params.type), uuid: String(req.params.uuid) };
    const command = { principal: principalOf(res), address, body: req.body };
    await answerObject(res, await deps.updateObject.execute(command));
  });
  objectRoutes.delete('/api/:type/:uuid', auth, async (req, res) => {
    const address = { type: String(req.params.type), uuid: String(req.params.uuid) };
    await deps.deleteObject.execute({ principal: principalOf(res), address });
    res.json('Deleted');
  });

  return { name: 'activities-write', routes: router.routes };
}
