import express, { type ErrorRequestHandler, type Request, type Response } from 'express';

import type { ActorKeys } from '../../../application/activitypub/actor-keys';
import type { DescribeNode } from '../../../application/activitypub/describe-node.use-case';
import type {
  ActivityPubInbox,
  ReceiveActivityPubDelivery,
} from '../../../application/activitypub/receive-delivery.use-case';
import type { ReadObject } from '../../../application/reading/read-object.use-case';
import type { ReadObjectCollection } from '../../../application/reading/read-object-collection.use-case';
import type { ReadUserStream } from '../../../application/reading/read-user-stream.use-case';
import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import type { ReadUser } from '../../../application/users/read-user.use-case';
import {
  ACTOR_COLLECTIONS,
  actorCollectionUrl,
  isActorCollection,
} from '../../../domain/activitypub/actor-addresses';
import { isEndpointType } from '../../../domain/activity-streams/object-types';
import { outboundAs2 } from '../../../domain/activitypub/outbound-as2';
import { collectionToAs2 } from '../../../domain/as2/as1-to-as2';
import { AS2_CONTEXT } from '../../../domain/as2/as2-vocabulary';
import { isDomainError, notFound } from '../../../domain/errors/domain-error';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { isValidNickname } from '../../../domain/users/nickname';
import { STATUS_BY_KIND } from '../error-status';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { parseStreamRange } from '../paging/stream-range.parser';
import { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../presenters/as1-object.presenter';
import { objectUrlRepresentation, personUrlRepresentation } from '../presenters/as2-negotiation';
import type { JsonDocument } from '../presenters/object-lookup';
import { objectCollectionJson, type PagePresenters, userStreamJson } from '../reading/page-json';
import { presentProfile } from '../users/user.presenter';
import { presentActor, presentInstanceActor } from './actor.presenter';
import { NODEINFO_SCHEMA, nodeInfoDocument, nodeInfoLinks } from './nodeinfo.presenter';

/** What the ActivityPub routes need; the composition root builds it. */
export interface ActivityPubRouterDependencies {
  readonly site: SiteUrls;
  readonly repositories: ReadingRepositories;
  readonly readUser: Pick<ReadUser, 'execute'>;
  readonly readUserStream: Pick<ReadUserStream, 'execute'>;
  readonly actorKeys: Pick<ActorKeys, 'publishedKeyOf' | 'instancePublishedKey'>;
  readonly describeNode: Pick<DescribeNode, 'execute'>;
  readonly receiveDelivery: Pick<ReceiveActivityPubDelivery, 'execute'>;
  readonly readObject: Pick<ReadObject, 'execute'>;
  readonly readObjectCollection: Pick<ReadObjectCollection, 'execute'>;
}

/** The largest delivery taken (a Note with its tags and attachments is a few KB); larger is a 413. */
const INBOX_BODY_LIMIT = 256 * 1024;

/** The inbox paths, whose bodies the route reads as bytes (the signature's digest covers them exactly). */
const INBOX_PATH = /^\/api\/activitypub\/(?:user\/[^/]+\/)?inbox\/?$/;

/** Whether the app's JSON parser must leave this request's body to the ActivityPub inbox route. */
export function readsActivityPubInboxBody(req: Request): boolean {
  return req.method === 'POST' && INBOX_PATH.test(req.path);
}

/** ActivityPub's media type (https://www.w3.org/TR/activitypub/#server-to-server-interactions). */
const ACTIVITY_JSON = 'application/activity+json; charset=utf-8';

/**
 * The ActivityPub side of the site (docs/activitypub.md §5, §7), none of it behind OAuth: the actor at the
 * person URL `H/<nick>` (to an AS2 request without API credentials), its outbox, followers, following and liked
 * collections (what an anonymous reader may see, paged as pump.io's feeds are), the inboxes (signed deliveries,
 * answered 202; docs/activitypub.md §8) and NodeInfo 2.1.
 *
 * Invariants: every answer reads through the same use cases as the API with no viewer, so only public items
 * appear; the actor carries its public key only; errors are `{"error": message}` with the app-wide statuses.
 */
export function activityPubFeature(deps: ActivityPubRouterDependencies): Feature {
  const { site } = deps;
  const objects = new As1ObjectPresenter(deps.repositories, site);
  const presenters: PagePresenters = { objects, activities: new As1ActivityPresenter(objects) };
  const routes = new FeatureRoutes();

  routes
    .where({ nickname: isValidNickname })
    .when((req) => personUrlRepresentation(req) === 'activitypub')
    .catching(jsonErrors)
    .get('/:nickname', async (req: Request, res: Response) => {
      const nickname = param(req, 'nickname');
      const view = await deps.readUser.execute({ nickname, viewer: null });
      const key = await deps.actorKeys.publishedKeyOf(view.user.nickname);
      sendActivityJson(res, presentActor(presentProfile(view), view.user.nickname, key, site));
    });

  // The instance actor, whose key signs the server's own GETs (docs/activitypub.md §4): served to anyone, signed or
  // not, since a server checking our signed GET fetches it to get the key.
  routes.get('/api/activitypub/actor', async (_req: Request, res: Response) => {
    sendActivityJson(res, presentInstanceActor(await deps.actorKeys.instancePublishedKey(), site));
  });

  routes
    .where({ nickname: isValidNickname, collection: isActorCollection })
    .get('/api/activitypub/user/:nickname/:collection', async (req: Request, res: Response) => {
      const nickname = param(req, 'nickname');
      const collection = param(req, 'collection');
      if (!isActorCollection(collection)) throw notFound('activitypub.no-collection', 'No such collection');
      const feed = ACTOR_COLLECTIONS[collection];
      const page = await deps.readUserStream.execute({
        nickname,
        feed,
        range: parseStreamRange(req.query as Record<string, unknown>),
        viewer: null,
      });
      const as1 = await userStreamJson(presenters, site, page, null);
      // The page's URLs are pump.io's feed URLs (OAuth); here they are this collection's own.
      const moved = movedUrls(
        as1,
        site.userFeedUrl(page.nickname, feed),
        actorCollectionUrl(site, page.nickname, collection),
      );
      sendActivityJson(res, { '@context': AS2_CONTEXT, ...collectionToAs2(moved, site) });
    });

  // Deliveries (docs/activitypub.md §8): the body is read here as bytes, since the signature's digest covers
  // them exactly; the app's JSON parser leaves these paths alone (readsActivityPubInboxBody).
  const readBody = express.raw({ type: () => true, limit: INBOX_BODY_LIMIT });
  const receive = (inbox: ActivityPubInbox) => async (req: Request, res: Response) => {
    if (req.get('Signature') === undefined && req.get('Signature-Input') === undefined) {
      res.status(401).json({ error: 'An ActivityPub delivery must carry an HTTP Signature.' });
      return;
    }
    const outcome = await deps.receiveDelivery.execute({ inbox, request: signableOf(req, site) });
    res
      .status(202)
      .json(
        outcome.kind === 'published' ? { status: 'accepted' } : { status: 'ignored', reason: outcome.reason },
      );
  };
  routes
    .where({ nickname: isValidNickname })
    .post('/api/activitypub/user/:nickname/inbox', readBody, (req: Request, res: Response) =>
      receive({ kind: 'user', nickname: param(req, 'nickname') })(req, res),
    );
  routes.post('/api/activitypub/inbox', readBody, receive({ kind: 'shared' }));

  // Object ids dereferenced by ActivityPub servers (docs/activitypub.md §10): public objects only, as AS2.
  const objectReads = routes
    .where({ type: isEndpointType })
    .when((req) => objectUrlRepresentation(req) === 'activitypub')
    .catching(jsonErrors);
  objectReads.get('/api/:type/:uuid', async (req: Request, res: Response) => {
    const locator = { type: param(req, 'type'), uuid: param(req, 'uuid') };
    try {
      const object = await deps.readObject.execute({ locator, viewer: null });
      sendActivityJson(res, outboundAs2(await objects.presentOne(object, null), site));
    } catch (error) {
      if (!isDomainError(error, 'gone')) throw error;
      // A deleted object answers 410 with its Tombstone (https://www.w3.org/TR/activitypub/#delete-activity-inbox).
      const id = site.objectId(locator.type, locator.uuid);
      const stored = await deps.repositories.objects.findById(id);
      const deleted = typeof stored?.deleted === 'string' ? stored.deleted : new Date(0).toISOString();
      res.status(410);
      sendActivityJson(
        res,
        outboundAs2({ id, objectType: stored?.objectType ?? locator.type, deleted }, site),
      );
    }
  });
  objectReads
    .where({ feed: (feed: string) => feed === 'replies' || feed === 'likes' || feed === 'shares' })
    .get('/api/:type/:uuid/:feed', async (req: Request, res: Response) => {
      const locator = { type: param(req, 'type'), uuid: param(req, 'uuid') };
      const feed = param(req, 'feed') as 'replies';
      const range = parseStreamRange(req.query as Record<string, unknown>);
      const page = await deps.readObjectCollection.execute({ locator, feed, range, viewer: null });
      sendActivityJson(res, outboundAs2(await objectCollectionJson(presenters, site, page, null), site));
    });

  routes.get('/.well-known/nodeinfo', (_req: Request, res: Response) => {
    res.json(nodeInfoLinks(site));
  });
  routes.get('/api/nodeinfo/2.1', async (_req: Request, res: Response) => {
    const node = await deps.describeNode.execute();
    res.set('Content-Type', `application/json; profile="${NODEINFO_SCHEMA}#"`);
    res.send(Buffer.from(JSON.stringify(nodeInfoDocument(node)), 'utf8'));
  });

  return { name: 'activitypub', routes: routes.routes };
}

/**
 * Domain errors of the actor as JSON with their status: the person URL is outside `/api`, where the app-wide
 * handler would render an HTML page, and a server fetching an actor reads JSON. Anything else goes on.
 */
const jsonErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (!isDomainError(error) || res.headersSent) {
    next(error);
    return;
  }
  res.status(STATUS_BY_KIND[error.kind]).json({ error: error.message });
};

function sendActivityJson(res: Response, document: object): void {
  res.vary('Accept');
  res.set('Content-Type', ACTIVITY_JSON);
  res.send(Buffer.from(JSON.stringify(document), 'utf8'));
}

/** The collection page with its `url` and link hrefs under `from` moved under `to` (query strings kept). */
function movedUrls(as1: JsonDocument, from: string, to: string): JsonDocument {
  const move = (value: unknown): unknown =>
    typeof value === 'string' && (value === from || value.startsWith(`${from}?`))
      ? to + value.slice(from.length)
      : value;
  const links: Record<string, unknown> = {};
  const original = as1.links;
  if (original !== null && typeof original === 'object') {
    for (const [rel, link] of Object.entries(original)) {
      links[rel] =
        link !== null && typeof link === 'object' && 'href' in link
          ? { ...link, href: move(link.href) }
          : link;
    }
  }
  return { ...as1, url: move(as1.url), links };
}

/** The request as the signature saw it: its public URL (the site's, as the sender addressed it), headers, bytes. */
function signableOf(req: Request, site: SiteUrls) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(', ');
  }
  const body: Uint8Array = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  return { method: req.method, url: site.url(req.originalUrl.replace(/^\//, '')), headers, body };
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}
