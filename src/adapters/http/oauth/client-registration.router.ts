import type { RequestHandler } from 'express';

import type { RegisterClient } from '../../../application/oauth/register-client.use-case';
import { invalid } from '../../../domain/errors/domain-error';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** What client registration needs; the composition root builds it. */
export interface ClientRegistrationDeps {
  readonly registerClient: Pick<RegisterClient, 'execute'>;
}

/**
 * `POST /api/client/register` (docs/protocol.md §2.1): dynamic registration with a form or JSON body, no OAuth.
 *
 * Invariants: a request carrying any `Authorization` header must pass Dialback, which is not built yet, so it is
 * refused with 401 text/plain and pump.io's (misspelt) `WWW-Authentication: Dialback`; OPTIONS lists POST.
 */
export function clientRegistrationFeature(deps: ClientRegistrationDeps): Feature {
  const { registerClient } = deps;
  const routes = new FeatureRoutes();
  routes.post('/api/client/register', refuseWithoutDialback, async (req, res) => {
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw invalid('client.no-body', 'No registration type provided');
    }
    const credentials = await registerClient.execute({ params: body as Record<string, unknown> });
    res.set('Cache-Control', 'no-store');
    res.json(credentials);
  });
  return { name: 'client-registration', routes: routes.routes };
}

/**
 * Until Dialback exists, an `Authorization` header cannot be honoured. It is refused rather than ignored, so a
 * remote server never believes it registered as its host or webfinger when it did not.
 */
const refuseWithoutDialback: RequestHandler = (req, res, next) => {
  if (req.get('authorization') === undefined) {
    next();
    return;
  }
  res
    .status(401)
    .set('WWW-Authentication', 'Dialback')
    .type('text/plain')
    .send('Dialback authentication not supported yet');
};
