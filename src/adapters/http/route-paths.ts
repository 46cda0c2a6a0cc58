/**
 * Path tests that decide security or the error format must match paths the way express routes them: without
 * regard to case and with an optional trailing slash (express's `caseSensitive` and `strict` settings, both off
 * in this app). A test that compared exact strings would let `/API/user/x/feed` or `/oauth/authorize/` reach
 * the same handler while skipping the rule meant for it (issue 10, item 5).
 */

function normalized(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

/** True when `path` routes to `route` itself (`route` is lower case, without a trailing slash). */
export function routesTo(path: string, route: string): boolean {
  return normalized(path) === route;
}

/** True when `path` routes to `prefix` or anything under it (`prefix` is lower case, without a trailing slash). */
export function routesUnder(path: string, prefix: string): boolean {
  const candidate = normalized(path);
  return candidate === prefix || candidate.startsWith(`${prefix}/`);
}

/** The pump.io API, whose errors are JSON and which is signed with OAuth rather than cookies. */
export function isApiPath(path: string): boolean {
  return routesUnder(path, '/api');
}
