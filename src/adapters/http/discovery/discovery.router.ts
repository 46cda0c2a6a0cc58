import type { ErrorRequestHandler, Request, Response } from 'express';

import type { ResolveResource } from '../../../application/discovery/resolve-resource.use-case';
import { isDomainError } from '../../../domain/errors/domain-error';
import { STATUS_BY_KIND } from '../error-status';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { renderXrd } from '../host-meta.presenter';

/** What the discovery routes need; the composition root builds it. */
export interface DiscoveryRouterDependencies {
  readonly resolveResource: Pick<ResolveResource, 'execute' | 'executeForActivityPub'>;
}

/**
 * `GET /.well-known/webfinger` (always JSON; JRD with the ActivityPub link to a request that asks for
 * `application/jrd+json`) and `GET /api/lrdd` (XRD unless the request has an Accept header
 * that accepts application/json, as host-meta decides) of docs/protocol.md §1.2. No authentication.
 *
 * Invariants: the answer is `{links}` with no subject and no aliases; JSON is `application/json; charset=utf-8`
 * and XRD `application/xrd+xml`; webfinger errors are JSON `{"error": message}` too (the app-wide handler would
 * answer plain text outside /api), and lrdd errors are JSON through the app-wide handler.
 */
export function discoveryFeature(deps: DiscoveryRouterDependencies): Feature {
  const routes = new FeatureRoutes();
  const resolve = (req: Request) => deps.resolveResource.execute({ resource: req.query.resource });

  routes.catching(webfingerErrors).get('/.well-known/webfinger', async (req: Request, res: Response) => {
    res.vary('Accept');
    if (asksForJrd(req)) {
      const descriptor = await deps.resolveResource.executeForActivityPub({ resource: req.query.resource });
      res.set('Content-Type', JRD_MEDIA_TYPE).send(Buffer.from(JSON.stringify(descriptor), 'utf8'));
      return;
    }
    res.json({ links: await resolve(req) });
  });

  routes.get('/api/lrdd', async (req: Request, res: Response) => {
    const links = await resolve(req);
    if (req.get('Accept') !== undefined && req.accepts('application/json') !== false) {
      res.json({ links });
      return;
    }
    // A Buffer body keeps express from adding a charset, as host-meta does.
    res.set('Content-Type', 'application/xrd+xml').send(Buffer.from(renderXrd(links), 'utf8'));
  });

  return { name: 'discovery', routes: routes.routes };
}

const JRD_MEDIA_TYPE = 'application/jrd+json; charset=utf-8';

/**
 * True when the request names WebFinger's own media type (RFC 7033 §10.2), as Mastodon and Fedify do: it gets the
 * descriptor with a subject and the ActivityPub actor link (docs/activitypub.md §5). pump.io and its tests send
 * no Accept or `application/json` and keep getting exactly pump.io's `{links}`.
 */
function asksForJrd(req: Request): boolean {
  const accept = req.get('accept');
  return accept !== undefined && /application\/jrd\+json/i.test(accept);
}

/** Domain errors of webfinger as JSON with their status; anything else goes on to the app's handler. */
const webfingerErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (!isDomainError(error) || res.headersSent) {
    next(error);
    return;
  }
  res.status(STATUS_BY_KIND[error.kind]).json({ error: error.message });
};
