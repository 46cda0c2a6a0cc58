import { Router, type Request, type Response } from 'express';

import { hostMetaLinks, renderXrd } from './host-meta.presenter';

/**
 * `GET /.well-known/host-meta` and `/.well-known/host-meta.json` (docs/protocol.md §1.1). host-meta answers
 * JSON only when the request has an Accept header that accepts application/json (`*\/*` does, as in pump.io);
 * without an Accept header it is XRD. host-meta.json is always JSON.
 */
export function hostMetaRouter(publicBaseUrl: string): Router {
  const links = hostMetaLinks(publicBaseUrl);
  const xrd = Buffer.from(renderXrd(links), 'utf8');
  const sendJson = (_req: Request, res: Response): void => {
    res.json({ links });
  };

  const router = Router();
  router.get('/.well-known/host-meta', (req, res) => {
    if (req.get('Accept') !== undefined && req.accepts('application/json') !== false) {
      sendJson(req, res);
      return;
    }
    // Exactly pump.io's content type, without a charset parameter: a Buffer body keeps express from adding one.
    res.set('Content-Type', 'application/xrd+xml').send(xrd);
  });
  router.get('/.well-known/host-meta.json', sendJson);
  return router;
}
