import { OAuth } from 'oauth-evanp';

/** A client registered at the peer through Dialback, as pump.io records it (one identity, never both). */
export interface PeerClient {
  readonly key: string;
  readonly secret: string;
  readonly identity: { readonly host: string } | { readonly webfinger: string };
}

/** The fields of an `Authorization: OAuth k="v",...` header, decoded. */
export function oauthFields(header: string | undefined): Record<string, string> | undefined {
  if (header === undefined || !/^OAuth\s/i.test(header)) return undefined;
  const fields: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([\w.~%-]+)="([^"]*)"/g)) {
    fields[decodeURIComponent(match[1])] = decodeURIComponent(match[2]);
  }
  return fields;
}

/**
 * Checks a 2-legged OAuth 1.0a request (HMAC-SHA1, no token) the way a pump.io server does, computing the
 * signature with pump.io's own oauth-evanp: over the method, the URL without its query, and the OAuth fields,
 * query parameters and form fields together. Answers the client, or why it is refused.
 */
export function verifyTwoLegged(
  request: { method: string; url: string; authorization?: string; form?: Record<string, string> },
  clientOf: (key: string) => PeerClient | undefined,
  seenNonces: Set<string>,
): PeerClient | { refused: string } {
  const fields = oauthFields(request.authorization);
  if (fields === undefined) return { refused: 'no OAuth Authorization header' };
  const { oauth_signature: given, ...signed } = fields;
  if (fields.oauth_signature_method !== 'HMAC-SHA1') return { refused: 'not HMAC-SHA1' };
  if (fields.oauth_token !== undefined) return { refused: 'a token on a 2-legged request' };
  const client = clientOf(fields.oauth_consumer_key ?? '');
  if (client === undefined) return { refused: `unknown consumer key ${fields.oauth_consumer_key}` };
  if (Math.abs(Date.now() / 1000 - Number(fields.oauth_timestamp)) > 300)
    return { refused: 'stale timestamp' };
  const nonce = `${client.key}/${fields.oauth_timestamp}/${fields.oauth_nonce}`;
  if (seenNonces.has(nonce)) return { refused: 'nonce used before' };
  const url = new URL(request.url);
  const parameters: Record<string, string> = { ...signed, ...(request.form ?? {}) };
  for (const [name, value] of url.searchParams) parameters[name] = value;
  const oauth = new OAuth(null, null, client.key, client.secret, '1.0', null, 'HMAC-SHA1');
  const expected = oauth._getSignature(
    request.method,
    request.url,
    oauth._normaliseRequestParams(parameters),
    '',
  );
  if (expected !== given) return { refused: 'bad signature' };
  seenNonces.add(nonce);
  return client;
}

/** A 2-legged signed request with pump.io's library and pump.io's User-Agent (docs/protocol.md §7.6). */
export function twoLegged(client: { key: string; secret: string }): OAuth {
  return new OAuth(null, null, client.key, client.secret, '1.0', null, 'HMAC-SHA1', null, {
    'User-Agent': 'pump.io/6.0.0-alpha.0',
  });
}
