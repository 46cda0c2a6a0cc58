/** The express application, ready to hand to an HTTP server. */
export const HttpApp = Symbol('HttpApp');

/** The features of the HTTP app (Feature[]), each declaring its own routes; their order means nothing. */
export const Features = Symbol('Features');

/** The periodic work a server process runs while it serves (BackgroundTask[]). */
export const PeriodicTasks = Symbol('PeriodicTasks');

/** Creates the clients and users the config names (SeedAccounts), run once at start. */
export const AccountSeeder = Symbol('AccountSeeder');

/**
 * The web security layer (WebSecurity from src/adapters/http/security): headers, sessions, CSRF, rate limits, and
 * the `WebSession` the pages log people in and out with.
 */
export const Security = Symbol('Security');

/** Live updates of the web pages (LiveUpdates from src/adapters/http/web/live), or null with `sockjs: false`. */
export const LiveUpdatesToken = Symbol('LiveUpdates');
