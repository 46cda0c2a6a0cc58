import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';

import { viewerOf } from '../../../application/auth/principal';
import type { ObjectLocator } from '../../../application/reading/object-locator';
import { ReadActivity } from '../../../application/reading/read-activity.use-case';
import { ReadObjectCollection } from '../../../application/reading/read-object-collection.use-case';
import { ReadObject } from '../../../application/reading/read-object.use-case';
import { ReadUserStream } from '../../../application/reading/read-user-stream.use-case';
import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import { isEndpointType } from '../../../domain/activity-streams/object-types';
import { invalid, notFound } from '../../../domain/errors/domain-error';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { isObjectFeed, USER_FEEDS } from '../../../domain/site/user-feeds';
import {
  type AuthLevel,
  principalOf,
  type RequestAuthenticator,
  requireAuth,
} from '../auth/request-authenticator';
import { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../presenters/as1-object.presenter';
import { objectCollectionJson, type PagePresenters, userStreamJson } from './page-json';
import { parseStreamRange } from '../paging/stream-range.parser';

/** What the reading router needs; the composition root builds the use cases from the same repositories. */
export interface ReadingRouterDependencies {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  readonly repositories: ReadingRepositories;
  /** Given by the composition root, or built here from `repositories` and `site`. */
  readonly useCases?: Partial<ReadingUseCases>;
}

/** The query use cases behind the router. */
export interface ReadingUseCases {
  readonly readObject: ReadObject;
  readonly readActivity: ReadActivity;
  readonly readUserStream: ReadUserStream;
  readonly readObjectCollection: ReadObjectCollection;
}

// The feeds of /api/user/:nickname/<feed> served here; uploads belong to the uploads scope.
const READ_FEEDS = USER_FEEDS.filter((feed) => feed !== 'uploads');

/**
 * The GET side of the client API (pumpio-protocol.md §4.7, §4.5, §5.1): objects, activities, user feeds and
 * object feeds, as AS1 JSON. HEAD follows GET.
 *
 * Invariants: only GET routes are defined, so other routers keep PUT/DELETE/POST on the same paths; a first path
 * segment that is not an object endpoint type (`user`, `users`, `whoami`, `client`, `health`, `lrdd`, ...) is
 * passed on untouched, before any authentication, so this router never swallows another's route; inboxes ask
 * for `userRead`, everything else for `anyRead`; every answer is `application/json; charset=utf-8`.
 */
export function createReadingRouter(deps: ReadingRouterDependencies): Router {
  const { authenticator, site, repositories } = deps;
  const useCases: ReadingUseCases = {
    readObject: deps.useCases?.readObject ?? new ReadObject(repositories, site),
    readActivity: deps.useCases?.readActivity ?? new ReadActivity(repositories, site),
    readUserStream: deps.useCases?.readUserStream ?? new ReadUserStream(repositories, site),
    readObjectCollection: deps.useCases?.readObjectCollection ?? new ReadObjectCollection(repositories, site),
  };
  const objects = new As1ObjectPresenter(repositories, site);
  const presenters: PagePresenters = { objects, activities: new As1ActivityPresenter(objects) };
  const auth = (level: AuthLevel): RequestHandler => requireAuth(authenticator, level);
  const viewer = (res: Response) => viewerOf(principalOf(res));
  const router = express.Router();

  for (const feed of READ_FEEDS) {
    router.get(
      `/api/user/:nickname/${feed}`,
      auth(feed.startsWith('inbox') ? 'userRead' : 'anyRead'),
      async (req: Request, res: Response) => {
        await sendUserFeed(req, res, feed);
      },
    );
  }
  router.get('/api/user/:nickname/lists/:type', auth('anyRead'), async (req: Request, res: Response) => {
    await sendUserFeed(req, res, `lists/${param(req, 'type')}`);
  });

  async function sendUserFeed(req: Request, res: Response, feed: string): Promise<void> {
    const range = parseStreamRange(req.query as Record<string, unknown>);
    const page = await useCases.readUserStream.execute({
      nickname: param(req, 'nickname'),
      feed,
      range,
      viewer: viewer(res),
    });
    res.json(await userStreamJson(presenters, site, page, viewer(res)));
  }

  router.get('/api/activity/:uuid', auth('anyRead'), async (req: Request, res: Response) => {
    const activity = await useCases.readActivity.execute({ uuid: param(req, 'uuid'), viewer: viewer(res) });
    res.json(await presenters.activities.presentOne(activity, viewer(res)));
  });

  // /api/<type>/<feed>?id=<foreign id>: before /api/<type>/<uuid>, since a feed name is never a uuid.
  router.get(
    '/api/:type/:feed',
    onlyWhen(isForeignFeedPath),
    auth('anyRead'),
    async (req: Request, res: Response) => {
      await sendObjectFeed(req, res, { type: param(req, 'type'), id: foreignId(req) }, param(req, 'feed'));
    },
  );
  router.get(
    '/api/:type/:uuid/:feed',
    onlyWhen(isEndpointTypePath),
    auth('anyRead'),
    async (req: Request, res: Response) => {
      const feed = param(req, 'feed');
      if (!isObjectFeed(feed)) {
        throw notFound('object.no-such-feed', `No such feed: ${feed}`);
      }
      await sendObjectFeed(req, res, { type: param(req, 'type'), uuid: param(req, 'uuid') }, feed);
    },
  );
  router.get(
    '/api/:type/:uuid',
    onlyWhen(isEndpointTypePath),
    auth('anyRead'),
    async (req: Request, res: Response) => {
      await sendObject(res, { type: param(req, 'type'), uuid: param(req, 'uuid') });
    },
  );
  router.get(
    '/api/:type',
    onlyWhen(isEndpointTypePath),
    auth('anyRead'),
    async (req: Request, res: Response) => {
      await sendObject(res, { type: param(req, 'type'), id: foreignId(req) });
    },
  );

  async function sendObject(res: Response, locator: ObjectLocator): Promise<void> {
    const object = await useCases.readObject.execute({ locator, viewer: viewer(res) });
    res.json(await objects.presentOne(object, viewer(res)));
  }

  async function sendObjectFeed(
    req: Request,
    res: Response,
    locator: ObjectLocator,
    feed: string,
  ): Promise<void> {
    if (!isObjectFeed(feed)) {
      throw notFound('object.no-such-feed', `No such feed: ${feed}`);
    }
    const range = parseStreamRange(req.query as Record<string, unknown>);
    const page = await useCases.readObjectCollection.execute({ locator, feed, range, viewer: viewer(res) });
    res.json(await objectCollectionJson(presenters, site, page, viewer(res)));
  }

  return router;
}

/**
 * For mounting after every feature router and before the 404 handler: a GET of `/api/<type>/<uuid>` whose type
 * no router knew answers 404 "Unknown type: <type>" (pumpio-protocol.md §4.7) instead of "No such route".
 */
export const unknownObjectTypeHandler: RequestHandler = (req, _res, next) => {
  const match = /^\/api\/([^/]+)\/[^/]+\/?$/i.exec(req.path);
  if ((req.method === 'GET' || req.method === 'HEAD') && match !== null) {
    next(notFound('object.unknown-type', `Unknown type: ${decodeURIComponent(match[1])}`));
    return;
  }
  next();
};

function isEndpointTypePath(req: Request): boolean {
  return isEndpointType(param(req, 'type'));
}

function isForeignFeedPath(req: Request): boolean {
  return isEndpointTypePath(req) && isObjectFeed(param(req, 'feed'));
}

/** Passes the request to the next route (not the next handler) unless `test` holds: nothing else runs. */
function onlyWhen(test: (req: Request) => boolean): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    next(test(req) ? undefined : 'route');
  };
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

function foreignId(req: Request): string {
  const id = req.query.id;
  if (typeof id !== 'string' || id === '') {
    throw invalid('object.id-required', "'id' required");
  }
  return id;
}
