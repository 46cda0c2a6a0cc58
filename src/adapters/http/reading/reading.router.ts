import type { Request, RequestHandler, Response } from 'express';

import { viewerOf } from '../../../application/auth/principal';
import type { ObjectLocator } from '../../../application/reading/object-locator';
import type { ReadActivity } from '../../../application/reading/read-activity.use-case';
import type { ReadObjectCollection } from '../../../application/reading/read-object-collection.use-case';
import type { ReadObject } from '../../../application/reading/read-object.use-case';
import type { ReadUserStream } from '../../../application/reading/read-user-stream.use-case';
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
import { type Feature, FeatureRoutes } from '../feature-routes';
import { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../presenters/as1-object.presenter';
import { objectUrlRepresentation, sendAs1OrAs2 } from '../presenters/as2-negotiation';
import type { JsonDocument } from '../presenters/object-lookup';
import type { ProxyUrls } from '../presenters/proxy-urls';
import { objectCollectionJson, type PagePresenters, userStreamJson } from './page-json';
import { parseStreamRange } from '../paging/stream-range.parser';

/** What the reading routes need; the composition root builds the use cases (shared with the web UI). */
export interface ReadingRouterDependencies {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  /** What the presenters read (embedded objects, counts). */
  readonly repositories: ReadingRepositories;
  readonly useCases: ReadingUseCases;
  /** Adds `pump_io.proxyURL` to remote URLs for local users (docs/protocol.md §5.2); none when absent. */
  readonly proxyUrls?: ProxyUrls;
}

/** The query use cases behind the API's reads and the web UI's pages. */
export interface ReadingUseCases {
  readonly readObject: ReadObject;
  readonly readActivity: ReadActivity;
  readonly readUserStream: ReadUserStream;
  readonly readObjectCollection: ReadObjectCollection;
}

// The feeds of /api/user/:nickname/<feed> served here; uploads belong to the uploads scope.
const READ_FEEDS = USER_FEEDS.filter((feed) => feed !== 'uploads');

/**
 * The GET side of the client API (docs/protocol.md §4.7, §4.5, §5.1): objects, activities, user feeds and
 * object feeds, as AS1 JSON, or as AS2 to a request that asks for it (§10.1). HEAD follows GET.
 *
 * Invariants: only GET routes are declared, so other features keep PUT/DELETE/POST on the same paths; the
 * `/api/:type/...` routes hold only where `type` is an object endpoint type (not `user`, `users`, `whoami`,
 * `client`, `health`, `lrdd`, ...), checked before any authentication, so this feature never takes another's
 * route; inboxes ask for `userRead`, everything else for `anyRead`; every AS1 answer is
 * `application/json; charset=utf-8`; a local user's AS1 answers carry `pump_io.proxyURL` on remote URLs; AS2 is
 * the mapping of the same AS1 document, so it shows the viewer exactly what AS1 would.
 */
export function readingFeature(deps: ReadingRouterDependencies): Feature {
  const { authenticator, site, repositories, useCases } = deps;
  const objects = new As1ObjectPresenter(repositories, site);
  const presenters: PagePresenters = { objects, activities: new As1ActivityPresenter(objects) };
  const auth = (level: AuthLevel): RequestHandler => requireAuth(authenticator, level);
  const viewer = (res: Response) => viewerOf(principalOf(res));
  // pump.io adds proxy URLs for local-user viewers only: a remote server or a plain client reads remote URLs itself.
  // AS2 when the request asks for it (docs/protocol.md §10.1); the AS1 answer is the same with or without that.
  const send = (req: Request, res: Response, document: JsonDocument): void => {
    sendAs1OrAs2(req, res, document, site, (as1) => {
      const forLocalUser = deps.proxyUrls !== undefined && principalOf(res).user !== null;
      res.json(forLocalUser ? deps.proxyUrls?.decorate(as1) : as1);
    });
  };
  const router = new FeatureRoutes();
  const endpointTypes = router.where({ type: isEndpointType });

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
      ...(typeof req.query.q === 'string' && { search: req.query.q }),
    });
    send(req, res, await userStreamJson(presenters, site, page, viewer(res)));
  }

  router.get('/api/activity/:uuid', auth('anyRead'), async (req: Request, res: Response) => {
    const activity = await useCases.readActivity.execute({ uuid: param(req, 'uuid'), viewer: viewer(res) });
    send(req, res, await presenters.activities.presentOne(activity, viewer(res)));
  });

  // An ActivityPub server's read of an object id (AS2, no API credentials) is the ActivityPub feature's.
  const apiObjectReads = endpointTypes.when((req) => objectUrlRepresentation(req) === 'api');
  // /api/<type>/<feed>?id=<foreign id>: before /api/<type>/<uuid>, since a feed name is never a uuid.
  apiObjectReads
    .where({ feed: isObjectFeed })
    .get('/api/:type/:feed', auth('anyRead'), async (req: Request, res: Response) => {
      await sendObjectFeed(req, res, { type: param(req, 'type'), id: foreignId(req) }, param(req, 'feed'));
    });
  apiObjectReads.get('/api/:type/:uuid/:feed', auth('anyRead'), async (req: Request, res: Response) => {
    const feed = param(req, 'feed');
    if (!isObjectFeed(feed)) {
      throw notFound('object.no-such-feed', `No such feed: ${feed}`);
    }
    await sendObjectFeed(req, res, { type: param(req, 'type'), uuid: param(req, 'uuid') }, feed);
  });
  apiObjectReads.get('/api/:type/:uuid', auth('anyRead'), async (req: Request, res: Response) => {
    await sendObject(req, res, { type: param(req, 'type'), uuid: param(req, 'uuid') });
  });
  endpointTypes.get('/api/:type', auth('anyRead'), async (req: Request, res: Response) => {
    await sendObject(req, res, { type: param(req, 'type'), id: foreignId(req) });
  });

  async function sendObject(req: Request, res: Response, locator: ObjectLocator): Promise<void> {
    const object = await useCases.readObject.execute({ locator, viewer: viewer(res) });
    send(req, res, await objects.presentOne(object, viewer(res)));
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
    send(req, res, await objectCollectionJson(presenters, site, page, viewer(res)));
  }

  // After every route: an /api/<x>/<y> that nobody served, whose <x> is no object type, answers "Unknown type".
  return { name: 'reading', routes: router.routes, fallback: unknownObjectTypeHandler };
}

/**
 * The reading feature's fallback, after every route and before the 404 handler: a GET of `/api/<type>/<uuid>` whose type
 * no router knew answers 404 "Unknown type: <type>" (docs/protocol.md §4.7) instead of "No such route".
 */
export const unknownObjectTypeHandler: RequestHandler = (req, _res, next) => {
  const match = /^\/api\/([^/]+)\/[^/]+\/?$/i.exec(req.path);
  if ((req.method === 'GET' || req.method === 'HEAD') && match !== null) {
    next(notFound('object.unknown-type', `Unknown type: ${decodeURIComponent(match[1])}`));
    return;
  }
  next();
};

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
