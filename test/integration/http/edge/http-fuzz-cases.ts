import type { SeededRandom } from '../../../support/seeded-random';

/** One generated request: what is sent, and a description that replays it by eye when it fails. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Sign with the test user's OAuth token (before the header mutations, which may then spoil it). */
  readonly sign: boolean;
  readonly describe: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** Routes of every feature: `{note}` and `{activity}` are replaced with real uuids by the test. */
export const TARGETS = [
  '/',
  '/alice',
  '/alice/followers',
  '/alice/note/{note}',
  '/alice/activity/{activity}',
  '/main/login',
  '/main/register',
  '/main/settings',
  '/main/post',
  '/oauth/request_token',
  '/oauth/access_token',
  '/oauth/authorize',
  '/api/client/register',
  '/api/users',
  '/api/user/alice',
  '/api/user/alice/profile',
  '/api/user/alice/feed',
  '/api/user/alice/feed/major',
  '/api/user/alice/inbox',
  '/api/user/alice/following',
  '/api/user/alice/favorites',
  '/api/user/alice/lists/person',
  '/api/note/{note}',
  '/api/note/{note}/replies',
  '/api/activity/{activity}',
  '/api/collection/{note}/members',
  '/api/whoami',
  '/api/lrdd?resource=acct:alice@localhost',
  '/.well-known/webfinger?resource=acct:alice@localhost',
  '/.well-known/host-meta.json',
];

/** Path damage: bad escapes, overlong and surrogate UTF-8, unicode, dot segments, NUL, raw latin-1 bytes. */
const PATH_PIECES = [
  '%ff',
  '%',
  '%z1',
  '%e2%82',
  '%c0%af',
  '%ed%a0%80',
  '%00',
  '%e2%98%83',
  '%f0%9f%92%a9',
  '..',
  '.',
  '%2e%2e',
  '%2f',
  '\u00e9',
  '\u00ff\u00fe',
  '~',
  ';x=1',
];

function mutatePath(random: SeededRandom, path: string): { path: string; what: string } {
  const [bare, query] = path.split('?');
  const segments = bare.split('/');
  switch (random.below(6)) {
    case 0: {
      const piece = random.pick(PATH_PIECES);
      segments[1 + random.below(segments.length - 1)] += piece;
      return { path: joinPath(segments, query), what: `piece ${JSON.stringify(piece)}` };
    }
    case 1: {
      const length = 1 + random.below(4_000);
      segments.push('a'.repeat(length));
      return { path: joinPath(segments, query), what: `segment of ${length}` };
    }
    case 2:
      return { path: `/..${bare}/../..${query === undefined ? '' : `?${query}`}`, what: 'dot segments' };
    case 3:
      return { path: bare.toUpperCase() + (random.below(2) === 0 ? '/' : ''), what: 'case and slash' };
    case 4:
      return { path: `${bare}?${randomQuery(random)}`, what: 'query' };
    default:
      return { path, what: 'as is' };
  }
}

function joinPath(segments: string[], query: string | undefined): string {
  return segments.join('/') + (query === undefined ? '' : `?${query}`);
}

/** OAuth parameters with bad encoding, repeats and empty values, in a query string or form body. */
function randomQuery(random: SeededRandom): string {
  const names = [
    'oauth_consumer_key',
    'oauth_token',
    'oauth_nonce',
    'oauth_timestamp',
    'oauth_signature',
    'count',
  ];
  const values = ['', '%ff', '%', 'x', '1e400', '-1', '99999999999999999999', '%e2%98%83', 'a+b', '%00'];
  const pairs: string[] = [];
  for (let i = 0, n = 1 + random.below(5); i < n; i += 1) {
    const name = random.pick(names);
    pairs.push(random.below(8) === 0 ? name : `${name}=${random.pick(values)}`);
  }
  if (random.below(3) === 0) pairs.push(pairs[0]);
  return pairs.join('&');
}

const AUTHORIZATIONS = [
  'OAuth',
  'OAuth ,,,',
  'OAuth oauth_consumer_key=unquoted',
  'OAuth oauth_consumer_key="%ff"',
  'OAuth oauth_consumer_key="%", oauth_token="%zz"',
  'OAuth realm="x", oauth_token=""',
  'OAuth oauth_consumer_key="a", oauth_consumer_key="b"',
  'OAuth oauth_consumer_key="", oauth_nonce="", oauth_timestamp="", oauth_signature=""',
  'OAuth oauth_consumer_key="k", oauth_timestamp="1e400", oauth_signature_method="PLAINTEXT"',
  'OAuth oauth_consumer_key="k", oauth_signature_method="RSA-SHA1", oauth_signature="x"',
  'OAuth "', // an unclosed quote
  'oauth oauth_consumer_key="lowercase-scheme"',
  'Bearer some-token',
  'Basic YWxpY2U6cGFzc3dvcmQ=',
  `OAuth oauth_consumer_key="${'k'.repeat(4_000)}"`,
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'application/json; charset=klingon',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=ebcdic',
  'application/activity+json',
  'multipart/form-data',
  'text/plain',
  ';;;',
  'application/*',
];

function deepJson(random: SeededRandom): string {
  const depth = 50 + random.below(6_000);
  return random.below(2) === 0
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Bodies: deep nesting, wrong types, not JSON at all, huge numbers, arrays for objects, odd keys. */
function randomBody(random: SeededRandom): { body: string; what: string } {
  const bodies: Array<() => string> = [
    () => deepJson(random),
    () => JSON.stringify({ verb: 7, object: 'note' }),
    () => JSON.stringify({ verb: 'post', object: { objectType: 'note', content: 42 } }),
    () => JSON.stringify({ verb: 'post', object: [{ objectType: 'note' }], to: 'everyone' }),
    () => JSON.stringify({ verb: 'follow', object: { objectType: 'person', id: 42 } }),
    () => JSON.stringify({ verb: 'post', object: { objectType: 'note', inReplyTo: { id: '%ff' } } }),
    () => JSON.stringify({ nickname: ['alice'], password: { a: 1 }, email: null }),
    () => JSON.stringify({ type: 'client_associate', application_name: 7, contacts: {} }),
    () => '{"verb": "post",',
    () => 'nul',
    () => '\u0000\u0001\u0002',
    () => '1e400',
    () => '{"count": 1e400, "offset": -1e400, "n": 123456789012345678901234567890}',
    () => '[]',
    () => '[{}]',
    () => '"a string"',
    () => 'null',
    () => '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}',
    () => `{"content": "${'x'.repeat(random.below(200_000))}"}`,
    () => randomQuery(random),
    () => '',
  ];
  const index = random.below(bodies.length);
  const body = bodies[index]();
  return { body, what: `body #${index} (${body.length} chars)` };
}

/** One request mixing path, header, body and OAuth damage at random. */
export function fuzzRequest(random: SeededRandom, fill: (path: string) => string): FuzzRequest {
  const method = random.pick(METHODS);
  const { path, what: pathWhat } = mutatePath(random, fill(random.pick(TARGETS)));
  const headers: Record<string, string> = {
    Accept: random.pick(['text/html', 'application/json', '*/*', '%%%']),
  };
  const notes = [method, pathWhat];
  if (random.below(3) === 0) {
    headers.Authorization = random.pick(AUTHORIZATIONS);
    notes.push(`authorization ${headers.Authorization.slice(0, 60)}`);
  }
  if (random.below(4) === 0) {
    const length = random.below(4_000);
    headers['X-Fuzz'] = 'v'.repeat(length);
    notes.push(`header of ${length}`);
  }
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD' && random.below(5) !== 0) {
    const made = randomBody(random);
    body = made.body;
    headers['Content-Type'] = random.below(3) === 0 ? random.pick(CONTENT_TYPES) : 'application/json';
    notes.push(made.what, `content-type ${headers['Content-Type']}`);
  }
  const sign = headers.Authorization === undefined && random.below(3) !== 0;
  if (sign) notes.push('signed');
  return { method, path, headers, body, sign, describe: notes.join(', ') };
}
