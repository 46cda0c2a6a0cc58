import type { Request, Response } from 'express';

import type { ProxyRemoteResource } from '../../../application/federation/proxy-remote-resource.use-case';
import { unauthenticated } from '../../../domain/errors/domain-error';
import { principalOf, type RequestAuthenticator, requireAuth } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** What the proxy route needs. */
export interface ProxyRouterDependencies {
  readonly authenticator: RequestAuthenticator;
  readonly proxy: ProxyRemoteResource;
}

// A proxied answer is another server's content served from our origin: it may never run as a page of ours.
const SANDBOX_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/**
 * `GET /api/proxy/:id` (docs/protocol.md §7, the proxy), userRead: a local user reads a remote resource through this
 * server, with this server's credentials for them at that host.
 *
 * Invariants: an unknown or forged id is 404 {"error"}; a remote failure is 502 {"error": "Unable to retrieve
 * proxy data: ..."} (pump.io answers 500; a gateway failure is what 502 means, RFC 9110 §15.6.3); the answer
 * carries only the passed-through headers, `Vary` on the credentials (it depends on who asks), and a sandboxing
 * CSP, so remote HTML or SVG opened from our origin can run nothing.
 */
export function proxyFeature(deps: ProxyRouterDependencies): Feature {
  const router = new FeatureRoutes();
  router.get(
    '/api/proxy/:id',
    requireAuth(deps.authenticator, 'userRead'),
    async (req: Request, res: Response) => {
      const viewer = principalOf(res).user;
      if (viewer === null) throw unauthenticated('auth.user-required', 'Not authorized');
      const result = await deps.proxy.execute({
        id: typeof req.params.id === 'string' ? req.params.id : '',
        viewer,
        conditional: {
          ifNoneMatch: req.get('if-none-match'),
          ifModifiedSince: req.get('if-modified-since'),
        },
      });
      if (result.outcome === 'upstream-failed') {
        res.status(502).json({ error: `Unable to retrieve proxy data: ${result.reason}` });
        return;
      }
      res.status(result.status).set(result.headers);
      res.set({ Vary: 'Authorization, Cookie', 'Content-Security-Policy': SANDBOX_CSP });
      if (result.status === 304) {
        res.end();
        return;
      }
      res.send(Buffer.from(result.body));
    },
  );
  return { name: 'proxy', routes: router.routes };
}
