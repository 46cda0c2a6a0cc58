import type { RequestHandler, Response } from 'express';

import type { DialbackIdentity } from '../../../application/federation/dialback';
import type { VerifyDialbackRequest } from '../../../application/federation/verify-dialback-request.use-case';
import type { RegisterClient } from '../../../application/oauth/register-client.use-case';
import { invalid } from '../../../domain/errors/domain-error';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** What client registration needs; the composition root builds it. */
export interface ClientRegistrationDeps {
  readonly registerClient: Pick<RegisterClient, 'execute'>;
  readonly verifyDialback: Pick<VerifyDialbackRequest, 'execute'>;
}

/**
 * `POST /api/client/register` (docs/protocol.md §2.1): dynamic registration with a form or JSON body, no OAuth.
 *
 * Invariants: a request carrying any `Authorization` header must pass Dialback (§7.4), and is registered as the
 * host or webfinger it proved; any failure of that, whatever its cause, is 401 text/plain with pump.io's
 * (misspelt) `WWW-Authentication: Dialback` and registers nothing; OPTIONS lists POST.
 */
export function clientRegistrationFeature(deps: ClientRegistrationDeps): Feature {
  const { registerClient } = deps;
  const routes = new FeatureRoutes();
  routes.post('/api/client/register', dialbackIfSigned(deps.verifyDialback), async (req, res) => {
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw invalid('client.no-body', 'No registration type provided');
    }
    const credentials = await registerClient.execute({
      params: body as Record<string, unknown>,
      dialback: dialbackIdentityOf(res),
    });
    res.set('Cache-Control', 'no-store');
    res.json(credentials);
  });
  return { name: 'client-registration', routes: routes.routes };
}

/**
 * Passes an unsigned request through; verifies a signed one and keeps the identity it proved for the handler. An
 * `Authorization` header is never ignored, so a remote server never believes it registered as its host or
 * webfinger when it did not.
 */
function dialbackIfSigned(verify: ClientRegistrationDeps['verifyDialback']): RequestHandler {
  return (req, res, next) => {
    const authorization = req.get('authorization');
    if (authorization === undefined) {
      next();
      return;
    }
    verify.execute({ authorization, date: req.get('date'), path: req.originalUrl }).then((verification) => {
      if (verification.verified) {
        res.locals.dialbackIdentity = verification.identity;
        next();
        return;
      }
      res
        .status(401)
        .set('WWW-Authentication', 'Dialback')
        .type('text/plain')
        .send('Dialback authentication failed');
    }, next);
  };
}

function dialbackIdentityOf(res: Response): DialbackIdentity | undefined {
  return res.locals.dialbackIdentity as DialbackIdentity | undefined;
}
