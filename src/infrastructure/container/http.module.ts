import type { Express, Router } from 'express';
import { ContainerModule } from 'inversify';

import { Logger } from '../../application/ports/logger.port';
import { UserRepository } from '../../application/ports/storage/user-repository.port';
import { createHttpApp } from '../../adapters/http/http-app.factory';
import { PumphouseConfig } from '../config/pumphouse-config';
import type { SiteUrls } from '../../domain/site/site-urls';
import { FeatureRouters, HttpApp, Site } from './tokens';

/** The HTTP application, built from the public base URL, the logger and the store. */
export function httpModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Express>(HttpApp).toDynamicValue((context) => {
      const config = context.get<PumphouseConfig>(PumphouseConfig);
      return createHttpApp({
        publicBaseUrl: config.publicBaseUrl,
        logger: context.get<Logger>(Logger).child({ component: 'web' }),
        users: context.get<UserRepository>(UserRepository),
        routers: context.get<Router[]>(FeatureRouters),
        canonicalHost: {
          site: context.get<SiteUrls>(Site),
          redirectToCanonical: config.redirectToCanonical,
          redirectAddressToCanonical: config.redirectAddressToCanonical,
          address: config.address,
          port: config.port,
        },
      });
    });
  });
}
