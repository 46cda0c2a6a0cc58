/** host-meta links of a pump.io server, in pump.io's order (docs/protocol.md §1.1). */
export function hostMetaLinks(base: string): Record<string, string>[] {
  return [
    { rel: 'lrdd', type: 'application/xrd+xml', template: `${base}/api/lrdd?resource={uri}` },
    { rel: 'lrdd', type: 'application/json', template: `${base}/.well-known/webfinger?resource={uri}` },
    { rel: 'registration_endpoint', href: `${base}/api/client/register` },
    { rel: 'http://apinamespace.org/oauth/request_token', href: `${base}/oauth/request_token` },
    { rel: 'http://apinamespace.org/oauth/authorize', href: `${base}/oauth/authorize` },
    { rel: 'http://apinamespace.org/oauth/access_token', href: `${base}/oauth/access_token` },
    { rel: 'dialback', href: `${base}/api/dialback` },
    { rel: 'http://apinamespace.org/activitypub/whoami', href: `${base}/api/whoami` },
  ];
}

/** The nine WebFinger links of a pump.io user, in pump.io's order (§1.2). */
export function webfingerLinks(base: string, nickname: string): Record<string, string>[] {
  const user = `${base}/api/user/${nickname}`;
  return [
    { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `${base}/${nickname}` },
    { rel: 'dialback', href: `${base}/api/dialback` },
    { rel: 'self', href: `${user}/profile` },
    { rel: 'activity-inbox', href: `${user}/inbox` },
    { rel: 'activity-outbox', href: `${user}/feed` },
    { rel: 'followers', href: `${user}/followers` },
    { rel: 'following', href: `${user}/following` },
    { rel: 'favorites', href: `${user}/favorites` },
    { rel: 'lists', href: `${user}/lists/person` },
  ];
}

/**
 * A pump.io person on port 80: id `acct:nick@host` (§1.3), with its links and collections. pump.io keeps a
 * displayName as its user typed it, markup and all (docs/runtime.md §3.5).
 */
export function personOf(
  base: string,
  nickname: string,
  displayName = `${nickname} on the pump.io peer`,
): Record<string, unknown> {
  const host = new URL(base).host;
  const user = `${base}/api/user/${nickname}`;
  return {
    id: `acct:${nickname}@${host}`,
    objectType: 'person',
    preferredUsername: nickname,
    displayName,
    url: `${base}/${nickname}`,
    links: {
      self: { href: `${user}/profile` },
      'activity-inbox': { href: `${user}/inbox` },
      'activity-outbox': { href: `${user}/feed` },
    },
    followers: { url: `${user}/followers` },
    following: { url: `${user}/following` },
    favorites: { url: `${user}/favorites` },
    lists: { url: `${user}/lists/person` },
  };
}
