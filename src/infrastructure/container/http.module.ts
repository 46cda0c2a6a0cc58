import type { Express, Router } from 'express';
import { ContainerModule, type ResolutionContext } from 'inversify';

import { Clock } from '../../application/ports/clock.port';
import { Logger } from '../../application/ports/logger.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { createHttpApp } from '../../adapters/http/http-app.factory';
import { webErrorPages } from '../../adapters/http/web/web-error.renderer';
import { TemplateRenderer } from '../../application/ports/templating/template-renderer.port';
import {
  memoryRateLimiters,
  type RateLimiterFactory,
  sqliteRateLimiters,
} from '../../adapters/http/security/rate-limiter-factories';
import { DEFAULT_RATE_LIMITS } from '../../adapters/http/security/rate-limit.middleware';
import { createWebSecurity, type WebSecurity } from '../../adapters/http/security/web-security.factory';
import { openSqliteSideConnection } from '../../adapters/storage/sqlite/sqlite-side-connection';
import { PumphouseConfig } from '../config/pumphouse-config';
import type { SiteUrls } from '../../domain/site/site-urls';
import { FeatureRouters, HttpApp, Security, Site } from './tokens';

/**
 * Where rate limits count: in the SQLite file every worker shares (a connection of its own, opened once the store
 * has created and migrated the file), or in this process for the memory store, which is one process anyway.
 */
function rateLimiters(context: ResolutionContext, config: PumphouseConfig): RateLimiterFactory {
  if (config.driver !== 'sqlite') return memoryRateLimiters;
  context.get<Storage>(Storage);
  return sqliteRateLimiters(openSqliteSideConnection(config.databaseFile));
}

/** The security layer and the HTTP application, built from the config, the logger and the store. */
export function httpModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<WebSecurity>(Security).toDynamicValue((context) => {
      const config = context.get<PumphouseConfig>(PumphouseConfig);
      return createWebSecurity({
        publicBaseUrl: config.publicBaseUrl,
        secret: config.secret,
        hsts: config.hsts,
        sessions: context.get<Storage>(Storage).sessions,
        clock: context.get<Clock>(Clock),
        rateLimiters: rateLimiters(context, config),
        rateLimits: { ...DEFAULT_RATE_LIMITS, ...config.rateLimits },
      });
    });
    bind<Express>(HttpApp).toDynamicValue((context) => {
      const config = context.get<PumphouseConfig>(PumphouseConfig);
      return createHttpApp({
        publicBaseUrl: config.publicBaseUrl,
        logger: context.get<Logger>(Logger).child({ component: 'web' }),
        store: context.get<Storage>(Storage),
        routers: context.get<Router[]>(FeatureRouters),
        security: context.get<WebSecurity>(Security),
        errorPages: config.noweb
          ? undefined
          : webErrorPages({
              templates: context.get<TemplateRenderer>(TemplateRenderer),
              session: context.get<WebSecurity>(Security).webSession,
              siteName: config.site,
              logger: context.get<Logger>(Logger).child({ component: 'web' }),
            }),
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
