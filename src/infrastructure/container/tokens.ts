/** The express application, ready to hand to an HTTP server. */
export const HttpApp = Symbol('HttpApp');

/** The site's public URLs (SiteUrls), from the configured public base URL. */
export const Site = Symbol('Site');

/** The RequestAuthenticator every API route authenticates with. */
export const Authenticator = Symbol('Authenticator');

/** The feature routers, in the order the HTTP app mounts them. */
export const FeatureRouters = Symbol('FeatureRouters');

/** The periodic work a server process runs while it serves (BackgroundTask[]). */
export const PeriodicTasks = Symbol('PeriodicTasks');

/** Creates the clients and users the config names (SeedAccounts), run once at start. */
export const AccountSeeder = Symbol('AccountSeeder');

/**
 * The web security layer (WebSecurity from src/adapters/http/security): headers, sessions, CSRF, rate limits, and
 * the `WebSession` the pages log people in and out with.
 */
export const Security = Symbol('Security');
