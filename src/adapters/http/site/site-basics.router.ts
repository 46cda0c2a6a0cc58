import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** How long browsers may keep the icon before asking again: it changes with a new release or config at most. */
const ICON_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * `GET /favicon.ico`: the configured icon file (config `favicon`) or the built-in one, on API-only nodes too, as
 * pump.io serves it. Always `image/x-icon`, whatever the file is named, as pump.io's serve-favicon answered.
 */
export function faviconFeature(iconFile: string): Feature {
  const routes = new FeatureRoutes();
  routes.get('/favicon.ico', (_req, res, next) => {
    res.sendFile(
      iconFile,
      { maxAge: ICON_MAX_AGE_MS, headers: { 'Content-Type': 'image/x-icon' } },
      (error?: Error) => {
        if (error !== undefined && !res.headersSent) next(error);
      },
    );
  });
  return { name: 'favicon', routes: routes.routes };
}

/** What the API-only home page shows. */
export interface ApiHomeDeps {
  readonly templates: TemplateRenderer;
  readonly siteName: string;
}

/**
 * `GET /` on an API-only node (config `noweb`): a short page that says what this server is and where its API
 * starts, as pump.io shows its API documentation there. No login or register links: there are no pages for them.
 */
export function apiHomeFeature(deps: ApiHomeDeps): Feature {
  const routes = new FeatureRoutes();
  routes.get('/', (_req, res) => {
    res.type('html').send(deps.templates.render('api-home', { siteName: deps.siteName }));
  });
  return { name: 'api-home', routes: routes.routes };
}
