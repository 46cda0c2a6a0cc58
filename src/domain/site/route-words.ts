/**
 * The first path segments the site keeps for itself (`H/<word>/...`). Every other first segment is a person's
 * page, `H/<nickname>`, so no nickname may be one of these words (docs/protocol.md §3.1 computes its own
 * blacklist from its routes the same way). Words compare without regard to ASCII case, as express matches
 * routes (`/API/users` is `/api/users`).
 *
 * Invariants: every route the HTTP adapters declare starts with one of {@link SITE_ROUTE_WORDS} or with a
 * nickname; test/integration/http/users/reserved-nicknames.test.ts checks every route of the app against it.
 */
export const SITE_ROUTE_WORDS: readonly string[] = [
  // Ours: the API, the web UI's pages and files, OAuth 1.0a, discovery (RFC 6415, RFC 7033).
  'api',
  'main',
  'oauth',
  'public',
  '.well-known',
  // pump.io's, kept free so that a site that moves here, or a route we add later, shadows no one.
  'oauth2',
  'uploads',
  'robots.txt',
  'humans.txt',
  'sitemap.xml',
  'favicon.ico',
  'contribute.json',
];
