import type { RequestHandler, Router } from 'express';

/** The parts of express's router internals this middleware reads: routes and their path matchers. */
interface RouteLayer {
  route?: { _methods(): string[] };
  match(path: string): boolean;
}

/**
 * Answers `OPTIONS` for every path that some feature router serves, with `Allow` listing the methods of all of
 * them together (pumpio-protocol.md §0: `/api/activity/:uuid` lists GET, PUT and DELETE although GET and the
 * writes live in different routers). Express's own answer would come from the first router that matches and name
 * only its methods. Paths no router serves fall through to the 404.
 */
export function optionsAllow(routers: readonly Router[]): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    const methods = new Set<string>();
    for (const router of routers) {
      for (const layer of router.stack as unknown as RouteLayer[]) {
        if (layer.route !== undefined && layer.match(req.path)) {
          for (const method of layer.route._methods()) methods.add(method);
        }
      }
    }
    if (methods.size === 0) {
      next();
      return;
    }
    methods.add('OPTIONS');
    const allow = [...methods].sort().join(', ');
    res.set('Allow', allow).type('text/plain').send(allow);
  };
}
