import { join } from 'node:path';

import { Router } from 'express';
import type { ResolutionContext } from 'inversify';

import { Clock } from '../../application/ports/clock.port';
import { HtmlSanitizer } from '../../application/ports/html-sanitizer.port';
import { Logger } from '../../application/ports/logger.port';
import { PasswordHasher } from '../../application/ports/password-hasher.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { TemplateRenderer } from '../../application/ports/templating/template-renderer.port';
import { UpdateUser } from '../../application/users/update-user.use-case';
import { createWebRouter } from '../../adapters/http/web/web.router';
import { createAdminDeliveriesRouter } from '../../adapters/http/admin/admin-deliveries.router';
import { ListDeliveries, RequeueDeliveries } from '../../application/delivery/delivery-operations';
import type { WebSecurity } from '../../adapters/http/security/web-security.factory';
import type { SiteUrls } from '../../domain/site/site-urls';
import { PumphouseConfig } from '../config/pumphouse-config';
import { type Publishing, PublishingToken } from './publishing';
import { Security, Site } from './tokens';

/** `public/` at the project root, the same from src/ (tests) and from dist/ (production). */
export const PUBLIC_DIR = join(__dirname, '..', '..', '..', 'public');

/**
 * The web UI router for the FeatureRouters list: mount it LAST (after every API router). It builds its use cases
 * from the same ports as the API routes, and publishes through the same publish use case, so the rules are the
 * API's. The browser session is the security layer's
 * (`Security`): until it is bound, the web UI is not mounted (logged), since pages without sessions and CSRF
 * protection must not be served. With `noweb` it is empty.
 */
export function webRouter(context: ResolutionContext): Router {
  const logger = context.get<Logger>(Logger).child({ component: 'web' });
  // `noweb`: an API-only node (pump.io's setting); the pages and their static files are not served.
  if (context.get<PumphouseConfig>(PumphouseConfig).noweb) return Router();
  const security = context.get<WebSecurity>(Security, { optional: true });
  if (security === undefined) {
    logger.warn({}, 'no web security layer bound: the web UI is not mounted');
    return Router();
  }
  const storage = context.get<Storage>(Storage);
  const clock = context.get<Clock>(Clock);
  const site = context.get<SiteUrls>(Site);
  const sanitizer = context.get<HtmlSanitizer>(HtmlSanitizer);
  const hasher = context.get<PasswordHasher>(PasswordHasher);
  const config = context.get<PumphouseConfig>(PumphouseConfig);
  const { postActivity, registerUser, updateProfile } = context.get<Publishing>(PublishingToken);
  const templates = context.get<TemplateRenderer>(TemplateRenderer);
  // The admin pages first: they pass every request that is not an admin's on to the web UI (and its 404).
  const admin = createAdminDeliveriesRouter({
    session: security.webSession,
    templates,
    siteName: config.site,
    admins: config.admins,
    listDeliveries: new ListDeliveries(storage.jobs),
    requeueDeliveries: new RequeueDeliveries(storage.jobs),
  });
  const web = createWebRouter({
    session: security.webSession,
    site,
    siteName: config.site,
    templates,
    repositories: storage,
    passwords: hasher,
    sanitizer,
    logger,
    registerUser,
    updateProfile,
    updateUser: new UpdateUser(storage, hasher, clock, site, sanitizer),
    postActivity,
    publicDir: PUBLIC_DIR,
  });
  return Router().use(admin, web);
}
